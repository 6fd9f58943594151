"""HTML, RSS/Atom and JSON Lines readers: fields, boilerplate, encodings, bad inputs, batches."""
from __future__ import annotations

import io
import shutil
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError, PartialInput
from kg.ingest import Document, iter_documents, read_bytes
from kg.ingest.feeds import iso_date, read_feed
from kg.ingest.html import html_to_text, read_html
from kg.ingest.jsonl import read_jsonl

from .conftest import FIXTURES

READERS = FIXTURES / "readers"


def items_of(*inputs):
    return list(iter_documents([str(i) for i in inputs]))


def docs_of(*inputs):
    return [d for d in items_of(*inputs) if isinstance(d, Document)]


def errors_of(*inputs):
    return [e for e in items_of(*inputs) if isinstance(e, InputError)]


# --- HTML ---------------------------------------------------------------------------------

def test_html_page_gives_headline_body_date_canonical_url_and_source():
    (doc,) = docs_of(READERS / "boilerplate.html")
    assert doc.title == "Lakeside Council Raises Fines for Dumping Waste"
    assert doc.body.startswith("The Lakeside municipal council voted on Tuesday")
    assert doc.body.endswith("adopted by nineteen votes to four.")
    assert doc.date == "2024-02-14"
    assert doc.url == "https://courier.example.org/politics/lakeside-dumping-fines"
    assert doc.source == str(READERS / "boilerplate.html")


def test_html_navigation_footer_and_comments_are_dropped():
    (doc,) = docs_of(READERS / "boilerplate.html")
    for boilerplate in ("Politics desk", "Subscribe today", "Walrus_Fan_88", "hire more wardens",
                        "Reader comments", "All rights reserved", "Privacy policy"):
        assert boilerplate not in doc.text
    assert "Northshore Courier" not in doc.title  # the site name is not part of the headline


def test_html_headline_with_a_script_tag_stays_text_and_scripts_never_reach_the_body():
    (doc,) = docs_of(READERS / "script-headline.html")
    assert doc.title == "Deputies debate <script>alert(1)</script> filtering rules"
    assert "never reach the body" not in doc.body and "replaced by a script" not in doc.text
    assert doc.body.startswith("Members of the digital affairs committee")
    assert doc.date is None and doc.url is None


def test_html_without_title_takes_the_first_line_as_headline_despite_unclosed_tags():
    (doc,) = docs_of(READERS / "no-title.html")
    assert doc.title == "Regional Assembly Extends Rent Controls"
    assert doc.body.startswith("The regional assembly extended")
    assert "constitutional court" in doc.body


@pytest.mark.parametrize("name, title, word", [
    ("latin1.html", "Le Sénat adopte la réforme du code forestier", "préfecture"),
    ("cp1251.html", "Парламент принял закон о штрафах за загрязнение рек", "озёра"),
])
def test_html_legacy_encodings_declared_or_detected(name, title, word):
    (doc,) = docs_of(READERS / name)
    assert doc.title == title and word in doc.body


@pytest.mark.parametrize("name, reason", [("no-body.html", "no article text found in HTML"),
                                          ("empty.html", "empty file")])
def test_html_without_article_text_is_an_input_error_naming_the_file(name, reason):
    (error,) = items_of(READERS / name)
    assert isinstance(error, InputError)
    assert str(error) == f"{READERS / name}: {reason}"


@pytest.mark.parametrize("page", [
    "<html><body>" + "<div>" * 5000 + "<p>Buried under five thousand blocks of markup.</p>" + "</div>" * 5000,
    "<html><body>" + "<div>" * 5000,
    "<html><head><title>x</title>",
    "<html><body><p>" + "<b><i>" * 3000 + "Unclosed formatting tags never end here",
    "<!DOCTYPE html><html><body></body></html>",
    "<html>\x00\x01<body><p>control characters</p>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>A page with an XML declaration.</p></body></html>',
])
def test_malformed_html_gives_documents_or_a_named_input_error(page):
    try:
        docs = read_html(page.encode("utf-8"), "bad.html")
    except InputError as exc:
        assert str(exc).startswith("bad.html: ")
    else:
        assert all(isinstance(d, Document) and d.source == "bad.html" for d in docs)


def test_html_meta_charset_wins_over_detection_and_a_wrong_one_falls_back():
    body = "<p>Die Bürgerschaft beschloss höhere Bußgelder für Falschparker in der Innenstadt.</p>"
    declared = f'<html><head><meta charset="windows-1252"><title>Bußgelder</title></head><body>{body}</body></html>'
    (doc,) = read_html(declared.encode("cp1252"), "de.html")
    assert doc.title == "Bußgelder" and "Bürgerschaft" in doc.body
    lying = declared.replace("windows-1252", "utf-8")  # says UTF-8, is not: the bytes are detected
    (doc,) = read_html(lying.encode("cp1252"), "de.html")
    assert "Bürgerschaft" in doc.body


def test_html_to_text_keeps_blocks_as_lines_and_drops_scripts():
    assert html_to_text("<p>One &amp; two</p><p>Three<script>x()</script><br>four</p>") == "One & two\nThree\nfour"
    assert html_to_text("fines rise if 3 < 4 and 5 > 2") == "fines rise if 3 < 4 and 5 > 2"
    assert html_to_text("") == ""


# --- feeds --------------------------------------------------------------------------------

def test_rss_gives_one_document_per_item_with_text_date_link_and_source():
    first, second = docs_of(READERS / "assembly.rss")
    assert first.title == "Assembly Approves Drone Registration Law"
    assert first.body == ("The assembly approved a law requiring owners of drones heavier than 250 grams to "
                          "register them with the aviation office.\nFlying an unregistered drone will cost up to 800 euros.")
    assert first.date == "2024-03-04"  # the feed's own day, not shifted to UTC (2024-03-03)
    assert first.url == "https://gazette.example.net/legislation/drone-registration"
    assert first.source == str(READERS / "assembly.rss")
    assert second.date == "2024-03-01"


def test_rss_prefers_full_content_and_keeps_a_script_in_a_plain_title_as_text():
    _, doc = docs_of(READERS / "assembly.rss")
    assert doc.title == "Budget Committee Rejects Tourist Tax <script>alert(1)</script> Amendment"
    assert "Hotel owners had argued" in doc.body  # content:encoded, not the shorter description
    assert "never in the body" not in doc.body and "<p>" not in doc.body


def test_atom_entries_use_content_or_summary_and_published_or_updated():
    first, second = docs_of(READERS / "court.atom")
    assert first.title == "Supreme Court Strikes Down Noise Ordinance"
    assert first.body.endswith("too vague to be enforced.")
    assert first.date == "2024-04-09"  # published, in the writer's time zone
    assert first.url == "https://review.example.com/court/noise-ordinance"
    assert second.title == "Tax Tribunal Backs Farmers"  # type="html" title: tags stripped
    assert second.body.startswith("The tax tribunal ruled") and second.date == "2024-04-08"


def test_utf16_and_cp1251_feeds_are_decoded():
    assert [d.title for d in docs_of(READERS / "court-utf16.atom")] == [d.title for d in docs_of(READERS / "court.atom")]
    (doc,) = docs_of(READERS / "cp1251.rss")
    assert doc.title == "Сенат одобрил поправки в Уголовный кодекс"
    assert "мошенничество" in doc.body and doc.date == "2024-01-17"


def test_a_malformed_feed_with_entries_gives_those_entries():
    (doc,) = docs_of(READERS / "broken-with-entries.rss")
    assert doc.title == "Port Authority Sets Mooring Fees" and doc.url == "https://port.example.org/fees"


def test_a_malformed_feed_without_entries_names_the_file_line_and_feedparser_reason():
    (error,) = items_of(READERS / "broken.rss")
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{READERS / 'broken.rss'}:3: malformed feed: ")
    assert "not well-formed" in error.reason


@pytest.mark.parametrize("data, reason", [
    ((READERS / "empty-channel.rss").read_bytes(), "no entries"),
    (b"<?xml version='1.0'?><html><body>not a feed</body></html>", "not an RSS or Atom feed"),
    (b"just words", "malformed feed"),
])
def test_feeds_without_entries_are_input_errors(data, reason):
    with pytest.raises(InputError, match=reason) as caught:
        read_feed(data, "x.rss")
    assert str(caught.value).startswith("x.rss")


def test_feed_data_is_never_taken_for_a_path_or_url(tmp_path):
    secret = tmp_path / "secret.rss"
    secret.write_text("<rss><channel><item><title>Leaked</title></item></channel></rss>")
    with pytest.raises(InputError):
        read_feed(str(secret).encode(), "x.rss")
    with pytest.raises(InputError):
        read_feed(b"file://" + str(secret).encode(), "x.rss")


@pytest.mark.parametrize("written, iso", [
    ("2024-03-05", "2024-03-05"), ("2024-03-05T23:30:00-05:00", "2024-03-05"), ("2024-03-05T01:00:00Z", "2024-03-05"),
    ("Tue, 05 Mar 2024 01:00:00 +0300", "2024-03-05"), ("5 March 2024", "2024-03-05"), ("March 5, 2024", "2024-03-05"),
    ("05.03.2024", "2024-03-05"), ("2024/03/05", "2024-03-05"), ("2024-03", "2024-03"), ("2024", "2024"),
    ("31.02.2024", None), ("2024-13", None), ("soon", None), ("", None),
])
def test_iso_date(written, iso):
    assert iso_date(written) == iso


# --- JSON Lines ---------------------------------------------------------------------------

def test_jsonl_gives_one_document_per_line_and_skips_blank_lines():
    docs = docs_of(READERS / "articles.jsonl")
    assert [d.title for d in docs] == ["Island Council Bans Single-Use Plastic Cutlery",
                                       "Mountain Province Adopts Avalanche Safety Code", "Coastal Guard Law Amended"]
    assert docs[0].body.endswith("face a fine of 300 euros.") and "\n" in docs[0].body
    assert [d.date for d in docs] == ["2024-05-02", "2024-05-03", "2024-05-04"]
    assert [d.url for d in docs] == ["https://isles.example.org/plastic-ban", None, "https://isles.example.org/coast-guard"]
    assert all(d.source == str(READERS / "articles.jsonl") for d in docs)


def test_jsonl_bad_lines_are_named_by_line_and_good_lines_still_read():
    items = items_of(READERS / "mixed.jsonl")
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.title for d in docs] == ["River Authority Raises Fishing Permit Fees", "Harbour Dredging Contract Signed"]
    assert docs[0].date == "2024-05-06"
    assert items.index(docs[-1]) < items.index(errors[0])  # documents first, then the errors
    source = str(READERS / "mixed.jsonl")
    assert [(e.source, e.line) for e in errors] == [(source, n) for n in (2, 3, 4, 5, 6, 7)]
    assert not any(isinstance(e, PartialInput) for e in errors)
    reasons = [e.reason for e in errors]
    assert reasons[0].startswith("invalid JSON")
    assert reasons[1:] == ['"text" is a number, not a string', "expected a JSON object, found an array",
                           '"title" is missing', "\"date\" 'yesterday-ish' is not a date (expected e.g. 2024-03-05)",
                           "\"url\" 'ftp://files.example.org/x' is not an absolute http(s) URL"]
    assert str(errors[1]) == f"{source}:3: \"text\" is a number, not a string"


def test_read_jsonl_raises_partial_input_carrying_documents_and_errors():
    data = b'{"title": "Good One", "text": "Body one."}\n\n{"title": "", "text": "x"}\n{"title": "T", "text": null}\n'
    with pytest.raises(PartialInput) as caught:
        read_jsonl(data, "p.jsonl")
    partial = caught.value
    assert isinstance(partial, InputError)
    assert [d.title for d in partial.documents] == ["Good One"]
    assert [(e.line, e.reason) for e in partial.errors] == [(3, '"title" is empty'), (4, '"text" is null, not a string')]
    assert str(partial) == 'p.jsonl: 2 bad records, 1 read (first: line 3: "title" is empty)'


def test_jsonl_with_only_bad_lines_yields_only_errors(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("nope\n[1]\n")
    items = items_of(path)
    assert [(type(i), i.line) for i in items] == [(InputError, 1), (InputError, 2)]


def test_jsonl_line_separators_inside_strings_do_not_split_lines():
    data = '{"title": "Para\u2028graph", "text": "One\u2029two\x85three"}\n'.encode()
    (doc,) = read_jsonl(data, "s.jsonl")
    assert doc.title == "Para graph" and doc.body == "One\u2029two\x85three"


def test_jsonl_unpaired_surrogates_are_refused():
    with pytest.raises(PartialInput, match="surrogate"):
        read_jsonl(b'{"title": "T", "text": "bad \\ud800 half"}\n', "s.jsonl")


# --- encodings through every reader ---------------------------------------------------------

_HEADLINE = "Закон о защите данных принят"
_BODY = "Депутаты одобрили закон о защите персональных данных и установили штрафы для операторов, нарушающих правила."
_TEMPLATES = {
    "html": (f"<html><head><title>{_HEADLINE}</title></head><body><article><p>{_BODY}</p>"
             f"<p>{_BODY}</p></article></body></html>", read_html),
    "rss": (f'<rss version="2.0"><channel><title>C</title><item><title>{_HEADLINE}</title>'
            f"<description>{_BODY}</description></item></channel></rss>", read_feed),
    "atom": (f'<feed xmlns="http://www.w3.org/2005/Atom"><title>C</title><entry><title>{_HEADLINE}</title>'
             f"<summary>{_BODY}</summary></entry></feed>", read_feed),
    "jsonl": (f'{{"title": "{_HEADLINE}", "text": "{_BODY}"}}\n', read_jsonl),
}





@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be+bom", "cp1251", "koi8-r",
                                      "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("kind", sorted(_TEMPLATES))
def test_every_reader_decodes_every_encoding(kind, encoding):
    text, reader = _TEMPLATES[kind]
    data = b"\xfe\xff" + text.encode("utf-16-be") if encoding == "utf-16-be+bom" else text.encode(encoding)
    (doc,) = reader(data, f"x.{kind}")
    assert doc.title == _HEADLINE and _BODY in doc.body


@pytest.mark.parametrize("kind", sorted(_TEMPLATES))
def test_every_reader_refuses_binary_data_with_a_named_error(kind):
    _, reader = _TEMPLATES[kind]
    with pytest.raises(InputError, match=rf"^x\.{kind}: binary data"):
        reader(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, f"x.{kind}")


# --- stdin and sniffing -----------------------------------------------------------------------

@pytest.mark.parametrize("name, first_title", [
    ("boilerplate.html", "Lakeside Council Raises Fines for Dumping Waste"),
    ("assembly.rss", "Assembly Approves Drone Registration Law"),
    ("court-utf16.atom", None),  # UTF-16 is not sniffed: read as text, not as a crash
    ("articles.jsonl", "Island Council Bans Single-Use Plastic Cutlery"),
])
def test_stdin_sniffs_html_feeds_and_jsonl(monkeypatch, name, first_title):
    data = (READERS / name).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = items_of("-")
    assert items and all(isinstance(i, (Document, InputError)) for i in items)
    if first_title:
        assert items[0].title == first_title and items[0].source == "<stdin>"


def test_sniffing_sees_past_a_bom_and_feeds_without_declaration():
    atom = b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Sniffed Entry</title>' \
           b"<summary>Body of the entry.</summary></entry></feed>"
    (doc,) = read_bytes(atom, "<stdin>")
    assert doc.title == "Sniffed Entry" and doc.body == "Body of the entry."


# --- a mixed folder through the CLI -----------------------------------------------------------

def _count_documents(kg, store):
    result = kg("query", "--store", store, "SELECT (COUNT(*) AS ?n) WHERE { ?d a lk:SourceDocument }",
                "--format", "csv")
    assert result.exit_code == 0, result.output
    return int(result.output.strip().splitlines()[-1])


def test_build_of_a_folder_with_bad_files_builds_the_rest_and_exits_1(kg, tmp_path, store_dir):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("boilerplate.html", "no-body.html", "assembly.rss", "broken.rss", "court.atom", "mixed.jsonl",
                 "cp1251.html"):
        shutil.copy(READERS / name, folder / name)
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 5000 + "<p>lost</p>")
    result = kg("build", folder, "--store", store_dir)
    assert result.exit_code == 1
    for named in ("no-body.html: no article text found in HTML", "broken.rss:3: malformed feed",
                  "mixed.jsonl:2: invalid JSON", "mixed.jsonl:7: ", "deep.html: no article text found"):
        assert named in result.output
    # boilerplate 1 + assembly 2 + court 2 + mixed 2 good lines + cp1251 1
    assert _count_documents(kg, store_dir) == 8


# --- properties: anything in, documents or InputError out -----------------------------------

_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_MARKUP = st.lists(st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<title>", "</title>",
                                    "<rss>", "<channel>", "<item>", "</item>", "<feed>", "<entry>", "<![CDATA[",
                                    "]]>", "<?xml version='1.0'?>", "&amp;", "&#0;", "&#xD800;", "<!--", "-->",
                                    "<meta charset='bogus'>", "<meta charset=utf-16>", "<script>", "\x00", "\ufeff",
                                    "Some words of text. ", "Заголовок ", "<link rel=canonical href='x y'>"]),
                   max_size=40).map("".join)


def _documents_or_input_error(reader, data: bytes) -> None:
    try:
        docs = reader(data, "fuzz")
    except InputError as exc:
        assert str(exc).startswith("fuzz")
    else:
        assert all(isinstance(d, Document) and d.source == "fuzz" for d in docs)
        assert all(d.text.encode("utf-8") for d in docs)  # no lone surrogates to break the graph


@pytest.mark.parametrize("reader", [read_html, read_feed, read_jsonl], ids=["html", "feed", "jsonl"])
@_FUZZ
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_give_documents_or_input_error(reader, data):
    _documents_or_input_error(reader, data)


@pytest.mark.parametrize("reader", [read_html, read_feed], ids=["html", "feed"])
@_FUZZ
@given(page=_MARKUP, encoding=st.sampled_from(["utf-8", "utf-16", "cp1251"]))
def test_arbitrary_markup_gives_documents_or_input_error(reader, page, encoding):
    _documents_or_input_error(reader, page.encode(encoding, "replace"))


@_FUZZ
@given(records=st.lists(st.one_of(
    st.fixed_dictionaries({"title": st.text(max_size=30), "text": st.text(max_size=60)},
                          optional={"date": st.one_of(st.text(max_size=20), st.integers()),
                                    "url": st.one_of(st.text(max_size=20), st.none())}),
    st.text(max_size=40)), max_size=8))
def test_arbitrary_json_lines_give_documents_or_input_error(records):
    import json
    lines = [json.dumps(r) if isinstance(r, dict) else r.replace("\n", " ") for r in records]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    try:
        docs = read_jsonl(data, "fuzz")
    except PartialInput as partial:
        assert all(e.line and str(e).startswith("fuzz:") for e in partial.errors)
        assert len(partial.documents) + len(partial.errors) == sum(1 for line in lines if line.strip())
    except InputError as exc:
        assert str(exc).startswith("fuzz")
    else:
        assert len(docs) == sum(1 for line in lines if line.strip())
