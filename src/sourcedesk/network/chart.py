"""The grade history chart, drawn on the server as SVG with presentation attributes only."""

from __future__ import annotations

from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .models import Grade

WIDTH = 600
HEIGHT = 200
LEFT = 28
RIGHT = 12
TOP = 12
BOTTOM = 28
GRADES = list(Grade.values)  # A..F, A drawn at the top


def _n(value: float) -> str:
    return f"{value:.1f}"


def _y(grade: str) -> float:
    step = (HEIGHT - TOP - BOTTOM) / (len(GRADES) - 1)
    return TOP + GRADES.index(grade) * step


def grade_chart_svg(points, *, today: date, title: str) -> SafeString:
    """Return an ``<svg>`` step chart of ``points`` (each with ``when`` and ``grade``) up to ``today``.

    The chart scales with its container (viewBox, width 100%) so it reads on a phone.
    """
    points = [p for p in points if p.grade in GRADES]
    start = min([p.when for p in points] + [today])
    span = max((today - start).days, 1)
    plot_w = WIDTH - LEFT - RIGHT

    def x(day: date) -> float:
        return LEFT + plot_w * (day - start).days / span

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d8d8d8" stroke-width="1"/>'
        '<text x="{}" y="{}" font-size="12" text-anchor="end" dominant-baseline="middle" fill="#555">{}</text>',
        ((LEFT, _n(_y(g)), WIDTH - RIGHT, _n(_y(g)), LEFT - 6, _n(_y(g)), g) for g in GRADES),
    )
    path = []
    for i, point in enumerate(points):
        px, py = x(point.when), _y(point.grade)
        if i == 0:
            path.append(f"M{px:.1f},{py:.1f}")
        else:
            path.append(f"H{px:.1f}V{py:.1f}")
    if points:
        path.append(f"H{x(today):.1f}")
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4" fill="#1f4e79"><title>{} {}</title></circle>',
        ((_n(x(p.when)), _n(_y(p.grade)), p.when.isoformat(), p.grade) for p in points),
    )
    axis = format_html(
        '<text x="{}" y="{}" font-size="11" fill="#555">{}</text>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#555">{}</text>',
        LEFT,
        HEIGHT - 8,
        start.isoformat(),
        WIDTH - RIGHT,
        HEIGHT - 8,
        today.isoformat(),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="grade-chart-title" class="grade-chart">'
        '<title id="grade-chart-title">{}</title>{}'
        '<path d="{}" fill="none" stroke="#1f4e79" stroke-width="2.5"/>{}{}</svg>',
        WIDTH,
        HEIGHT,
        title,
        grid,
        " ".join(path),
        dots,
        axis,
    )
