"""A text file far bigger than memory should allow is streamed: built whole, memory bounded.

The 100 MB file is a listing page written at test time: articles with short bodies between
long runs of ticker and menu lines (as saved listing pages have), so the whole file goes
through the real pipeline (read, decode, split, clean, extract, store) while extraction,
which is not what is measured here, stays cheap. Peak memory is read from the kernel
(``wait4`` rusage of the ``kg build`` process), not estimated.
"""
from __future__ import annotations

import os
from collections import Counter
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import iter_documents
from kg.ingest.listing import split_text, split_text_stream
from kg.store import open_store

KG = [sys.executable, "-m", "kg"]
_TICKER = "".join(f"  • {c}/USD = 0.{i:05d} 0%\n" for i, c in enumerate(("AMD", "GEL", "KZT", "UZS", "KGS", "TJS")))
_MENU = "Home\nNews\nPolitics\nEconomy\nSociety\nSubscribe to our newsletter for the latest updates\n"


def write_listing(path: Path, size: int, *, noise_lines: int = 2000) -> int:
    """A listing page of about ``size`` bytes; returns how many articles it holds."""
    noise = (_TICKER + _MENU) * (noise_lines // 12 + 1)
    written, n = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        out.write("12 May 2023\n\n")
        while written < size:
            article = (f"Archive Report Number {n} From The Regional Desk\n\n"
                       f"The regional desk filed report number {n} on Monday, and the archive keeps every "
                       f"report of the series in the order it was written, with nothing else of note in it.\n\n"
                       + noise + "\n")
            out.write(article)
            written += len(article.encode("utf-8"))
            n += 1
    return n


#: Linux carries a process's peak memory over fork and exec, so the command is started by a
#: small launcher, not by this (much bigger) test process, and the launcher reports the peak.
_LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024)
"""


def peak_rss(args: list[str]) -> tuple[int, str, int]:
    """Run a command; its exit code, stderr, and peak resident memory in bytes."""
    done = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, *args], capture_output=True, text=True, timeout=600)
    code, peak = map(int, done.stdout.split())
    return code, done.stderr, peak


@pytest.mark.timeout(240)
def test_a_100_mb_text_file_builds_with_memory_well_below_its_size(tmp_path):
    small = tmp_path / "small.txt"
    write_listing(small, 20_000)
    code, err, baseline = peak_rss([*KG, "build", str(small), "--store", str(tmp_path / "s0")])
    assert code == 0, err

    big = tmp_path / "big.txt"
    articles = write_listing(big, 100 * 1024 * 1024)
    size = big.stat().st_size
    store = tmp_path / "store"
    code, err, peak = peak_rss([*KG, "build", str(big), "--store", str(store)])
    assert code == 0, err
    assert f"{articles} documents built" in err
    growth = peak - baseline
    print(f"\n100 MB build: {articles} articles, peak RSS {peak / 2**20:.0f} MB "
          f"(a tiny build: {baseline / 2**20:.0f} MB), file {size / 2**20:.0f} MB")
    assert growth < 0.6 * size, f"memory grew by {growth / 2**20:.0f} MB reading a {size / 2**20:.0f} MB file"
    big.unlink()
    with open_store(str(store), read_only=True) as kgstore:
        found = kgstore.query("SELECT (COUNT(?d) AS ?n) { ?d a lk:SourceDocument }").rows[0][0]
    assert int(found) == articles


def test_streamed_text_gives_the_same_documents_as_a_whole_read(tmp_path, monkeypatch):
    page = tmp_path / "page.txt"
    articles = write_listing(page, 400_000, noise_lines=40)
    whole = split_text(page.read_text(encoding="utf-8"), str(page))
    monkeypatch.setattr("kg.ingest.STREAM_BYTES", 1000)
    monkeypatch.setattr("kg.ingest.listing.SECTION_CHARS", 20_000)
    monkeypatch.setattr("kg.ingest.SECTION_CHARS", 20_000)
    streamed = list(iter_documents([str(page)]))
    assert len(whole) == len(streamed) == articles
    assert [(d.title, d.body, d.date, d.rates) for d in whole] == [(d.title, d.body, d.date, d.rates) for d in streamed]


paragraph = st.text(st.sampled_from("abc xyz.,\t"), min_size=1, max_size=300).map(lambda t: t.strip() or "x")
headline = st.integers(0, 10**6).map(lambda n: f"Parliament Approves Measure Number {n}")
body = st.lists(st.text(st.sampled_from("abcdefgh "), min_size=150, max_size=400), min_size=1, max_size=3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(headline, body), min_size=2, max_size=12), st.integers(200, 3000))
def test_listing_split_while_streaming_keeps_every_article(articles, section):
    lines = []  # articles differ from each other (a line repeated across the page is noise)
    for n, (title, paragraphs) in enumerate(articles):
        lines += [f"{title} And {n} More", ""]
        for m, text in enumerate(paragraphs):
            lines += [f"{n}.{m} {text.strip() or 'x' * 150}", ""]
    text = "\n".join(lines)
    whole = split_text(text, "s")
    streamed = list(split_text_stream(text.split("\n"), "s", section_chars=section))
    biggest = max(len(t) + sum(len(p) + 2 for p in ps) for t, ps in articles)
    if biggest * 2 < section:  # no article bigger than a section: exactly what a whole read gives
        assert [(d.title, d.body) for d in streamed] == [(d.title, d.body) for d in whole]
    # whatever the section size, no word of any article is lost (parts repeat their headline)
    lost = Counter(" ".join(d.text for d in whole).split()) - Counter(" ".join(d.text for d in streamed).split())
    assert not lost


@settings(max_examples=30, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=40), st.integers(50, 2000))
def test_one_giant_article_is_cut_into_parts_at_paragraphs(paragraphs, section):
    paragraphs = [f"{text} p{n}" for n, text in enumerate(paragraphs)]  # repeated lines would be page noise
    text = "One Enormous Report\n\n" + "\n\n".join(paragraphs)
    streamed = list(split_text_stream(text.split("\n"), "s", section_chars=section))
    assert streamed[0].title == "One Enormous Report"
    assert all(d.title == f"One Enormous Report (part {n})" for n, d in enumerate(streamed[1:], 2))
    assert " ".join(d.body for d in streamed).split() == " ".join(paragraphs).split()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251"])
def test_streamed_files_decode_like_small_ones(tmp_path, monkeypatch, encoding):
    text = "Новый Закон О Штрафах Принят Сегодня\n\n" + ("Парламент принял закон о штрафах. " * 40 + "\n\n") * 30
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode(encoding))
    monkeypatch.setattr("kg.ingest.STREAM_BYTES", 100)
    monkeypatch.setattr("kg.ingest._CHUNK", 777)  # odd, so pieces end inside characters and "\r\n" pairs
    docs = list(iter_documents([str(path)]))
    assert docs and all(d.__class__.__name__ == "Document" for d in docs), docs
    assert docs[0].title == "Новый Закон О Штрафах Принят Сегодня"
    assert " ".join(d.body for d in docs).split() == text.split()[6:]


def _stream_small(monkeypatch, *, chunk: int, section: int) -> None:
    """Stream every file past 100 bytes, in ``chunk``-byte pieces, cut into ``section``-character sections."""
    monkeypatch.setattr("kg.ingest.STREAM_BYTES", 100)
    monkeypatch.setattr("kg.ingest._CHUNK", chunk)
    monkeypatch.setattr("kg.ingest.SECTION_CHARS", section)
    monkeypatch.setattr("kg.ingest.listing.SECTION_CHARS", section)


def test_crlf_split_across_pieces_and_one_endless_line(tmp_path, monkeypatch):
    _stream_small(monkeypatch, chunk=64, section=500)
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(("Headline Of The Day\r\n\r\n" + "word " * 400 + "\r\n").encode())
    docs = list(iter_documents([str(crlf)]))
    assert "\r" not in "".join(d.text for d in docs) and docs[0].title == "Headline Of The Day"
    endless = tmp_path / "endless.txt"
    endless.write_bytes(b"word " * 20_000)  # 100 kB and no line break
    docs = list(iter_documents([str(endless)]))
    assert " ".join([docs[0].title] + [d.body for d in docs]).split() == ["word"] * 20_000
    assert all(len(d.title) < 200 for d in docs[1:])


def test_a_bad_byte_deep_in_a_streamed_file_keeps_what_came_before(tmp_path, monkeypatch):
    _stream_small(monkeypatch, chunk=4096, section=2000)
    page = tmp_path / "page.txt"
    write_listing(page, 50_000, noise_lines=24)
    page.write_bytes(page.read_bytes() + b"\n\nBroken Tail Headline Here\n\n" + b"\xff\xfe\xfa" * 100)
    items = list(iter_documents([str(page)]))
    errors = [i for i in items if not hasattr(i, "title")]
    assert len(errors) == 1 and "bad utf-8 text at byte" in str(errors[0]) and str(page) in str(errors[0])
    assert len(items) > 10
