"""Writes to the public zone: copying a story's gated editions out, or taking them down.

Only the publication steps in ``stories.services`` call these, after the gate has passed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sourcedesk.stories.markdown import render_markdown
from sourcedesk.stories.models import Credit, Story
from sourcedesk.stories.services import photo_dir

from .models import PublishedEdition
from .site import desk_byline


def _public_photo_dir(story: Story) -> Path:
    return Path(settings.MEDIA_ROOT) / "photos" / story.public_id


@transaction.atomic
def publication_write(*, story: Story) -> list[PublishedEdition]:
    """Write (or rewrite) the public copy of both editions of ``story``."""
    now = timezone.now()
    editions = {e.language: e for e in story.editions.all()}
    photos = list(story.photos.all())
    folder = _public_photo_dir(story)
    if photos:
        folder.mkdir(parents=True, exist_ok=True)
    for photo in photos:
        source = photo_dir() / photo.file_name
        if source.exists():
            shutil.copyfile(source, folder / photo.file_name)
    if folder.is_dir():
        # A photo removed from the story leaves the public zone at the next publication.
        keep = {photo.file_name for photo in photos}
        for stale in folder.iterdir():
            if stale.name not in keep:
                stale.unlink(missing_ok=True)
    written = []
    story_tags = sorted(story.tags.all(), key=lambda t: t.slug)
    for language, edition in editions.items():
        with translation.override(language):
            credits = [[str(Credit.Kind(c.kind).label), c.name] for c in edition.credits.all()]
            corrections = [
                {"date": c.created_at.date().isoformat(), "note": c.note(language)}
                for c in story.corrections.all()
            ]
            photo_rows = [
                {
                    "url": f"{settings.MEDIA_URL}photos/{story.public_id}/{p.file_name}",
                    "caption": p.caption(language),
                    "alt": p.alt(language),
                    "credit": p.credit,
                    "file_photo": p.is_file_photo,
                }
                for p in photos
            ]
            byline = edition.byline or desk_byline()
            label = _("File photo")
        for row in photo_rows:
            row["file_photo_label"] = label if row["file_photo"] else ""
        published, _created = PublishedEdition.objects.update_or_create(
            story=story,
            language=language,
            defaults={
                "public_id": story.public_id,
                "headline": edition.headline,
                "standfirst": edition.standfirst,
                "body_html": render_markdown(edition.body),
                "byline": byline,
                "credits": credits,
                "photos": photo_rows,
                "corrections": corrections,
                "region": story.region,
                "labels": {
                    "tags": [[t.slug, t.name(language)] for t in story_tags],
                    "region": [story.region.slug, story.region.name(language)] if story.region else None,
                },
                "has_other_edition": len(editions) > 1,
                "first_published_at": story.first_published_at or now,
                "updated_at": now,
            },
        )
        published.tags.set(story_tags)
        written.append(published)
    return written


@transaction.atomic
def publication_remove(*, story: Story) -> None:
    """Delete the public copies of ``story`` and its published photos."""
    PublishedEdition.objects.filter(story=story).delete()
    folder = _public_photo_dir(story)
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))
