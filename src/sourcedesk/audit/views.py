from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sourcedesk.accounts.roles import Role, has_role

from .selectors import audit_entries_for_user, audit_verify


def audit_list(request: HttpRequest) -> HttpResponse:
    entries = audit_entries_for_user(user=request.user)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    verdict = audit_verify() if request.GET.get("verify") else None
    # Admins run the desk, not the reporting: entry details can name pseudonyms or give the
    # reasons an identity card was opened, so only editors see them.
    show_details = has_role(request.user, Role.EDITOR)
    return render(
        request, "audit/list.html", {"page": page, "verdict": verdict, "show_details": show_details}
    )
