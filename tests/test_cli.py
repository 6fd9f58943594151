"""Every core command through click's CliRunner: exit codes and output."""
from __future__ import annotations

import json

import click
import pytest

from kg.cli import cli
from kg.query import saved_queries

from .conftest import EXAMPLES, FIXTURES, shared_path

COUNT_DOCS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a lk:SourceDocument }"


def count_quads(kg, store) -> int:
    result = kg("query", "--store", store, "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(result.output.split()[-1])


def test_every_command_has_help(kg):
    for name, command in cli.commands.items():
        assert command.help and command.help.strip(), name
        result = kg(name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_build_then_query_and_rebuild_is_idempotent(kg, store_dir):
    result = kg("build", FIXTURES / "single.txt", FIXTURES / "listing.txt", "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert "3 documents built" in result.output
    first = count_quads(kg, store_dir)
    again = kg("build", FIXTURES / "single.txt", FIXTURES / "listing.txt", "--store", store_dir)
    assert "0 documents built, 3 unchanged" in again.output
    forced = kg("build", FIXTURES / "single.txt", "--store", store_dir, "--force")
    assert forced.exit_code == 0
    assert count_quads(kg, store_dir) == first
    docs = kg("query", "--store", store_dir, "--format", "csv", COUNT_DOCS)
    assert docs.output.split() == ["n", "3"]


def test_a_changed_source_replaces_its_old_graph(kg, store_dir, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("First Headline Here\n\nThe Senate of Ghana passed the bill.\n")
    kg("build", article, "--store", store_dir)
    article.write_text("First Headline Here\n\nThe Senate of Ghana passed the bill on Friday.\n")
    result = kg("build", article, "--store", store_dir)
    assert "1 stale graphs removed" in result.output
    assert kg("query", "--store", store_dir, "--format", "csv", COUNT_DOCS).output.split() == ["n", "1"]


def test_bad_inputs_are_named_and_the_rest_still_builds(kg, store_dir):
    result = kg("build", FIXTURES / "empty.txt", FIXTURES / "binary.txt", FIXTURES / "single.txt",
                "/no/such/file.txt", "--store", store_dir)
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "binary.txt: binary data" in result.output
    assert "/no/such/file.txt: no such file" in result.output
    assert "Traceback" not in result.output
    assert kg("query", "--store", store_dir, "--format", "csv", COUNT_DOCS).output.split() == ["n", "1"]


def test_stdin_build(kg, store_dir):
    result = kg("build", "-", "--store", store_dir, input="Stdin Headline Text\n\nThe Senate passed it.\n")
    assert result.exit_code == 0 and "1 documents built" in result.output


def test_each_stdin_build_adds_its_document(kg, store_dir):
    kg("build", "-", "--store", store_dir, input="First Stdin Headline\n\nThe Senate passed it.\n")
    kg("build", "-", "--store", store_dir, input="Second Stdin Headline\n\nThe House passed it.\n")
    assert kg("query", "--store", store_dir, "--format", "csv", COUNT_DOCS).output.split() == ["n", "2"]


def test_folder_build_skips_non_text_files(kg, store_dir):
    result = kg("build", FIXTURES / "folder", "--store", store_dir)
    assert result.exit_code == 0
    assert "skipped" in result.output and "picture.png" in result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(kg, built_examples, fmt):
    result = kg("query", "--store", built_examples, "--format", fmt,
                "SELECT ?t WHERE { ?d a lk:SourceDocument ; dcterms:title ?t } ORDER BY ?t")
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.output)
        assert data["head"]["vars"] == ["t"] and len(data["results"]["bindings"]) == 4
    elif fmt == "table":
        assert "(4 rows)" in result.output
    else:
        assert len(result.output.strip().splitlines()) == 5


def test_query_from_file_and_stdin_and_construct(kg, built_examples, tmp_path):
    query_file = tmp_path / "q.rq"
    query_file.write_text("ASK { ?d a lk:SourceDocument }")
    assert kg("query", "--store", built_examples, "-f", query_file).output.strip() == "true"
    piped = kg("query", "--store", built_examples, "-", input="ASK { ?x a lk:Nothing }")
    assert piped.output.strip() == "false"
    turtle = kg("query", "--store", built_examples,
                "CONSTRUCT { ?d dcterms:title ?t } WHERE { ?d a lk:SourceDocument ; dcterms:title ?t }")
    assert turtle.exit_code == 0 and "dcterms:title" in turtle.output


def test_query_syntax_error_exits_2_with_position(kg, built_examples):
    result = kg("query", "--store", built_examples, "SELECT ?x WHERE { ?x ?p }")
    assert result.exit_code == 2
    assert "syntax error" in result.output and "Traceback" not in result.output
    assert any(ch.isdigit() for ch in result.output)


def test_missing_store_says_how_to_create_one(kg, tmp_path):
    result = kg("query", "--store", tmp_path / "nothing", "ASK { ?s ?p ?o }")
    assert result.exit_code == 1 and "kg build" in result.output


def test_unknown_export_format_lists_the_valid_ones(kg, built_examples):
    result = kg("export", "--store", built_examples, "--format", "yaml")
    assert result.exit_code == 2 and "turtle" in result.output and "nquads" in result.output


def test_unknown_saved_query_lists_the_saved_ones(kg, built_examples):
    result = kg("query", "--store", built_examples, "--saved", "nope")
    assert result.exit_code == 2 and "penalties-by-country" in result.output


@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("trig", "trig"), ("nquads", "nquads"),
                                           ("ntriples", "nt"), ("json-ld", "json-ld")])
def test_export_formats_parse_back(kg, built_examples, tmp_path, fmt, parse_as):
    from rdflib import Dataset

    out = tmp_path / f"graph.{fmt}"
    result = kg("export", "--store", built_examples, "--format", fmt, "--output", out)
    assert result.exit_code == 0, result.output
    data = Dataset()
    data.parse(out, format=parse_as)
    assert len(data) > 0 or sum(len(g) for g in data.graphs()) > 0


def test_queries_lists_every_saved_query_with_a_description(kg):
    result = kg("queries")
    lines = [line for line in result.output.strip().splitlines() if not line.lstrip().startswith(("-p ", "--page "))]
    assert len(lines) == len(saved_queries()) >= 8
    assert all(len(line.split(None, 1)) == 2 for line in lines)
    assert "-p country=" in result.output
    assert result.output.count("--page N") == sum(1 for q in saved_queries() if q.paging) >= 3


def test_stats_counts_classes(kg, built_examples):
    result = kg("stats", "--store", built_examples)
    assert result.exit_code == 0
    assert "documents        4" in result.output and "SourceDocument" in result.output


def test_validate_passes_on_the_examples(kg, built_examples):
    result = kg("validate", "--store", built_examples)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_every_saved_query_returns_rows_on_the_seed(kg, tmp_path_factory):
    store = tmp_path_factory.mktemp("seed") / "store"
    assert kg("build", shared_path("seeds"), "--store", store).exit_code == 0
    for q in saved_queries():
        result = kg("query", "--store", store, "--saved", q.name, "--format", "csv")
        assert result.exit_code == 0, (q.name, result.output)
        assert len(result.output.strip().splitlines()) >= 2, f"saved query {q.name} returned no rows on the seed"
    assert kg("validate", "--store", store).exit_code == 0
