"""Queries that go wrong: malformed, against no store, too big for a terminal, never ending;
and what the news may not do to the endpoint and the pages (read files, run script).
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

KG = [sys.executable, "-m", "kg"]
NEVER_ENDS = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
MANY_ROWS = "SELECT ?i { VALUES ?i { " + " ".join(str(i) for i in range(2500)) + " } }"
HOSTILE = "Senate Bans <script>alert('kg')</script> Tags & \"Quotes\"\n\n" \
          "The Senate of Nigeria approved the <img src=x onerror=alert(1)> bill on Monday. Under Section 12 of the " \
          "Criminal Code, the offence is punished by imprisonment for up to 5 years.\n"


@pytest.mark.parametrize("text", ["SELEC * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ", "", "}}}{{{",
                                  "SELECT * { ?s nope:p ?o }", "SELECT * { ?s ?p \"\ud800\" }",
                                  "INSERT DATA { <a:b> <a:c> <a:d> }", "SELECT (" * 2000])
def test_a_malformed_query_is_one_line_and_exit_2(kg, built_examples, text):
    result = kg("query", "--store", built_examples, text)
    assert result.exit_code in (1, 2), result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "Traceback" not in result.output


def test_queries_against_a_missing_store(kg, tmp_path):
    for command in (["query", "ASK {}"], ["stats"], ["export"], ["validate"]):
        result = kg(*command, "--store", tmp_path / "nowhere")
        assert result.exit_code == 1
        assert result.output.strip() == (f"kg: error: no store at {tmp_path / 'nowhere'}: "
                                         f"build one with `kg build INPUT... --store {tmp_path / 'nowhere'}`")
    assert not (tmp_path / "nowhere").exists()  # a reader never creates a store


def test_a_table_stops_at_1000_rows_and_says_how_to_see_more(runner, built_examples):
    from kg.cli import cli
    result = runner.invoke(cli, ["query", "--store", str(built_examples), MANY_ROWS])
    assert result.exit_code == 0
    assert "(1000 rows, truncated)" in result.stdout
    assert "the first 1000 rows shown, more not: use --limit N or --format csv" in result.stderr
    every = runner.invoke(cli, ["query", "--store", str(built_examples), MANY_ROWS, "--format", "csv"])
    assert len(every.stdout.splitlines()) == 2501 and not every.stderr
    some = runner.invoke(cli, ["query", "--store", str(built_examples), MANY_ROWS, "--limit", "1500"])
    assert "(1500 rows, truncated)" in some.stdout and "stopped at --limit 1500" in some.stderr


def test_timeout_stops_a_query_that_never_ends(built_examples):
    started = time.monotonic()
    done = subprocess.run([*KG, "query", "--store", str(built_examples), "--timeout", "1.5", NEVER_ENDS],
                          capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 20
    assert done.returncode == 1
    assert done.stderr.strip() == "kg: error: query stopped after 1.5 s (raise --timeout to wait longer)"


def _has_open_file_under(pid: int, folder) -> bool:
    root = str(Path(folder).resolve())
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}").startswith(root) for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


def test_ctrl_c_stops_a_query_that_never_ends(built_examples):
    proc = subprocess.Popen([*KG, "query", "--store", str(built_examples), NEVER_ENDS],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # Ctrl-C once the query runs (the store is open), not while the interpreter still imports: a loaded
    # machine can take seconds to get there
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not _has_open_file_under(proc.pid, built_examples):
        time.sleep(0.1)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("kg query went on after Ctrl-C")
    assert proc.returncode == 130 and err.strip() == "kg: interrupted"


# -- what the news may not do ------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    article = folder / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    store = folder / "store"
    subprocess.run([*KG, "build", str(article), "--store", str(store)], check=True, capture_output=True)
    return store


def _no_live_markup(html: str) -> None:
    """The headline's markup appears only escaped: never as a tag the browser would run."""
    assert "<script>alert('kg')" not in html and "<img src=x onerror" not in html
    assert "alert" in html  # the text itself is there, as text


def test_the_explorer_shows_a_script_headline_as_text(hostile_store, tmp_path):
    page = tmp_path / "explorer.html"
    done = subprocess.run([*KG, "viz", "--store", str(hostile_store), "--output", str(page)], capture_output=True,
                          text=True, timeout=300)
    if done.returncode == 2 and "No such command" in done.stderr:
        pytest.skip("no kg viz in this installation")
    assert done.returncode == 0, done.stderr
    _no_live_markup(page.read_text(encoding="utf-8"))


def test_the_server_is_loopback_read_only_and_reads_no_files(hostile_store, tmp_path):
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([*KG, "serve", "--store", str(hostile_store), "--port", "0", "--workers", "1"],
                                stdout=subprocess.DEVNULL, stderr=out)
    try:
        deadline = time.monotonic() + 60
        while "SPARQL endpoint" not in log.read_text(errors="replace"):
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        base = re.search(r"kg serve: (http://\S+/) ", log.read_text()).group(1)
        assert base.startswith("http://127.0.0.1:")  # loopback unless --host says otherwise
        with httpx.Client(base_url=base, timeout=30) as http:
            refused = http.post("sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"})
            assert refused.status_code == 403
            loaded = http.post("sparql", data={"update": "LOAD <file:///etc/passwd>"})
            assert loaded.status_code == 403
            for name in ("file:///etc/passwd", "../../../../etc/passwd", "/etc/passwd", f"file://{hostile_store}/CURRENT"):
                answer = http.get("graphs", params={"graph": name})
                assert answer.status_code in (400, 404) and "root:" not in answer.text
            service = http.post("sparql", data={"query": "SELECT * { SERVICE <file:///etc/passwd> { ?s ?p ?o } }"})
            assert "root:x" not in service.text
            titles = http.post("sparql", data={"query": "SELECT ?t { ?d dcterms:title ?t }"},
                               headers={"Accept": "application/sparql-results+json"})
            assert "<script>" in json.dumps(titles.json())  # the data keeps the headline as written
            page = http.get("/")
            assert page.status_code == 200 and "<script>alert('kg')" not in page.text
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
