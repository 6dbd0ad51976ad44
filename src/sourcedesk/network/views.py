"""Desk pages for the source network: parse input, call one service or selector, render."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sourcedesk.accounts.roles import Role, has_role
from sourcedesk.desk.selectors import claims_for_source, report_list_for_user, source_report_counts
from sourcedesk.vault.exceptions import NotARecipient, VaultLocked
from sourcedesk.vault.services import envelope_readers

from . import selectors, services
from .chart import grade_chart_svg
from .forms import (
    IdentityCardForm,
    PromoteForm,
    ReasonForm,
    SourceFilterForm,
    SourceForm,
    UnmaskDecisionForm,
)
from .labels import choice_list, network_labels
from .locking import StaleObjectError, form_keep_with_version
from .models import Grade, Region, SourceStatus
from .paging import page_of, query_without_page


def roles_required(*roles: str):
    """Refuse (403) anyone whose role is not one of ``roles``, before any object is looked up."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


source_roles = roles_required(Role.EDITOR, Role.REPORTER)
editor_only = roles_required(Role.EDITOR)


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@source_roles
def source_list(request: HttpRequest) -> HttpResponse:
    is_editor = has_role(request.user, Role.EDITOR)
    form = SourceFilterForm(request.GET or None, is_editor=is_editor)
    filters = form.cleaned_data if form.is_valid() else {}
    handler = filters.get("handler")
    qs = selectors.source_list_for_user(
        user=request.user,
        region=filters.get("region", ""),
        status=filters.get("status", ""),
        grade=filters.get("grade", ""),
        query=filters.get("q", ""),
        archived=bool(filters.get("archived")),
        handler_id=handler.pk if handler else None,
    )
    page = page_of(qs, request.GET.get("page"))
    counts = source_report_counts(sources=page.items)
    rows = [(source, counts.get(source.pk, 0)) for source in page.items]
    alerts = list(selectors.alerts_for_user(user=request.user)[:20])
    # An alert can name a source moved away from this reporter: no link to a page they cannot open.
    visible = set(
        selectors.source_visible_qs(user=request.user)
        .filter(pk__in=[alert.source_id for alert in alerts])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "network/source_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query_without_page(request),
            "alerts": alerts,
            "visible_alert_sources": visible,
            "is_editor": is_editor,
            "labels": network_labels(),
            "options": {
                "region": choice_list(Region.choices),
                "status": choice_list(SourceStatus.choices),
                "grade": choice_list(Grade.choices),
                "handler": [(str(u.pk), str(u)) for u in selectors.handler_choices(user=request.user)],
            },
        },
    )


@source_roles
@require_http_methods(["GET", "POST"])
def source_create(request: HttpRequest) -> HttpResponse:
    is_editor = has_role(request.user, Role.EDITOR)
    initial = {"handler": request.user.pk, "grade": "F", "status": "active"}
    form = SourceForm(request.POST or None, initial=initial, is_editor=is_editor, editing=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            source = services.source_register(
                by_user=request.user,
                handler=data.get("handler") or request.user,
                custodian=data.get("custodian"),
                region=data["region"],
                channel=data["channel"],
                active_since=data["active_since"],
                grade=data.get("grade") or "F",
                status=data["status"],
                pseudonym=data["pseudonym"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Source %(pseudonym)s registered.") % {"pseudonym": source.pseudonym})
            return redirect("network:source_detail", pk=source.pk)
    return render(request, "network/source_form.html", {"form": form, "source": None})


@source_roles
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_get_for_user(user=request.user, pk=pk)
    reports = page_of(
        report_list_for_user(user=request.user, source_id=source.pk), request.GET.get("page"), size=20
    )
    points = selectors.source_grade_points(source=source)
    chart = grade_chart_svg(points, today=timezone.localdate(), title=_("Reliability over time"))
    holders = selectors.identity_card_holders(source=source)
    card = selectors.identity_card_for(source=source)
    readers = set(envelope_readers(envelope=card.envelope)) if card is not None else set()
    return render(
        request,
        "network/source_detail.html",
        {
            "source": source,
            "reports": reports,
            "claims": claims_for_source(user=request.user, source=source),
            "changes": selectors.source_changes(source=source).order_by("-changed_at", "-pk")[:30],
            "chart": chart,
            "has_card": card is not None,
            "handler_lacks_key": card is not None and source.handler not in readers,
            "custodian_lacks_key": card is not None
            and source.custodian is not None
            and source.custodian not in readers,
            "holds_card": request.user.pk in holders,
            "is_editor": has_role(request.user, Role.EDITOR),
            "unmask_requests": selectors.unmask_requests_for_user(user=request.user, source=source)[:20],
            "open_unmask": selectors.unmask_request_open_for(user=request.user, source=source),
        },
    )


@source_roles
@require_http_methods(["GET", "POST"])
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_get_for_user(user=request.user, pk=pk)
    is_editor = has_role(request.user, Role.EDITOR)
    if not is_editor and source.handler_id != request.user.pk:
        raise PermissionDenied
    initial = {
        "pseudonym": source.pseudonym,
        "region": source.region,
        "channel": source.channel,
        "active_since": source.active_since,
        "status": source.status,
        "grade": source.grade,
        "handler": source.handler_id,
        "custodian": source.custodian_id,
        "version": source.version,
    }
    form = SourceForm(request.POST or None, initial=initial, is_editor=is_editor, editing=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        version = data.pop("version") or 0
        changes = {name: value for name, value in data.items() if name in form.fields}
        try:
            services.source_update(
                source=source,
                by_user=request.user,
                version=version,
                reason=reason,
                request=request,
                **changes,
            )
        except services.HolderChangeRefused as refused:
            form.add_error(None, str(refused))
        except VaultLocked:
            form.add_error(None, _("Your vault is locked. Sign out and sign in again."))
        except NotARecipient:
            form.add_error(
                None,
                _(
                    "The portal conversation of this source holds items that were not sealed to you, "
                    "so you cannot move it to the new handler. Ask an editor who can read them."
                ),
            )
        except StaleObjectError:
            form.add_error(
                None,
                _(
                    "Someone else changed this source while you were editing. Your changes are kept "
                    "below; compare them with the saved version and save again."
                ),
            )
            form_keep_with_version(form, selectors.source_get_for_user(user=request.user, pk=pk).version)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Source saved."))
            return redirect("network:source_detail", pk=source.pk)
    return render(request, "network/source_form.html", {"form": form, "source": source})


@source_roles
@require_POST
def source_archive(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_get_for_user(user=request.user, pk=pk)
    restore = request.POST.get("restore") == "1"
    services.source_archive(source=source, by_user=request.user, archived=not restore)
    messages.success(request, _("Source restored.") if restore else _("Source archived."))
    return redirect("network:source_detail", pk=source.pk)


@editor_only
@require_http_methods(["GET", "POST"])
def source_delete(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_get_for_user(user=request.user, pk=pk)
    refused = False
    if request.method == "POST":
        try:
            services.source_delete(source=source, by_user=request.user)
        except services.SourceHasReportsError:
            refused = True
        else:
            messages.success(request, _("Source deleted."))
            return redirect("network:source_list")
    has_reports = source.reports.exists()
    status = 409 if refused else 200
    return render(
        request,
        "network/source_delete.html",
        {"source": source, "has_reports": has_reports, "refused": refused},
        status=status,
    )


@source_roles
@require_http_methods(["GET", "POST"])
def identity_card(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the identity card: ask for a reason, then show it once, never cached."""
    source = selectors.source_get_for_user(user=request.user, pk=pk)
    form = ReasonForm(request.POST or None)
    card = None
    if request.method == "POST" and form.is_valid():
        try:
            card = services.identity_card_open(
                source=source, user=request.user, request=request, reason=form.cleaned_data["reason"]
            )
        except (PermissionDenied, NotARecipient):
            form.add_error(
                None, _("You cannot open this identity card without an approved unmasking request.")
            )
        except VaultLocked:
            form.add_error(None, _("Your vault is locked. Sign out and sign in again."))
        except ValidationError as error:
            _add_errors(form, error)
    response = render(request, "network/identity_card.html", {"source": source, "form": form, "card": card})
    response["Cache-Control"] = "no-store"
    return response


@source_roles
@require_http_methods(["GET", "POST"])
def identity_card_edit(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_get_for_user(user=request.user, pk=pk)
    if request.user.pk not in selectors.identity_card_holders(source=source):
        raise PermissionDenied
    form = IdentityCardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.identity_card_seal(source=source, by_user=request.user, **form.cleaned_data)
        messages.success(request, _("Identity card sealed."))
        return redirect("network:source_detail", pk=source.pk)
    return render(request, "network/identity_card_form.html", {"source": source, "form": form})


@editor_only
@require_http_methods(["GET", "POST"])
def unmask_request_create(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_get_for_user(user=request.user, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unmask_request_create(
                source=source, by_user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Request sent. A second editor must approve it."))
            return redirect("network:source_detail", pk=source.pk)
    return render(request, "network/unmask_request.html", {"source": source, "form": form})


@source_roles
@require_http_methods(["GET", "POST"])
def unmask_decide(request: HttpRequest, pk: int) -> HttpResponse:
    unmask = selectors.unmask_request_get_for_user(user=request.user, pk=pk)
    if not has_role(request.user, Role.EDITOR) or unmask.requested_by_id == request.user.pk:
        raise PermissionDenied
    form = UnmaskDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unmask_request_decide(
                unmask_request=unmask,
                by_user=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("network:source_detail", pk=unmask.source_id)
    return render(request, "network/unmask_decide.html", {"unmask": unmask, "form": form})


@source_roles
@require_POST
def unmask_share(request: HttpRequest, pk: int) -> HttpResponse:
    unmask = selectors.unmask_request_get_for_user(user=request.user, pk=pk)
    try:
        services.unmask_key_share(unmask_request=unmask, by_user=request.user, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except VaultLocked:
        messages.error(request, _("Your vault is locked. Sign out and sign in again."))
    else:
        messages.success(request, _("The approved editor can now open the identity card once."))
    return redirect("network:source_detail", pk=unmask.source_id)


@source_roles
@require_POST
def alert_read(request: HttpRequest, pk: int) -> HttpResponse:
    alert = selectors.alert_get_for_user(user=request.user, pk=pk)
    services.alert_mark_read(alert=alert, by_user=request.user)
    return redirect("network:source_list")


@editor_only
@require_http_methods(["GET", "POST"])
def source_promote(request: HttpRequest, public_id: str) -> HttpResponse:
    """Turn a portal submitter into a network source with a handler."""
    from sourcedesk.portal.models import PortalSource
    from sourcedesk.portal.selectors import inbox_source_get

    try:
        portal_source = inbox_source_get(user=request.user, public_id=public_id)
    except PortalSource.DoesNotExist:
        raise Http404 from None
    existing = selectors.source_visible_qs(user=request.user).filter(portal_source=portal_source).first()
    if existing is not None:
        return redirect("network:source_detail", pk=existing.pk)
    form = PromoteForm(request.POST or None, initial={"active_since": portal_source.created_on})
    if request.method == "POST" and form.is_valid():
        try:
            source = services.source_promote(
                portal_source=portal_source, by_user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        except VaultLocked:
            form.add_error(None, _("Your vault is locked. Sign out and sign in again."))
        except NotARecipient:
            form.add_error(None, _("You cannot share items that were not sealed to you."))
        else:
            messages.success(request, _("Source %(pseudonym)s registered.") % {"pseudonym": source.pseudonym})
            return redirect("network:source_detail", pk=source.pk)
    return render(request, "network/source_promote.html", {"form": form, "portal_source": portal_source})


@source_roles
@require_POST
def identity_card_share_handler(request: HttpRequest, pk: int) -> HttpResponse:
    """The custodian gives a new handler the identity card's key."""
    source = selectors.source_get_for_user(user=request.user, pk=pk)
    try:
        services.identity_card_share_with_handler(source=source, by_user=request.user, request=request)
    except VaultLocked:
        messages.error(request, _("Your vault is locked. Sign out and sign in again."))
    except NotARecipient:
        messages.error(request, _("You cannot share items that were not sealed to you."))
    else:
        messages.success(request, _("The handler can now open the identity card."))
    return redirect("network:source_detail", pk=source.pk)


@source_roles
@require_POST
def identity_card_share_custodian(request: HttpRequest, pk: int) -> HttpResponse:
    """The handler gives a newly named custodian the identity card's key."""
    source = selectors.source_get_for_user(user=request.user, pk=pk)
    try:
        services.identity_card_share_with_custodian(source=source, by_user=request.user, request=request)
    except VaultLocked:
        messages.error(request, _("Your vault is locked. Sign out and sign in again."))
    except NotARecipient:
        messages.error(request, _("You cannot share items that were not sealed to you."))
    else:
        messages.success(request, _("The custodian can now open the identity card."))
    return redirect("network:source_detail", pk=source.pk)
