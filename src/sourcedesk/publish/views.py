"""The public bilingual site: home pages, articles, tags, regions, feeds, sitemap, media."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_safe

from . import site as pages
from .cache import cached_page
from .middleware import article_cache_key, page_response
from .models import PublishedEdition
from .selectors import published_get, published_in, region_get, tag_get

SUPPORTED = ("ko", "en")


def _site(request: HttpRequest) -> pages.Site:
    return pages.Site(base_url=request.build_absolute_uri("/").rstrip("/"))


def _html(body: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "public, max-age=60"
    return response


def _check_language(lang: str) -> None:
    if lang not in SUPPORTED:
        raise Http404("No such language.")


@require_safe
def root(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(pages.home_path("ko"))


@require_safe
def home(request: HttpRequest, lang: str, page: int = 1) -> HttpResponse:
    _check_language(lang)
    queryset = published_in(lang)
    total = queryset.count()
    editions = list(queryset[(page - 1) * pages.PAGE_SIZE : page * pages.PAGE_SIZE])
    if page > 1 and not editions:
        raise Http404("No such page.")
    return _html(
        pages.render_listing(
            language=lang,
            site=_site(request),
            title=pages.home_title(lang),
            editions=editions,
            page=page,
            total=total,
            path_for_page=lambda n: pages.home_path(lang, n),
            alternate_paths={code: pages.home_path(code, page) for code in SUPPORTED},
        )
    )


@require_safe
def article(request: HttpRequest, lang: str, public_id: str) -> HttpResponse:
    _check_language(lang)
    site = _site(request)

    def render() -> str:
        return pages.render_article(published_get(language=lang, public_id=public_id), site)

    return page_response(cached_page(article_cache_key(request), render), lang)


def _listing(request: HttpRequest, lang: str, kind: str, slug: str, page: int) -> HttpResponse:
    _check_language(lang)
    if kind == "tags":
        tag_obj = tag_get(slug=slug)
        queryset = published_in(lang).filter(tags=tag_obj)
        title = pages.tag_title(tag_obj, lang)
    else:
        region_obj = region_get(slug=slug)
        queryset = published_in(lang).filter(region=region_obj)
        title = pages.region_title(region_obj, lang)
    total = queryset.count()
    editions = list(queryset[(page - 1) * pages.PAGE_SIZE : page * pages.PAGE_SIZE])
    if page > 1 and not editions:
        raise Http404("No such page.")
    return _html(
        pages.render_listing(
            language=lang,
            site=_site(request),
            title=title,
            editions=editions,
            page=page,
            total=total,
            path_for_page=lambda n: pages.listing_path(lang, kind, slug, n),
            alternate_paths={code: pages.listing_path(code, kind, slug, page) for code in SUPPORTED},
            kind=kind,
        )
    )


@require_safe
def tag(request: HttpRequest, lang: str, slug: str, page: int = 1) -> HttpResponse:
    return _listing(request, lang, "tags", slug, page)


@require_safe
def region(request: HttpRequest, lang: str, slug: str, page: int = 1) -> HttpResponse:
    return _listing(request, lang, "regions", slug, page)


@require_safe
def feed(request: HttpRequest, lang: str) -> HttpResponse:
    _check_language(lang)
    editions = list(published_in(lang)[: pages.FEED_SIZE])
    body = pages.render_feed(lang, editions, _site(request))
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    rows = _sitemap_rows()
    return HttpResponse(
        pages.render_sitemap(rows, _site(request)), content_type="application/xml; charset=utf-8"
    )


def _sitemap_rows():
    return list(
        PublishedEdition.objects.filter(language="ko")
        .order_by("-first_published_at")
        .values_list("public_id", "has_other_edition", "updated_at")
    )


@require_safe
def media(request: HttpRequest, path: str) -> FileResponse:
    """Serve a file of the public media zone (published, scrubbed photos only)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise Http404("No such file.")
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return FileResponse(target.open("rb"), content_type=content_type)
