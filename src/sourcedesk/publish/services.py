"""Writes to the public zone: copying a story's gated editions out, or taking them down.

Only the publication steps in ``stories.services`` call these, after the gate has passed (or,
for :func:`publication_photo_remove`, to take a removed photo off a live story).
"""

from __future__ import annotations

import functools
import operator
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sourcedesk.stories.markdown import render_markdown
from sourcedesk.stories.models import Credit, Edition, Story
from sourcedesk.stories.services import photo_dir

from .models import PublishedEdition
from .site import desk_byline


def _public_photo_dir(story: Story) -> Path:
    return Path(settings.MEDIA_ROOT) / "photos" / story.public_id


def _login_names(names: set[str]) -> set[str]:
    """Return, case-folded, those of ``names`` that are some staff account's login name."""
    if not names:
        return set()
    match = functools.reduce(operator.or_, (Q(username__iexact=name) for name in names))
    return {
        login.casefold()
        for login in get_user_model().objects.filter(match).values_list("username", flat=True)
    }


def _public_credits(edition: Edition) -> list[tuple[str, str]]:
    """Return ``(kind, name)`` of the credits to publish; never one naming a login name.

    Credits are written under display names only, but rows from before that rule may hold a
    login name: those are left out rather than published.
    """
    credits = [(c.kind, c.name.strip()) for c in edition.credits.all() if c.name.strip()]
    logins = _login_names({name for _kind, name in credits})
    return [(kind, name) for kind, name in credits if name.casefold() not in logins]


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
            credits = [[str(Credit.Kind(kind).label), name] for kind, name in _public_credits(edition)]
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


@transaction.atomic
def publication_photo_remove(*, story: Story, file_name: str) -> None:
    """Take one photo off the public copies of a live ``story``, and delete its public file.

    Only the photo lists change: the rest of each published edition stays as it passed the gate,
    and a photo added since the last publication stays in the desk.
    """
    now = timezone.now()
    for published in PublishedEdition.objects.select_for_update().filter(story=story):
        kept = [row for row in published.photos if not str(row.get("url", "")).endswith(f"/{file_name}")]
        if kept != published.photos:
            published.photos = kept
            published.updated_at = now
            published.save(update_fields=["photos", "updated_at"])
    path = _public_photo_dir(story) / file_name
    transaction.on_commit(lambda: path.unlink(missing_ok=True))
