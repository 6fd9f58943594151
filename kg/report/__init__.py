"""``kg report``: what changed, for a country, a law, a period, or all countries side by side.

:func:`collect` reads the rows from a store (steps in laws' lives, penalty changes with the
earlier rule against the new or proposed one, penalties of one kind across countries), each
with its evidence; :func:`render_html` writes one self-contained page with offline charts,
:func:`render_markdown` a memo. :func:`write_report` does both steps for the CLI and notebooks.
"""
from __future__ import annotations

from pathlib import Path

from ..store.base import Store
from .data import Change, Evidence, Filters, PenaltyRow, ReportData, Step, collect
from .render import render_html, render_markdown

__all__ = ["collect", "render_html", "render_markdown", "write_report", "Filters", "ReportData", "Change",
           "PenaltyRow", "Step", "Evidence", "REPORT_FORMATS"]

REPORT_FORMATS = ("html", "markdown")


def write_report(store: Store, output: str | Path, filters: Filters | None = None, *, fmt: str = "html",
                 title: str | None = None) -> ReportData:
    """Collect and write a report to ``output`` (charts of a markdown memo go beside it as SVG files)."""
    data = collect(store, filters)
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "markdown":
        text = render_markdown(data, title=title, chart_dir=path.parent, chart_prefix=path.stem)
    else:
        text = render_html(data, title=title)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return data
