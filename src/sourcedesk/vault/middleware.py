"""Vault cookie middleware: sets or clears the per-session key cookie the vault asks for."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from . import session


def apply_vault_cookie(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Write or delete the ``sd_vault`` cookie as ``session_unlock``/``session_lock`` asked.

    Middleware that answers before this one runs (a sign-out or timeout redirect) can call this
    on its own response so the cookie is still cleared.
    """
    value = getattr(request, "_vault_cookie_set", None)
    if value:
        response.set_cookie(
            session.COOKIE_NAME,
            value,
            path=session.COOKIE_PATH,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Strict",
        )
    elif getattr(request, "_vault_cookie_clear", False) or (
        session.COOKIE_NAME in request.COOKIES and not _session_holds_key(request)
    ):
        response.delete_cookie(session.COOKIE_NAME, path=session.COOKIE_PATH, samesite="Strict")
    return response


def _session_holds_key(request: HttpRequest) -> bool:
    sess = getattr(request, "session", None)
    try:
        return bool(sess is not None and sess.get("vault.sealed_private_key"))
    except Exception:  # a broken session backend must not break the response
        return False


class VaultCookieMiddleware:
    """Send the vault's half of the session key to the browser, or take it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(session.COOKIE_PATH) or hasattr(request, "_vault_cookie_set"):
            apply_vault_cookie(request, response)
        return response
