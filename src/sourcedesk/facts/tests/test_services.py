"""Recording observations: who may, where provenance comes from, the audit entry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory, TranslatorFactory
from sourcedesk.audit.models import AuditEntry
from sourcedesk.desk.tests.factories import ReportFactory
from sourcedesk.facts import services
from sourcedesk.facts.models import MarketRate
from sourcedesk.facts.selectors import market_rates_for_conversion

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 3, 1)


def _rate(actor, **extra):
    values = {
        "actor": actor,
        "observed_on": DAY,
        "city": "hyesan",
        "kpw_per_usd": Decimal(8000),
        "kpw_per_cny": None,
        **extra,
    }
    return services.market_rate_record(**values)


def test_reporter_records_a_market_rate_and_it_is_audited():
    """A reporter records a rate; the audit log names the action, not the source."""
    reporter = ReporterFactory()
    rate = _rate(reporter, source_pseudonym="양강-17", credibility=2)
    assert rate.created_by == reporter and rate.credibility == 2
    entry = AuditEntry.objects.get(action="facts.market_rate.record")
    assert entry.target_id == str(rate.pk)
    assert "양강" not in str(entry.data)


def test_translator_cannot_record():
    """Translators read facts but cannot record them."""
    with pytest.raises(PermissionDenied):
        _rate(TranslatorFactory())


def test_future_date_is_refused():
    """An observation cannot be dated after today."""
    with pytest.raises(ValidationError):
        _rate(EditorFactory(), observed_on=timezone.localdate() + dt.timedelta(days=1))


def test_a_rate_needs_usd_or_cny():
    """A market rate without either rate is refused."""
    with pytest.raises(ValidationError):
        _rate(EditorFactory(), kpw_per_usd=None)


def test_linked_report_supplies_pseudonym_and_credibility():
    """With a report, the source pseudonym and credibility are the report's, not typed ones."""
    report = ReportFactory(credibility=2)
    rate = _rate(report.source.handler, report=report, source_pseudonym="typo", credibility=6)
    assert (rate.report, rate.source_pseudonym, rate.credibility) == (report, report.source.pseudonym, 2)


def test_reporter_cannot_link_another_handlers_report():
    """Linking a report of a source one does not handle fails like a missing report."""
    report = ReportFactory()
    with pytest.raises(Http404):
        _rate(ReporterFactory(), report=report)
    assert not MarketRate.objects.exists()


def test_market_rates_for_conversion_are_pure_records():
    """Stored rates become conversion records carrying city, date, pseudonym and grade."""
    _rate(EditorFactory(), source_pseudonym="양강-17", credibility=2, kpw_per_cny=Decimal(1100))
    (record,) = market_rates_for_conversion()
    assert record.observed_on == DAY and record.kpw_per_usd == Decimal(8000)
    assert record.source_pseudonym == "양강-17" and record.credibility == 2
