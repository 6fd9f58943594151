"""Extraction on unseen house styles, guarded: the held-out generalization set must not drop.

``tests/fixtures/generalization`` holds news articles the team wrote in its own words in the
styles of outlets and countries the development set does not cover (India, Kenya, Mongolia, Bangladesh, the
Philippines, Brazil, Ukraine, Poland, Indonesia, Egypt, South Africa, a US state, France,
China, Vietnam, Nigeria, Ghana, and Central Asia in other outlets' styles), with negative
cases (a court's sentence on a named person, a treaty partner, numbers that are not
penalties, a cabinet-approved draft). The gold follows ../shared/gold/dev/README.md. The
rules were not written while looking at these articles' wording; raise FLOOR when
extraction improves, never lower it.
"""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

from .conftest import shared_path

HERE = Path(__file__).parent / "fixtures" / "generalization"
# overall F1 on the 24 articles: measured 0.974 with the whole-article reading, 0.958 without it (0.919 with b2f5923's extractor; articles 19-24, added with the
# people/bodies/penalty-units work of issue 12, scored 0.841 at first reading, 0.723 with b2f5923). On the first 18
# articles: 0.989 (0.968 before that work, 0.874 before the law-title and actor work, 0.757 before the
# generalization work)
FLOOR = 0.97
# persons, organizations and penalties each measured 1.000 on the 24 articles (0.864, 0.909, 0.929 with b2f5923)
KIND_FLOOR = {"persons": 0.97, "organizations": 0.97, "penalties": 0.97}


def test_generalization_score_does_not_drop(tmp_path):
    out = tmp_path / "generalization.json"
    kg = shlex.join([sys.executable, "-m", "kg"])
    done = subprocess.run([sys.executable, str(shared_path("tools", "kg_eval.py")), "--gold", str(HERE / "gold"),
                           str(HERE), "--kg", kg, "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(out.read_text())
    assert result["overall_f1"] + 1e-9 >= FLOOR, (result["overall_f1"], FLOOR)
    drops = {kind: round(result[kind]["f1"], 3) for kind, want in KIND_FLOOR.items() if result[kind]["f1"] + 1e-9 < want}
    assert not drops, f"F1 dropped below the floor: {drops}"
    # every article was found by its headline
    assert "documents not found" not in done.stdout, done.stdout
