"""kg report on the seed listing and both development sets: the page, the memo, the filters,
and the page in headless Chromium (no console error, no request, charts drawn)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.report import Filters, collect
from kg.store import open_store

from .browser import Browser, chromium_path, non_background_pixels
from .conftest import shared_path


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("report") / "store"
    inputs = [shared_path("seeds"), shared_path("corpus", "dev"), shared_path("corpus", "dev2")]
    result = CliRunner().invoke(cli, ["build", *map(str, inputs), "--store", str(store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return store


def report(store: Path, out: Path, *args: str):
    return CliRunner().invoke(cli, ["report", "--store", str(store), "-o", str(out), *args], catch_exceptions=False)


def test_report_covers_every_set_with_evidence(corpus_store, tmp_path):
    result = report(corpus_store, tmp_path / "all.html")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "all.html").read_text(encoding="utf-8")
    with open_store(str(corpus_store), read_only=True) as store:
        data = collect(store)
    assert len(data.countries) >= 10 and len(data.changes) >= 50 and len(data.steps) >= 50
    # each penalty change row opens its quote, with the headline and the article's date
    assert page.count("<blockquote>") >= len(data.changes)
    change = next(c for c in data.changes if c.before is not None)
    assert change.evidence.quote.replace('"', "&quot;")[:60] in page.replace("&#x27;", "'")
    assert "<svg" in page and "http://" not in re.sub(r'(href|xmlns(:\w+)?)="[^"]*"', "", page)
    # fines show in dollars with the source of the rate, or with the reason they have no dollar value
    assert "230 USD" in page and "rate: the US dollar itself" in page
    assert "no dollar value: " in page
    # an undated article's fine is converted at the most recent rate held: marked "≈", its note says so
    assert "≈ " in page and "approximate: the article gives no date" in page


def test_filters_and_markdown(corpus_store, tmp_path):
    result = report(corpus_store, tmp_path / "kz.md", "--format", "markdown", "--country", "Kazakhstan",
                    "--compare", "fine")
    assert result.exit_code == 0, result.output
    memo = (tmp_path / "kz.md").read_text(encoding="utf-8")
    assert memo.startswith("# What changed: country Kazakhstan")
    assert "| Kazakhstan |" in memo and "| Kyrgyzstan |" not in memo
    assert (tmp_path / "kz-timeline.svg").read_text(encoding="utf-8").startswith("<svg")
    with open_store(str(corpus_store), read_only=True) as store:
        all_rows = collect(store)
        kz = collect(store, Filters(country="KZ"))
        recent = collect(store, Filters(since="2022", until="2024-12"))
        criminal = collect(store, Filters(law="criminal code"))
    assert 0 < len(kz.changes) < len(all_rows.changes)
    assert all(c.after.iso == "KZ" for c in kz.changes)
    assert recent.steps and all("2022" <= s.date[:4] <= "2024" for s in recent.steps)
    assert criminal.steps and all("criminal" in s.law.lower() and "code" in s.law.lower() for s in criminal.steps)
    bad = CliRunner().invoke(cli, ["report", "--store", str(corpus_store), "--since", "last year"])
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_an_empty_store_still_reports(tmp_path):
    with open_store(str(tmp_path / "empty"), create=True):
        pass
    result = report(tmp_path / "empty", tmp_path / "empty.html")
    assert result.exit_code == 0, result.output
    assert "No penalty change matches." in (tmp_path / "empty.html").read_text(encoding="utf-8")


@pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed (make test installs it when it can)")
def test_the_page_in_chromium(corpus_store, tmp_path):
    out = tmp_path / "page.html"
    assert report(corpus_store, out, "--compare", "imprisonment").exit_code == 0
    with Browser() as browser:
        page = browser.page(1200, 3200)
        page.open(out)
        page.wait_for("document.readyState === 'complete'")
        figures = page.evaluate("""JSON.stringify([...document.querySelectorAll('figure')].map(f => {
            const r = f.getBoundingClientRect();
            return {x: r.x, y: r.y + window.scrollY, w: r.width, h: r.height,
                    marks: f.querySelectorAll('path, rect, line').length}; }))""")
        import json
        boxes = json.loads(figures)
        assert len(boxes) == 2 and all(b["w"] > 300 and b["h"] > 50 and b["marks"] > 20 for b in boxes)
        for box in boxes:  # each chart has ink: not a blank frame
            png = page.screenshot({"x": box["x"], "y": box["y"], "width": box["w"], "height": box["h"], "scale": 1})
            assert non_background_pixels(png) > 2000
        assert page.errors() == []
        assert [r for r in page.requests() if not r.startswith("file://")] == []
        # a row's evidence opens on click
        opened = page.evaluate("(() => { const d = document.querySelector('td details'); d.open = true;"
                               " return d.querySelector('blockquote').getBoundingClientRect().height; })()")
        assert opened > 5
