"""Desk pages for reports and claims: parse input, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sourcedesk.accounts.roles import Role, has_role
from sourcedesk.network.labels import choice_labels, choice_list
from sourcedesk.network.locking import StaleObjectError, form_keep_with_version
from sourcedesk.network.models import Region
from sourcedesk.network.paging import page_of, query_without_page
from sourcedesk.network.selectors import source_get_for_user
from sourcedesk.network.views import editor_only, roles_required

from . import selectors, services
from .forms import ClaimCreateForm, ClaimForm, LinkReportForm, MergeForm, ReportFilterForm, ReportForm
from .models import Credibility, Precision
from .protection import highlight, report_findings

desk_roles = roles_required(Role.EDITOR, Role.REPORTER)


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _stale(form, kind: str) -> None:
    if kind == "report":
        message = _(
            "Someone else saved this report while you were editing. Your text is kept below; "
            "compare it with the saved version, then save again."
        )
    else:
        message = _(
            "Someone else saved this claim while you were editing. Your text is kept below; "
            "compare it with the saved version, then save again."
        )
    form.add_error(None, message)


@desk_roles
def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.report_list_for_user(
        user=request.user,
        region=filters.get("region") or "",
        credibility=filters.get("credibility"),
        tag=filters.get("tag") or "",
    )
    page = page_of(qs, request.GET.get("page"))
    return render(
        request,
        "desk/report_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "labels": {"region": choice_labels(Region.choices)},
            "options": {
                "region": choice_list(Region.choices),
                "credibility": choice_list(Credibility.choices),
            },
        },
    )


def _page_language() -> str:
    return (get_language() or "ko").split("-")[0]


def _event_text(report) -> str:
    if report.event_on is None:
        return ""
    if report.event_precision == Precision.YEAR:
        return report.event_on.strftime("%Y")
    if report.event_precision == Precision.MONTH:
        return report.event_on.strftime("%Y-%m")
    return report.event_on.isoformat()


@desk_roles
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest) -> HttpResponse:
    sources = selectors.source_visible_for_report(user=request.user).order_by("pseudonym")
    initial: dict[str, object] = {"received_on": timezone.localdate()}
    submission = None
    if request.GET.get("portal"):
        # Triage: the report is written from a sealed portal submission, for the source promoted
        # from that portal conversation.
        submission = selectors.portal_submission_for_user(
            user=request.user, public_id=request.GET["portal"], position=request.GET.get("position")
        )
        sources = sources.filter(portal_source_id=submission.source_id)
        promoted = sources.first()
        if promoted is None:
            messages.error(request, _("Add this portal source to the network before logging its reports."))
            return redirect("network:source_promote", public_id=request.GET["portal"])
        initial.update({"source": promoted, "received_on": submission.created_on})
    elif request.GET.get("source"):
        source = source_get_for_user(user=request.user, pk=request.GET["source"])
        initial["source"] = source
    form = ReportForm(request.POST or None, sources=sources, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_log(
                by_user=request.user,
                source=data["source"],
                received_on=data["received_on"],
                event_on=data["event_on"],
                event_precision=data["event_precision"],
                region=data["region"],
                language=data["language"],
                text=data["text"],
                credibility=data["credibility"],
                first_hand=data["first_hand"],
                tags=data["tags"],
                portal_submission=submission,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Report logged."))
            return redirect("desk:report_detail", pk=report.pk)
    return render(request, "desk/report_form.html", {"form": form, "report": None, "submission": submission})


@desk_roles
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    findings = report_findings(report.text, report.language)
    is_editor = has_role(request.user, Role.EDITOR)
    link_form = None
    if is_editor:
        link_form = LinkReportForm(claims=selectors.claim_list_for_user(user=request.user)[:50])
    return render(
        request,
        "desk/report_detail.html",
        {
            "report": report,
            "event_text": _event_text(report),
            "findings": findings,
            "highlighted": highlight(report.text, findings),
            "claims": selectors.claims_for_report(user=request.user, report=report),
            "stories": selectors.stories_for_report(
                user=request.user, report=report, language=_page_language()
            ),
            "link_form": link_form,
            "is_editor": is_editor,
        },
    )


@desk_roles
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    initial = {
        "received_on": report.received_on,
        "event_date": _event_text(report),
        "event_precision": report.event_precision,
        "region": report.region,
        "language": report.language,
        "text": report.text,
        "credibility": report.credibility,
        "first_hand": report.first_hand,
        "tags": report.tags,
        "version": report.version,
    }
    form = ReportForm(request.POST or None, sources=None, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            name: data[name]
            for name in (
                "received_on",
                "event_on",
                "event_precision",
                "language",
                "text",
                "credibility",
                "first_hand",
                "tags",
            )
        }
        changes["region"] = data["region"] or report.source.region
        try:
            services.report_update(
                report=report, by_user=request.user, version=data["version"] or 0, **changes
            )
        except StaleObjectError:
            _stale(form, "report")
            form_keep_with_version(form, selectors.report_get_for_user(user=request.user, pk=pk).version)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Report saved."))
            return redirect("desk:report_detail", pk=report.pk)
    return render(request, "desk/report_form.html", {"form": form, "report": report})


@editor_only
@require_POST
def report_link_claim(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    form = LinkReportForm(request.POST, claims=selectors.claim_list_for_user(user=request.user)[:50])
    if not form.is_valid():
        for message in form.non_field_errors() or [_("Choose a claim.")]:
            messages.error(request, str(message))
        return redirect("desk:report_detail", pk=report.pk)
    data = form.cleaned_data
    if data.get("new_statement", "").strip():
        claim = services.claim_create(by_user=request.user, statement=data["new_statement"], reports=[report])
    else:
        claim = selectors.claim_get_for_user(
            user=request.user, pk=data.get("claim") or data.get("claim_number")
        )
        try:
            services.claim_link_report(claim=claim, report=report, by_user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("desk:report_detail", pk=report.pk)
    messages.success(request, _("Report linked to the claim."))
    return redirect("desk:claim_detail", pk=claim.pk)


@desk_roles
def claim_board(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    status = request.GET.get("status", "")
    if status:
        page = page_of(
            selectors.claim_list_for_user(user=request.user, status=status, query=query),
            request.GET.get("page"),
        )
        page.items = selectors.claims_with_counts(page.items)
        columns = None
    else:
        page = None
        columns = selectors.claim_board_for_user(user=request.user, query=query)
    return render(
        request,
        "desk/claim_board.html",
        {
            "columns": columns,
            "page": page,
            "status": status,
            "q": query,
            "query": query_without_page(request),
            "is_editor": has_role(request.user, Role.EDITOR),
        },
    )


@editor_only
@require_http_methods(["GET", "POST"])
def claim_create(request: HttpRequest) -> HttpResponse:
    form = ClaimCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        claim = services.claim_create(by_user=request.user, statement=form.cleaned_data["statement"])
        return redirect("desk:claim_detail", pk=claim.pk)
    return render(request, "desk/claim_create.html", {"form": form})


@desk_roles
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.claim_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "desk/claim_detail.html",
        {
            "claim": claim,
            "corroboration": selectors.claim_corroboration(claim=claim),
            "reports": selectors.claim_reports_for_user(user=request.user, claim=claim)[:100],
            "stories": selectors.stories_for_claim(user=request.user, claim=claim, language=_page_language()),
            "changes": claim.changes.select_related("changed_by").order_by("-changed_at")[:30],
            "is_editor": has_role(request.user, Role.EDITOR),
            "merge_form": MergeForm(),
        },
    )


@editor_only
@require_http_methods(["GET", "POST"])
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.claim_get_for_user(user=request.user, pk=pk)
    initial = {"statement": claim.statement, "status": claim.status, "version": claim.version}
    form = ClaimForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.claim_update(
                claim=claim,
                by_user=request.user,
                version=data["version"],
                statement=data["statement"],
                status=data["status"],
                note=data["note"],
            )
        except StaleObjectError:
            _stale(form, "claim")
            form_keep_with_version(form, selectors.claim_get_for_user(user=request.user, pk=pk).version)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Claim saved."))
            return redirect("desk:claim_detail", pk=claim.pk)
    return render(request, "desk/claim_form.html", {"form": form, "claim": claim})


@editor_only
@require_POST
def claim_unlink(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    claim = selectors.claim_get_for_user(user=request.user, pk=pk)
    report = selectors.report_get_for_user(user=request.user, pk=report_pk)
    services.claim_unlink_report(claim=claim, report=report, by_user=request.user)
    messages.success(request, _("Report removed from the claim."))
    return redirect("desk:claim_detail", pk=claim.pk)


@editor_only
@require_POST
def claim_merge(request: HttpRequest, pk: int) -> HttpResponse:
    duplicate = selectors.claim_get_for_user(user=request.user, pk=pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        raise Http404
    into = selectors.claim_get_for_user(user=request.user, pk=form.cleaned_data["into"])
    try:
        services.claim_merge(duplicate=duplicate, into=into, by_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("desk:claim_detail", pk=duplicate.pk)
    messages.success(request, _("Claims merged."))
    return redirect("desk:claim_detail", pk=into.pk)
