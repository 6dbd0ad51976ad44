"""A source's desk pseudonym in public text is held by the gate like a name in the people list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.network.tests.factories import SourceFactory
from sourcedesk.publish.models import PublishedEdition
from sourcedesk.stories import services
from sourcedesk.stories.models import Correction, State
from sourcedesk.stories.protection import PSEUDONYM_CODE, PSEUDONYM_KIND, reason_text
from sourcedesk.stories.tests.factories import TagFactory

pytestmark = pytest.mark.django_db

PSEUDONYM = "양강-17"
KO_BODY = "중국 랴오닝성에서 탈북민 두 명이 체포됐다.\n\n브로커는 1인당 250만 원을 요구했다."
EN_BODY = "Two defectors were arrested in Liaoning, China.\n\nThe broker asked KRW 2.5 million each."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def reporter():
    return UserFactory(role="reporter", display_name="Field Reporter", with_keys=False)


@pytest.fixture
def translator():
    return UserFactory(role="translator", display_name="Night Translator", with_keys=False)


@pytest.fixture
def editor():
    return UserFactory(role="editor", display_name="Duty Editor", with_keys=False)


@pytest.fixture
def source(reporter):
    return SourceFactory(pseudonym=PSEUDONYM, handler=reporter)


def _in_edit(reporter, translator, *, ko_body=KO_BODY, en_body=EN_BODY):
    story = services.story_create(actor=reporter, headline="탈북민 2명 체포", body=ko_body)
    services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator,
        edition=english,
        headline="Two defectors arrested",
        standfirst="",
        body=en_body,
        expected_version=english.version,
    )
    services.story_send_to_edit(actor=translator, story=story)
    story.refresh_from_db()
    return story


def _pseudonym_flags(flags):
    return [f for f in flags if f.kind == PSEUDONYM_KIND]


# --- The gate ---------------------------------------------------------------------------------


def test_gate_holds_a_story_naming_a_source_by_pseudonym(reporter, source):
    """A pseudonym in the Korean body is a high-severity finding of its own kind that blocks the gate."""
    story = services.story_create(
        actor=reporter,
        headline="국경 세관 단속",
        body=f"중국 내 소식통({PSEUDONYM})에 따르면 검사가 강화됐다.",
    )
    [flag] = _pseudonym_flags(services.gate_check(story=story))
    assert (flag.language, flag.field, flag.text, flag.severity) == ("ko", "body", PSEUDONYM, "high")
    assert flag.code == PSEUDONYM_CODE
    assert flag.suggestion == {"ko": "소식통", "en": "a source"}


def test_the_pseudonym_is_flagged_when_the_edition_is_saved(reporter, source):
    """The reporter sees the finding while writing, not only when an editor tries to publish."""
    story = services.story_create(actor=reporter, headline=f"{PSEUDONYM} 소식", body="본문입니다.")
    findings = story.editions.get(language="ko").findings
    assert [(f["field"], f["text"], f["kind"]) for f in findings if f["code"] == PSEUDONYM_CODE] == [
        ("headline", PSEUDONYM, PSEUDONYM_KIND)
    ]


def test_an_archived_sources_pseudonym_is_held_too(reporter):
    """Archiving a source does not make its pseudonym safe to print: old reports still carry it."""
    SourceFactory(pseudonym="자강-3", handler=reporter, archived=True)
    story = services.story_create(actor=reporter, headline="기사", body="자강-3에 따르면 단속이 심해졌다.")
    assert [f.text for f in _pseudonym_flags(services.gate_check(story=story))] == ["자강-3"]


def test_a_pseudonym_is_found_in_any_letter_case(reporter, translator, editor):
    """A Latin pseudonym written in other letter case in the English edition is still held."""
    SourceFactory(pseudonym="Yalu-7", handler=reporter)
    story = _in_edit(reporter, translator, en_body="According to YALU-7, two were arrested.")
    [flag] = _pseudonym_flags(services.gate_check(story=story))
    assert (flag.language, flag.text) == ("en", "YALU-7")
    with pytest.raises(services.GateRefused):
        services.story_publish(actor=editor, story=story)
    story.refresh_from_db()
    assert story.state == State.IN_EDIT
    assert not PublishedEdition.objects.exists()


def test_a_pseudonym_inside_a_longer_one_is_not_a_second_source(reporter):
    """With sources 양강-1 and 양강-17, "양강-17" is one finding naming 양강-17; "양강-1" alone is the other."""
    SourceFactory(pseudonym="양강-1", handler=reporter)
    SourceFactory(pseudonym="양강-17", handler=reporter)
    story = services.story_create(actor=reporter, headline="기사", body="양강-17과 양강-1이 같은 말을 했다.")
    flags = _pseudonym_flags(services.gate_check(story=story))
    assert [(f.start, f.text) for f in flags] == [(0, "양강-17"), (7, "양강-1")]


def test_a_story_without_a_pseudonym_is_not_held_by_one(reporter, translator, editor, source):
    """Network sources existing is not itself a finding: a clean story publishes."""
    story = _in_edit(reporter, translator)
    assert services.gate_check(story=story) == []
    services.story_publish(actor=editor, story=story)
    story.refresh_from_db()
    assert story.state == State.PUBLISHED


def test_a_pseudonym_in_a_photo_caption_is_held(reporter, source, fake_scrubber):
    """Captions are public text: a pseudonym there blocks like one in the body."""
    story = services.story_create(actor=reporter, headline="기사", body="본문입니다.")
    services.photo_add(
        actor=reporter,
        story=story,
        photo=services.PhotoInput(
            data=b"\xff\xd8raw\xff\xd9", filename="a.jpg", caption_en=f"Photo sent by {PSEUDONYM}"
        ),
    )
    [flag] = _pseudonym_flags(services.gate_check(story=story))
    assert (flag.language, flag.field.endswith("-caption"), flag.text) == ("en", True, PSEUDONYM)


def test_a_pseudonym_in_a_tag_name_is_held(reporter, source):
    """Tag names are printed with the story: a tag named after a source blocks it."""
    tag = TagFactory(name_ko=f"{PSEUDONYM} 제보", name_en="Reports")
    story = services.story_create(actor=reporter, headline="기사", body="본문입니다.", tags=[tag])
    [flag] = _pseudonym_flags(services.gate_check(story=story))
    assert (flag.language, flag.field, flag.text) == ("ko", f"tag-{tag.slug}", PSEUDONYM)


def test_a_correction_note_naming_a_source_is_refused_before_it_is_stored(
    reporter, translator, editor, source
):
    """A correction note is scanned with the pseudonyms before it is written; nothing is kept."""
    story = _in_edit(reporter, translator)
    services.story_publish(actor=editor, story=story)
    with pytest.raises(services.GateRefused) as refused:
        services.story_correct(
            actor=editor, story=story, note_ko=f"{PSEUDONYM}의 정정 요청", note_en="A date was corrected."
        )
    assert [(f.language, f.field, f.text) for f in _pseudonym_flags(refused.value.flags)] == [
        ("ko", "correction-new", PSEUDONYM)
    ]
    assert not Correction.objects.exists()
    assert AuditEntry.objects.filter(action="story.gate_refused", target_id=str(story.pk)).exists()


def test_an_editor_can_override_a_pseudonym_with_a_reason(reporter, translator, editor):
    """Like any high finding, an editor may let it through with a written, logged reason."""
    SourceFactory(pseudonym="Dandong-2", handler=reporter)
    story = _in_edit(reporter, translator, en_body="Dandong-2 is also the name of a ferry line.")
    [flag] = _pseudonym_flags(services.gate_check(story=story))
    services.finding_override(
        actor=editor,
        story=story,
        language=flag.language,
        kind=flag.kind,
        text=flag.text,
        reason="The ferry line's public name, not the source.",
    )
    services.story_publish(actor=editor, story=story)
    story.refresh_from_db()
    assert story.state == State.PUBLISHED


def test_the_gate_asks_for_the_pseudonyms_once(reporter, translator):
    """One query loads every pseudonym per gate check, however many sources the network has."""
    story = _in_edit(reporter, translator)
    SourceFactory(handler=reporter)
    with CaptureQueriesContext(connection) as few:
        services.gate_check(story=story)
    SourceFactory.create_batch(30, handler=reporter)
    with CaptureQueriesContext(connection) as many:
        services.gate_check(story=story)
    network = [q["sql"] for q in many.captured_queries if "network_source" in q["sql"]]
    assert len(network) == 1
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_real_scanner_reports_a_pseudonym_once_under_its_own_kind(reporter, source, real_scanner):
    """With the real scanner the deny-list finding becomes the pseudonym finding, not a second one."""
    story = services.story_create(
        actor=reporter,
        headline="국경 세관 단속",
        body=f"중국 내 소식통({PSEUDONYM})에 따르면 검사가 강화됐다.",
    )
    flags = [f for f in services.gate_check(story=story) if PSEUDONYM in f.text]
    assert [(f.kind, f.code, f.text) for f in flags] == [(PSEUDONYM_KIND, PSEUDONYM_CODE, PSEUDONYM)]


# --- The reason, in the desk's language ----------------------------------------------------------


def test_the_reason_is_given_in_korean_and_english():
    """The finding explains itself in the page's language."""
    finding = {"code": PSEUDONYM_CODE, "reason": "stored"}
    with translation.override("en"):
        assert reason_text(finding).startswith("A source's desk pseudonym")
    with translation.override("ko"):
        assert reason_text(finding).startswith("소식통의 데스크 가명")


def test_the_story_page_shows_the_pseudonym_and_why_in_korean(reporter, source):
    """On the Korean desk the gate lists the pseudonym with the Korean reason, in the list and the mark."""
    story = services.story_create(
        actor=reporter, headline="기사", body=f"{PSEUDONYM}에 따르면 단속이 심해졌다."
    )
    client = login(Client(), reporter)
    client.cookies["sd_lang"] = "ko"
    page = client.get(f"/desk/stories/{story.pk}/").content.decode()
    gate = page.split('id="gate"', 1)[1].split("</section>", 1)[0]
    assert PSEUDONYM in gate and "소식통의 데스크 가명" in gate
    assert 'title="소식통의 데스크 가명' in page  # the highlighted mark in the body
    assert "A source&#x27;s desk pseudonym" not in page


def test_the_story_page_shows_the_reason_in_english(reporter, source):
    """On the English desk the same finding reads in English."""
    story = services.story_create(
        actor=reporter, headline="기사", body=f"{PSEUDONYM}에 따르면 단속이 심해졌다."
    )
    client = login(Client(), reporter)
    client.cookies["sd_lang"] = "en"
    page = client.get(f"/desk/stories/{story.pk}/").content.decode()
    assert "A source&#x27;s desk pseudonym" in page
    assert "소식통의 데스크 가명" not in page
