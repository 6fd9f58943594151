"""The development-set score, guarded: it must not drop below the floor we measured.

Runs ../shared/tools/kg_eval.py (the scorer) on the seed listing, corpus/dev and corpus/dev2
(articles from outlets and countries the first set does not cover), the way the evaluation does, through the real ``kg build`` and ``kg export`` commands.
Raise the floors in ``dev_score_floor.json`` when extraction improves.
"""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import shared_path

FLOOR = json.loads((Path(__file__).parent / "dev_score_floor.json").read_text())


def score(gold: Path, corpus: Path, tmp_path: Path) -> dict:
    out = tmp_path / f"{gold.stem}.json"
    kg = shlex.join([sys.executable, "-m", "kg"])
    done = subprocess.run([sys.executable, str(shared_path("tools", "kg_eval.py")), "--gold", str(gold), str(corpus),
                           "--kg", kg, "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(out.read_text())


@pytest.mark.parametrize("name, gold, corpus", [
    ("seed", ("gold", "central-asia-news-listing.json"), ("seeds",)),
    ("dev", ("gold", "dev"), ("corpus", "dev")),
    ("dev2", ("gold", "dev2"), ("corpus", "dev2")),
])
def test_development_score_does_not_drop(name, gold, corpus, tmp_path):
    result = score(shared_path(*gold), shared_path(*corpus), tmp_path)
    floor = FLOOR[name]
    drops = {kind: (round(result[kind]["f1"], 3), want) for kind, want in floor["kinds"].items()
             if result[kind]["f1"] + 1e-9 < want}
    assert result["overall_f1"] + 1e-9 >= floor["overall_f1"], (result["overall_f1"], floor["overall_f1"])
    assert not drops, f"F1 dropped below the floor: {drops}"
