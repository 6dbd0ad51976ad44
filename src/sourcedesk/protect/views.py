"""The desk's "Check a text" page: paste or upload, see findings highlighted inline."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sourcedesk.accounts.roles import Role, has_role

from . import scan
from .forms import CheckForm
from .models import AllowedName
from .selectors import allow_list
from .services import allowed_name_add, allowed_name_remove

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
    if has_role(request.user, Role.EDITOR, Role.ADMIN):
        context["allowed_names"] = AllowedName.objects.all()
    response = render(request, "protect/check.html", context)
    # The checked text may name people: never cache the page anywhere.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def allow(request: HttpRequest) -> HttpResponse:
    """Add a public figure to the desk's allow-list, or remove one (editors and admins)."""
    if not has_role(request.user, Role.EDITOR, Role.ADMIN):
        raise PermissionDenied
    name = request.POST.get("name", "")
    try:
        if request.POST.get("remove"):
            allowed_name_remove(actor=request.user, name=name)
            messages.success(request, _("Removed from the allow-list: %(name)s") % {"name": name})
        else:
            entry = allowed_name_add(actor=request.user, name=name)
            messages.success(request, _("Added to the allow-list: %(name)s") % {"name": entry.name})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("protect:check")
