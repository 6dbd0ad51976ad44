"""Annotate amounts in place the way the desk writes them.

"KRW 2.5 million" becomes "KRW 2.5 million (around USD 1,916)"; "250만 원" becomes
"250만 원(약 1,916달러)". Figures are rounded as a newsroom rounds: cents under ten, whole units
under ten thousand, three significant figures above. Amounts already followed by a conversion
are left alone, so annotating twice changes nothing.

The module imports no Django. When ``market_rates`` is not given and Django is running, the
desk's market-rate observations are loaded so KPW amounts can be converted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .convert import DEFAULT_WINDOW_DAYS, SOURCE_ECB, Conversion, ConversionError, MarketRate, convert
from .parser import Amount, find_amounts

__all__ = [
    "Annotation",
    "annotate_amount_at",
    "annotate_amounts",
    "annotate_details",
    "format_amount",
    "newsroom_round",
]

_KO_UNIT = {"USD": "달러", "KRW": "원", "CNY": "위안", "KPW": "원", "JPY": "엔", "EUR": "유로",
            "HKD": "홍콩달러", "GBP": "파운드", "RUB": "루블"}  # fmt: skip
_ALREADY = re.compile(r"^\s?[(（]\s*(?:around|about|approximately|approx\.|roughly|약|≈|~)", re.I)
_INSIDE = re.compile(r"[(（]\s*(?:around|about|approximately|approx\.|roughly|약|≈|~)\s*$", re.I)


@dataclass(frozen=True)
class Annotation:
    """What happened to one amount: converted (with the conversion) or skipped (with why)."""

    amount: Amount
    conversion: Conversion | None
    inserted: str
    skipped: str  # "" when converted; else a ConversionError code or "annotated"
    message: str = ""


def newsroom_round(value: Decimal) -> Decimal:
    """Return ``value`` rounded as a desk writes it.

    Under 10: two decimals. Under 10,000: whole units. Above: three significant figures.
    """
    magnitude = abs(value)
    if magnitude < 10:
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if magnitude < 10_000:
        return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    digits = len(str(int(magnitude)))
    step = Decimal(10) ** (digits - 3)
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def _plain(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _english(value: Decimal) -> str:
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if abs(value) >= size:
            scaled = (value / size).normalize()
            text = f"{scaled:f}"
            return f"{text} {word}"
    return _plain(value)


def _korean(value: Decimal) -> str:
    if value < 10_000 or value != value.to_integral_value():
        return _plain(value)
    whole = int(value)
    parts = []
    for size, unit in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
        if whole >= size:
            parts.append(f"{whole // size:,}{unit}")
            whole %= size
    if whole:
        parts.append(f"{whole:,}")
    return " ".join(parts)


def format_amount(value: Decimal, currency: str, language: str) -> str:
    """Return ``value`` in ``currency`` written as the desk writes it in ``language``."""
    if language == "ko":
        number = _korean(value)
        unit = _KO_UNIT.get(currency)
        if unit is None:
            return f"{currency} {number}"
        space = " " if number[-1] in "만억조" else ""
        return f"{number}{space}{unit}"
    return f"{currency} {_english(value)}"


def _phrase(conversion: Conversion, language: str) -> str:
    rounded = newsroom_round(conversion.value)
    figure = format_amount(rounded, conversion.currency, language)
    market = conversion.rate_source != SOURCE_ECB
    if language == "ko":
        if conversion.currency == "KPW":
            figure = f"북한 돈 약 {figure}"
            return f"(시장 환율로 {figure})" if market else f"({figure})"
        return f"(시장 환율로 약 {figure})" if market else f"(약 {figure})"
    suffix = " at the market rate" if market else ""
    return f" (around {figure}{suffix})"


def _default_market_rates() -> list[MarketRate]:
    try:
        from django.apps import apps
    except ImportError:  # pragma: no cover - Django is installed with the project
        return []
    if not apps.ready:
        return []
    from .selectors import market_rates_for_conversion

    return market_rates_for_conversion()


def _default_window() -> int:
    try:
        from django.conf import settings

        if settings.configured:
            return int(getattr(settings, "SOURCEDESK_MARKET_RATE_WINDOW_DAYS", DEFAULT_WINDOW_DAYS))
    except ImportError:  # pragma: no cover
        pass
    return DEFAULT_WINDOW_DAYS


def annotate_details(
    text: str,
    *,
    language: str,
    on_date: dt.date | None,
    to: str = "USD",
    market_rates: Iterable[MarketRate] | None = None,
    window_days: int | None = None,
    today: dt.date | None = None,
    only_at: int | None = None,
) -> tuple[str, list[Annotation]]:
    """Return the annotated text and what was done to each amount found in it.

    With ``only_at``, only the amount starting at that offset is annotated.
    """
    rates = list(_default_market_rates() if market_rates is None else market_rates)
    window = _default_window() if window_days is None else window_days
    pieces: list[str] = []
    records: list[Annotation] = []
    cursor = 0
    for amount in find_amounts(text, language):
        if only_at is not None and amount.start != only_at:
            continue
        if _ALREADY.match(text[amount.end : amount.end + 20]) or _INSIDE.search(
            text[max(0, amount.start - 20) : amount.start]
        ):
            records.append(Annotation(amount, None, "", "annotated"))
            continue
        if amount.currency is None:
            records.append(Annotation(amount, None, "", "ambiguous_currency"))
            continue
        try:
            conversion = convert(
                amount.value,
                amount.currency,
                to,
                on_date,
                market_rates=rates,
                window_days=window,
                today=today,
            )
        except ConversionError as exc:
            records.append(Annotation(amount, None, "", exc.code, exc.message))
            continue
        inserted = _phrase(conversion, language)
        pieces.append(text[cursor : amount.end])
        pieces.append(inserted)
        cursor = amount.end
        records.append(Annotation(amount, conversion, inserted, ""))
    pieces.append(text[cursor:])
    return "".join(pieces), records


def annotate_amounts(
    text: str,
    *,
    language: str,
    on_date: dt.date | None,
    to: str = "USD",
    market_rates: Iterable[MarketRate] | None = None,
) -> str:
    """Return ``text`` with each convertible amount followed by its value in ``to``.

    ``language`` ("ko" or "en") chooses the style; ``on_date`` is the story's date (None for
    the latest rates). Amounts already in ``to``, of unknown currency, too large, or without a
    rate at that date are left as they are.
    """
    annotated, _records = annotate_details(
        text, language=language, on_date=on_date, to=to, market_rates=market_rates
    )
    return annotated


def annotate_amount_at(
    text: str,
    *,
    start: int,
    language: str,
    on_date: dt.date | None,
    to: str = "USD",
    market_rates: Iterable[MarketRate] | None = None,
) -> str:
    """Return ``text`` with only the amount that starts at offset ``start`` annotated.

    For an editor that offers "convert" on one detected amount; the text is unchanged when no
    amount starts there or it cannot be converted.
    """
    annotated, _records = annotate_details(
        text, language=language, on_date=on_date, to=to, market_rates=market_rates, only_at=start
    )
    return annotated
