"""Reads for the public site: published editions only, never anything from the desk."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from sourcedesk.stories.models import Region, Tag

from .models import PublishedEdition


def published_in(language: str) -> QuerySet[PublishedEdition]:
    """Return the published editions in ``language``, newest first."""
    return (
        PublishedEdition.objects.filter(language=language)
        .select_related("region")
        .order_by("-first_published_at", "-id")
    )


def published_get(*, language: str, public_id: str) -> PublishedEdition:
    """Return one published edition or raise 404 (drafts and takedowns look the same)."""
    # No ORDER BY: the (public_id, language) unique index answers this in one lookup.
    found = list(PublishedEdition.objects.filter(language=language, public_id=public_id).order_by()[:1])
    if not found:
        raise Http404("No such article.")
    return found[0]


def tag_get(*, slug: str) -> Tag:
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("No such tag.")
    return tag


def region_get(*, slug: str) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404("No such region.")
    return region
