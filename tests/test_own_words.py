"""Extraction on four more sets of articles in our own words, guarded: their scores must not drop.

``tests/fixtures/own-words/{a,b,c,d}`` hold 44 short articles about legislative change that helper
sessions wrote from their own imagination (no news text, invented people and figures) for countries
and house styles the development set does not cover: Chile, Malaysia, Thailand, South Korea, Romania,
Mexico, Uganda, Zambia, a Canadian province and an Australian state (a); Argentina, Lithuania,
Pakistan, Colombia, Japan, Tanzania, Zimbabwe, New Zealand, Nepal, Jamaica (b); Ireland, an Indian
state, Bangladesh, Vietnam, the Philippines, Ghana, Georgia, Taiwan, Kyrgyzstan, Brazil, Ecuador,
Egypt (c); Kazakhstan, Tajikistan, Turkmenistan, Azerbaijan, Armenia, Belarus, Russia, Sri Lanka,
Botswana and Malawi, Guyana, the Maldives, Turkey (d). Each set was written by a session that did
not see the extractor, with gold following ../shared/gold/dev/README.md, and each was scored before
any rule was changed for it: 0.742, 0.752, 0.786 and 0.790 with the extractor of the session start
(ca3b23c); set d was scored blind (0.807) after the work on sets a-c. The rules written since are
patterns of how news states laws, steps and penalties, each with test sentences of its own in
tests/test_extract_legal.py and tests/test_extract_entities.py. Raise a floor when extraction
improves, never lower it.
"""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import shared_path

HERE = Path(__file__).parent / "fixtures" / "own-words"
# overall F1 measured 2026-12-04 after the work of that day: a 0.928, b 0.889, c 0.918, d 0.879
FLOOR = {"a": 0.92, "b": 0.88, "c": 0.91, "d": 0.87}


@pytest.mark.parametrize("name", sorted(FLOOR))
def test_own_words_score_does_not_drop(tmp_path, name):
    folder = HERE / name
    out = tmp_path / f"{name}.json"
    kg = shlex.join([sys.executable, "-m", "kg"])
    done = subprocess.run([sys.executable, str(shared_path("tools", "kg_eval.py")), "--gold", str(folder / "gold"),
                           str(folder), "--kg", kg, "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(out.read_text())
    assert result["overall_f1"] + 1e-9 >= FLOOR[name], (name, result["overall_f1"], FLOOR[name])
    assert "documents not found" not in done.stdout, done.stdout
