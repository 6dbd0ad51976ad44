"""The desk home page and the error pages shared by the whole site."""

from __future__ import annotations

import sys

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .context_processors import navigation_for


def desk_home(request: HttpRequest) -> HttpResponse:
    from sourcedesk.network.selectors import alerts_for_user

    sections = [item for item in navigation_for(request.user) if item["name"] != "core:desk_home"]
    alerts = list(alerts_for_user(user=request.user)[:20])
    return render(request, "core/home.html", {"sections": sections, "alerts": alerts})


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/portal/"):
        portal_error = _portal_error_view()
        if portal_error is not None:
            return portal_error(request, status, title, message)
    # Rendered without the request context: an error page must not need the database or the
    # session, which may be what failed.
    html = render_to_string(
        "core/error.html",
        {
            "title": title,
            "message": message,
            "status": status,
            "LANGUAGE_CODE": getattr(request, "LANGUAGE_CODE", "ko"),
            "home_url": _home_for(request),
        },
    )
    return HttpResponse(html, status=status)


def _home_for(request: HttpRequest) -> str:
    """Return where a lost visitor should go next: the desk, or the public site in their language."""
    if request.path.startswith("/desk/"):
        return "/desk/"
    return "/en/" if getattr(request, "LANGUAGE_CODE", "ko") == "en" else "/ko/"


def _portal_error_view():
    """Return the portal's own error page renderer, so sources never see desk styling."""
    from sourcedesk.portal import views as portal_views

    return getattr(portal_views, "portal_error", None)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return _error(
            request,
            413,
            _("File too large"),
            _("The upload is larger than the desk accepts. Nothing was saved; try a smaller file."),
        )
    return _error(
        request, 400, _("Bad request"), _("The request could not be understood. Nothing was saved.")
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(request, 403, _("Not allowed"), _("Your role does not allow this."))


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(request, 404, _("Not found"), _("There is nothing here, or it is not yours to see."))


def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    if isinstance(exc, DatabaseError):
        return _error(
            request,
            503,
            _("Database unavailable"),
            _(
                "The desk cannot reach its database right now. Nothing you sent was half-saved; try again in a minute."
            ),
        )
    return _error(
        request,
        500,
        _("Something went wrong"),
        _("The error was recorded. Nothing was half-saved; try again."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        _("Form expired"),
        _(
            "This form was open too long or came from somewhere else. Go back, reload the page and send it again."
        ),
    )
