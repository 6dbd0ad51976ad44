"""The desk's "Check a text" page: paste or upload, see findings highlighted inline."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from sourcedesk.accounts.roles import Role, has_role

from . import scan
from .forms import CheckForm
from .selectors import allow_list

STAFF_ROLES = (Role.ADMIN, Role.EDITOR, Role.REPORTER, Role.TRANSLATOR)


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """Show the check form; on POST, scan the text and show it with findings highlighted."""
    if not has_role(request.user, *STAFF_ROLES):
        raise PermissionDenied
    context: dict = {}
    if request.method == "POST":
        form = CheckForm(request.POST, request.FILES)
        if form.is_valid():
            text = form.checked_text()
            findings = scan(text, deny=form.deny_names(), allow=allow_list())
            lang = "ko" if (get_language() or "ko").startswith("ko") else "en"
            context.update(
                text=text,
                findings=findings,
                lang=lang,
                counts=Counter(f.severity for f in findings),
                checked=True,
            )
    else:
        form = CheckForm()
    context["form"] = form
    response = render(request, "protect/check.html", context)
    # The checked text may name people: never cache the page anywhere.
    response["Cache-Control"] = "no-store"
    return response
