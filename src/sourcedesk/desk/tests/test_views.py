"""Desk pages through the test client, in Korean and English."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sourcedesk.accounts.tests.factories import EditorFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.desk.models import Claim, Report
from sourcedesk.desk.tests.factories import ClaimFactory, ReportFactory, link
from sourcedesk.network import services as network_services
from sourcedesk.network.models import Source
from sourcedesk.network.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["ko", "en"]


def _client(user, language="ko") -> Client:
    client = login(Client(), user)
    client.cookies["sd_lang"] = language
    return client


def _report_post(report, **overrides):
    data = {
        "received_on": report.received_on.isoformat(),
        "event_date": "",
        "event_precision": "day",
        "region": report.region,
        "language": "ko",
        "text": report.text,
        "credibility": report.credibility,
        "tags": "",
        "version": report.version,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_in_both_languages(language):
    """Lists, detail pages and forms render for an editor in Korean and in English."""
    editor = EditorFactory()
    report = ReportFactory()
    claim = ClaimFactory()
    link(claim, report)
    client = _client(editor, language)
    source = report.source
    for url in (
        "/desk/sources/",
        "/desk/sources/new/",
        f"/desk/sources/{source.pk}/",
        f"/desk/sources/{source.pk}/edit/",
        f"/desk/sources/{source.pk}/delete/",
        "/desk/reports/",
        "/desk/reports/new/",
        f"/desk/reports/{report.pk}/",
        f"/desk/reports/{report.pk}/edit/",
        "/desk/claims/",
        "/desk/claims/?status=unverified",
        "/desk/claims/new/",
        f"/desk/claims/{claim.pk}/",
        f"/desk/claims/{claim.pk}/edit/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == language
        body = response.content.decode()
        assert 'style="' not in body and "<script>" not in body, url
    sources_page = client.get("/desk/sources/").content.decode()
    assert ("취재원" if language == "ko" else "Sources") in sources_page


def test_two_editors_saving_the_same_report_second_is_told_and_keeps_text():
    """The second editor's save is refused with a message in their language; their text stays in the form."""
    report = ReportFactory()
    first, second = _client(EditorFactory(), "ko"), _client(EditorFactory(), "en")
    form_version = report.version
    ok = first.post(
        f"/desk/reports/{report.pk}/edit/", _report_post(report, text="첫 번째 편집", version=form_version)
    )
    assert ok.status_code == 302
    late = second.post(
        f"/desk/reports/{report.pk}/edit/",
        _report_post(report, text="My careful rewrite", version=form_version),
    )
    assert late.status_code == 200
    body = late.content.decode()
    assert "Someone else saved this report" in body
    assert "My careful rewrite" in body
    assert Report.objects.get(pk=report.pk).text == "첫 번째 편집"
    # The form now carries the fresh version, so saving again on purpose works.
    fresh = late.context["form"].data["version"]
    again = second.post(
        f"/desk/reports/{report.pk}/edit/", _report_post(report, text="My careful rewrite", version=fresh)
    )
    assert again.status_code == 302
    assert Report.objects.get(pk=report.pk).text == "My careful rewrite"


def test_two_editors_saving_the_same_claim_in_korean():
    """A stale claim save is refused with a Korean message and keeps the statement typed."""
    claim = ClaimFactory()
    first, second = _client(EditorFactory()), _client(EditorFactory())
    data = {"statement": "첫 번째", "status": "unverified", "note": "", "version": claim.version}
    assert first.post(f"/desk/claims/{claim.pk}/edit/", data).status_code == 302
    late = second.post(f"/desk/claims/{claim.pk}/edit/", {**data, "statement": "두 번째 진술"})
    body = late.content.decode()
    assert late.status_code == 200
    assert "두 번째 진술" in body
    assert "다른 사람이" in body
    assert Claim.objects.get(pk=claim.pk).statement == "첫 번째"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Enter the event date as YYYY-MM"), ("ko", "YYYY-MM")],
)
def test_invalid_precision_and_credibility_are_form_errors_in_the_users_language(language, expected):
    """Bad credibility, precision or event date give form errors, translated, and save nothing."""
    source = SourceFactory()
    client = _client(source.handler, language)
    base = {
        "source": source.pk,
        "received_on": "2024-10-20",
        "language": "ko",
        "text": "x",
        "event_precision": "day",
    }
    bad_cred = client.post("/desk/reports/new/", {**base, "credibility": 9})
    assert "credibility" in bad_cred.context["form"].errors
    bad_precision = client.post("/desk/reports/new/", {**base, "credibility": 3, "event_precision": "week"})
    assert "event_precision" in bad_precision.context["form"].errors
    bad_date = client.post(
        "/desk/reports/new/",
        {**base, "credibility": 3, "event_precision": "month", "event_date": "2024-10-13"},
    )
    assert "event_date" in bad_date.context["form"].errors
    assert expected in bad_date.content.decode()
    if language == "ko":
        assert "이 정밀도에서는 사건 날짜를 YYYY-MM 형식으로" in bad_date.content.decode()
        assert "올바르게 선택해 주세요" in bad_cred.content.decode()
    else:
        assert "Select a valid choice" in bad_cred.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_invalid_grade_is_a_form_error(language):
    """An unknown reliability grade is refused by the form, in the user's language."""
    editor = EditorFactory()
    source = SourceFactory()
    client = _client(editor, language)
    response = client.post(
        f"/desk/sources/{source.pk}/edit/",
        {
            "pseudonym": source.pseudonym,
            "region": source.region,
            "channel": source.channel,
            "active_since": "2023-05",
            "status": "active",
            "grade": "Z",
            "handler": source.handler_id,
            "version": source.version,
        },
    )
    assert "grade" in response.context["form"].errors
    body = response.content.decode()
    expected = "올바르게 선택해 주세요" if language == "ko" else "Select a valid choice"
    assert expected in body
    assert Source.objects.get(pk=source.pk).grade == "C"


def test_source_page_draws_grade_history_as_inline_svg():
    """The source page holds a server-drawn SVG chart with presentation attributes and no style or script."""
    editor = EditorFactory()
    source = SourceFactory(grade="C")
    network_services.source_update(
        source=source, by_user=editor, version=1, grade="B", reason="Confirmed twice"
    )
    body = _client(editor).get(f"/desk/sources/{source.pk}/").content.decode()
    svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
    assert 'stroke="' in svg and "<path" in svg and svg.count("<circle") == 2
    assert "style" not in svg and "script" not in svg


def test_deleting_a_source_with_reports_is_refused_with_reason():
    """Deleting a source with reports answers with the reason and offers archiving."""
    editor = EditorFactory()
    report = ReportFactory()
    client = _client(editor, "en")
    response = client.post(f"/desk/sources/{report.source_id}/delete/")
    assert response.status_code == 409
    assert "Archive the source instead" in response.content.decode()
    assert Source.objects.filter(pk=report.source_id).exists()


def test_compromised_source_warns_on_its_reports():
    """Every report from a compromised source carries a warning."""
    editor = EditorFactory()
    report = ReportFactory()
    network_services.source_update(
        source=report.source,
        by_user=editor,
        version=report.source.version,
        status="compromised",
        reason="Arrested",
    )
    client = _client(editor, "en")
    assert "marked compromised" in client.get(f"/desk/reports/{report.pk}/").content.decode()
    assert "Source compromised" in client.get("/desk/reports/").content.decode()
    assert "Dismiss" in client.get("/desk/sources/").content.decode()


def test_editor_links_report_to_claim_and_count_rises():
    """Linking a report from a second source raises the claim's corroboration count."""
    editor = EditorFactory()
    claim = ClaimFactory()
    link(claim, ReportFactory())
    second = ReportFactory()
    client = _client(editor, "en")
    response = client.post(f"/desk/reports/{second.pk}/link/", {"claim": claim.pk})
    assert response.status_code == 302
    page = client.get(f"/desk/claims/{claim.pk}/").content.decode()
    assert 'data-sources="2"' in page
    new = client.post(f"/desk/reports/{second.pk}/link/", {"new_statement": "A new claim"})
    assert new.status_code == 302
    assert Claim.objects.filter(statement="A new claim", reports=second).exists()


def test_report_page_shows_scanner_findings(monkeypatch):
    """Findings from the protection scanner are listed on the report page."""
    from types import SimpleNamespace

    from sourcedesk.desk import views

    finding = SimpleNamespace(
        start=0, end=3, kind="person", severity="high", text="김철수", reason="A person's name"
    )
    monkeypatch.setattr(views, "report_findings", lambda text, language: [finding])
    report = ReportFactory(text="김철수 씨가 말했다")
    body = _client(EditorFactory(), "en").get(f"/desk/reports/{report.pk}/").content.decode()
    assert "A person&#x27;s name" in body and "finding-high" in body


def test_report_text_is_escaped_and_findings_are_marked():
    """The report page escapes the text and marks what the real scanner flags."""
    report = ReportFactory(text="<b>김철수</b> 씨가 2024년 10월 3일 체포되었다.")
    body = _client(EditorFactory(), "ko").get(f"/desk/reports/{report.pk}/").content.decode()
    assert "<b>김철수" not in body and "&lt;b&gt;" in body
    assert '<mark class="finding finding-high"' in body


def test_editor_filters_sources_by_handler_and_grade():
    """The source list filters by handler (editors only), grade and region."""
    editor = EditorFactory()
    a, b = SourceFactory(grade="A"), SourceFactory(grade="A")
    SourceFactory(grade="E", handler=a.handler)
    client = _client(editor, "en")
    body = client.get(f"/desk/sources/?handler={a.handler_id}&grade=A").content.decode()
    assert a.pseudonym in body and b.pseudonym not in body
    reporter_page = _client(a.handler, "en").get("/desk/sources/").content.decode()
    assert 'name="handler"' not in reporter_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_list_filters_keep_their_choices_and_labels(language):
    """The filter selects show translated labels and keep the chosen values."""
    client = _client(EditorFactory(), language)
    body = client.get("/desk/reports/?region=kp-ryanggang&credibility=3").content.decode()
    assert '<option value="kp-ryanggang" selected>' in body
    assert '<option value="3" selected>' in body
    assert ("양강도" if language == "ko" else "Ryanggang") in body
    sources = client.get("/desk/sources/?status=dormant&grade=B").content.decode()
    assert '<option value="dormant" selected>' in sources and '<option value="B" selected>' in sources
    assert ("모든 담당 기자" if language == "ko" else "All handlers") in sources


def test_editor_with_a_large_network_types_the_pseudonym(monkeypatch):
    """Past a few hundred sources the report form asks for the pseudonym instead of listing them all."""
    from sourcedesk.desk.forms import ReportForm

    monkeypatch.setattr(ReportForm, "MAX_SOURCE_OPTIONS", 2)
    editor = EditorFactory()
    sources = [SourceFactory() for _ in range(3)]
    client = _client(editor, "en")
    page = client.get(f"/desk/reports/new/?source={sources[1].pk}").content.decode()
    assert f'name="source" value="{sources[1].pseudonym}"' in page
    assert '<select name="source"' not in page
    response = client.post(
        "/desk/reports/new/",
        {
            "source": sources[2].pseudonym,
            "received_on": "2024-10-20",
            "event_precision": "day",
            "language": "ko",
            "text": "x",
            "credibility": 3,
        },
    )
    assert response.status_code == 302
    assert Report.objects.get().source == sources[2]
    unknown = client.post(
        "/desk/reports/new/",
        {
            "source": "없는-1",
            "received_on": "2024-10-20",
            "event_precision": "day",
            "language": "ko",
            "text": "x",
            "credibility": 3,
        },
    )
    assert "source" in unknown.context["form"].errors


def test_claim_page_warns_when_a_supporting_source_is_compromised():
    """A claim resting on a compromised source says so."""
    claim = ClaimFactory()
    link(claim, ReportFactory(source=SourceFactory(status="compromised")))
    link(claim, ReportFactory())
    body = _client(EditorFactory(), "en").get(f"/desk/claims/{claim.pk}/").content.decode()
    assert "1 of these sources is marked compromised" in body
