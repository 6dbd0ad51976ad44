"""The one-way zone rule, checked from outside: nothing sealed or desk-only reaches the public zone.

Data moves portal or phone → sealed → desk → story → gate → public, and never back. After the
whole story has happened (a portal submission and a reply, a source with a sealed identity card,
a report, a claim, a published story tied to them, and a second story held by the gate), every
public page, feed, the sitemap and the static export for mirrors are read as a reader or a mirror
would get them, and none of them carries a pseudonym, a real name, a report's words, a portal
message, a reply or a codename.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory, TranslatorFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.desk import services as desk_services
from sourcedesk.network import services as network_services
from sourcedesk.portal.models import PortalSource
from sourcedesk.publish.models import PublishedEdition
from sourcedesk.stories import services as story_services
from sourcedesk.stories.models import Region, Story, Tag

from .story import (
    CLAIM_STATEMENT,
    EN_HEADLINE,
    EN_P1,
    EN_P2,
    HUSBAND,
    KO_HEADLINE,
    KO_P1,
    KO_P2,
    PHONE,
    PORTAL_MESSAGE,
    PSEUDONYM,
    REPLY,
    REPORT_TEXT,
)

pytestmark = pytest.mark.django_db

REAL_NAME = "박순희"
CONTACT_PLAN = "위챗으로 밤 10시 이후에만 연락, 번호 138-0099-2211"
HELD_HEADLINE = "단둥 세관 단속 강화"
HELD_BODY = f"{PSEUDONYM}에 따르면 세관원 한 명이 뇌물을 받았다. 연락처 {PHONE}."
DESK_ONLY_TAG_NOTE = "요동 통화 메모"


@dataclass
class Newsroom:
    editor: object
    reporter: object
    story: Story
    held: Story
    codename: str
    portal_public_id: str
    report_pk: int
    claim_pk: int

    @property
    def secrets(self) -> dict[str, str]:
        """Return every string that must stay out of the public zone, by what it is."""
        return {
            "pseudonym": PSEUDONYM,
            "real name": REAL_NAME,
            "contact plan": CONTACT_PLAN[:12],
            "codename": self.codename,
            "portal message": PORTAL_MESSAGE[:30],
            "reply": REPLY[:20],
            "report text": REPORT_TEXT[:24],
            "report tag": DESK_ONLY_TAG_NOTE,
            "claim": CLAIM_STATEMENT,
            "people in the story": HUSBAND,
            "phone number": PHONE,
            "held story": HELD_HEADLINE,
            "portal designation id": self.portal_public_id,
        }


def _assert_clean(text: str, newsroom: Newsroom, where: str) -> None:
    for what, secret in newsroom.secrets.items():
        assert secret not in text, f"{where} shows the {what}"
    # No link from the public zone into the desk, the portal's conversation or the inbox.
    for path in ("/desk/", "/portal/conversation", "/desk/inbox/"):
        assert path not in text, f"{where} links to {path}"


@pytest.fixture
def newsroom(settings, tmp_path) -> Newsroom:
    """Run the story through the portal (HTTP), the vault and the services, up to publication."""
    settings.SOURCEDESK_EXPORT_DIR = ""
    editor = EditorFactory(display_name="편집장")
    reporter = ReporterFactory(display_name="한기자")
    translator = TranslatorFactory(display_name="Translator Lee")

    # The source submits through the portal; the editor replies through the inbox.
    source_browser = Client()
    response = source_browser.post("/portal/submit/", {"message": PORTAL_MESSAGE, "wordlist": "ko"})
    assert response.status_code == 200
    codename = response.context["codename"]
    portal_source = PortalSource.objects.get()
    desk = login(Client(), editor)
    response = desk.post(f"/desk/inbox/{portal_source.public_id}/", {"reply": REPLY})
    assert response.status_code == 302
    assert REPLY in desk.get(f"/desk/inbox/{portal_source.public_id}/").content.decode()

    # The handler's phone source, with a sealed identity card, and the report of her call.
    source = network_services.source_register(
        by_user=reporter,
        handler=reporter,
        region="cn-liaoning",
        channel="phone",
        active_since=dt.date(2024, 9, 1),
        pseudonym=PSEUDONYM,
    )
    network_services.identity_card_seal(
        source=source, by_user=reporter, real_name=REAL_NAME, contact_plan=CONTACT_PLAN
    )
    report = desk_services.report_log(
        by_user=reporter,
        source=source,
        received_on=dt.date(2024, 10, 7),
        text=REPORT_TEXT,
        credibility=3,
        tags=DESK_ONLY_TAG_NOTE,
    )
    claim = desk_services.claim_create(by_user=editor, statement=CLAIM_STATEMENT, reports=[report])

    # The story, tied to the report and the claim, published through the gate.
    story = story_services.story_create(
        actor=reporter,
        headline=KO_HEADLINE,
        body=f"{KO_P1}\n\n{KO_P2}",
        region=Region.objects.get_or_create(
            slug="liaoning", defaults={"name_ko": "랴오닝성", "name_en": "Liaoning", "country": "cn"}
        )[0],
        tags=[
            Tag.objects.get_or_create(
                slug="defectors", defaults={"name_ko": "탈북민", "name_en": "Defectors"}
            )[0]
        ],
        people=HUSBAND,
    )
    story_services.story_link_desk_items(
        actor=editor, story=story, report_ids=str(report.pk), claim_ids=str(claim.pk)
    )
    story_services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    story_services.edition_save(
        actor=translator,
        edition=english,
        headline=EN_HEADLINE,
        standfirst="",
        body=f"{EN_P1}\n\n{EN_P2}",
        expected_version=english.version,
    )
    story_services.story_send_to_edit(actor=translator, story=story)
    story_services.story_publish(actor=editor, story=story)

    # A second story that names the source and her number: the gate holds it in edit.
    held = story_services.story_create(actor=reporter, headline=HELD_HEADLINE, body=HELD_BODY)
    story_services.story_send_to_translation(actor=reporter, story=held)
    held_en = held.editions.get(language="en")
    story_services.edition_save(
        actor=translator,
        edition=held_en,
        headline="Customs crackdown in Dandong",
        standfirst="",
        body=f"According to {PSEUDONYM}, call {PHONE}.",
        expected_version=held_en.version,
    )
    story_services.story_send_to_edit(actor=translator, story=held)
    with pytest.raises(story_services.GateRefused):
        story_services.story_publish(actor=editor, story=held)

    story.refresh_from_db()
    held.refresh_from_db()
    return Newsroom(
        editor=editor,
        reporter=reporter,
        story=story,
        held=held,
        codename=codename,
        portal_public_id=portal_source.public_id,
        report_pk=report.pk,
        claim_pk=claim.pk,
    )


def _public_paths(newsroom: Newsroom) -> list[str]:
    public_id = newsroom.story.public_id
    return [
        "/ko/",
        "/en/",
        f"/ko/articles/{public_id}/",
        f"/en/articles/{public_id}/",
        "/ko/tags/defectors/",
        "/en/tags/defectors/",
        "/ko/regions/liaoning/",
        "/en/regions/liaoning/",
        "/ko/feed.atom",
        "/en/feed.atom",
        "/sitemap.xml",
    ]


def test_the_desk_holds_what_the_public_must_not_see(newsroom):
    """The secrets the other tests look for are really in the system (the checks are not empty)."""
    desk = login(Client(), newsroom.editor)
    report_page = desk.get(f"/desk/reports/{newsroom.report_pk}/").content.decode()
    assert PSEUDONYM in report_page
    assert REPORT_TEXT[:24] in report_page
    story_page = desk.get(f"/desk/stories/{newsroom.story.pk}/").content.decode()
    assert f"/desk/reports/{newsroom.report_pk}/" in story_page
    assert f"/desk/claims/{newsroom.claim_pk}/" in story_page
    assert newsroom.story.state == "published"
    assert newsroom.held.state == "in_edit"


def test_public_pages_feeds_and_sitemap_never_show_the_source(newsroom):
    """Every public page, both Atom feeds and the sitemap carry the story and nothing behind it."""
    reader = Client()
    for path in _public_paths(newsroom):
        response = reader.get(path)
        assert response.status_code == 200, path
        _assert_clean(response.content.decode(), newsroom, path)
    assert KO_HEADLINE in reader.get(f"/ko/articles/{newsroom.story.public_id}/").content.decode()
    assert EN_HEADLINE in reader.get("/en/feed.atom").content.decode()
    assert newsroom.story.public_id in reader.get("/sitemap.xml").content.decode()


def test_held_story_and_desk_pages_are_not_public(newsroom):
    """The story held by the gate has no public page, and a reader cannot open desk or inbox pages."""
    reader = Client()
    for lang in ("ko", "en"):
        response = reader.get(f"/{lang}/articles/{newsroom.held.public_id}/")
        assert response.status_code == 404
        _assert_clean(response.content.decode(), newsroom, f"the 404 for the held story ({lang})")
    for path in (
        f"/desk/reports/{newsroom.report_pk}/",
        f"/desk/inbox/{newsroom.portal_public_id}/",
        f"/desk/stories/{newsroom.story.pk}/",
    ):
        response = reader.get(path)
        assert response.status_code in (302, 403, 404), path
        assert PSEUDONYM not in response.content.decode()
        assert REPORT_TEXT[:24] not in response.content.decode()


def test_public_zone_tables_hold_only_published_text(newsroom):
    """What the public zone stores (the published editions) carries no secret, so a seized mirror
    database reveals nothing either."""
    rows = list(PublishedEdition.objects.filter(story=newsroom.story))
    assert {row.language for row in rows} == {"ko", "en"}
    assert not PublishedEdition.objects.filter(story=newsroom.held).exists()
    for row in rows:
        stored = " ".join(
            str(value)
            for value in (
                row.headline,
                row.standfirst,
                row.body_html,
                row.byline,
                row.credits,
                row.photos,
                row.corrections,
                row.labels,
            )
        )
        _assert_clean(stored, newsroom, f"the published {row.language} edition")


def _export_text(folder: Path) -> dict[str, str]:
    texts = {}
    for path in folder.rglob("*"):
        if path.is_file():
            texts[str(path.relative_to(folder))] = path.read_bytes().decode("utf-8", errors="replace")
    return texts


def test_static_export_never_carries_the_source(newsroom, tmp_path):
    """The static export for mirrors carries both editions and none of the secrets."""
    mirror = tmp_path / "mirror"
    call_command("export_site", str(mirror), "--jobs", "1", "--base-url", "https://mirror.example.org")
    files = _export_text(mirror)
    public_id = newsroom.story.public_id
    assert KO_HEADLINE in files[f"ko/articles/{public_id}/index.html"]
    assert EN_HEADLINE in files[f"en/articles/{public_id}/index.html"]
    assert not any(newsroom.held.public_id in name for name in files)
    for name, text in files.items():
        _assert_clean(text, newsroom, f"the exported {name}")
        assert not re.search(r"(?:href|src)=\"https?://(?!mirror\.example\.org)", text), (
            f"the exported {name} loads something from another host"
        )


def test_unpublished_story_leaves_every_public_surface(newsroom, tmp_path):
    """Unpublishing takes the story off the pages, the feeds, the sitemap and the next export."""
    mirror = tmp_path / "mirror"
    call_command("export_site", str(mirror), "--jobs", "1")
    public_id = newsroom.story.public_id
    assert (mirror / "ko" / "articles" / public_id / "index.html").exists()
    story_services.story_unpublish(actor=newsroom.editor, story=newsroom.story, reason="소식통 안전 우려")
    reader = Client()
    for lang in ("ko", "en"):
        assert reader.get(f"/{lang}/articles/{public_id}/").status_code == 404
        assert public_id not in reader.get(f"/{lang}/feed.atom").content.decode()
        assert public_id not in reader.get(f"/{lang}/").content.decode()
    assert public_id not in reader.get("/sitemap.xml").content.decode()
    call_command("export_site", str(mirror), "--jobs", "1")
    files = _export_text(mirror)
    assert not any(public_id in name for name in files)
    assert not any(public_id in text for text in files.values())


def test_gate_refuses_a_story_that_names_a_source_by_pseudonym(newsroom):
    """A desk pseudonym in a story would tie it to every other report from that source: the gate
    holds it, like a name."""
    story = story_services.story_create(
        actor=newsroom.reporter,
        headline="국경 세관 단속",
        body=f"중국 내 소식통({PSEUDONYM})에 따르면 세관 검사가 강화됐다.",
    )
    blocking = story_services.gate_check(story=story)
    assert any(PSEUDONYM in flag.text for flag in blocking)


def test_gate_holds_a_relative_named_by_a_local_post(newsroom):
    """ "Her husband is the inspection chief at the Hyesan security office" names one man, and
    through him the source: the gate holds it until it is coarsened."""
    story = story_services.story_create(
        actor=newsroom.reporter,
        headline="혜산 보안서 단속",
        body="소식통에 따르면 그녀의 남편은 혜산시 보안서 감찰과장이다.",
    )
    assert story_services.gate_check(story=story), "the gate does not hold the husband's post"
