"""Stories link to desk reports and claims internally; the links never reach the public site."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.desk.tests.factories import ClaimFactory, ReportFactory
from sourcedesk.publish.tests.helpers import published_story
from sourcedesk.stories import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_editor_links_reports_and_claims_and_the_public_never_sees_them():
    """Linked reports show on the desk page for an editor; the public page carries no trace of them."""
    editor = UserFactory(role="editor")
    story = published_story(editor=editor)
    report = ReportFactory(text="UNIQUE-REPORT-TEXT 혜산 장마당")
    claim = ClaimFactory(statement="UNIQUE-CLAIM-STATEMENT")
    services.story_link_desk_items(
        actor=editor, story=story, report_ids=f"{report.pk}", claim_ids=f"#{claim.pk}"
    )
    assert list(story.reports.all()) == [report] and list(story.claims.all()) == [claim]
    desk = login(Client(), editor).get(f"/desk/stories/{story.pk}/").content.decode()
    assert f"/desk/reports/{report.pk}/" in desk and "UNIQUE-CLAIM-STATEMENT" in desk
    public = Client()
    for url in (
        f"/ko/articles/{story.public_id}/",
        f"/en/articles/{story.public_id}/",
        "/en/feed.atom",
        "/sitemap.xml",
    ):
        body = public.get(url).content.decode()
        assert "UNIQUE-" not in body and "/desk/" not in body, url


def test_reporter_cannot_link_another_handlers_report():
    """A reporter linking a report from someone else's source is refused, and nothing is linked."""
    reporter = UserFactory(role="reporter", with_keys=False)
    story = services.story_create(actor=reporter, headline="기사", body="본문")
    foreign = ReportFactory()
    with pytest.raises(services.InvalidInput):
        services.story_link_desk_items(actor=reporter, story=story, report_ids=str(foreign.pk), claim_ids="")
    assert not story.reports.exists()


def test_linking_bad_numbers_is_refused():
    """Anything but numbers is refused with a reason."""
    editor = UserFactory(role="editor", with_keys=False)
    story = services.story_create(actor=editor, headline="기사", body="본문")
    with pytest.raises(services.InvalidInput) as refused:
        services.story_link_desk_items(actor=editor, story=story, report_ids="1; DROP TABLE", claim_ids="")
    assert "digits" in refused.value.message
