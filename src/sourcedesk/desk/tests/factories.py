"""Factories for reports and claims. Invented data only."""

from __future__ import annotations

import datetime

import factory

from sourcedesk.accounts.tests.factories import EditorFactory
from sourcedesk.desk.models import Claim, ClaimReport, Report
from sourcedesk.network.tests.factories import SourceFactory


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    source = factory.SubFactory(SourceFactory)
    logged_by = factory.LazyAttribute(lambda o: o.source.handler)
    received_on = datetime.date(2024, 10, 20)
    region = factory.LazyAttribute(lambda o: o.source.region)
    text = "장마당에서 쌀값이 올랐다는 소식."
    credibility = 3


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    statement = factory.Sequence(lambda n: f"Claim {n}: rice prices rose in Hyesan")
    created_by = factory.SubFactory(EditorFactory)


def link(claim: Claim, report: Report) -> ClaimReport:
    """Cite ``report`` in ``claim`` directly (tests of reads, not of the linking service)."""
    return ClaimReport.objects.create(claim=claim, report=report, linked_by=claim.created_by)
