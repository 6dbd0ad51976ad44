"""The report page's protection check: the desk's allow-list and reasons in the reader's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from sourcedesk.accounts.tests.factories import EditorFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.desk.protection import highlight, report_findings
from sourcedesk.desk.tests.factories import ReportFactory
from sourcedesk.protect.models import AllowedName
from sourcedesk.protect.scanner import REASONS

pytestmark = pytest.mark.django_db

TEXT = "김철수 씨가 말했다"
# A public figure's title, not the private-person 씨 (which overrides the allow-list on purpose).
PUBLIC_TEXT = "대변인 김철수가 말했다"


def _page(report, language: str) -> str:
    client = login(Client(), EditorFactory())
    client.cookies["sd_lang"] = language
    return client.get(f"/desk/reports/{report.pk}/").content.decode()


def test_a_name_the_desk_allowed_is_not_flagged():
    """A name an editor added to the allow-list is neither marked nor listed on the report page."""
    report = ReportFactory(text=PUBLIC_TEXT)
    assert "finding-high" in _page(report, "en")
    AllowedName.objects.create(name="김철수")
    assert report_findings(PUBLIC_TEXT, "ko") == []
    assert report_findings(TEXT, "ko"), "씨 marks a private person even with an allowed name"
    body = _page(report, "en")
    assert "<mark" not in body.split('class="panel report-text"')[1].split("</section>")[0]
    assert "The scanner found nothing that could identify a person." in body


def test_the_shipped_allow_list_still_applies_with_the_desks_additions():
    """The desk's additions extend the shipped list of public figures; they do not replace it."""
    from sourcedesk.protect import scan

    AllowedName.objects.create(name="김철수")
    assert scan("Kim Jong Un visited.", "en", allow=set())  # a name like any other without the list
    assert report_findings("Kim Jong Un visited.", "en") == []


@pytest.mark.parametrize("language", ["ko", "en"])
def test_reasons_are_shown_in_the_page_language(language):
    """The findings list and the highlight's title give the reason in Korean or English, as the page."""
    report = ReportFactory(text=TEXT)
    body = _page(report, language)
    other = "en" if language == "ko" else "ko"
    assert escape(REASONS["person_cue"][language]) in body
    assert escape(REASONS["person_cue"][other]) not in body
    assert f'title="{escape(REASONS["person_cue"][language])}"' in body


def test_highlight_title_follows_the_language_argument():
    """``highlight`` takes the reason's language; without one it uses the active language."""
    findings = report_findings(TEXT, "ko")
    assert REASONS["person_cue"]["ko"] in str(highlight(TEXT, findings, "ko"))
    assert escape(REASONS["person_cue"]["en"]) in str(highlight(TEXT, findings, "en"))
