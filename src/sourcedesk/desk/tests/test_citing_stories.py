"""Report and claim pages list the stories that cite them, only those the viewer may open."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.desk import selectors
from sourcedesk.desk.tests.factories import ClaimFactory, ReportFactory, link
from sourcedesk.network.tests.factories import SourceFactory
from sourcedesk.stories.models import State
from sourcedesk.stories.tests.factories import story_with_editions

pytestmark = pytest.mark.django_db

LANGUAGES = ["ko", "en"]
STORY_LINK = re.compile(r'href="/desk/stories/\d+/"')
KO_HEADLINE = "탈북민 2명 쿤밍서 체포"
EN_HEADLINE = "Two defectors arrested in Kunming"


def _client(user, language="ko") -> Client:
    client = login(Client(), user)
    client.cookies["sd_lang"] = language
    return client


def _story(**kwargs):
    kwargs.setdefault("ko_headline", KO_HEADLINE)
    kwargs.setdefault("en_headline", EN_HEADLINE)
    return story_with_editions(**kwargs)


def _page(user, url, language="ko") -> str:
    response = _client(user, language).get(url)
    assert response.status_code == 200, url
    assert response["Content-Language"] == language
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_editor_sees_the_story_citing_a_report_in_the_page_language(language):
    """An editor on a report's page sees the citing story's headline in the page language, its
    state and a link to its desk page, with a count, in Korean and in English."""
    report = ReportFactory()
    story = _story(state=State.IN_EDIT)
    story.reports.add(report)
    body = _page(EditorFactory(), f"/desk/reports/{report.pk}/", language)
    assert f'href="/desk/stories/{story.pk}/"' in body
    if language == "ko":
        assert f'lang="ko">{KO_HEADLINE}</a>' in body
        assert EN_HEADLINE not in body
        assert "편집 중" in body
        assert "열람할 수 있는 기사 1건이 이 보고를 인용합니다." in body
    else:
        assert f'lang="en">{EN_HEADLINE}</a>' in body
        assert KO_HEADLINE not in body
        assert "In edit" in body
        assert "1 story you can open cites this report." in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_editor_sees_the_stories_citing_a_claim(language):
    """An editor on a claim's page sees every story citing it, each linking to its desk page,
    and how many there are, in Korean and in English."""
    claim = ClaimFactory()
    first, second = _story(), _story(state=State.PUBLISHED)
    first.claims.add(claim)
    second.claims.add(claim)
    _story()  # cites nothing: not listed
    body = _page(EditorFactory(), f"/desk/claims/{claim.pk}/", language)
    assert f'href="/desk/stories/{first.pk}/"' in body
    assert f'href="/desk/stories/{second.pk}/"' in body
    assert len(STORY_LINK.findall(body)) == 2
    if language == "ko":
        assert "열람할 수 있는 기사 2건이 이 주장을 인용합니다." in body
    else:
        assert "2 stories you can open cite this claim." in body
        assert "Published" in body


def test_headline_falls_back_to_the_other_language_and_says_so():
    """A story without an English headline is listed on the English page by its Korean one,
    marked as Korean text; a story with no headline at all says so."""
    report = ReportFactory()
    korean_only = _story(en_headline="")
    untitled = _story(ko_headline="", en_headline="")
    korean_only.reports.add(report)
    untitled.reports.add(report)
    body = _page(EditorFactory(), f"/desk/reports/{report.pk}/", "en")
    assert f'lang="ko">{KO_HEADLINE}</a>' in body
    assert f'href="/desk/stories/{untitled.pk}/" lang="en">(no headline)</a>' in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_reporter_does_not_see_a_story_they_may_not_open(language):
    """A reporter who handles the report's source, but may not open the story that cites it
    (it is another reporter's), sees neither its link nor its headline nor a count that
    includes it, on the report page or the claim page."""
    handler = ReporterFactory()
    report = ReportFactory(source=SourceFactory(handler=handler))
    claim = ClaimFactory()
    link(claim, report)
    story = _story()  # another reporter's story
    story.reports.add(report)
    story.claims.add(claim)
    for url in (f"/desk/reports/{report.pk}/", f"/desk/claims/{claim.pk}/"):
        body = _page(handler, url, language)
        assert not STORY_LINK.search(body), url
        assert KO_HEADLINE not in body and EN_HEADLINE not in body, url
        assert 'class="muted story-count"' not in body, url
        if language == "ko":
            assert "열람할 수 있는 기사 중 이 " in body, url
        else:
            assert "No story you can open cites this" in body, url


def test_reporter_sees_their_own_story_but_not_anothers():
    """A reporter sees the citing story assigned to them, and the count covers only that one."""
    handler = ReporterFactory()
    report = ReportFactory(source=SourceFactory(handler=handler))
    own, other = _story(reporter=handler), _story()
    own.reports.add(report)
    other.reports.add(report)
    body = _page(handler, f"/desk/reports/{report.pk}/", "en")
    assert f'href="/desk/stories/{own.pk}/"' in body
    assert f'href="/desk/stories/{other.pk}/"' not in body
    assert "1 story you can open cites this report." in body


def test_selector_lists_a_page_of_stories_and_counts_them_all():
    """Past the limit the selector lists the most recently updated stories and counts every one
    the user may open; stories of other reports are not counted."""
    editor = EditorFactory()
    report = ReportFactory()
    stories = [_story() for _ in range(4)]
    for story in stories:
        story.reports.add(report)
    _story().reports.add(ReportFactory())
    citing = selectors.stories_for_report(user=editor, report=report, language="en", limit=3)
    assert citing.total == 4
    assert len(citing.stories) == 3
    assert all(row.headline == EN_HEADLINE and row.headline_language == "en" for row in citing.stories)
    reporter_view = selectors.stories_for_report(user=ReporterFactory(), report=report, language="en")
    assert reporter_view.total == 0 and reporter_view.stories == []


def test_the_page_says_when_only_the_latest_stories_are_listed(monkeypatch):
    """When more stories cite a claim than the page lists, the page says only the latest are shown."""
    claim = ClaimFactory()
    for _ in range(3):
        _story().claims.add(claim)
    original = selectors.stories_for_claim
    monkeypatch.setattr(selectors, "stories_for_claim", lambda **kw: original(**kw, limit=2))
    body = _page(EditorFactory(), f"/desk/claims/{claim.pk}/", "en")
    assert "3 stories you can open cite this claim. The latest 2 are listed." in body
    assert len(STORY_LINK.findall(body)) == 2
