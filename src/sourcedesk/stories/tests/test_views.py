"""Story desk pages through the test client: who sees what, refusals with reasons, conflicts."""

from __future__ import annotations

import pytest
from django.test import Client

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.publish.models import PublishedEdition
from sourcedesk.stories import services
from sourcedesk.stories.models import State, Story

pytestmark = pytest.mark.django_db

EN = {"HTTP_COOKIE": "sd_lang=en"}


@pytest.fixture
def reporter():
    return UserFactory(role="reporter")


@pytest.fixture
def translator():
    return UserFactory(role="translator")


@pytest.fixture
def editor():
    return UserFactory(role="editor")


def _client(user) -> Client:
    client = Client()
    client.cookies["sd_lang"] = "en"
    return login(client, user)


def _in_edit(reporter, translator, en_body="Two were arrested.\n\nThe broker asked for money."):
    story = services.story_create(
        actor=reporter, headline="탈북민 체포", body="두 명이 체포됐다.\n\n브로커가 돈을 요구했다."
    )
    services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator,
        edition=english,
        headline="Two arrested",
        standfirst="",
        body=en_body,
        expected_version=1,
    )
    services.story_send_to_edit(actor=translator, story=story)
    return story


def test_reporter_creates_a_story_through_the_form(reporter):
    """A reporter fills the new-story form and lands on the story, in draft."""
    client = _client(reporter)
    response = client.post("/desk/stories/new/", {"headline": "새 기사", "body": "본문 문단.", "people": ""})
    assert response.status_code == 302
    story = Story.objects.get()
    assert response["Location"] == f"/desk/stories/{story.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "새 기사" in page and "Draft" in page


def test_reporter_sees_only_their_own_stories(reporter):
    """Another reporter's story is missing from the list and its page is a 404."""
    mine = services.story_create(actor=reporter, headline="내 기사")
    other = services.story_create(actor=UserFactory(role="reporter", with_keys=False), headline="남의 기사")
    client = _client(reporter)
    listing = client.get("/desk/stories/").content.decode()
    assert "내 기사" in listing and "남의 기사" not in listing
    assert client.get(f"/desk/stories/{mine.pk}/").status_code == 200
    assert client.get(f"/desk/stories/{other.pk}/").status_code == 404
    assert client.get("/desk/stories/999999/").status_code == 404


def test_translator_does_not_see_drafts(reporter, translator):
    """Drafts stay with the reporter until they are sent to translation."""
    draft = services.story_create(actor=reporter, headline="초안", body="본문")
    client = _client(translator)
    assert client.get(f"/desk/stories/{draft.pk}/").status_code == 404
    services.story_send_to_translation(actor=reporter, story=draft)
    assert client.get(f"/desk/stories/{draft.pk}/").status_code == 200


def test_admin_sees_no_story_content(reporter):
    """Admins run the system, not the content: the story pages are closed to them."""
    story = services.story_create(actor=reporter, headline="기사")
    client = _client(UserFactory(role="admin"))
    assert client.get("/desk/stories/").status_code == 404
    assert client.get(f"/desk/stories/{story.pk}/").status_code == 404


def test_wrong_role_transition_is_refused_with_the_reason(reporter, translator):
    """A translator posting "publish" is refused with a 403 that says only an editor can publish."""
    story = _in_edit(reporter, translator)
    client = _client(translator)
    response = client.post(f"/desk/stories/{story.pk}/do/publish/")
    assert response.status_code == 403
    assert "Only an editor can publish a story; your role is Translator." in response.content.decode()
    story.refresh_from_db()
    assert story.state == State.IN_EDIT


def test_publish_refused_shows_the_finding(reporter, translator, editor):
    """The editor's refused publish shows the phone number and why it blocks."""
    story = _in_edit(reporter, translator, en_body="Two were arrested.\n\nCall 010-1234-5678 for details.")
    client = _client(editor)
    response = client.post(f"/desk/stories/{story.pk}/do/publish/")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Publication refused" in page
    assert "010-1234-5678" in page
    assert "A phone number identifies its owner." in page
    assert '<mark class="finding finding-high"' in page
    assert not PublishedEdition.objects.exists()


def test_editor_overrides_through_the_page_and_publishes(reporter, translator, editor):
    """The override form records the reason; publishing then succeeds and the audit log has both."""
    story = _in_edit(reporter, translator, en_body="The hotline is 02-2100-5678.")
    client = _client(editor)
    response = client.post(
        f"/desk/stories/{story.pk}/override/",
        {"language": "en", "kind": "phone", "text": "02-2100-5678", "reason": "Government hotline, public."},
    )
    assert response.status_code == 302
    assert client.post(f"/desk/stories/{story.pk}/do/publish/").status_code == 302
    story.refresh_from_db()
    assert story.state == State.PUBLISHED
    assert AuditEntry.objects.filter(
        action="story.finding_override", data__reason="Government hotline, public."
    ).exists()
    page = client.get(f"/desk/stories/{story.pk}/").content.decode()
    assert "Government hotline, public." in page


def test_two_editors_saving_one_edition(reporter, editor):
    """The second saver gets a 409 with their own text kept in the form and the saved text shown."""
    story = services.story_create(actor=reporter, headline="원래 제목", body="원래 본문")
    first, second = _client(editor), _client(UserFactory(role="editor"))
    url = f"/desk/stories/{story.pk}/edit/ko/"
    assert first.post(url, {"headline": "첫째 편집자", "body": "첫째 본문", "version": 1}).status_code == 302
    response = second.post(url, {"headline": "둘째 편집자", "body": "둘째 본문", "version": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert "둘째 본문" in page  # their text, kept
    assert "첫째 본문" in page  # the saved text, shown
    assert 'name="version" value="2"' in page
    assert story.editions.get(language="ko").body == "첫째 본문"


def test_translation_view_aligns_paragraphs_and_marks_stale_ones(reporter, translator):
    """Korean and English paragraphs sit side by side; a changed Korean paragraph marks its row stale."""
    story = services.story_create(actor=reporter, headline="제목", body="첫 문단.\n\n둘째 문단.")
    services.story_send_to_translation(actor=reporter, story=story)
    client = _client(translator)
    url = f"/desk/stories/{story.pk}/translate/"
    page = client.get(url).content.decode()
    assert "첫 문단." in page and 'name="p1"' in page
    response = client.post(
        url,
        {
            "version": 1,
            "paragraphs": 2,
            "headline": "Title",
            "p0": "First paragraph.",
            "p1": "Second paragraph.",
        },
    )
    assert response.status_code == 302
    assert story.editions.get(language="en").body == "First paragraph.\n\nSecond paragraph."
    korean = story.editions.get(language="ko")
    services.edition_save(
        actor=reporter,
        edition=korean,
        headline="제목",
        standfirst="",
        body="첫 문단.\n\n둘째 문단을 고쳤다.",
        expected_version=korean.version,
    )
    page = client.get(url).content.decode()
    assert 'class="stale" id="para-1"' in page
    assert "둘째 <del>문단.</del> <ins>문단을 고쳤다.</ins>" in page
    assert 'id="para-0"' in page and 'class="stale" id="para-0"' not in page
    client.post(
        url,
        {
            "version": 2,
            "paragraphs": 2,
            "headline": "Title",
            "p0": "First paragraph.",
            "p1": "Second paragraph.",
            "confirm1": "1",
        },
    )
    assert 'class="stale"' not in client.get(url).content.decode()


def test_desk_pages_render_in_korean(reporter):
    """The story desk speaks Korean to a Korean-language session."""
    story = services.story_create(actor=reporter, headline="기사")
    client = login(Client(), reporter)
    page = client.get(f"/desk/stories/{story.pk}/").content.decode()
    assert "발행 관문" in page and "한국어판" in page and "번역으로 보내기" in page


def test_desk_pages_carry_no_inline_script_or_style(reporter):
    """Story pages obey the desk CSP: no inline script, no style attributes."""
    story = services.story_create(actor=reporter, headline="기사", body="본문 <script>alert(1)</script>")
    client = _client(reporter)
    for url in (
        f"/desk/stories/{story.pk}/",
        f"/desk/stories/{story.pk}/edit/ko/",
        f"/desk/stories/{story.pk}/preview/ko/",
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert 'style="' not in page, url


def test_annotate_amounts_converts_in_the_form_without_saving(reporter):
    """The "annotate amounts" action adds USD values to the text in the form; nothing is saved yet."""
    story = services.story_create(actor=reporter, headline="브로커 비용", body="본문")
    client = _client(reporter)
    response = client.post(
        f"/desk/stories/{story.pk}/edit/ko/",
        {
            "headline": "브로커 비용",
            "body": "브로커는 1인당 250만 원을 요구했다.",
            "version": 1,
            "annotate": "1",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "250만 원(약 " in page and "달러)" in page
    assert story.editions.get(language="ko").body == "본문"


def test_an_untranslated_paragraph_keeps_its_place(reporter, translator):
    """Leaving paragraph 1 empty while writing paragraph 2 keeps paragraph 2 aligned, with a [TK] marker."""
    story = services.story_create(actor=reporter, headline="제목", body="첫 문단.\n\n둘째 문단.")
    services.story_send_to_translation(actor=reporter, story=story)
    client = _client(translator)
    client.post(
        f"/desk/stories/{story.pk}/translate/",
        {"version": 1, "paragraphs": 2, "headline": "Title", "p0": "", "p1": "Second paragraph."},
    )
    assert story.editions.get(language="en").body == "[TK]\n\nSecond paragraph."


def test_translator_cannot_open_the_people_list(reporter, translator):
    """The details page (with the names the story must not print) is closed to translators."""
    story = services.story_create(actor=reporter, headline="기사", body="본문", people="박비밀")
    services.story_send_to_translation(actor=reporter, story=story)
    client = _client(translator)
    assert client.get(f"/desk/stories/{story.pk}/").status_code == 200
    response = client.get(f"/desk/stories/{story.pk}/details/")
    assert response.status_code == 404
    assert "박비밀" not in client.get(f"/desk/stories/{story.pk}/").content.decode()


def test_editor_adds_a_tag_and_a_reporter_cannot(reporter, editor):
    """Editors add bilingual tags; a reporter's attempt is refused with the reason."""
    client = _client(editor)
    response = client.post(
        "/desk/stories/tags/", {"name_ko": "강제송환", "name_en": "Forced repatriation", "slug": ""}
    )
    assert response.status_code == 302
    from sourcedesk.stories.models import Tag

    assert Tag.objects.filter(slug="forced-repatriation", name_ko="강제송환").exists()
    refused = _client(reporter).post("/desk/stories/tags/", {"name_ko": "x", "name_en": "Other"})
    assert refused.status_code == 400
    assert "Only an editor can add tags" in refused.content.decode()
    assert not Tag.objects.filter(slug="other").exists()


def test_story_list_shows_translation_status(reporter, translator, editor):
    """The list tells editors which English editions are missing or stale."""
    story = _in_edit(reporter, translator)
    page = _client(editor).get("/desk/stories/").content.decode()
    assert "Up to date" in page
    korean = story.editions.get(language="ko")
    services.edition_save(
        actor=editor,
        edition=korean,
        headline=korean.headline,
        standfirst="",
        body="두 명이 체포됐다.\n\n브로커가 300만 원을 요구했다.\n\n새 문단.",
        expected_version=korean.version,
    )
    assert "1 stale, 1 to translate" in _client(editor).get("/desk/stories/").content.decode()


def test_translation_view_conflict_keeps_the_second_translators_text(reporter, translator, editor):
    """If an editor saved the English meanwhile, the translator's paragraphs come back unsaved, beside the saved ones."""
    story = services.story_create(actor=reporter, headline="제목", body="첫 문단.")
    services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=editor,
        edition=english,
        headline="Editor title",
        standfirst="",
        body="Editor text.",
        expected_version=1,
    )
    response = _client(translator).post(
        f"/desk/stories/{story.pk}/translate/",
        {"version": 1, "paragraphs": 1, "headline": "My title", "p0": "My careful translation."},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "My careful translation." in page and "Editor text." in page
    assert 'name="version" value="2"' in page
    assert story.editions.get(language="en").body == "Editor text."
