"""Build the public site's pages, for the live views and the static export alike.

Every page is a pure function of published rows and a :class:`Site` (which only knows how to make
an absolute address), rendered in the page's own language. The live views fetch rows per request;
the exporter fetches them all at once and calls the same functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sourcedesk.stories.models import Region, Tag

from .models import PublishedEdition

PAGE_SIZE = 30
FEED_SIZE = 50
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}


def site_name() -> str:
    return getattr(settings, "SOURCEDESK_SITE_NAME", "Sourcedesk")


def desk_byline() -> str:
    """Return the desk's byline in the active language, used when an edition names no one."""
    return _("%(site)s North Korea desk") % {"site": site_name()}


@dataclass(frozen=True)
class Site:
    """Where the site lives: ``base_url`` is prefixed to paths that must be absolute (may be '')."""

    base_url: str = ""

    def absolute(self, path: str) -> str:
        return f"{self.base_url}{path}"


def home_path(language: str, page: int = 1) -> str:
    if page > 1:
        return f"/{language}/page/{page}/"
    return f"/{language}/"


def article_path(language: str, public_id: str) -> str:
    return f"/{language}/articles/{public_id}/"


def listing_path(language: str, kind: str, slug: str, page: int = 1) -> str:
    base = f"/{language}/{kind}/{slug}/"
    return f"{base}page/{page}/" if page > 1 else base


def feed_path(language: str) -> str:
    return f"/{language}/feed.atom"


def _base_context(language: str, site: Site, alternates: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "lang": language,
        "other_lang": "en" if language == "ko" else "ko",
        "site_name": site_name(),
        "alternates": alternates,
        "home_ko": home_path("ko"),
        "home_en": home_path("en"),
        "feed_url": feed_path(language),
        "language_names": LANGUAGE_NAMES,
    }


def _dates(moment) -> tuple[str, str]:
    """Return (ISO timestamp, YYYY-MM-DD) in the site's time zone, computed once in Python."""
    local = timezone.localtime(moment)
    return local.isoformat(), local.strftime("%Y-%m-%d")


def _item(edition: PublishedEdition) -> dict[str, Any]:
    iso, day = _dates(edition.first_published_at)
    return {
        "headline": edition.headline,
        "standfirst": Truncator(edition.standfirst).chars(240),
        "url": article_path(edition.language, edition.public_id),
        "date_iso": iso,
        "date": day,
        "corrected": bool(edition.corrections),
    }


def _labels(edition: PublishedEdition) -> tuple[list[list[str]], list[str] | None]:
    """Return the edition's (tags, region) as published; rows from before labels fall back to joins."""
    labels = edition.labels or {}
    if "tags" in labels:
        return labels["tags"], labels.get("region")
    language = edition.language
    tags = [[t.slug, t.name(language)] for t in sorted(edition.tags.all(), key=lambda t: t.slug)]
    region = [edition.region.slug, edition.region.name(language)] if edition.region else None
    return tags, region


def render_article(edition: PublishedEdition, site: Site) -> str:
    """Return the HTML of one article page."""
    language = edition.language
    other = "en" if language == "ko" else "ko"
    own_url = article_path(language, edition.public_id)
    alternates = [{"lang": language, "url": site.absolute(own_url)}]
    if edition.has_other_edition:
        alternates.append({"lang": other, "url": site.absolute(article_path(other, edition.public_id))})
        alternates.append({"lang": "x-default", "url": site.absolute(article_path("ko", edition.public_id))})
    tags, region = _labels(edition)
    published_iso, published_day = _dates(edition.first_published_at)
    with translation.override(language):
        context = _base_context(language, site, alternates)
        context.update(
            {
                "edition": edition,
                "canonical": site.absolute(own_url),
                "other_url": article_path(other, edition.public_id) if edition.has_other_edition else "",
                "read_other": _("Read in Korean") if language == "en" else _("Read in English"),
                "tags": [{"name": name, "url": listing_path(language, "tags", slug)} for slug, name in tags],
                "region": (
                    {"name": region[1], "url": listing_path(language, "regions", region[0])}
                    if region
                    else None
                ),
                "og_image": site.absolute(edition.photos[0]["url"])
                if edition.photos and site.base_url
                else "",
                "published_iso": published_iso,
                "published_day": published_day,
                "modified_iso": _dates(edition.updated_at)[0],
                "description": Truncator(edition.standfirst).chars(200),
            }
        )
        return get_template("publish/article.html").render(context)


def render_listing(
    *,
    language: str,
    site: Site,
    title: str,
    editions: Sequence[PublishedEdition],
    page: int,
    total: int,
    path_for_page,
    alternate_paths: dict[str, str],
    kind: str = "home",
) -> str:
    """Return the HTML of one page of a list of articles (home, a tag or a region)."""
    pages = max(1, math.ceil(total / PAGE_SIZE))
    alternates = [{"lang": lang, "url": site.absolute(path)} for lang, path in alternate_paths.items()]
    with translation.override(language):
        context = _base_context(language, site, alternates)
        context.update(
            {
                "title": title,
                "kind": kind,
                "items": [_item(e) for e in editions],
                "page": page,
                "pages": pages,
                "previous_url": path_for_page(page - 1) if page > 1 else "",
                "next_url": path_for_page(page + 1) if page < pages else "",
                "canonical": site.absolute(path_for_page(page)),
            }
        )
        return get_template("publish/listing.html").render(context)


def render_feed(language: str, editions: Sequence[PublishedEdition], site: Site) -> str:
    """Return the Atom feed of the latest editions in ``language``."""
    with translation.override(language):
        context = {
            "lang": language,
            "title": _("%(site)s — latest stories") % {"site": site_name()},
            "site_name": site_name(),
            "home_url": site.absolute(home_path(language)),
            "self_url": site.absolute(feed_path(language)),
            "updated": max((e.updated_at for e in editions), default=None),
            "entries": [
                {
                    "id": f"urn:sourcedesk:{e.public_id}:{language}",
                    "title": e.headline,
                    "url": site.absolute(article_path(language, e.public_id)),
                    "published": e.first_published_at,
                    "updated": e.updated_at,
                    "summary": e.standfirst,
                    "content": e.body_html,
                    "author": e.byline,
                }
                for e in editions
            ],
        }
        return get_template("publish/feed.atom").render(context)


def render_sitemap(rows: Sequence[tuple[str, bool, Any]], site: Site) -> str:
    """Return sitemap.xml for ``(public_id, has_both_editions, updated_at)`` rows."""
    urls: list[dict[str, Any]] = []
    for language in ("ko", "en"):
        urls.append({"loc": site.absolute(home_path(language)), "lastmod": None, "alternates": []})
    for public_id, both, updated in rows:
        alternates = [
            {"lang": lang, "url": site.absolute(article_path(lang, public_id))} for lang in ("ko", "en")
        ]
        for language in ("ko", "en") if both else ("ko",):
            urls.append(
                {
                    "loc": site.absolute(article_path(language, public_id)),
                    "lastmod": updated,
                    "alternates": alternates if both else [],
                }
            )
    return get_template("publish/sitemap.xml").render({"urls": urls})


def render_root(site: Site) -> str:
    """Return the page at ``/`` for an export: links to both editions of the site."""
    with translation.override("ko"):
        context = _base_context("ko", site, [])
        return get_template("publish/root.html").render(context)


def tag_title(tag: Tag, language: str) -> str:
    with translation.override(language):
        return _("Tag: %(name)s") % {"name": tag.name(language)}


def region_title(region: Region, language: str) -> str:
    with translation.override(language):
        return _("Region: %(name)s") % {"name": region.name(language)}


def home_title(language: str) -> str:
    with translation.override(language):
        return _("Latest stories")
