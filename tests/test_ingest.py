"""Readers: plain text, listing pages, folders, stdin, encodings and bad files."""
from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest import Document, Skipped, iter_documents, read_bytes
from kg.ingest.decode import decode
from kg.ingest.listing import parse_page_date, split_text

from .conftest import FIXTURES, shared_path


def docs_of(*inputs):
    return [d for d in iter_documents([str(i) for i in inputs]) if isinstance(d, Document)]


def test_single_article_headline_is_first_line():
    (doc,) = docs_of(FIXTURES / "single.txt")
    assert doc.title == "Parliament of Armenia Passes Bill on Cyber Fraud"
    assert doc.body.startswith("YEREVAN, May 4, 2023")
    assert doc.text.startswith(doc.title + "\n\n")
    assert doc.source.endswith("single.txt")


def test_document_id_is_a_stable_content_hash():
    a, b = docs_of(FIXTURES / "single.txt"), docs_of(FIXTURES / "single.txt")
    assert a[0].id == b[0].id and len(a[0].id) == 16
    changed = Document(a[0].title, a[0].body + " More.", a[0].source)
    assert changed.id != a[0].id


def test_listing_splits_articles_drops_ticker_and_reads_page_date():
    docs = docs_of(FIXTURES / "listing.txt")
    assert [d.title for d in docs] == ["Armenian Deputies Approve Amendments on Fraud",
                                       "Georgian Cabinet Drafts New Rules on Drones"]
    assert all(d.date == "2023-05-12" for d in docs)
    assert docs[0].rates == {"AMD": 0.00258, "GEL": 0.37}
    assert all("USD" not in d.body and "Viewing results" not in d.body for d in docs)


def test_the_seed_listing_gives_six_articles_with_the_page_rates():
    docs = docs_of(shared_path("seeds", "central-asia-news-listing.txt"))
    assert len(docs) == 6
    assert docs[0].date == "2025-04-03"
    assert docs[0].rates["KZT"] == pytest.approx(0.00201)
    assert all(len(d.title) < 200 and d.body for d in docs)


def test_dev_articles_are_single_documents_titled_by_their_first_line():
    folder = shared_path("corpus", "dev")
    for path in sorted(folder.glob("*.txt")):
        docs = docs_of(path)
        assert len(docs) == 1, path
        assert docs[0].title == path.read_text(encoding="utf-8").splitlines()[0].strip()


def test_folders_are_read_recursively_and_non_text_files_skipped():
    items = list(iter_documents([str(FIXTURES / "folder")]))
    titles = [i.title for i in items if isinstance(i, Document)]
    assert titles == ["A short note", "Second Note On The Budget"]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(skipped) == 1 and skipped[0].source.endswith("picture.png")


@pytest.mark.parametrize("name, reason", [("empty.txt", "empty file"), ("binary.txt", "binary data")])
def test_bad_files_are_named_with_the_reason(name, reason):
    (error,) = list(iter_documents([str(FIXTURES / name)]))
    assert isinstance(error, InputError)
    assert name in str(error) and reason in str(error)


def test_missing_input_is_an_error_not_a_crash():
    (error,) = list(iter_documents(["/nonexistent/file.txt"]))
    assert isinstance(error, InputError) and "no such file" in str(error)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "latin-1"])
def test_encodings_are_decoded(encoding):
    text = "Закон о защите данных\n\nДепутаты одобрили закон." if encoding == "cp1251" else \
        "Loi sur la sécurité\n\nLes députés ont adopté la loi à l'unanimité, déclarant qu'elle était nécessaire."
    assert decode(text.encode(encoding), "x.txt") == text


def test_undecodable_bytes_get_a_clear_error():
    with pytest.raises(InputError, match="x.txt"):
        decode(b"\x00\x00\x00\x00" * 100, "x.txt")


def test_page_dates():
    assert parse_page_date("03 April 2025") == "2025-04-03"
    assert parse_page_date("April 3, 2025") == "2025-04-03"
    assert parse_page_date("2025-04-03") == "2025-04-03"
    assert parse_page_date("The 3rd of April") is None


def test_stdin_is_read(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Headline Here\n\nBody text of the article.\n")))
    (doc,) = docs_of("-")
    assert doc.title == "Headline Here" and doc.source == "<stdin>"


def test_title_case_lines_inside_an_article_do_not_split_it():
    text = "Court Upholds Ruling\n\nThe court upheld the ruling on Monday.\nLatest In National\n"
    assert len(split_text(text, "x")) == 1


def test_read_bytes_refuses_text_without_an_article():
    with pytest.raises(InputError):
        read_bytes(b"   \n\n  ", "blank.txt")
