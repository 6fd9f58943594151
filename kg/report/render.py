"""The report written out: one self-contained HTML page, or a markdown memo.

The page has its styles inline and its charts as inline SVG: it makes no request when it
is opened (links to sources are plain links, followed only when clicked).
"""
from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from .. import format as fmt
from . import charts
from .data import Change, Evidence, PenaltyRow, ReportData

__all__ = ["render_html", "render_markdown", "penalty_cell", "money_cell"]

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;margin:0;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:24px 28px 60px;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#666;margin:0 0 16px}.figures{display:flex;gap:24px;margin:12px 0 4px}
.figures div{background:#f3f5f8;border-radius:6px;padding:8px 14px}.figures b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;vertical-align:top;padding:6px 8px;
border-bottom:1px solid #eee}th{background:#f3f5f8;font-weight:600}td.num{white-space:nowrap}
.before{color:#555}.after{color:#b00020;font-weight:600}.stage{font-size:11px;color:#777;display:block}
details summary{cursor:pointer;color:#2456a4}blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid #ccc;
color:#333;background:#fafafa}.src{font-size:12px;color:#666}.note{font-size:11px;color:#777}
figure{margin:8px 0 0}figure svg{max-width:100%;height:auto}.empty{color:#777;font-style:italic}
"""


def penalty_cell(p: PenaltyRow | None) -> str:
    """A penalty's bounds as a person writes them ("up to 4 months", "30,000 KGS")."""
    if p is None:
        return ""
    return fmt.penalty_text(p.kind, **p.numbers(), currency=p.currency) or p.kind_label


def money_cell(p: PenaltyRow | None) -> str:
    if p is None or p.currency is None:
        return ""
    if p.usd is None:
        return "—"
    # an undated article's fine is converted at the most recent rate held: marked, its note says which
    approximate = (p.conversion_note or "").startswith("approximate")
    return ("≈ " if approximate else "") + fmt.money(p.usd, "USD")


def _offense(c: Change) -> str:
    return c.after.offense or (c.before.offense if c.before else None) or ""


def _article(c: Change) -> str:
    return c.after.article or (c.before.article if c.before else None) or ""


# -- HTML ---------------------------------------------------------------------------------------
def _evidence_html(ev: Evidence | None) -> str:
    if ev is None:
        return ""
    source = (f'<a href="{escape(ev.url)}" rel="noreferrer">{escape(ev.url)}</a>' if ev.url
              else escape(ev.source or ""))
    return (f"<details><summary>{escape(ev.headline)}</summary><blockquote>{escape(ev.quote)}</blockquote>"
            f'<div class="src">{escape(ev.date or "undated")} · {source}</div></details>')


def _svg_or_note(spec: dict | None, empty: str) -> str:
    if spec is None:
        return f'<p class="empty">{escape(empty)}</p>'
    return f'<figure>{charts.svg(spec)}</figure>'


def render_html(data: ReportData, *, title: str | None = None) -> str:
    """The whole report as one self-contained HTML page."""
    title = title or f"What changed: {data.filters.describe()}"
    single = bool(data.filters.country)
    timeline = charts.timeline_spec(data.steps, by="law" if single else "country")
    comparison = charts.comparison_spec(data.compared, data.compare_label, data.compare_kind)
    undated = sum(1 for s in data.steps if not s.date)
    out = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>",
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<style>{_CSS}</style></head><body><main>",
           f"<h1>{escape(title)}</h1>",
           f'<p class="meta">legiskg change report, written {dt.date.today().isoformat()} from '
           f"{data.documents} articles. Every row opens the sentence it was read from.</p>",
           '<div class="figures">'
           f"<div><b>{len(data.steps)}</b>steps in laws' lives</div>"
           f"<div><b>{len(data.changes)}</b>penalty changes</div>"
           f"<div><b>{len(data.countries)}</b>countries</div></div>",
           "<h2>Timeline</h2>",
           _svg_or_note(timeline, "No dated step matches."),
           f'<p class="note">{undated} undated steps are in the table below, not on the chart.</p>' if undated else "",
           f"<h2>{escape(data.compare_label.capitalize())} across countries</h2>",
           _svg_or_note(comparison, f"No {data.compare_label} with bounds to compare."),
           "<h2>Penalty changes</h2>"]
    if data.changes:
        out.append("<table><thead><tr><th>country</th><th>offense · article</th><th>penalty</th><th>before</th>"
                   "<th>after</th><th>in US dollars</th><th>evidence</th></tr></thead><tbody>")
        for c in data.changes:
            before = (f'<span class="before">{escape(penalty_cell(c.before))}</span>'
                      f'<span class="stage">{escape(c.before.stage_label)}</span>') if c.before else \
                '<span class="stage">not stated</span>'
            after = (f'<span class="after">{escape(penalty_cell(c.after))}</span>'
                     f'<span class="stage">{escape(c.after.stage_label)}</span>')
            usd_parts = []
            for side, p in (("before", c.before), ("after", c.after)):
                if p is not None and p.currency:
                    note = f'<span class="note" title="{escape(p.conversion_note or "")}">{escape(side)}</span> '
                    usd_parts.append(note + escape(money_cell(p)))
            usd = "<br>".join(usd_parts)
            what = " · ".join(x for x in (escape(_offense(c)), escape(_article(c))) if x)
            out.append(f"<tr><td>{escape(c.after.country or '')}</td><td>{what}</td>"
                       f"<td>{escape(c.after.kind_label)}</td><td class=\"num\">{before}</td>"
                       f"<td class=\"num\">{after}</td><td class=\"num\">{usd}</td>"
                       f"<td>{_evidence_html(c.evidence)}"
                       + (_evidence_html(c.before.evidence) if c.before and c.before.evidence
                          and c.before.evidence.quote != c.after.evidence.quote else "") + "</td></tr>")
        out.append("</tbody></table>")
        notes = sorted({p.conversion_note for c in data.changes for p in (c.before, c.after)
                        if p is not None and p.conversion_note})
        if notes:
            out.append('<details><summary>How the dollar amounts were computed, or why they are missing</summary><ul>'
                       + "".join(f"<li class=\"note\">{escape(n)}</li>" for n in notes) + "</ul></details>")
    else:
        out.append('<p class="empty">No penalty change matches.</p>')
    out.append("<h2>Steps</h2>")
    if data.steps:
        out.append("<table><thead><tr><th>date</th><th>country</th><th>law</th><th>step</th><th>evidence</th>"
                   "</tr></thead><tbody>")
        for s in data.steps:
            when = escape(s.date or "undated") + (' <span class="stage">article date</span>'
                                                   if s.dated_by == "article" else "")
            out.append(f"<tr><td class=\"num\">{when}</td><td>{escape(s.country or '')}</td><td>{escape(s.law)}</td>"
                       f"<td>{escape(s.kind)}</td><td>{_evidence_html(s.evidence)}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append('<p class="empty">No step matches.</p>')
    out.append("</main></body></html>")
    return "\n".join(part for part in out if part)


# -- markdown -----------------------------------------------------------------------------------
def _md(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _md_evidence(ev: Evidence | None) -> str:
    if ev is None:
        return ""
    where = f"[{_md(ev.headline)}]({ev.url})" if ev.url else _md(ev.headline)
    return f"“{_md(ev.quote)}” — {where}, {ev.date or 'undated'}"


def render_markdown(data: ReportData, *, title: str | None = None, chart_dir: Path | None = None,
                    chart_prefix: str = "report") -> str:
    """The report as a markdown memo; with ``chart_dir`` the charts are written beside it as SVG files."""
    title = title or f"What changed: {data.filters.describe()}"
    lines = [f"# {title}", "",
             f"legiskg change report, {dt.date.today().isoformat()}: {len(data.steps)} steps in laws' lives, "
             f"{len(data.changes)} penalty changes, {len(data.countries)} countries, from {data.documents} articles.",
             ""]
    specs = [("timeline", charts.timeline_spec(data.steps, by="law" if data.filters.country else "country")),
             ("comparison", charts.comparison_spec(data.compared, data.compare_label, data.compare_kind))]
    if chart_dir is not None:
        for name, spec in specs:
            if spec is not None:
                path = chart_dir / f"{chart_prefix}-{name}.svg"
                path.write_text(charts.svg(spec), encoding="utf-8")
                lines += [f"![{name}]({path.name})", ""]
    lines += ["## Penalty changes", ""]
    if data.changes:
        lines += ["| country | offense · article | penalty | before | after | in US dollars (before → after) | evidence |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for c in data.changes:
            before = f"{penalty_cell(c.before)} ({c.before.stage_label})" if c.before else "not stated"
            after = f"**{penalty_cell(c.after)}** ({c.after.stage_label})"
            usd = " → ".join(x for x in (money_cell(c.before), money_cell(c.after)) if x)
            what = " · ".join(x for x in (_offense(c), _article(c)) if x)
            lines.append(f"| {_md(c.after.country)} | {_md(what)} | {_md(c.after.kind_label)} | {_md(before)} | "
                         f"{_md(after)} | {_md(usd)} | {_md_evidence(c.evidence)} |")
        notes = sorted({p.conversion_note for c in data.changes for p in (c.before, c.after)
                        if p is not None and p.conversion_note})
        if notes:
            lines += ["", "Dollar amounts: " + "; ".join(notes) + "."]
    else:
        lines.append("No penalty change matches.")
    lines += ["", "## Steps", ""]
    if data.steps:
        lines += ["| date | country | law | step | evidence |", "| --- | --- | --- | --- | --- |"]
        for s in data.steps:
            when = (s.date or "undated") + (" (article date)" if s.dated_by == "article" else "")
            lines.append(f"| {when} | {_md(s.country)} | {_md(s.law)} | {_md(s.kind)} | {_md_evidence(s.evidence)} |")
    else:
        lines.append("No step matches.")
    return "\n".join(lines) + "\n"
