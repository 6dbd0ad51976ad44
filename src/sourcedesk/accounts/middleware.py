"""Guard the desk: signed in, second factor passed, not idle, not past the absolute limit."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import keys

SESSION_AUTH_AT = "sd_auth_at"
SESSION_SEEN_AT = "sd_seen_at"
SESSION_SECOND_FACTOR = "sd_2fa"
# Writing the session on every request would make every page a database write.
SEEN_RESOLUTION = 60


def end_staff_session(request: HttpRequest) -> None:
    """Forget the session's key material and sign out."""
    keys.session_lock(request=request)
    logout(request)


class StaffSessionMiddleware:
    """Every /desk/ page needs a full sign-in: passphrase and second factor, recently active."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/desk/"):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        login_url = reverse("accounts:login")
        open_paths = {login_url, reverse("core:set_language")}
        user = request.user
        if not user.is_authenticated:
            if request.path in open_paths:
                return None
            return HttpResponseRedirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
        now = time.time()
        session = request.session
        auth_at = session.get(SESSION_AUTH_AT, 0)
        seen_at = session.get(SESSION_SEEN_AT, 0)
        if (
            now - auth_at > settings.SOURCEDESK_ABSOLUTE_TIMEOUT
            or now - seen_at > settings.SOURCEDESK_IDLE_TIMEOUT
        ):
            end_staff_session(request)
            messages.info(
                request, _("You were signed out after a period of inactivity. Please sign in again.")
            )
            return HttpResponseRedirect(login_url)
        if now - seen_at > SEEN_RESOLUTION:
            session[SESSION_SEEN_AT] = now
            # The stored session (with its half of the staff key) expires with the idle limit,
            # so the periodic clean-up removes it even when nobody signs out.
            session.set_expiry(
                min(
                    settings.SOURCEDESK_IDLE_TIMEOUT,
                    int(settings.SOURCEDESK_ABSOLUTE_TIMEOUT - (now - auth_at)) + 1,
                )
            )
        if not session.get(SESSION_SECOND_FACTOR):
            enrol_paths = {
                reverse("accounts:enrol"),
                reverse("accounts:logout"),
                reverse("core:set_language"),
            }
            if request.path not in enrol_paths:
                return HttpResponseRedirect(reverse("accounts:enrol"))
        return None
