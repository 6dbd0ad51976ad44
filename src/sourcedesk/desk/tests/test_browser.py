"""In a real browser: a report moves from its handler to an editor's claim, within compartments."""

from __future__ import annotations

import re

import pytest

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.desk.models import Report
from sourcedesk.desk.tests.factories import ClaimFactory, ReportFactory, link
from sourcedesk.network.tests.factories import SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_logged_hidden_from_other_reporter_and_corroborates_a_claim(
    live_server, browser_context_factory, sign_in
):
    """A reporter logs a report for their source; another reporter cannot open it; an editor
    links it to a claim and sees the corroboration count rise."""
    handler = ReporterFactory(display_name="한기자")
    other_reporter = ReporterFactory()
    editor = EditorFactory()
    source = SourceFactory(handler=handler, pseudonym="양강-17", region="kp-ryanggang")
    claim = ClaimFactory(statement="Two defectors arrested in Kunming, October", created_by=editor)
    link(claim, ReportFactory(source=SourceFactory(region="cn-yunnan")))

    # The handler logs the call, on a phone.
    page = browser_context_factory(mobile=True).new_page()
    sign_in(page, live_server.url, handler)
    page.click("nav.desk-nav >> text=취재원")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("text=양강-17")
    assert page.locator("svg.grade-chart").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("text=보고 기록")
    page.select_option("select[name=source]", str(source.pk))
    page.fill("input[name=event_date]", "2024-10")
    page.select_option("select[name=event_precision]", "month")
    page.fill("textarea[name=text]", "두 명이 쿤밍에서 신분 검사 중 체포되었다고 전했다.")
    page.select_option("select[name=credibility]", "3")
    page.click("button.primary")
    page.wait_for_url(re.compile(r".*/desk/reports/\d+/$"))
    assert "보고를 기록했습니다" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    report = Report.objects.get(source=source)
    report_url = f"{live_server.url}/desk/reports/{report.pk}/"
    assert page.url == report_url

    # Another reporter gets the same answer as for a report that does not exist.
    other = browser_context_factory().new_page()
    sign_in(other, live_server.url, other_reporter)
    denied = other.goto(report_url)
    missing = other.goto(f"{live_server.url}/desk/reports/999999/")
    assert denied.status == missing.status == 404
    other.goto(f"{live_server.url}/desk/reports/")
    assert f"/desk/reports/{report.pk}/" not in other.content()

    # An editor links it to the claim; the count of independent sources rises from 1 to 2.
    desk = browser_context_factory(locale="en-GB").new_page()
    sign_in(desk, live_server.url, editor)
    desk.goto(f"{live_server.url}/desk/claims/{claim.pk}/")
    assert desk.locator(".corroboration-count").get_attribute("data-sources") == "1"
    desk.goto(report_url)
    desk.select_option("select[name=claim]", str(claim.pk))
    desk.click("form.link-claim button.primary")
    desk.wait_for_url(f"{live_server.url}/desk/claims/{claim.pk}/")
    assert desk.locator(".corroboration-count").get_attribute("data-sources") == "2"
    assert "양강-17" in desk.content()
