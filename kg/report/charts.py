"""The report's charts: Vega-Lite specifications (altair) drawn to SVG offline (vl-convert).

vl-convert runs Vega in its own embedded engine, so a chart is drawn when the report is
written and the page carries a plain SVG: nothing is fetched or run when it is viewed.
"""
from __future__ import annotations

from decimal import Decimal

from .. import format as fmt
from .data import AFTER_STAGES, PenaltyRow, Step

__all__ = ["timeline_spec", "comparison_spec", "svg"]

_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
            "#bcbd22", "#393b79"]


def svg(spec: dict) -> str:
    """Draw a Vega-Lite specification as SVG text."""
    import vl_convert
    return vl_convert.vegalite_to_svg(spec)


def _day(date: str) -> str:
    return date if len(date) == 10 else (date + "-01" if len(date) == 7 else date + "-01-01")


def timeline_spec(steps: list[Step], *, by: str = "country") -> dict | None:
    """One mark per dated step, a row per country (or per law for one country), coloured by kind."""
    import altair as alt
    rows = [{"date": _day(s.date), "row": (s.country or "unknown") if by == "country" else _short(s.law, 48),
             "step": s.kind, "law": s.law} for s in steps if s.date]
    if not rows:
        return None
    height = max(60, 26 * len({r["row"] for r in rows}))
    chart = alt.Chart(alt.Data(values=rows)).mark_point(filled=True, size=90, opacity=0.85).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=0, grid=True)),
        y=alt.Y("row:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=260)),
        color=alt.Color("step:N", title="step", scale=alt.Scale(range=_PALETTE),
                        legend=alt.Legend(orient="bottom", columns=4)),
        shape=alt.Shape("step:N", legend=None),
    ).properties(width=720, height=height, title="Steps in laws' lives, by date")
    return chart.to_dict()


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _years(value: str | None) -> float | None:
    return None if value is None else float(Decimal(value))


def comparison_spec(penalties: list[PenaltyRow], label: str, kind: str | None) -> dict | None:
    """Penalties of one kind side by side: a bar from the lower to the upper bound per country and stage
    (years for terms, US dollars for fines), labelled as a person writes it."""
    import altair as alt
    rows = []
    money = kind == "Fine"
    for p in penalties:
        stage = "new or proposed" if p.stage in AFTER_STAGES else "in force or previous"
        if money:
            if p.usd is None:
                continue
            high, low = float(p.usd), 0.0
            text = fmt.money(p.usd, "USD")
        else:
            low, high = _years(p.min_years), _years(p.max_years)
            if low is None and high is None:
                continue
            text = fmt.term(p.min_years, p.max_years) or ""
            low = low if low is not None else 0.0
            high = high if high is not None else low
        rows.append({"country": p.country or "unknown", "stage": stage, "low": low, "high": high, "label": text,
                     "article": p.article or p.offense or ""})
    if not rows:
        return None
    # one bar per country and stage: from the lowest bound read to the highest, labelled once
    merged: dict[tuple[str, str], dict] = {}
    for r in rows:
        key = (r["country"], r["stage"])
        m = merged.setdefault(key, dict(r, count=0))
        m["low"], m["high"], m["count"] = min(m["low"], r["low"]), max(m["high"], r["high"]), m["count"] + 1
    for m in merged.values():
        m["label"] = (fmt.money(m["high"], "USD") if money else fmt.term(m["low"] or None, m["high"])) + \
            (f"  ({m['count']} penalties)" if m["count"] > 1 else "")
    rows = list(merged.values())
    unit = "US dollars (converted fines only)" if money else "years"
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("country:N", title=None, sort="ascending"),
        yOffset=alt.YOffset("stage:N"),
        color=alt.Color("stage:N", title=None, scale=alt.Scale(domain=["in force or previous", "new or proposed"],
                                                               range=["#7f7f7f", "#d62728"]),
                        legend=alt.Legend(orient="bottom", columnPadding=24, labelLimit=200)),
    )
    bars = base.mark_bar(height=8, cornerRadius=2).encode(x=alt.X("low:Q", title=unit), x2="high:Q")
    ticks = base.mark_tick(thickness=2, size=14).encode(x="high:Q")
    texts = base.mark_text(align="left", dx=5, fontSize=10).encode(x="high:Q", text="label:N")
    n = len({r["country"] for r in rows})
    chart = (bars + ticks + texts).properties(width=600, height=max(80, 44 * n), padding={"right": 190},
                                              title=f"{label.capitalize()} across countries")
    return chart.to_dict()
