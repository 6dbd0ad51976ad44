"""Trend charts as inline SVG, drawn on the server. Pure Python.

The desk's pages carry no JavaScript and a strict CSP, so charts are plain SVG with
presentation attributes only (no ``style`` attributes): a shaded band for each group's monthly
range and a line for its median, month labels below, value labels on the left.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from html import escape

from .trends import MonthStat

__all__ = ["PALETTE", "trend_chart_svg"]

# Distinguishable in print and for the common colour-vision deficiencies (Okabe–Ito).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks, 1)
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _label(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.1f}M"
    if abs(value) >= 10_000:
        return f"{value / 1000:,.0f}k"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _text_width(text: str) -> int:
    return sum(12 if ord(ch) >= 0x2E80 else 7 for ch in text)


def _months_between(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def trend_chart_svg(
    series: dict[str, list[MonthStat]],
    *,
    title: str,
    y_label: str,
    empty_text: str,
    width: int = 720,
    height: int = 320,
) -> str:
    """Return an ``<svg>`` element charting each group's monthly median and range.

    Group names are the legend's labels; every text is escaped.
    """
    left, right, top, bottom = 64, 16, 28, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet" '
        f'font-family="sans-serif" font-size="13">'
        f"<title>{escape(title)}</title>"
    )
    stats = [s for points in series.values() for s in points]
    if not stats:
        return (
            head + f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" '
            f'fill="#555555">{escape(empty_text)}</text></svg>'
        )
    first = min(s.month for s in stats)
    last = max(s.month for s in stats)
    n_months = max(_months_between(first, last), 1)
    low = float(min(s.low for s in stats))
    high = float(max(s.high for s in stats))
    if high == low:
        high, low = high + 1, max(low - 1, 0)
    step = _nice_step(high - low)
    y_min = math.floor(low / step) * step
    y_max = math.ceil(high / step) * step

    def x(month: dt.date) -> float:
        return left + plot_w * _months_between(first, month) / n_months

    def y(value: Decimal | float) -> float:
        return top + plot_h * (1 - (float(value) - y_min) / (y_max - y_min))

    out = [head]
    # Grid and value labels.
    tick = y_min
    while tick <= y_max + step / 2:
        ty = y(tick)
        out.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" stroke="#dddddd" '
            f'stroke-width="1"/>'
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#444444">{_label(tick)}</text>'
        )
        tick += step
    out.append(
        f'<text x="14" y="{top + plot_h / 2:.0f}" text-anchor="middle" fill="#444444" '
        f'transform="rotate(-90 14 {top + plot_h / 2:.0f})">{escape(y_label)}</text>'
    )
    # Month labels: at most about twelve, always the first and last.
    every = max(1, math.ceil((n_months + 1) / 12))
    month = first
    index = 0
    while month <= last:
        if index % every == 0:
            mx = x(month)
            out.append(
                f'<line x1="{mx:.1f}" y1="{top + plot_h}" x2="{mx:.1f}" y2="{top + plot_h + 4}" '
                f'stroke="#444444" stroke-width="1"/>'
                f'<text x="{mx:.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="#444444">'
                f"{month:%y.%m}</text>"
            )
        index += 1
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="#444444" stroke-width="1"/>'
    )
    # Series: range band, median line, points.
    legend_x = left
    legend_row = 0
    for index, (group, points) in enumerate(series.items()):
        colour = PALETTE[index % len(PALETTE)]
        if len(points) > 1:
            upper = " ".join(f"{x(p.month):.1f},{y(p.high):.1f}" for p in points)
            lower = " ".join(f"{x(p.month):.1f},{y(p.low):.1f}" for p in reversed(points))
            out.append(
                f'<polygon points="{upper} {lower}" fill="{colour}" fill-opacity="0.15" stroke="none"/>'
            )
            line = " ".join(f"{x(p.month):.1f},{y(p.median):.1f}" for p in points)
            out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for p in points:
            out.append(
                f'<circle cx="{x(p.month):.1f}" cy="{y(p.median):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(group)} {p.month:%Y-%m}: {_label(float(p.median))} "
                f"({_label(float(p.low))}–{_label(float(p.high))}, n={p.count})</title></circle>"
            )
        item_width = 16 + _text_width(group) + 20
        if legend_x + item_width > width - right and legend_x > left:
            legend_x = left
            legend_row += 1
        ly = top + plot_h + 38 + 16 * legend_row
        out.append(
            f'<rect x="{legend_x}" y="{ly - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{legend_x + 16}" y="{ly}" fill="#222222">{escape(group)}</text>'
        )
        legend_x += item_width
    out.append("</svg>")
    return "".join(out)
