"""Paged saved listings: the pages, one after the other, are the full listing row for row."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import UsageError
from kg.query import saved_queries, saved_query
from kg.store import open_store

from .conftest import shared_path

PAGED = [q for q in saved_queries() if q.paging]


@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    """The seed listing and both development sets, built once (several countries, many documents)."""
    store = tmp_path_factory.mktemp("paging") / "store"
    inputs = [shared_path("seeds"), shared_path("corpus", "dev"), shared_path("corpus", "dev2")]
    result = CliRunner().invoke(cli, ["build", *map(str, inputs), "--store", str(store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return store


def _pages(store, saved, values, size):
    """Every page of ``saved`` (total column dropped), and the totals the pages reported."""
    rows, totals, page = [], set(), 1
    while True:
        result = store.query(saved.bind(values, page=page, page_size=size))
        assert result.variables[-1] == saved.paging.total
        if not result.rows:
            return rows, totals, page - 1
        totals |= {int(str(r[-1])) for r in result.rows}
        rows += [r[:-1] for r in result.rows]
        page += 1
        assert page < 500, "paging does not end"


def test_three_long_listings_page():
    assert {q.name for q in PAGED} >= {"evidence", "penalties-by-country", "fines-usd"}


@pytest.mark.parametrize("saved", PAGED, ids=lambda q: q.name)
@pytest.mark.parametrize("values", [{}, {"country": "Kazakhstan"}, {"country": "Uzbekistan"}], ids=str)
@pytest.mark.parametrize("size", [1, 3])
def test_pages_in_turn_are_the_full_listing(real_store, saved, values, size):
    with open_store(str(real_store), read_only=True) as store:
        full = store.query(saved.bind(values)).rows
        rows, totals, pages = _pages(store, saved, values, size)
    assert full, f"{saved.name} {values}: nothing to list on the development sets"
    assert rows == full  # same rows, same order
    assert len(totals) == 1, totals  # every row of every page reports the same total
    total = totals.pop()
    assert (pages - 1) * size < total <= pages * size  # the total counts the units the pages hold


def test_evidence_for_one_entity_pages_by_the_documents_that_cite_it(real_store):
    saved = saved_query("evidence")
    with open_store(str(real_store), read_only=True) as store:
        values = {"name": "Mazhilis"}
        full = store.query(saved.bind(values)).rows
        rows, totals, pages = _pages(store, saved, values, 2)
        cited_by = store.query('SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?x rdfs:label "Mazhilis" ; '
                               'lk:evidence ?ev . ?ev lk:source ?doc }').rows[0][0]
    assert len(full) > 2 and rows == full
    assert totals == {int(str(cited_by))} and pages == -(-int(str(cited_by)) // 2)


def test_a_page_form_names_the_country_everywhere_it_looks():
    text = saved_query("evidence").bind({"country": "Kazakhstan"}, page=3, page_size=7)
    assert "#@page" not in text and "#@country" not in text
    assert text.count('"Kazakhstan"') == 3  # the page's documents, their total, and the rows
    assert "LIMIT 7 OFFSET 14" in text
    assert "#@page" in saved_query("evidence").bind({"country": "Kazakhstan"})  # the full listing: no page lines


def test_a_short_listing_does_not_page_and_pages_count_from_one():
    with pytest.raises(UsageError, match="does not page"):
        saved_query("laws-by-status").bind({}, page=1)
    with pytest.raises(UsageError, match="count from 1"):
        saved_query("evidence").bind({}, page=0)


def test_kg_query_page_says_where_the_page_stands(kg, real_store):
    result = kg("query", "--store", str(real_store), "--saved", "penalties-by-country", "-p", "country=Kazakhstan",
                "--page", "1", "--page-size", "2", "--format", "csv")
    assert result.exit_code == 0, result.output
    header, *rows = [line for line in result.stdout.splitlines() if line]
    assert header.endswith(",articles") and rows
    total = int(rows[0].rsplit(",", 1)[1])
    assert f"page 1 of {-(-total // 2)} (2 code articles a page, {total} in all); --page 2 for the next" in result.stderr
    past = kg("query", "--store", str(real_store), "--saved", "fines-usd", "--page", "999")
    assert past.exit_code == 0 and "page 999 holds no rows" in past.stderr
    for args, message in ((("--saved", "laws-by-status", "--page", "1"), "does not page"),
                          (("SELECT * WHERE { ?s ?p ?o }", "--page", "2"), "--page goes with --saved NAME")):
        refused = kg("query", "--store", str(real_store), *args)
        assert refused.exit_code != 0 and message in refused.output


def test_a_penalty_is_read_in_the_one_document_its_evidence_names(real_store):
    """lk:readIn, the direct link the listings walk from a document to its penalties, says
    what the evidence says: one document per penalty, the one its quotes come from."""
    with open_store(str(real_store), read_only=True) as store:
        pairs = set(store.query("SELECT ?p ?doc WHERE { ?p a lk:Penalty ; lk:readIn ?doc }").rows)
        cited = set(store.query("SELECT DISTINCT ?p ?doc WHERE { ?p a lk:Penalty ; lk:evidence ?ev . "
                                "?ev lk:source ?doc }").rows)
        penalties = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a lk:Penalty }").rows[0][0]
    assert pairs == cited and len(pairs) == int(str(penalties)) > 50


def test_penalty_changes_by_read_in_are_the_changes_the_evidence_gives(real_store):
    """The listing walks lk:readIn; read through the evidence instead it gives the same rows
    (the evidence form repeats a row once per sentence a penalty was read in)."""
    saved = saved_query("penalty-changes")
    through_evidence = saved.text.replace("?before lk:readIn ?doc ;", "?be lk:source ?doc . ?before lk:evidence ?be ;") \
                                 .replace("?after lk:readIn ?doc ;", "?ae lk:source ?doc . ?after lk:evidence ?ae ;")
    assert through_evidence != saved.text
    with open_store(str(real_store), read_only=True) as store:
        rows = store.query(saved.text).rows
        assert rows and set(rows) == set(store.query(through_evidence).rows)
