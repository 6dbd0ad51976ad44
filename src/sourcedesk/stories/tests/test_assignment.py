"""An editor assigns a story to a reporter, when starting it or later; the reporter then writes it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.stories import services
from sourcedesk.stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def reporter():
    return UserFactory(role="reporter", display_name="한기자")


@pytest.fixture
def editor():
    return UserFactory(role="editor", display_name="Duty Editor")


def _client(user) -> Client:
    client = Client()
    client.cookies["sd_lang"] = "en"
    return login(client, user)


def _options(page: str, name: str) -> dict[str, str]:
    """Return the value → label pairs of the ``<select name=...>`` in ``page``."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no select named {name}"
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)))


# --- Services ---------------------------------------------------------------------------------


def test_editor_starts_a_story_for_a_reporter(editor, reporter):
    """The story is the reporter's; the assignment is in the story's history and the audit log."""
    story = services.story_create(actor=editor, headline="기사", reporter=reporter)
    assert story.reporter == reporter
    event = story.events.get(action="assigned")
    assert (event.actor, event.note) == (editor, "한기자")
    entry = AuditEntry.objects.get(action="story.assign", target_id=str(story.pk))
    assert entry.data["reporter"] == reporter.pk
    assert (
        AuditEntry.objects.get(action="story.create", target_id=str(story.pk)).data["reporter"] == reporter.pk
    )
    assert services.can_edit_edition(reporter, story, "ko")


def test_a_story_an_editor_starts_for_no_one_is_their_own(editor):
    """Without a reporter the editor is the story's reporter, and no assignment is recorded."""
    story = services.story_create(actor=editor, headline="기사")
    assert story.reporter == editor
    assert not story.events.filter(action="assigned").exists()


def test_a_reporter_cannot_start_a_story_for_someone_else(reporter):
    """Only editors assign: a reporter naming another reporter is refused, and nothing is created."""
    other = UserFactory(role="reporter", with_keys=False)
    with pytest.raises(services.NotAllowed) as refused:
        services.story_create(actor=reporter, headline="기사", reporter=other)
    assert "Only an editor can assign a story" in refused.value.message
    assert "Reporter" in refused.value.message
    assert not Story.objects.exists()


def test_a_reporter_naming_themselves_is_simply_the_reporter(reporter):
    """A reporter passing themselves is no assignment at all."""
    story = services.story_create(actor=reporter, headline="기사", reporter=reporter)
    assert story.reporter == reporter
    assert not story.events.filter(action="assigned").exists()


@pytest.mark.parametrize(
    "assignee",
    [
        pytest.param({"role": "translator"}, id="translator"),
        pytest.param({"role": "editor"}, id="another-editor"),
        pytest.param({"role": "reporter", "is_active": False}, id="inactive-reporter"),
    ],
)
def test_a_story_is_assigned_only_to_an_active_reporter(editor, assignee):
    """Translators, other editors and deactivated reporters cannot be given a story."""
    other = UserFactory(with_keys=False, **assignee)
    with pytest.raises(services.InvalidInput) as refused:
        services.story_create(actor=editor, headline="기사", reporter=other)
    assert "active reporter" in refused.value.message
    assert not Story.objects.exists()


def test_editor_reassigns_a_story(editor, reporter):
    """The new reporter may write it and sees it; the one before no longer does; it is recorded."""
    story = services.story_create(actor=reporter, headline="기사")
    successor = UserFactory(role="reporter", display_name="Second Reporter", with_keys=False)
    services.story_assign(actor=editor, story=story, reporter=successor)
    story.refresh_from_db()
    assert story.reporter == successor
    assert services.can_edit_edition(successor, story, "ko")
    assert not services.can_edit_edition(reporter, story, "ko")
    assert story.events.get(action="assigned").note == "Second Reporter"
    entry = AuditEntry.objects.get(action="story.assign", target_id=str(story.pk))
    assert (entry.data["reporter"], entry.data["previous"]) == (successor.pk, reporter.pk)


def test_assigning_a_story_to_its_reporter_changes_nothing(editor, reporter):
    """No history line or audit entry for an assignment that is already so."""
    story = services.story_create(actor=reporter, headline="기사")
    services.story_assign(actor=editor, story=story, reporter=reporter)
    assert not story.events.filter(action="assigned").exists()
    assert not AuditEntry.objects.filter(action="story.assign").exists()


def test_a_reporter_cannot_hand_their_story_on(reporter):
    """Reassigning is an editor's decision, even for the story's own reporter."""
    story = services.story_create(actor=reporter, headline="기사")
    other = UserFactory(role="reporter", with_keys=False)
    with pytest.raises(services.NotAllowed):
        services.story_assign(actor=reporter, story=story, reporter=other)
    story.refresh_from_db()
    assert story.reporter == reporter


# --- Pages ------------------------------------------------------------------------------------


def test_editors_new_story_form_offers_active_reporters_by_display_name(editor, reporter):
    """The select lists active reporters under their display names, and no one else."""
    UserFactory(role="translator", display_name="A Translator", with_keys=False)
    UserFactory(role="reporter", display_name="Gone Reporter", is_active=False, with_keys=False)
    page = _client(editor).get("/desk/stories/new/").content.decode()
    assert '<form method="post" class="story-form">' in page
    options = _options(page, "reporter")
    assert options == {"": "Myself", str(reporter.pk): "한기자"}


def test_editor_assigns_a_story_through_the_new_story_form(editor, reporter):
    """Posting the form with a reporter creates the story as theirs; its page names the reporter."""
    client = _client(editor)
    response = client.post("/desk/stories/new/", {"headline": "새 기사", "reporter": reporter.pk})
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.reporter == reporter
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'<span id="story-reporter">Reporter: 한기자</span>', page)
    assert "Assigned to a reporter" in page  # the history line
    # The reporter now finds it in their list and may write the Korean edition.
    mine = _client(reporter)
    assert "새 기사" in mine.get("/desk/stories/").content.decode()
    assert mine.get(f"/desk/stories/{story.pk}/edit/ko/").status_code == 200


def test_a_reporters_new_story_form_has_no_reporter_choice(reporter):
    """A reporter's own story is theirs: no select, and a forged field is ignored."""
    client = _client(reporter)
    assert 'name="reporter"' not in client.get("/desk/stories/new/").content.decode()
    other = UserFactory(role="reporter", with_keys=False)
    response = client.post("/desk/stories/new/", {"headline": "새 기사", "reporter": other.pk})
    assert response.status_code == 302
    assert Story.objects.get().reporter == reporter


def test_editor_reassigns_through_the_details_form(editor, reporter):
    """The details form starts on the current reporter; choosing another reassigns the story."""
    story = services.story_create(actor=reporter, headline="기사")
    successor = UserFactory(role="reporter", display_name="Second Reporter", with_keys=False)
    client = _client(editor)
    page = client.get(f"/desk/stories/{story.pk}/details/").content.decode()
    assert f'<option value="{reporter.pk}" selected>한기자</option>' in page
    response = client.post(f"/desk/stories/{story.pk}/details/", {"reporter": successor.pk, "people": ""})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.reporter == successor
    assert _client(reporter).get(f"/desk/stories/{story.pk}/").status_code == 404


def test_saving_details_keeps_a_reporter_who_is_not_on_the_list(editor):
    """A story an editor started for themselves keeps them as its reporter when details are saved."""
    story = services.story_create(actor=editor, headline="기사")
    client = _client(editor)
    page = client.get(f"/desk/stories/{story.pk}/details/").content.decode()
    assert _options(page, "reporter")[str(editor.pk)] == "Duty Editor"
    response = client.post(f"/desk/stories/{story.pk}/details/", {"reporter": editor.pk, "people": "박비밀"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.reporter, story.people) == (editor, "박비밀")
    assert not story.events.filter(action="assigned").exists()


def test_a_reporters_details_form_has_no_reporter_choice(reporter):
    """The story's reporter changes its details but cannot reassign it."""
    story = services.story_create(actor=reporter, headline="기사")
    page = _client(reporter).get(f"/desk/stories/{story.pk}/details/").content.decode()
    assert 'name="reporter"' not in page


def test_the_reporter_select_is_labelled_in_korean(editor, reporter):
    """On the Korean desk the field and the editor's own choice read in Korean."""
    client = login(Client(), editor)
    client.cookies["sd_lang"] = "ko"
    page = client.get("/desk/stories/new/").content.decode()
    assert _options(page, "reporter")[""] == "본인"
    assert '<label for="id_reporter">기자' in page
