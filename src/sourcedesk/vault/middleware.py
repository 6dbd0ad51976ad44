"""Vault cookie middleware: sets or clears the per-session key cookie the vault asks for."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class VaultCookieMiddleware:
    """Pass requests through; the vault replaces this with its cookie handling."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)
