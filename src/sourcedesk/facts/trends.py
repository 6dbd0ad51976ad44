"""Monthly medians and ranges of observations, per group (a city, a service). Pure Python."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["MonthStat", "monthly_series"]


@dataclass(frozen=True)
class MonthStat:
    """The observations of one group in one month: median, lowest, highest, how many."""

    month: dt.date  # first day of the month
    median: Decimal
    low: Decimal
    high: Decimal
    count: int


def monthly_series(points: Iterable[tuple[dt.date, str, Decimal]]) -> dict[str, list[MonthStat]]:
    """Return, per group, the monthly statistics of ``(date, group, value)`` points, by month."""
    buckets: dict[str, dict[dt.date, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for day, group, value in points:
        buckets[group][day.replace(day=1)].append(Decimal(value))
    series: dict[str, list[MonthStat]] = {}
    for group in sorted(buckets):
        months = buckets[group]
        series[group] = [
            MonthStat(month, Decimal(statistics.median(values)), min(values), max(values), len(values))
            for month, values in sorted(months.items())
        ]
    return series
