"""Factories for market facts. Invented data only."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from sourcedesk.facts.models import BrokerFee, City, Currency, Item, MarketRate, Price, Service


class MarketRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarketRate

    observed_on = datetime.date(2024, 3, 1)
    city = City.HYESAN
    kpw_per_usd = Decimal(8000)
    kpw_per_cny = Decimal(1100)
    source_pseudonym = "양강-17"
    credibility = 2


class PriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Price

    observed_on = datetime.date(2024, 3, 1)
    city = City.HYESAN
    item = Item.RICE
    price = Decimal(6200)
    currency = Currency.KPW
    source_pseudonym = "양강-17"
    credibility = 3


class BrokerFeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrokerFee

    observed_on = datetime.date(2024, 3, 1)
    route = "혜산 → 선양"
    service = Service.CROSSING
    amount = Decimal(10_000_000)
    currency = Currency.KRW
    source_pseudonym = "양강-17"
    credibility = 3
