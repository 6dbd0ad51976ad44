"""Request middleware shared by the whole site: forgetting the client, headers, language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.utils import translation

# Headers that identify a client's address or software. They are removed before any code runs,
# so nothing downstream (views, logs, error reports) can store them.
_CLIENT_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_USER_AGENT",
    "HTTP_VIA",
)

STAFF_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
# The portal and the public site need no script at all.
NO_SCRIPT_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
PUBLIC_PREFIXES = ("/portal/", "/ko/", "/en/")
PRIVATE_PREFIXES = ("/desk/", "/portal/", "/accounts/")

Handler = Callable[[HttpRequest], HttpResponse]


class ForgetClientMiddleware:
    """Blank the client's address and user agent before anything else sees the request."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META["REMOTE_ADDR"] = ""
        for header in _CLIENT_HEADERS:
            request.META.pop(header, None)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Add the content security policy and the headers that keep pages private."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        path = request.path
        if "Content-Security-Policy" not in response:
            no_script = path.startswith(PUBLIC_PREFIXES) or path == "/"
            response["Content-Security-Policy"] = NO_SCRIPT_CSP if no_script else STAFF_CSP
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if path.startswith(PRIVATE_PREFIXES):
            response["Cache-Control"] = "no-store"
        return response


class PortalOnlyMiddleware:
    """With ``SOURCEDESK_PORTAL_ONLY``, answer only the portal and its static files."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SOURCEDESK_PORTAL_ONLY:
            if request.path == "/":
                return HttpResponseRedirect("/portal/")
            if not request.path.startswith(("/portal/", settings.STATIC_URL)):
                return HttpResponseNotFound(b"Not found", content_type="text/plain")
        return self.get_response(request)


def language_for(request: HttpRequest) -> str:
    """Return the language for ``request``: URL prefix, then ``?lang=``, then cookie, then Korean.

    The browser's Accept-Language is ignored on purpose: the desk is Korean-first, and Tor Browser
    reports English for everyone, which would be the wrong default for a source.
    """
    supported = {code for code, _name in settings.LANGUAGES}
    prefix = request.path_info.split("/", 2)[1] if request.path_info.count("/") >= 2 else ""
    if prefix in supported:
        return prefix
    # Only the query string: reading the body here would parse uploads before the view can
    # check their size.
    requested = request.GET.get("lang")
    if requested in supported:
        return str(requested)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in supported:
        return str(cookie)
    return settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Activate the request's language and say so in the response."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.setdefault("Content-Language", language)
        translation.deactivate()
        return response
