"""Facts pages through the test client, in Korean and English."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client

from sourcedesk.accounts.tests.factories import (
    AdminFactory,
    EditorFactory,
    ReporterFactory,
    TranslatorFactory,
)
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.facts.models import BrokerFee, MarketRate, Price

from .factories import BrokerFeeFactory, MarketRateFactory, PriceFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["ko", "en"]
PAGES = [
    "/desk/facts/",
    "/desk/facts/rates/",
    "/desk/facts/prices/",
    "/desk/facts/fees/",
    "/desk/facts/annotate/",
]


def _client(user, language="ko") -> Client:
    client = login(Client(), user)
    client.cookies["sd_lang"] = language
    return client


def _seed():
    for month in range(1, 7):
        MarketRateFactory(observed_on=dt.date(2024, month, 5), kpw_per_usd=Decimal(8000 + 200 * month))
        MarketRateFactory(observed_on=dt.date(2024, month, 7), city="pyongyang", kpw_per_cny=None)
        PriceFactory(observed_on=dt.date(2024, month, 5), price=Decimal(6000 + 50 * month))
        BrokerFeeFactory(observed_on=dt.date(2024, month, 5))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_pages_render_for_each_reading_role(path, language):
    """Editors, reporters and translators open every facts page in both languages."""
    _seed()
    for factory in (EditorFactory, ReporterFactory, TranslatorFactory):
        response = _client(factory(), language).get(path)
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()


def test_page_language_follows_the_choice():
    """The rates page speaks Korean by default and English when chosen."""
    editor = EditorFactory()
    assert "시장 환율" in _client(editor, "ko").get("/desk/facts/rates/").content.decode()
    assert "Market rates" in _client(editor, "en").get("/desk/facts/rates/").content.decode()


@pytest.mark.parametrize("path", PAGES + ["/desk/facts/rates.csv"])
def test_admin_is_refused(path):
    """Admins manage the system, not content: facts pages are refused."""
    assert _client(AdminFactory()).get(path).status_code == 403


def test_charts_are_inline_svg_without_style_attributes():
    """Trend charts render on the server as inline SVG with no style attributes or scripts."""
    _seed()
    body = _client(EditorFactory()).get("/desk/facts/rates/").content.decode()
    assert body.count("<svg") == 2 and "<polyline" in body
    assert "style=" not in body and "<script" not in body


def test_reporter_records_a_rate_through_the_form():
    """Posting the form records a rate by the signed-in reporter."""
    reporter = ReporterFactory()
    response = _client(reporter).post(
        "/desk/facts/rates/",
        {
            "observed_on": "2024-05-02",
            "city": "hyesan",
            "kpw_per_usd": "8100",
            "kpw_per_cny": "",
            "source_pseudonym": "양강-17",
            "credibility": "2",
            "notes": "",
            "report_number": "",
        },
    )
    assert response.status_code == 302
    rate = MarketRate.objects.get()
    assert (rate.created_by, rate.kpw_per_usd, rate.credibility) == (reporter, Decimal(8100), 2)


def test_implausible_rate_is_refused_with_a_message():
    """A rate outside the plausible range is refused, and the form says why."""
    response = _client(EditorFactory(), "en").post(
        "/desk/facts/rates/",
        {"observed_on": "2024-05-02", "city": "hyesan", "kpw_per_usd": "8", "credibility": "2"},
    )
    assert response.status_code == 200 and not MarketRate.objects.exists()
    assert "plausible range" in response.content.decode()


def test_price_and_fee_forms_record():
    """Prices and broker fees are recorded through their forms."""
    client = _client(EditorFactory())
    client.post(
        "/desk/facts/prices/",
        {
            "observed_on": "2024-05-02",
            "city": "musan",
            "item": "corn",
            "unit": "kg",
            "price": "3100",
            "currency": "KPW",
            "credibility": "3",
        },
    )
    client.post(
        "/desk/facts/fees/",
        {
            "observed_on": "2024-05-02",
            "route": "Liaoning → Kunming",
            "service": "china-third",
            "amount": "2500000",
            "currency": "KRW",
            "credibility": "3",
        },
    )
    assert Price.objects.get().price == Decimal(3100)
    assert BrokerFee.objects.get().amount == Decimal(2_500_000)


def test_translator_cannot_post():
    """A translator reads facts but posting an observation is refused."""
    response = _client(TranslatorFactory()).post(
        "/desk/facts/rates/",
        {"observed_on": "2024-05-02", "city": "hyesan", "kpw_per_usd": "8100", "credibility": "2"},
    )
    assert response.status_code == 403 and not MarketRate.objects.exists()


def test_pseudonyms_are_shown_only_to_editors_and_the_recorder():
    """Another reporter and a translator see the figure but not the source pseudonym."""
    recorder = ReporterFactory()
    MarketRateFactory(created_by=recorder, source_pseudonym="양강-99")
    assert "양강-99" in _client(recorder).get("/desk/facts/rates/").content.decode()
    assert "양강-99" in _client(EditorFactory()).get("/desk/facts/rates/").content.decode()
    for other in (ReporterFactory(), TranslatorFactory()):
        body = _client(other).get("/desk/facts/rates/").content.decode()
        assert "양강-99" not in body and "8,000" in body
        assert "양강-99" not in _client(other).get("/desk/facts/rates.csv").content.decode()


def test_csv_export():
    """The CSV export has a header and one row per observation, formulas neutralised."""
    MarketRateFactory(notes="=HYPERLINK(1)")
    MarketRateFactory(city="sinuiju", observed_on=dt.date(2024, 4, 1))
    response = _client(EditorFactory()).get("/desk/facts/rates.csv?city=sinuiju")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["observed_on", "city", "kpw_per_usd", "kpw_per_cny"]
    assert len(rows) == 2 and rows[1][1] == "sinuiju"
    everything = _client(EditorFactory()).get("/desk/facts/rates.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in everything


@pytest.mark.parametrize("path", ["/desk/facts/prices.csv", "/desk/facts/fees.csv"])
def test_other_csv_exports(path):
    """Prices and fees export as CSV too."""
    _seed()
    response = _client(TranslatorFactory()).get(path)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 7


def test_annotate_page_converts_pasted_text():
    """A reporter pastes Korean text and gets it back annotated, with the rate used listed."""
    MarketRateFactory(observed_on=dt.date(2024, 3, 10))
    response = _client(ReporterFactory()).post(
        "/desk/facts/annotate/",
        {
            "text": "브로커는 250만 원을, 쌀은 북한 돈 6,000원.",
            "language": "ko",
            "on_date": "2024-03-15",
            "to": "USD",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "250만 원(약 1," in body
    assert "6,000원(시장 환율로 약 0.75달러)" in body
    assert "2024-03-10" in body and "양강-17" not in body


def test_annotate_page_reports_dates_without_rates():
    """A date in the future converts nothing and says why."""
    response = _client(EditorFactory(), "en").post(
        "/desk/facts/annotate/",
        {"text": "KRW 2.5 million", "language": "en", "on_date": "2099-01-01", "to": "USD"},
    )
    body = response.content.decode()
    assert "KRW 2.5 million (around" not in body and "in the future" in body


def test_recorder_and_editor_remove_observations_others_cannot():
    """The person who recorded an observation, or an editor, removes it; nobody else can."""
    from sourcedesk.audit.models import AuditEntry

    recorder = ReporterFactory()
    mine = MarketRateFactory(created_by=recorder)
    price = PriceFactory(created_by=recorder)
    assert _client(ReporterFactory()).post(f"/desk/facts/rates/{mine.pk}/remove/").status_code == 403
    assert _client(TranslatorFactory()).post(f"/desk/facts/prices/{price.pk}/remove/").status_code == 403
    assert _client(recorder).post(f"/desk/facts/rates/{mine.pk}/remove/").status_code == 302
    assert _client(EditorFactory()).post(f"/desk/facts/prices/{price.pk}/remove/").status_code == 302
    assert not MarketRate.objects.exists() and not Price.objects.exists()
    assert AuditEntry.objects.filter(action="facts.observation.remove").count() == 2
    assert _client(EditorFactory()).post("/desk/facts/fees/999/remove/").status_code == 404
    assert _client(EditorFactory()).get(f"/desk/facts/fees/{price.pk}/remove/").status_code == 405


def test_remove_button_shows_only_when_allowed():
    """The list offers removal to the recorder and editors, not to other reporters."""
    recorder = ReporterFactory()
    row = BrokerFeeFactory(created_by=recorder)
    action = f"/desk/facts/fees/{row.pk}/remove/"
    assert action in _client(recorder).get("/desk/facts/fees/").content.decode()
    assert action not in _client(ReporterFactory()).get("/desk/facts/fees/").content.decode()


def test_rate_linked_to_a_report_by_number_takes_its_provenance():
    """Giving a report number copies the report's pseudonym and credibility; an unseen report is refused."""
    from sourcedesk.desk.tests.factories import ReportFactory

    report = ReportFactory(credibility=2)
    handler = report.source.handler
    data = {"observed_on": "2024-05-02", "city": "hyesan", "kpw_per_usd": "8100", "credibility": "6"}
    refused = _client(ReporterFactory(), "en").post(
        "/desk/facts/rates/", {**data, "report_number": report.pk}
    )
    assert "No report with this number" in refused.content.decode() and not MarketRate.objects.exists()
    assert (
        _client(handler).post("/desk/facts/rates/", {**data, "report_number": report.pk}).status_code == 302
    )
    rate = MarketRate.objects.get()
    assert (rate.report, rate.source_pseudonym, rate.credibility) == (report, report.source.pseudonym, 2)


def test_annotate_amounts_reads_stored_market_rates_by_default():
    """Called from the story editor without market_rates, the annotator uses the desk's observations."""
    from sourcedesk.facts.annotate import annotate_amounts

    MarketRateFactory(observed_on=dt.date(2024, 3, 10), kpw_per_usd=Decimal(8000))
    out = annotate_amounts("KPW 6,000", language="en", on_date=dt.date(2024, 3, 15))
    assert out == "KPW 6,000 (around USD 0.75 at the market rate)"


def test_lists_page_and_filter_by_period():
    """Lists show fifty rows a page, and From/To limit both the list and the chart."""
    for day in range(1, 29):
        MarketRateFactory(observed_on=dt.date(2024, 1, day))
        MarketRateFactory(observed_on=dt.date(2024, 2, day), city="sinuiju")
    client = _client(EditorFactory(), "en")
    first = client.get("/desk/facts/rates/").content.decode()
    assert first.count("<tr><td>2024-") == 50 and "Page 1 of 2" in first
    second = client.get("/desk/facts/rates/?page=2").content.decode()
    assert second.count("<tr><td>2024-") == 6
    february = client.get("/desk/facts/rates/?start=2024-02-01&end=2024-02-29").content.decode()
    assert february.count("<tr><td>2024-02") == 28 and "<tr><td>2024-01" not in february
    rows = client.get("/desk/facts/rates.csv?start=2024-02-10").content.decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + 19
