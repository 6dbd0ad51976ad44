"""Photos on a live story: removal takes effect on the public site at once; adding and removing lock
the story like the workflow steps do."""

from __future__ import annotations

import os

import pytest

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.publish import tasks
from sourcedesk.publish.cache import generation_file
from sourcedesk.publish.export import export_site
from sourcedesk.publish.models import PublishedEdition
from sourcedesk.stories import services
from sourcedesk.stories.models import State

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8X\xff\xd9"


@pytest.fixture
def people():
    return {
        "reporter": UserFactory(role="reporter", with_keys=False),
        "translator": UserFactory(role="translator", display_name="Night Translator", with_keys=False),
        "editor": UserFactory(role="editor", display_name="Duty Editor", with_keys=False),
    }


def _photo(actor, story, name: str, caption: str = ""):
    return services.photo_add(
        actor=actor,
        story=story,
        photo=services.PhotoInput(data=JPEG, filename=name, caption_en=caption, alt_en=f"alt {name}"),
    )


def _live_with_photos(people, count: int = 2):
    reporter, translator, editor = people["reporter"], people["translator"], people["editor"]
    story = services.story_create(actor=reporter, headline="사진 기사", body="본문")
    photos = [_photo(reporter, story, f"p{i}.jpg", caption=f"Caption {i}") for i in range(count)]
    services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator,
        edition=english,
        headline="Photo story",
        standfirst="",
        body="Body",
        expected_version=english.version,
    )
    services.story_send_to_edit(actor=translator, story=story)
    services.story_publish(actor=editor, story=story)
    story.refresh_from_db()
    return story, photos


def _public_file(settings, story, photo):
    return settings.MEDIA_ROOT / "photos" / story.public_id / photo.file_name


def test_removing_a_photo_from_a_live_story_takes_it_off_the_public_site_now(
    people, fake_scrubber, settings, tmp_path, client, django_capture_on_commit_callbacks
):
    """Removing a photo from a published story deletes its public file and rewrites both published
    editions without it, leaving the other photo and the text as they were published."""
    settings.DATA_DIR = tmp_path
    story, (gone, kept) = _live_with_photos(people)
    before = {p.language: p for p in PublishedEdition.objects.filter(story=story)}
    assert _public_file(settings, story, gone).is_file()
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_remove(actor=people["editor"], story=story, photo_id=gone.pk)
    assert not _public_file(settings, story, gone).exists()
    assert _public_file(settings, story, kept).is_file()
    assert not (services.photo_dir() / gone.file_name).exists()
    for language in ("ko", "en"):
        public = PublishedEdition.objects.get(story=story, language=language)
        assert [row["url"].rsplit("/", 1)[-1] for row in public.photos] == [kept.file_name]
        assert public.headline == before[language].headline
        assert public.body_html == before[language].body_html
    html = client.get(f"/en/articles/{story.public_id}/").content.decode()
    assert gone.file_name not in html and kept.file_name in html
    story.refresh_from_db()
    assert story.state == State.PUBLISHED


def test_removing_a_photo_from_a_live_story_refreshes_cache_and_mirror(
    people, fake_scrubber, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The removal drops cached pages and brings a configured mirror export up to date, as a
    publication does: the photo file and its <img> leave the mirror."""
    settings.DATA_DIR = tmp_path
    mirror = tmp_path / "mirror"
    settings.SOURCEDESK_EXPORT_DIR = str(mirror)
    with django_capture_on_commit_callbacks(execute=True):
        story, (gone, _kept) = _live_with_photos(people)
    mirrored = list(mirror.joinpath("media", "photos").rglob(gone.file_name))
    assert len(mirrored) == 1
    generation = generation_file()
    generation.touch()
    os.utime(generation, ns=(0, 0))
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_remove(actor=people["editor"], story=story, photo_id=gone.pk)
    assert generation.stat().st_mtime_ns > 0
    assert not mirrored[0].exists()
    page = (mirror / "en" / "articles" / story.public_id / "index.html").read_text("utf-8")
    assert gone.file_name not in page


def test_removing_a_photo_does_not_publish_a_photo_added_since(
    people, fake_scrubber, settings, tmp_path, django_capture_on_commit_callbacks
):
    """A photo added after publication is not yet gated: removing another photo must not publish it."""
    settings.DATA_DIR = tmp_path
    story, (gone, _kept) = _live_with_photos(people)
    new = _photo(people["editor"], story, "new.jpg", caption="Call 010-1234-5678")
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_remove(actor=people["editor"], story=story, photo_id=gone.pk)
    for public in PublishedEdition.objects.filter(story=story):
        assert new.file_name not in str(public.photos)
        assert "010-1234" not in str(public.photos)
    assert not _public_file(settings, story, new).exists()
    export_site(tmp_path / "m")
    assert not list((tmp_path / "m").rglob(new.file_name))


def test_removing_a_photo_from_a_story_in_progress_publishes_nothing(
    people, fake_scrubber, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    """Before publication, removing a photo touches no public copy and refreshes nothing."""
    settings.DATA_DIR = tmp_path
    story = services.story_create(actor=people["reporter"], headline="초안", body="본문")
    photo = _photo(people["reporter"], story, "a.jpg")
    refreshed = []
    monkeypatch.setattr(tasks, "public_site_changed", lambda: refreshed.append(1))
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_remove(actor=people["reporter"], story=story, photo_id=photo.pk)
    assert refreshed == []
    assert not PublishedEdition.objects.exists()


@pytest.mark.parametrize("step", ["add", "remove"])
def test_adding_and_removing_photos_lock_the_story_first(
    people, fake_scrubber, settings, tmp_path, monkeypatch, step
):
    """photo_add and photo_remove take the story's row lock (the workflow steps' ``_locked``) before
    they check anything or write, so on PostgreSQL they wait for a publication in progress."""
    settings.DATA_DIR = tmp_path
    story = services.story_create(actor=people["reporter"], headline="초안", body="본문")
    photo = _photo(people["reporter"], story, "a.jpg")
    calls = []
    original = services._locked

    def spy(locked_story):
        calls.append((locked_story.pk, story.photos.count()))
        return original(locked_story)

    monkeypatch.setattr(services, "_locked", spy)
    if step == "add":
        _photo(people["reporter"], story, "b.jpg")
        assert calls == [(story.pk, 1)]
    else:
        services.photo_remove(actor=people["reporter"], story=story, photo_id=photo.pk)
        assert calls == [(story.pk, 1)]
