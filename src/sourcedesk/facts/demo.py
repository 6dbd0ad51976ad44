"""Invented market facts for the demo desk: two years of rates, prices and broker fees.

Every figure here is made up. Rows are bulk-created rather than recorded one by one through
the services, so seeding does not fill the demo's audit log with hundreds of entries.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import BrokerFee, City, Currency, Item, MarketRate, Price, Service, Unit

DEMO_NOTE = "demo"
MONTHS = 24
# How each market's rate sits against the average: the capital trades a little lower.
CITY_FACTOR = {City.PYONGYANG: 0.96, City.SINUIJU: 1.0, City.HYESAN: 1.04}
FALLBACK_PSEUDONYMS = ["양강-17", "평북-4", "평양-9"]


def _days():
    """Yield two observation days a month over the two years up to today."""
    today = timezone.localdate()
    start = today.year * 12 + today.month - 1 - (MONTHS - 1)
    for index in range(MONTHS):
        year, month = divmod(start + index, 12)
        for day in (6, 20):
            observed = dt.date(year, month + 1, day)
            if observed <= today:
                yield index, observed


def _provenance():
    """Return (pseudonym, recorder) pairs: demo sources with their handlers, if any exist."""
    pairs = []
    try:
        from sourcedesk.network.models import Source

        for source in Source.objects.select_related("handler").order_by("pk")[:3]:
            pairs.append((source.pseudonym, source.handler))
    except Exception:  # noqa: BLE001, S110 - the network demo is optional for this one
        pairs = []
    if not pairs:
        editor = get_user_model().objects.filter(username="editor").first()
        pairs = [(name, editor) for name in FALLBACK_PSEUDONYMS]
    return pairs


def seed(*, stdout) -> None:
    """Create the demo observations once; later runs change nothing."""
    if MarketRate.objects.filter(notes=DEMO_NOTE).exists():
        stdout.write("facts: demo observations already present")
        return
    rng = random.Random(2024)
    people = _provenance()
    rates, prices, fees = [], [], []
    for index, day in _days():
        # An invented, steadily weakening won with a seasonal wobble.
        base = 15_000 + 700 * index + 900 * math.sin(index / 2.5)
        for city_index, (city, factor) in enumerate(CITY_FACTOR.items()):
            pseudonym, recorder = people[city_index % len(people)]
            usd = base * factor * rng.uniform(0.97, 1.03)
            common = {
                "observed_on": day,
                "source_pseudonym": pseudonym,
                "credibility": rng.choice([2, 2, 3, 3, 4]),
                "notes": DEMO_NOTE,
                "created_by": recorder,
            }
            rates.append(
                MarketRate(
                    city=city,
                    kpw_per_usd=Decimal(round(usd, -1)),
                    kpw_per_cny=Decimal(round(usd / rng.uniform(6.9, 7.3), -1)),
                    **common,
                )
            )
            for item, unit, start, step in (
                (Item.RICE, Unit.KG, 6_000, 180),
                (Item.CORN, Unit.KG, 3_000, 90),
                (Item.GASOLINE, Unit.LITRE, 18_000, 500),
            ):
                value = (start + step * index) * factor * rng.uniform(0.94, 1.06)
                prices.append(
                    Price(
                        item=item,
                        unit=unit,
                        city=city,
                        currency=Currency.KPW,
                        price=Decimal(round(value, -1)),
                        **common,
                    )
                )
        if day.day == 6:
            pseudonym, recorder = people[index % len(people)]
            common = {
                "observed_on": day,
                "source_pseudonym": pseudonym,
                "credibility": rng.choice([2, 3, 3, 4]),
                "notes": DEMO_NOTE,
                "created_by": recorder,
            }
            fees.append(
                BrokerFee(
                    route="혜산 → 장백",
                    service=Service.CROSSING,
                    currency=Currency.KRW,
                    amount=Decimal(rng.randrange(8, 20) * 1_000_000),
                    **common,
                )
            )
            fees.append(
                BrokerFee(
                    route="선양 → 쿤밍 → 라오스",
                    service=Service.CHINA_TO_THIRD,
                    currency=Currency.CNY,
                    amount=Decimal(rng.randrange(20, 45) * 1_000),
                    **common,
                )
            )
            if index % 3 == 0:
                fees.append(
                    BrokerFee(
                        route="혜산 → 서울",
                        service=Service.FULL_JOURNEY,
                        currency=Currency.KRW,
                        amount=Decimal(rng.randrange(25, 45) * 1_000_000),
                        **common,
                    )
                )
    MarketRate.objects.bulk_create(rates)
    Price.objects.bulk_create(prices)
    BrokerFee.objects.bulk_create(fees)
    stdout.write(
        f"facts: {len(rates)} market rates, {len(prices)} prices, {len(fees)} broker fees (invented)"
    )
