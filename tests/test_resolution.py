"""Cross-article resolution: pairwise precision and recall against the resolution gold,
order independence, rebuilds, removals, the recorded decisions, kg explain and law-history."""
from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.resolve.measure import load_gold, score_gold
from kg.resolve.names import fold_name
from kg.resolve.resolver import LAW_THRESHOLD, law_score
from kg.store import open_store

HERE = Path(__file__).parent / "fixtures" / "resolution"
SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")

#: the issue's targets: laws P >= 0.95, R >= 0.85; bodies and persons P >= 0.98, R >= 0.95
TARGETS = {"law": (0.95, 0.85), "org": (0.98, 0.95), "person": (0.98, 0.95)}
FIXTURE_FLOORS = TARGETS
#: the real corpus meets them too (measured: 1.00 / 1.00 for each kind)
CORPUS_FLOORS = TARGETS


def _build(tmp_path, files, name="store"):
    store = open_store(str(tmp_path / name), create=True)
    build([str(f) for f in files], store)
    return store


def _laws(store) -> dict[str, frozenset[str]]:
    rows = store.query("SELECT ?law ?g WHERE { GRAPH ?g { ?law a lk:Law } }").rows
    out: dict[str, set[str]] = {}
    for law, g in rows:
        out.setdefault(str(law), set()).add(str(g))
    return {k: frozenset(v) for k, v in out.items()}


FIXTURES = sorted(HERE.glob("r*.txt"))


def test_fixture_gold_meets_the_targets(tmp_path):
    store = _build(tmp_path, FIXTURES)
    scores = score_gold(store, load_gold(HERE / "fixture-clusters.json"), HERE)
    for kind, (p, r) in FIXTURE_FLOORS.items():
        s = scores[kind]
        assert s.found == s.mentions, s.line()
        assert s.precision >= p and s.recall >= r, (s.line(), s.wrong, s.missed)


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="the shared corpus is not here")
def test_corpus_gold_floors(tmp_path):
    store = _build(tmp_path, [SHARED / "seeds", SHARED / "corpus" / "dev", SHARED / "corpus" / "dev2"])
    scores = score_gold(store, load_gold(HERE / "corpus-clusters.json"), SHARED)
    for kind, (p, r) in CORPUS_FLOORS.items():
        s = scores[kind]
        assert s.precision >= p and s.recall >= r, (s.line(), s.wrong, s.missed)


def test_any_order_gives_the_same_laws_and_iris(tmp_path):
    want = None
    orders = [FIXTURES, FIXTURES[::-1]] + [random.Random(seed).sample(FIXTURES, len(FIXTURES)) for seed in (1, 2)]
    for i, order in enumerate(orders):
        store = open_store(str(tmp_path / f"s{i}"), create=True)
        for f in order:  # one document per build: each is resolved against the store
            build([str(f)], store)
        got = _laws(store)
        store.close()
        if want is None:
            want = got
        assert got == want


def test_rebuild_keeps_iris_and_removing_the_last_article_removes_the_law(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in FIXTURES:
        shutil.copy(f, folder / f.name)
    store = open_store(str(tmp_path / "store"), create=True)
    build([str(folder)], store)
    before = _laws(store)
    build([str(folder)], store, force=True)
    assert _laws(store) == before
    # r04 is the only article about the 2019 poaching amendments
    poaching = [law for law, docs in before.items() if len(docs) == 1 and "poaching" in law]
    assert poaching, before
    (folder / "r04.txt").write_text("Weather report\n\nASTANA, June 11, 2019 - It rained.\n", encoding="utf-8")
    build([str(folder)], store)
    after = _laws(store)
    assert not set(poaching) & set(after)
    assert {k: v for k, v in after.items()} == {k: v for k, v in before.items() if k not in poaching}


def test_decisions_are_recorded_and_explained(tmp_path, capsys):
    from click.testing import CliRunner
    from kg.cli import cli
    store_dir = tmp_path / "store"
    store = _build(tmp_path, FIXTURES)
    store.close()
    runner = CliRunner()
    laws = runner.invoke(cli, ["query", "--store", str(store_dir), "--format", "csv",
                               "SELECT DISTINCT ?l WHERE { ?d lk:resolvedTo ?l ; lk:resolutionOutcome 'merged' . ?l a lk:Law }"])
    merged = [line for line in laws.output.split()[1:] if "cyberbullying" in line]
    assert len(merged) == 1
    out = runner.invoke(cli, ["explain", merged[0], "--store", str(store_dir)])
    assert out.exit_code == 0, out.output
    assert out.output.count("merged, score") == 2 and "new entity" in out.output
    assert "title (combating, cyberbullying)" in out.output
    history = runner.invoke(cli, ["query", "--store", str(store_dir), "--saved", "law-history", "-p",
                                  f"law={merged[0]}", "--format", "csv"])
    assert history.exit_code == 0, history.output
    dates = [line.split(",")[0] for line in history.output.strip().splitlines()[1:]]
    assert dates == sorted(dates) and len(dates) >= 3
    missing = runner.invoke(cli, ["explain", "law/kz/nothing", "--store", str(store_dir)])
    assert missing.exit_code != 0 and "not in the store" in missing.output


def test_look_alikes_stay_apart():
    signed_2019 = {"key": "a", "title": "amendments to the Criminal Code", "country": "KZ", "status": "Signed",
                   "date": "2019-06-10", "articles": ["kz/criminal-code/339"], "steps": []}
    proposed_2023 = {"key": "b", "title": "amendments to the Criminal Code", "country": "KZ",
                     "status": "Proposed", "doc_date": "2023-11-01", "articles": [], "steps": []}
    assert law_score(signed_2019, proposed_2023)[0] == 0.0
    bill_2016 = {"key": "c", "title": "Criminal Laws (Amendment) Bill, 2016", "country": "PK", "steps": []}
    bill_2020 = {"key": "d", "title": "Criminal Laws (Amendment) Bill, 2020", "country": "PK", "steps": []}
    assert law_score(bill_2016, bill_2020)[0] == 0.0
    assert fold_name("Berdimuhamedov") == fold_name("Berdymukhammedov")


def _law(key, title, **kw):
    return {"key": key, "title": title, "country": "KZ", "steps": [], **kw}


def test_words_of_how_a_law_changes_the_rules_do_not_name_it():
    # "toughening penalties", "expand definitions", "lengthen punishments" say how, not which act:
    # two such descriptions of laws on other subjects share no distinctive word
    a = _law("a", "amendments toughening penalties for illegal logging")
    b = _law("b", "amendments toughening penalties for drunk driving")
    assert law_score(a, b)[0] == 0.0
    from kg.resolve.names import distinctive_words
    assert distinctive_words("amendments toughening penalties and extending liability in cases of cruelty to "
                             "horses and donkeys") == {"cruelty", "horse", "donkey"}


def test_half_a_subject_merges_only_with_more_that_agrees():
    # one act told by its subject in two ways ("cruelty to horses and donkeys" and "the welfare of horses
    # and the care of donkeys"): half the subject words alone are not enough ...
    told_a = _law("a", "amendments on cruelty to horses and donkeys", status="Signed",
                  penalties=[["LifeImprisonment", None, None, None, None]], steps=[["Signing", "2024-04-15"]])
    told_b = _law("b", "law on ensuring the welfare of horses and the care of donkeys", status="Proposed",
                  steps=[["Proposal", "2024-01-20"]])
    score, _ = law_score(told_a, told_b)
    assert 0 < score < LAW_THRESHOLD
    # ... the same penalties and a life in order are
    told_b["penalties"] = [["LifeImprisonment", None, None, None, None]]
    score, features = law_score(told_a, told_b)
    assert score >= LAW_THRESHOLD and "penalties" in features
    # a life out of order never merges, whatever agrees
    told_b["steps"] = [["Proposal", "2026-01-20"]]
    assert law_score(told_a, told_b)[0] == 0.0
