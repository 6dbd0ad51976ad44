"""Stories: creation, editing, the workflow, the gate and overrides, through the services."""

from __future__ import annotations

import pytest
from django.utils import translation

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.audit.models import AuditEntry
from sourcedesk.publish.models import PublishedEdition
from sourcedesk.stories import services
from sourcedesk.stories.models import Credit, Edition, State, Story

pytestmark = pytest.mark.django_db

KO_BODY = "중국 랴오닝성에서 탈북민 두 명이 체포됐다.\n\n브로커는 1인당 250만 원을 요구했다."
EN_BODY = "Two defectors were arrested in Liaoning, China.\n\nThe broker asked KRW 2.5 million each."


@pytest.fixture(autouse=True)
def _english():
    """Refusal messages are checked in English here; one test checks the Korean."""
    with translation.override("en"):
        yield


@pytest.fixture
def reporter():
    return UserFactory(role="reporter", with_keys=False)


@pytest.fixture
def translator():
    return UserFactory(role="translator", display_name="Night Translator", with_keys=False)


@pytest.fixture
def editor():
    return UserFactory(role="editor", display_name="Duty Editor", with_keys=False)


def _draft(reporter, body=KO_BODY, people=""):
    return services.story_create(actor=reporter, headline="탈북민 2명 체포", body=body, people=people)


def _translated(reporter, translator, en_body=EN_BODY):
    story = _draft(reporter)
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


def test_reporter_creates_a_draft_with_both_editions(reporter):
    """A reporter's new story is a draft with a Korean edition, an empty English one and a history line."""
    story = _draft(reporter)
    assert story.state == State.DRAFT
    assert story.reporter == reporter
    assert story.editions.get(language="ko").headline == "탈북민 2명 체포"
    assert story.editions.get(language="en").body == ""
    assert story.events.filter(action="created").exists()
    assert AuditEntry.objects.filter(action="story.create", target_id=str(story.pk)).exists()


def test_translator_cannot_start_a_story(translator):
    """A translator starting a story is refused, and told which role they have."""
    with pytest.raises(services.NotAllowed) as refused:
        _draft(translator)
    assert "reporter" in refused.value.message.lower() or "기자" in refused.value.message
    assert not Story.objects.exists()


def test_full_workflow_publishes_both_editions(reporter, translator, editor):
    """Draft → translation → edit → approved → published writes one public copy per language."""
    story = _translated(reporter, translator)
    assert story.state == State.IN_EDIT
    services.story_approve(actor=editor, story=story)
    services.story_publish(actor=editor, story=story)
    story.refresh_from_db()
    assert story.state == State.PUBLISHED
    assert story.first_published_at is not None
    public = {p.language: p for p in PublishedEdition.objects.filter(story=story)}
    assert set(public) == {"ko", "en"}
    assert public["en"].headline == "Two defectors arrested"
    assert "<p>Two defectors were arrested" in public["en"].body_html
    credits = dict(public["en"].credits)
    assert credits["Translated by"] == "Night Translator"
    assert credits["Edited by"] == "Duty Editor"
    actions = list(AuditEntry.objects.filter(target_id=str(story.pk)).values_list("action", flat=True))
    for action in ("story.send_to_translation", "story.send_to_edit", "story.approve", "story.publish"):
        assert action in actions


@pytest.mark.parametrize("role", ["reporter", "translator", "admin"])
def test_only_an_editor_can_publish(role, reporter, translator):
    """Publishing by a reporter, translator or admin is refused with the reason; nothing goes public."""
    story = _translated(reporter, translator)
    actor = (
        reporter
        if role == "reporter"
        else translator
        if role == "translator"
        else UserFactory(role="admin", with_keys=False)
    )
    with pytest.raises(services.NotAllowed) as refused:
        services.story_publish(actor=actor, story=story)
    assert "editor" in refused.value.message.lower()
    story.refresh_from_db()
    assert story.state == State.IN_EDIT
    assert not PublishedEdition.objects.exists()


def test_refusal_reason_is_in_korean_for_a_korean_desk(reporter, translator):
    """With the desk in Korean, a wrong-role refusal explains itself in Korean."""
    story = _translated(reporter, translator)
    with translation.override("ko"), pytest.raises(services.NotAllowed) as refused:
        services.story_publish(actor=translator, story=story)
    assert refused.value.message == "편집자만 기사를 발행할 수 있습니다. 당신의 역할은 번역가입니다."


def test_a_draft_cannot_be_published(reporter, editor):
    """An editor cannot skip translation: a draft is refused with the state named."""
    story = _draft(reporter)
    with pytest.raises(services.NotAllowed) as refused:
        services.story_publish(actor=editor, story=story)
    assert "Draft" in refused.value.message


def test_translator_cannot_edit_the_korean_edition(reporter, translator):
    """The Korean edition belongs to its reporter (and editors); a translator's save is refused."""
    story = _draft(reporter)
    services.story_send_to_translation(actor=reporter, story=story)
    korean = story.editions.get(language="ko")
    with pytest.raises(services.NotAllowed):
        services.edition_save(
            actor=translator,
            edition=korean,
            headline="x",
            standfirst="",
            body="y",
            expected_version=korean.version,
        )
    korean.refresh_from_db()
    assert korean.headline == "탈북민 2명 체포"


def test_other_reporter_cannot_edit(reporter):
    """A reporter cannot write into another reporter's story."""
    story = _draft(reporter)
    other = UserFactory(role="reporter", with_keys=False)
    korean = story.editions.get(language="ko")
    with pytest.raises(services.NotAllowed):
        services.edition_save(
            actor=other, edition=korean, headline="x", standfirst="", body="y", expected_version=1
        )


def test_gate_refuses_a_phone_number_in_the_english_edition(reporter, translator, editor):
    """A phone number in either edition blocks publication; the refusal names it and is in the history."""
    story = _translated(reporter, translator, en_body=EN_BODY + "\n\nCall her on 010-1234-5678.")
    with pytest.raises(services.GateRefused) as refused:
        services.story_publish(actor=editor, story=story)
    flags = refused.value.flags
    assert [(f.language, f.kind, f.text) for f in flags] == [("en", "phone", "010-1234-5678")]
    story.refresh_from_db()
    assert story.state == State.IN_EDIT
    assert not PublishedEdition.objects.exists()
    assert story.events.filter(action="gate_refused").exists()
    assert AuditEntry.objects.filter(action="story.gate_refused", target_id=str(story.pk)).exists()


def test_finding_resolved_when_the_text_no_longer_contains_it(reporter, translator, editor):
    """Once the translator removes the number, the same editor can publish."""
    story = _translated(reporter, translator, en_body=EN_BODY + "\n\nCall her on 010-1234-5678.")
    with pytest.raises(services.GateRefused):
        services.story_publish(actor=editor, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator,
        edition=english,
        headline=english.headline,
        standfirst="",
        body=EN_BODY,
        expected_version=english.version,
    )
    services.story_publish(actor=editor, story=story)
    story.refresh_from_db()
    assert story.state == State.PUBLISHED
    assert "010-1234" not in PublishedEdition.objects.get(story=story, language="en").body_html


def test_editor_override_with_reason_lets_the_finding_through_and_is_audited(reporter, translator, editor):
    """An editor's override (with a written reason) clears that finding; the audit log and history show it."""
    story = _translated(reporter, translator, en_body=EN_BODY + "\n\nThe hotline is 02-1234-5678.")
    flag = services.gate_check(story=story)[0]
    reason = "Public hotline of the Ministry of Unification, not a person."
    services.finding_override(
        actor=editor, story=story, language=flag.language, kind=flag.kind, text=flag.text, reason=reason
    )
    assert services.gate_check(story=story) == []
    services.story_publish(actor=editor, story=story)
    entry = AuditEntry.objects.get(action="story.finding_override", target_id=str(story.pk))
    assert entry.data["reason"] == reason
    assert entry.actor_id == editor.pk
    assert story.events.filter(action="override", note__contains=reason).exists()


def test_override_needs_an_editor_and_a_reason(reporter, translator, editor):
    """A translator cannot override; an editor must write a real reason."""
    story = _translated(reporter, translator, en_body=EN_BODY + "\n\n010-1234-5678")
    with pytest.raises(services.NotAllowed):
        services.finding_override(
            actor=translator,
            story=story,
            language="en",
            kind="phone",
            text="010-1234-5678",
            reason="it is fine, trust me",
        )
    with pytest.raises(services.InvalidInput):
        services.finding_override(
            actor=editor, story=story, language="en", kind="phone", text="010-1234-5678", reason="ok"
        )
    assert not story.overrides.exists()


def test_override_does_not_cover_other_words(reporter, translator, editor):
    """An override covers the words it was given; a new number of the same kind still blocks."""
    story = _translated(reporter, translator, en_body=EN_BODY + "\n\n02-1234-5678 and 010-9999-8888")
    services.finding_override(
        actor=editor,
        story=story,
        language="en",
        kind="phone",
        text="02-1234-5678",
        reason="Public office line.",
    )
    assert [f.text for f in services.gate_check(story=story)] == ["010-9999-8888"]


def test_people_in_the_story_are_flagged_in_both_editions(reporter):
    """Names on the story's people list are high-risk findings wherever they appear."""
    story = _draft(reporter, body="남편 김철수 씨가 전화했다.", people="김철수\nKim Chol-su")
    flags = services.gate_check(story=story)
    assert [(f.language, f.kind, f.text) for f in flags] == [("ko", "deny", "김철수")]


def test_findings_are_saved_on_every_save(reporter):
    """Each save stores the scanner's findings with the field they are in."""
    story = _draft(reporter, body="연락처 010-1234-5678, 2024-03-05 도착")
    korean = story.editions.get(language="ko")
    kinds = sorted((f["field"], f["kind"], f["severity"]) for f in korean.findings)
    assert kinds == [("body", "exact_date", "medium"), ("body", "phone", "high")]


def test_second_saver_is_told_and_nothing_is_lost(reporter, editor):
    """Two people save one edition from the same version: the second is refused and the first's text stays."""
    story = _draft(reporter)
    korean = story.editions.get(language="ko")
    opened = korean.version
    services.edition_save(
        actor=reporter, edition=korean, headline="첫째 저장", standfirst="", body="A", expected_version=opened
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.edition_save(
            actor=editor,
            edition=korean,
            headline="둘째 저장",
            standfirst="",
            body="B",
            expected_version=opened,
        )
    assert conflict.value.current.headline == "첫째 저장"
    assert str(reporter) in conflict.value.message
    korean.refresh_from_db()
    assert (korean.headline, korean.body, korean.version) == ("첫째 저장", "A", opened + 1)


def test_changed_korean_paragraph_marks_its_english_paragraph_stale(reporter, translator):
    """After translation began, editing Korean paragraph 2 makes English paragraph 2 stale until confirmed."""
    story = _translated(reporter, translator)
    korean = story.editions.get(language="ko")
    english = story.editions.get(language="en")
    assert services.stale_paragraphs(korean=korean, english=english) == []
    services.edition_save(
        actor=reporter,
        edition=korean,
        headline=korean.headline,
        standfirst="",
        body="중국 랴오닝성에서 탈북민 두 명이 체포됐다.\n\n브로커는 1인당 200만 원을 요구했다.",
        expected_version=korean.version,
    )
    korean.refresh_from_db()
    english.refresh_from_db()
    assert services.stale_paragraphs(korean=korean, english=english) == [1]
    services.edition_confirm_paragraphs(
        actor=translator, edition=english, positions=[1], expected_version=english.version
    )
    english.refresh_from_db()
    assert services.stale_paragraphs(korean=korean, english=english) == []


def test_retranslating_a_stale_paragraph_clears_it(reporter, translator):
    """Rewriting the stale English paragraph records the new Korean paragraph as its source."""
    story = _translated(reporter, translator)
    korean = story.editions.get(language="ko")
    services.edition_save(
        actor=reporter,
        edition=korean,
        headline=korean.headline,
        standfirst="",
        body="첫 문단이 바뀌었다.\n\n브로커는 1인당 250만 원을 요구했다.",
        expected_version=korean.version,
    )
    english = Edition.objects.get(story=story, language="en")
    korean.refresh_from_db()
    assert services.stale_paragraphs(korean=korean, english=english) == [0]
    services.edition_save(
        actor=translator,
        edition=english,
        headline=english.headline,
        standfirst="",
        body="The first paragraph changed.\n\nThe broker asked KRW 2.5 million each.",
        expected_version=english.version,
    )
    english.refresh_from_db()
    assert services.stale_paragraphs(korean=korean, english=english) == []


def test_translator_is_credited(reporter, translator):
    """Saving the English edition credits the translator on it."""
    story = _translated(reporter, translator)
    english = story.editions.get(language="en")
    assert Credit.objects.filter(edition=english, kind="translated", name=str(translator)).exists()


def test_correction_republishes_with_a_note(reporter, translator, editor):
    """A correction updates the public copy and adds a note in each language."""
    story = _translated(reporter, translator)
    services.story_publish(actor=editor, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=editor,
        edition=english,
        headline="Two defectors arrested in Kunming",
        standfirst="",
        body=EN_BODY,
        expected_version=english.version,
    )
    services.story_correct(
        actor=editor, story=story, note_ko="도시 이름을 바로잡았다.", note_en="We corrected the city."
    )
    story.refresh_from_db()
    assert story.state == State.CORRECTED
    public = PublishedEdition.objects.get(story=story, language="en")
    assert public.headline == "Two defectors arrested in Kunming"
    assert public.corrections[0]["note"] == "We corrected the city."
    assert (
        PublishedEdition.objects.get(story=story, language="ko").corrections[0]["note"]
        == "도시 이름을 바로잡았다."
    )


def test_correction_is_gated_too(reporter, translator, editor):
    """A correction that adds a phone number is refused and the public copy is unchanged."""
    story = _translated(reporter, translator)
    services.story_publish(actor=editor, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=editor,
        edition=english,
        headline=english.headline,
        standfirst="",
        body=EN_BODY + "\n\n010-2222-3333",
        expected_version=english.version,
    )
    with pytest.raises(services.GateRefused):
        services.story_correct(actor=editor, story=story, note_ko="추가", note_en="Added")
    assert "010-2222" not in PublishedEdition.objects.get(story=story, language="en").body_html


def test_unpublish_removes_the_public_copies(reporter, translator, editor):
    """Unpublishing needs a reason and deletes both public copies."""
    story = _translated(reporter, translator)
    services.story_publish(actor=editor, story=story)
    with pytest.raises(services.InvalidInput):
        services.story_unpublish(actor=editor, story=story, reason=" ")
    services.story_unpublish(actor=editor, story=story, reason="A source asked us to.")
    story.refresh_from_db()
    assert story.state == State.UNPUBLISHED
    assert not PublishedEdition.objects.filter(story=story).exists()


def test_return_needs_a_note(reporter, translator, editor):
    """An editor sends a story back to translation only with a note saying why."""
    story = _translated(reporter, translator)
    with pytest.raises(services.InvalidInput):
        services.story_return(actor=editor, story=story, to_state=State.IN_TRANSLATION, note="")
    services.story_return(
        actor=editor, story=story, to_state=State.IN_TRANSLATION, note="Paragraph 2 is missing."
    )
    story.refresh_from_db()
    assert story.state == State.IN_TRANSLATION


def test_gate_fails_closed_without_a_scanner(reporter, translator, editor, monkeypatch):
    """If the scanner cannot be loaded, publication is refused rather than waved through."""
    story = _translated(reporter, translator)

    def missing():
        raise services.ScannerUnavailable("no scanner")

    monkeypatch.setattr("sourcedesk.stories.protection._scanner", missing)
    with pytest.raises(services.NotAllowed) as refused:
        services.story_publish(actor=editor, story=story)
    assert "scanner" in refused.value.message
    assert not PublishedEdition.objects.exists()


def test_photo_is_scrubbed_and_its_caption_scanned(reporter, fake_scrubber, settings, tmp_path):
    """An uploaded photo is stored scrubbed outside the public zone; its caption is scanned."""
    settings.DATA_DIR = tmp_path
    story = _draft(reporter)
    original = b"\xff\xd8EXIF-GPS-37.5N-126.9E" + b"\x00" * 10 + b"\xff\xd9"
    photo = services.photo_add(
        actor=reporter,
        story=story,
        photo=services.PhotoInput(
            data=original, filename="IMG_0001.JPG", caption_en="Call 010-1234-5678", is_file_photo=True
        ),
    )
    stored = (services.photo_dir() / photo.file_name).read_bytes()
    assert b"GPS" not in stored and stored.startswith(b"\xff\xd8SCRUBBED")
    assert not (tmp_path / "public-media").exists() or not any((tmp_path / "public-media").rglob("*.jpg"))
    flags = services.gate_check(story=story)
    assert any(f.field == f"photo-{photo.pk}-caption" and f.language == "en" for f in flags)


def test_photo_that_cannot_be_scrubbed_is_not_kept(reporter, fake_scrubber, settings, tmp_path):
    """A corrupt upload is refused and nothing is written."""
    settings.DATA_DIR = tmp_path
    story = _draft(reporter)
    with pytest.raises(services.InvalidInput):
        services.photo_add(
            actor=reporter, story=story, photo=services.PhotoInput(data=b"GIF89a", filename="x.jpg")
        )
    assert not story.photos.exists()
    assert not services.photo_dir().exists() or not any(services.photo_dir().iterdir())


def test_real_scrubber_strips_exif_from_an_uploaded_photo(reporter, settings, tmp_path):
    """With the protection team's scrubber, a JPEG's EXIF (camera, GPS) is gone from the stored copy."""
    import io

    from PIL import Image

    pytest.importorskip("sourcedesk.protect.scrub")
    settings.DATA_DIR = tmp_path
    image = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    original = buffer.getvalue()
    assert b"SecretCam" in original
    story = _draft(reporter)
    photo = services.photo_add(
        actor=reporter, story=story, photo=services.PhotoInput(data=original, filename="DSC0001.jpg")
    )
    stored = (services.photo_dir() / photo.file_name).read_bytes()
    assert b"SecretCam" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


def test_a_paragraph_still_to_come_blocks_publication(reporter, translator, editor):
    """An English edition with a "[TK]" paragraph cannot be published until it is written."""
    story = _translated(reporter, translator, en_body="[TK]\n\nThe broker asked KRW 2.5 million each.")
    with pytest.raises(services.InvalidInput) as refused:
        services.story_publish(actor=editor, story=story)
    assert "[TK]" in refused.value.message
    assert not PublishedEdition.objects.exists()


def test_a_failing_scanner_does_not_lose_text_but_blocks_publication(
    reporter, translator, editor, monkeypatch
):
    """If the scanner raises, the save still happens and the gate refuses to publish."""
    story = _translated(reporter, translator)

    def broken(text, language=None, *, deny=()):
        raise RuntimeError("boom")

    monkeypatch.setattr("sourcedesk.stories.protection._scanner", lambda: broken)
    korean = story.editions.get(language="ko")
    services.edition_save(
        actor=reporter,
        edition=korean,
        headline="새 제목",
        standfirst="",
        body="본문",
        expected_version=korean.version,
    )
    assert story.editions.get(language="ko").headline == "새 제목"
    with pytest.raises(services.NotAllowed):
        services.story_publish(actor=editor, story=story)
