"""The last guard on one document: at most KG_MAX_FACTS facts, the rest skipped with a warning naming the file."""
from __future__ import annotations

import subprocess
import sys

from kg.extract import extract
from kg.ingest.document import Document

STATUTE = "".join(f"Article {n} of the Criminal Code provides a fine of {n * 10} MCI for offence number {n}. "
                  for n in range(1, 120))


def test_a_document_past_the_cap_keeps_the_facts_read_first(monkeypatch, caplog):
    monkeypatch.setenv("KG_MAX_FACTS", "30")
    ex = extract(Document(title="Digest of the Criminal Code", body=STATUTE, source="statute.txt"))
    assert ex.fact_count() <= 30
    assert {a.number for a in ex.articles} <= {str(n) for n in range(1, 31)}
    kept = {a.key for a in ex.articles}
    assert all(p.article is None or p.article in kept for p in ex.penalties)
    assert any("statute.txt" in r.getMessage() and "KG_MAX_FACTS" in r.getMessage() for r in caplog.records)


def test_under_the_cap_nothing_is_skipped(monkeypatch, caplog):
    monkeypatch.delenv("KG_MAX_FACTS", raising=False)
    ex = extract(Document(title="Digest of the Criminal Code", body=STATUTE, source="statute.txt"))
    assert len(ex.articles) == 119 and not caplog.records


def test_kg_build_says_so_on_one_line_naming_the_file(tmp_path):
    source = tmp_path / "statute.txt"
    source.write_text("Digest of the Criminal Code\n\n" + STATUTE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(source), "--store", str(tmp_path / "store")],
                          capture_output=True, text=True, env={"KG_MAX_FACTS": "30", "PATH": ""}, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "KG_MAX_FACTS" in line]
    assert len(lines) == 1 and str(source) in lines[0]
