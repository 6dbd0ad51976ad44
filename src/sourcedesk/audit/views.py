from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import audit_entries_for_user, audit_verify


def audit_list(request: HttpRequest) -> HttpResponse:
    entries = audit_entries_for_user(user=request.user)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    verdict = audit_verify() if request.GET.get("verify") else None
    return render(request, "audit/list.html", {"page": page, "verdict": verdict})
