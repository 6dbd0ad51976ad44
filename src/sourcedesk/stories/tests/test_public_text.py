"""Everything published with a story passes the gate: correction notes, credits, tag and region names."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.publish.models import PublishedEdition
from sourcedesk.stories import services
from sourcedesk.stories.models import Correction, Credit, State
from sourcedesk.stories.tests.factories import RegionFactory, TagFactory

pytestmark = pytest.mark.django_db

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


def _in_edit(reporter, translator, *, people="", tags=(), region=None):
    story = services.story_create(
        actor=reporter,
        headline="탈북민 2명 체포",
        body=KO_BODY,
        people=people,
        tags=list(tags),
        region=region,
    )
    services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator,
        edition=english,
        headline="Two defectors arrested",
        standfirst="",
        body=EN_BODY,
        expected_version=english.version,
    )
    services.story_send_to_edit(actor=translator, story=story)
    story.refresh_from_db()
    return story


def _live(reporter, translator, editor, **kwargs):
    story = _in_edit(reporter, translator, **kwargs)
    services.story_publish(actor=editor, story=story)
    story.refresh_from_db()
    return story


def _public_text(story) -> str:
    return " ".join(
        f"{p.headline} {p.body_html} {p.byline} {p.credits} {p.corrections} {p.photos} {p.labels}"
        for p in PublishedEdition.objects.filter(story=story)
    )


# --- Correction notes -------------------------------------------------------------------------


def test_correction_note_with_a_phone_number_is_refused(reporter, translator, editor):
    """A correction whose English note carries a phone number is refused by the gate: no correction
    is stored, the public copy is unchanged, and the refusal is in the history and the audit log."""
    story = _live(reporter, translator, editor)
    with pytest.raises(services.GateRefused) as refused:
        services.story_correct(
            actor=editor, story=story, note_ko="번호를 고쳤다.", note_en="Her number is 010-4321-8765."
        )
    assert [(f.language, f.kind, f.text) for f in refused.value.flags] == [("en", "phone", "010-4321-8765")]
    assert not Correction.objects.filter(story=story).exists()
    story.refresh_from_db()
    assert story.state == State.PUBLISHED
    assert "010-4321" not in _public_text(story)
    assert story.events.filter(action="gate_refused").exists()
    assert AuditEntry.objects.filter(action="story.gate_refused", target_id=str(story.pk)).exists()


def test_correction_note_naming_a_person_in_the_story_is_refused(reporter, translator, editor):
    """The Korean note is scanned with the story's people list: a listed name blocks the correction."""
    story = _live(reporter, translator, editor, people="김철수")
    with pytest.raises(services.GateRefused) as refused:
        services.story_correct(
            actor=editor, story=story, note_ko="김철수 씨의 나이를 고쳤다.", note_en="We corrected an age."
        )
    assert [(f.language, f.kind, f.text) for f in refused.value.flags] == [("ko", "deny", "김철수")]
    assert not Correction.objects.exists()
    assert "김철수" not in _public_text(story)


def test_correction_note_finding_can_be_overridden_like_edition_text(reporter, translator, editor):
    """An editor's written override of the flagged words lets the note through, as for edition text."""
    story = _live(reporter, translator, editor)
    note_en = "The ministry hotline is 02-2100-5678."
    with pytest.raises(services.GateRefused):
        services.story_correct(actor=editor, story=story, note_ko="전화번호를 더했다.", note_en=note_en)
    services.finding_override(
        actor=editor,
        story=story,
        language="en",
        kind="phone",
        text="02-2100-5678",
        reason="A public government hotline, not a person.",
    )
    services.story_correct(actor=editor, story=story, note_ko="전화번호를 더했다.", note_en=note_en)
    english = PublishedEdition.objects.get(story=story, language="en")
    assert english.corrections[0]["note"] == note_en


def test_gate_scans_stored_corrections_before_a_republication(reporter, translator, editor):
    """A correction already stored is public text too: a risky one blocks republishing the story."""
    story = _live(reporter, translator, editor)
    services.story_unpublish(actor=editor, story=story, reason="Checking a detail.")
    Correction.objects.create(
        story=story, note_ko="연락처 010-5555-6666", note_en="We added a contact.", created_by=editor
    )
    flags = services.gate_check(story=story)
    assert [(f.language, f.kind, f.text) for f in flags] == [("ko", "phone", "010-5555-6666")]
    assert flags[0].field.startswith("correction-")
    with pytest.raises(services.GateRefused):
        services.story_publish(actor=editor, story=story)
    assert not PublishedEdition.objects.filter(story=story).exists()


def test_refused_correction_note_is_offered_for_override_on_the_page(reporter, translator):
    """After a refusal, the story page lists the note's finding (as a correction note), offers its
    override form, and keeps the notes the editor typed."""
    editor = UserFactory(role="editor", display_name="Duty Editor")
    story = _live(reporter, translator, editor)
    client = Client()
    client.cookies["sd_lang"] = "en"
    login(client, editor)
    response = client.post(
        f"/desk/stories/{story.pk}/do/correct/",
        {"note_ko": "번호를 고쳤다.", "note_en": "Call 010-4321-8765."},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "correction note" in html
    assert 'name="text" value="010-4321-8765"' in html
    assert 'value="Call 010-4321-8765."' in html


# --- Credits ----------------------------------------------------------------------------------


def test_staff_without_a_display_name_are_not_credited(reporter):
    """A translator and an editor with no display name get no public credit; their login names are
    never stored as credits nor published."""
    translator = UserFactory(username="tr-login-9", display_name="", role="translator", with_keys=False)
    editor = UserFactory(username="ed-login-9", display_name="  ", role="editor", with_keys=False)
    story = _live(reporter, translator, editor)
    assert not Credit.objects.filter(edition__story=story).exists()
    public = _public_text(story)
    assert "tr-login-9" not in public and "ed-login-9" not in public
    assert all(p.credits == [] for p in PublishedEdition.objects.filter(story=story))


def test_display_name_that_is_the_login_name_is_not_published(reporter):
    """A display name equal to the login name (in any letter case) counts as no public name."""
    translator = UserFactory(username="hanna", display_name="Hanna", role="translator", with_keys=False)
    editor = UserFactory(username="ed-login-8", display_name="ED-LOGIN-8", role="editor", with_keys=False)
    story = _live(reporter, translator, editor)
    assert not Credit.objects.filter(edition__story=story).exists()
    assert "anna" not in _public_text(story).lower()
    assert "ed-login-8" not in _public_text(story).lower()


def test_credits_use_the_display_name(reporter, translator, editor):
    """Credits carry the display name, never the login name."""
    story = _live(reporter, translator, editor)
    english = PublishedEdition.objects.get(story=story, language="en")
    assert dict(english.credits) == {"Translated by": "Night Translator", "Edited by": "Duty Editor"}
    assert translator.username not in _public_text(story)
    assert editor.username not in _public_text(story)


def test_a_stored_credit_holding_a_login_name_is_left_out(reporter, translator, editor):
    """A credit row written before the rule, holding a login name, is not published."""
    story = _in_edit(reporter, translator)
    english = story.editions.get(language="en")
    Credit.objects.create(edition=english, kind=Credit.Kind.TRANSLATED, name=translator.username.upper())
    services.story_publish(actor=editor, story=story)
    public = PublishedEdition.objects.get(story=story, language="en")
    assert translator.username.casefold() not in str(public.credits).casefold()
    assert ["Translated by", "Night Translator"] in public.credits


def test_a_translator_credit_naming_a_listed_person_blocks_publication(reporter, editor):
    """Credits are scanned by the gate like other public text (with the people list)."""
    translator = UserFactory(role="translator", display_name="Kim Chol-su", with_keys=False)
    story = _in_edit(reporter, translator, people="Kim Chol-su")
    with pytest.raises(services.GateRefused) as refused:
        services.story_publish(actor=editor, story=story)
    assert {(f.language, f.kind, f.text) for f in refused.value.flags} == {("en", "deny", "Kim Chol-su")}
    assert refused.value.flags[0].field.startswith("credit-")
    assert not PublishedEdition.objects.exists()


def test_the_publishing_editors_credit_is_scanned_before_it_is_written(reporter, translator):
    """The editor's own credit, added at publication, is scanned first; a refusal stores no credit."""
    editor = UserFactory(role="editor", display_name="Editor 010-7777-8888", with_keys=False)
    story = _in_edit(reporter, translator)
    with pytest.raises(services.GateRefused) as refused:
        services.story_publish(actor=editor, story=story)
    assert {(f.language, f.kind) for f in refused.value.flags} == {("ko", "phone"), ("en", "phone")}
    assert not Credit.objects.filter(kind=Credit.Kind.EDITED).exists()
    assert not PublishedEdition.objects.exists()


# --- Tag and region names ---------------------------------------------------------------------


def test_a_tag_name_with_a_phone_number_blocks_publication(reporter, translator, editor):
    """Tag names are published on the article and its tag page: the gate scans them."""
    tag = TagFactory(slug="hotline", name_ko="제보 010-1111-2222", name_en="Tips")
    story = _in_edit(reporter, translator, tags=[tag])
    flags = services.gate_check(story=story)
    assert [(f.language, f.field, f.kind) for f in flags] == [("ko", "tag-hotline", "phone")]
    with pytest.raises(services.GateRefused):
        services.story_publish(actor=editor, story=story)
    assert not PublishedEdition.objects.exists()


def test_a_region_name_naming_a_listed_person_blocks_publication(reporter, translator, editor):
    """The region's name is scanned with the story's people list, in each language."""
    region = RegionFactory(slug="odd-region", name_ko="지역", name_en="Pak Yong-ho county")
    story = _in_edit(reporter, translator, region=region, people="Pak Yong-ho")
    flags = services.gate_check(story=story)
    assert [(f.language, f.field, f.kind, f.text) for f in flags] == [("en", "region", "deny", "Pak Yong-ho")]
    with pytest.raises(services.GateRefused):
        services.story_publish(actor=editor, story=story)
