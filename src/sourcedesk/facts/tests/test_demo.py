"""The demo seed: invented observations over two years, created once."""

from __future__ import annotations

import io

import pytest

from sourcedesk.facts import demo
from sourcedesk.facts.models import BrokerFee, MarketRate, Price

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_spans_two_years():
    """Seeding twice creates the observations once, across several cities and 24 months."""
    demo.seed(stdout=io.StringIO())
    counts = (MarketRate.objects.count(), Price.objects.count(), BrokerFee.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (MarketRate.objects.count(), Price.objects.count(), BrokerFee.objects.count()) == counts
    assert MarketRate.objects.values("city").distinct().count() == 3
    days = MarketRate.objects.dates("observed_on", "month")
    assert len(days) >= 23  # the current month has none before its 6th
    assert counts[1] > 0 and counts[2] > 0
