"""The cheap first pass (kg.extract.gate) and ``kg build --legal-only``: news not about law is
stored unread, news about law is read exactly as without the gate."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.extract import extract
from kg.extract.gate import may_carry_law
from kg.ingest import iter_documents
from kg.ingest.document import Document
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")


@pytest.mark.parametrize("text", [
    "The Senate passed the bill on Tuesday by 61 votes to 38.",
    "Lawmakers voted to approve amendments to the Labour Code.",
    "The decree signed by the president enters into force on 1 July.",
    "Parliament adopted the draft in the first reading.",
    "Under Article 125 of the Penal Code, offenders face up to five years.",
    "Offenders face a fine of up to 5,000 euros.",
    "The new legislation bans the sale of energy drinks to children.",
    "The government proposed changes that would criminalise stalking.",
])
def test_news_of_legal_change_passes(text):
    assert may_carry_law("A headline\n\n" + text)


@pytest.mark.parametrize("text", [
    "The striker signed a three-year contract with the club on Monday.",
    "Fine weather is expected across the north, with highs of 24 degrees.",
    "The company passed its sales target and approved a new dividend.",
    "Delegates at the party congress signed a joint declaration on trade.",
    "Bill Evans played the new album at the festival on Sunday night.",
    "The chamber of commerce approved its budget for the next year.",
])
def test_news_not_about_law_is_turned_away(text):
    assert not may_carry_law("A headline\n\n" + text)


def _corpora():
    return [p for p in (SHARED / "corpus" / "dev", SHARED / "corpus" / "dev2", ROOT / "tests" / "fixtures" /
                        "generalization", ROOT / "tests" / "fixtures" / "article-reading") if p.is_dir()]


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="the shared corpus is not here")
def test_every_article_with_a_legal_fact_passes():
    """Every real and team-written article whose reading finds a law, step or penalty passes the gate
    (the gate errs towards reading: a turned-away article would lose them)."""
    checked = 0
    for doc in iter_documents([str(p) for p in _corpora()] + [str(SHARED / "seeds")]):
        if not isinstance(doc, Document):
            continue
        ex = extract(doc)
        if ex.laws or ex.events or ex.penalties:
            checked += 1
            assert may_carry_law(doc.text), doc.title
    assert checked >= 80


def _benchmark_articles(kind: str, count: int):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import iter_articles
    return [Document(title=a.title, body=a.body, source=f"{kind}-{a.serial}") for a in iter_articles(count, kind=kind)]


def test_reading_with_the_gate_is_the_same_on_legal_news_and_nothing_on_the_rest():
    for doc in _benchmark_articles("legal", 40):
        assert extract(doc, legal_only=True) == extract(doc)
    turned_away = 0
    for doc in _benchmark_articles("other", 40):
        gated = extract(doc, legal_only=True)
        full = extract(doc)
        assert not (full.laws or full.penalties or full.events or full.articles)  # nothing legal lost
        if gated.gated:
            turned_away += 1
            assert gated.fact_count() == 0
    assert turned_away >= 36


def test_build_legal_only_stores_the_document_unread_and_a_full_build_reads_it_again(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "sport.txt").write_text("Club signs striker\n\nThe striker signed a three-year contract with the "
                                    "club on Monday, the coach of Ruritania's champions said.\n", encoding="utf-8")
    (news / "law.txt").write_text("Senate passes bill\n\nThe Senate of Ruritania passed the bill on cyber "
                                  "security on Tuesday; President Ann Lee said she would sign it.\n", encoding="utf-8")
    store_dir = tmp_path / "store"
    runner = CliRunner()
    done = runner.invoke(cli, ["build", str(news), "--store", str(store_dir), "--legal-only"])
    assert done.exit_code == 0, done.output
    with open_store(str(store_dir)) as store:
        versions = {info.source.rsplit("/", 1)[-1]: info.extractor_version for info in store.documents().values()}
        persons = {str(r[0]) for r in store.query("SELECT ?l WHERE { ?p a lk:Person ; rdfs:label ?l }").rows}
    assert versions["sport.txt"].endswith("+gated") and not versions["law.txt"].endswith("+gated")
    assert persons == {"Ann Lee"}
    # a second legal-only build has nothing to do; a full build reads the article the gate turned away
    with open_store(str(store_dir)) as store:
        assert build([str(news)], store, legal_only=True).unchanged == 2
        report = build([str(news)], store)
        assert report.unchanged == 1
        assert not any(info.extractor_version.endswith("+gated") for info in store.documents().values())
