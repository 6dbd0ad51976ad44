"""Answer repeat requests for public article pages before the rest of the middleware runs.

Public pages carry no session, no CSRF token and no user, so a page this worker has already
rendered (and that is still current, see ``cache.py``) can be returned before the session, CSRF,
authentication and staff middleware do work that cannot change the answer. Place it after the
middleware that forgets the client and sets security headers, so those still apply.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .cache import peek

ARTICLE_PREFIXES = ("/ko/articles/", "/en/articles/")


def article_cache_key(request: HttpRequest) -> tuple[str, str]:
    """Return the cache key of an article page: the site's address and the path."""
    return (request.build_absolute_uri("/").rstrip("/"), request.path)


def page_response(body: str, language: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "public, max-age=60"
    response["Content-Language"] = language
    return response


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if request.method in ("GET", "HEAD") and path.startswith(ARTICLE_PREFIXES) and not request.GET:
            page = peek(article_cache_key(request))
            if page is not None:
                response = page_response(page, path[1:3])
                response["X-Frame-Options"] = "DENY"
                return response
        return self.get_response(request)
