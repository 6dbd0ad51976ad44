"""Make Django's CSRF checks work with ``Referrer-Policy: no-referrer``.

Under that policy browsers send ``Origin: null`` and no ``Referer`` with a same-origin form
post, which Django's origin and referer checks reject. Browsers also send ``Sec-Fetch-Site``,
which a page cannot forge; when it says ``same-origin`` the post came from one of our own
pages, so this middleware restores the origin the browser withheld before Django's
``CsrfViewMiddleware`` runs. The masked token check against the SameSite cookie still runs for
every unsafe request. Posts that the browser marks as coming from another site are refused
outright, including those to views exempt from the token check.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import REASON_BAD_ORIGIN

from .views import csrf_failure

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class SameOriginFetchMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        fetch_site = meta.get("HTTP_SEC_FETCH_SITE")
        if request.method in UNSAFE_METHODS and fetch_site in {"cross-site", "same-site"}:
            # Also covers views exempt from the token check (the portal's sign-in): no other
            # site may post to any of our forms.
            return csrf_failure(request, REASON_BAD_ORIGIN % meta.get("HTTP_ORIGIN", ""))
        if fetch_site == "same-origin":
            own_origin = f"{request.scheme}://{request.get_host()}"
            if meta.get("HTTP_ORIGIN") == "null":
                meta["HTTP_ORIGIN"] = own_origin
            if not meta.get("HTTP_REFERER"):
                meta["HTTP_REFERER"] = own_origin + "/"
        return self.get_response(request)
