"""A photo uploaded while a publication is between its gate check and its public write (PostgreSQL)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.publish.models import PublishedEdition
from sourcedesk.stories import services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_photo_added_during_a_publication_waits_and_is_not_published_unscanned(
    fake_scrubber, settings, tmp_path, monkeypatch
):
    """photo_add waits for the story's row lock: a photo (with a phone number in its caption) sent
    while a publication is running is not copied to the public zone by that publication."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises writers anyway)")
    settings.DATA_DIR = tmp_path
    reporter = UserFactory(role="reporter", with_keys=False)
    translator = UserFactory(role="translator", display_name="Night Translator", with_keys=False)
    editor = UserFactory(role="editor", display_name="Duty Editor", with_keys=False)
    story = services.story_create(actor=reporter, headline="사진 기사", body="본문")
    services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator, edition=english, headline="H", standfirst="", body="Body", expected_version=1
    )
    services.story_send_to_edit(actor=translator, story=story)

    gate_passed = threading.Event()
    original_gate = services.gate_check

    def slow_gate(*, story, pending=None):
        found = original_gate(story=story, pending=pending)
        gate_passed.set()
        time.sleep(1.5)  # the window a concurrent upload would slip through
        return found

    monkeypatch.setattr(services, "gate_check", slow_gate)
    errors: list[BaseException] = []

    def upload() -> None:
        try:
            gate_passed.wait(10)
            services.photo_add(
                actor=reporter,
                story=story,
                photo=services.PhotoInput(
                    data=b"\xff\xd8X\xff\xd9", filename="late.jpg", caption_en="Call 010-1234-5678"
                ),
            )
        except BaseException as exc:  # reported in the main thread
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=upload)
    thread.start()
    services.story_publish(actor=editor, story=story)
    thread.join(30)
    assert not thread.is_alive() and not errors
    assert story.photos.count() == 1
    for public in PublishedEdition.objects.filter(story=story):
        assert public.photos == []
    assert not (settings.MEDIA_ROOT / "photos" / story.public_id).exists() or not any(
        (settings.MEDIA_ROOT / "photos" / story.public_id).iterdir()
    )
