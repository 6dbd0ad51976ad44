"""Monthly trends and their SVG charts."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from sourcedesk.facts.charts import trend_chart_svg
from sourcedesk.facts.trends import monthly_series


def test_monthly_series_gives_median_and_range_per_group():
    """Points are grouped by month and group, with median, lowest, highest and count."""
    series = monthly_series(
        [
            (dt.date(2024, 1, 3), "Hyesan", Decimal(8000)),
            (dt.date(2024, 1, 20), "Hyesan", Decimal(8400)),
            (dt.date(2024, 1, 25), "Hyesan", Decimal(9000)),
            (dt.date(2024, 2, 5), "Hyesan", Decimal(9100)),
            (dt.date(2024, 1, 9), "Pyongyang", Decimal(8200)),
        ]
    )
    january = series["Hyesan"][0]
    assert (january.month, january.median, january.low, january.high, january.count) == (
        dt.date(2024, 1, 1),
        Decimal(8400),
        Decimal(8000),
        Decimal(9000),
        3,
    )
    assert [s.month for s in series["Hyesan"]] == [dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
    assert list(series) == ["Hyesan", "Pyongyang"]


def test_chart_is_svg_with_presentation_attributes_only():
    """The chart is an inline <svg> without style attributes, with a line and band per group."""
    series = monthly_series(
        [(dt.date(2024, m, 1), city, Decimal(8000 + 100 * m)) for m in range(1, 13) for city in ("A", "B")]
    )
    svg = trend_chart_svg(series, title="KPW per USD", y_label="KPW", empty_text="none")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "style=" not in svg and "<script" not in svg
    assert svg.count("<polyline") == 2 and svg.count("<polygon") == 2


def test_chart_escapes_labels():
    """Group names and titles are escaped."""
    series = monthly_series([(dt.date(2024, 1, 1), "<b>x</b>", Decimal(1))])
    svg = trend_chart_svg(series, title="a & b", y_label="<y>", empty_text="none")
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "a &amp; b" in svg


def test_empty_chart_says_so():
    """Without observations the chart shows the empty text."""
    svg = trend_chart_svg({}, title="t", y_label="y", empty_text="No observations yet.")
    assert re.search(r"<text[^>]*>No observations yet.</text>", svg)
