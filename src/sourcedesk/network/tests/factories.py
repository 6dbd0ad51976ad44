"""Factories for the source network. Invented data only."""

from __future__ import annotations

import datetime

import factory

from sourcedesk.accounts.tests.factories import ReporterFactory
from sourcedesk.network.models import Channel, Region, Source, SourceStatus


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    pseudonym = factory.Sequence(lambda n: f"양강-{100 + n}")
    handler = factory.SubFactory(ReporterFactory)
    region = Region.KP_RYANGGANG
    channel = Channel.PHONE
    active_since = datetime.date(2023, 5, 1)
    status = SourceStatus.ACTIVE
    grade = "C"
