"""Writes to reports and claims. Each function is one workflow step: check, change, audit."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sourcedesk.accounts.roles import Role, has_role
from sourcedesk.audit.services import audit_record
from sourcedesk.network.locking import save_versioned
from sourcedesk.network.models import Source

from .models import Claim, ClaimChange, ClaimReport, ClaimStatus, Precision, Report


def normalise_tags(raw: str) -> str:
    """Return ``raw`` as unique, lower-case, space-separated tags (commas accepted)."""
    seen: list[str] = []
    for tag in raw.replace(",", " ").lower().split():
        tag = tag.strip("#")
        if tag and tag not in seen:
            seen.append(tag)
    return " ".join(seen)[:300]


def event_date_floor(day: date | None, precision: str) -> date | None:
    """Return ``day`` rounded down to ``precision`` (the first of its month or year)."""
    if day is None:
        return None
    if precision == Precision.YEAR:
        return day.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return day.replace(day=1)
    return day


def _check_can_report_on(*, user, source: Source) -> None:
    if has_role(user, Role.EDITOR):
        return
    if has_role(user, Role.REPORTER) and source.handler_id == user.pk:
        return
    raise PermissionDenied


REPORT_FIELDS = (
    "received_on",
    "event_on",
    "event_precision",
    "region",
    "language",
    "text",
    "credibility",
    "first_hand",
    "tags",
)


@transaction.atomic
def report_log(
    *,
    by_user,
    source: Source,
    received_on: date,
    text: str,
    region: str = "",
    language: str = "ko",
    credibility: int = 6,
    first_hand: bool = False,
    event_on: date | None = None,
    event_precision: str = Precision.DAY,
    tags: str = "",
    portal_submission=None,
) -> Report:
    """Log a report from ``source`` in the desk's own words; the handler or an editor may."""
    _check_can_report_on(user=by_user, source=source)
    if source.archived:
        raise ValidationError(_("This source is archived; restore it before logging reports."))
    report = Report(
        source=source,
        logged_by=by_user,
        received_on=received_on,
        event_on=event_date_floor(event_on, event_precision),
        event_precision=event_precision,
        region=region or source.region,
        language=language,
        text=text,
        credibility=credibility,
        first_hand=first_hand,
        tags=normalise_tags(tags),
        portal_submission=portal_submission,
    )
    report.full_clean()
    report.save()
    audit_record(
        actor=by_user,
        action="report.log",
        target=report,
        data={
            "source": source.pk,
            "credibility": credibility,
            "portal_submission": getattr(portal_submission, "pk", None),
        },
    )
    return report


@transaction.atomic
def report_update(*, report: Report, by_user, version: int, **changes) -> Report:
    """Save changes to ``report`` read at ``version``; raise ``StaleObjectError`` if it moved on."""
    _check_can_report_on(user=by_user, source=report.source)
    unknown = set(changes) - set(REPORT_FIELDS)
    if unknown:
        raise PermissionDenied
    if "tags" in changes:
        changes["tags"] = normalise_tags(changes["tags"])
    if "event_on" in changes or "event_precision" in changes:
        precision = changes.get("event_precision", report.event_precision)
        changes["event_on"] = event_date_floor(changes.get("event_on", report.event_on), precision)
    old_credibility = report.credibility
    for name, value in changes.items():
        setattr(report, name, value)
    report.full_clean()
    save_versioned(instance=report, expected_version=version, fields=changes.keys())
    data: dict = {"fields": sorted(changes)}
    if report.credibility != old_credibility:
        data["credibility"] = {"from": old_credibility, "to": report.credibility}
    audit_record(actor=by_user, action="report.update", target=report, data=data)
    return report


def _require_editor(user) -> None:
    if not has_role(user, Role.EDITOR):
        raise PermissionDenied


@transaction.atomic
def claim_create(*, by_user, statement: str, reports: list[Report] = ()) -> Claim:  # type: ignore[assignment]
    """Create a claim, optionally citing ``reports``; editors only."""
    _require_editor(by_user)
    statement = statement.strip()
    if not statement:
        raise ValidationError(_("A claim needs a statement."))
    claim = Claim.objects.create(statement=statement, created_by=by_user)
    ClaimChange.objects.create(claim=claim, old_status="", new_status=claim.status, changed_by=by_user)
    for report in reports:
        ClaimReport.objects.create(claim=claim, report=report, linked_by=by_user)
    audit_record(
        actor=by_user, action="claim.create", target=claim, data={"reports": [r.pk for r in reports]}
    )
    return claim


@transaction.atomic
def claim_update(
    *, claim: Claim, by_user, version: int, statement: str, status: str, note: str = ""
) -> Claim:
    """Save a claim's statement and status read at ``version``; a status change needs a note.

    Status changes are history rows and audit entries. Raise ``StaleObjectError`` if another
    editor saved first.
    """
    _require_editor(by_user)
    if status not in ClaimStatus.values:
        raise ValidationError(_("Choose a valid status."))
    if claim.merged_into_id:
        raise ValidationError(_("This claim was merged into another; edit that one."))
    old_status = claim.status
    if status != old_status and not note.strip():
        raise ValidationError(_("Say why the status changes."))
    claim.statement = statement.strip()
    claim.status = status
    fields = ["statement", "status"]
    if status != old_status:
        claim.status_note = note.strip()
        fields.append("status_note")
    save_versioned(instance=claim, expected_version=version, fields=fields)
    if status != old_status:
        ClaimChange.objects.create(
            claim=claim, old_status=old_status, new_status=status, note=note.strip(), changed_by=by_user
        )
        audit_record(
            actor=by_user, action="claim.status", target=claim, data={"from": old_status, "to": status}
        )
    else:
        audit_record(actor=by_user, action="claim.update", target=claim)
    return claim


def _touch(claim: Claim) -> None:
    from django.db.models import F
    from django.utils import timezone

    Claim.objects.filter(pk=claim.pk).update(updated_at=timezone.now(), version=F("version") + 1)


@transaction.atomic
def claim_link_report(*, claim: Claim, report: Report, by_user) -> bool:
    """Cite ``report`` in ``claim``; return False if it already was. Editors only."""
    _require_editor(by_user)
    if claim.merged_into_id:
        raise ValidationError(_("This claim was merged into another; link the report there."))
    try:
        with transaction.atomic():
            ClaimReport.objects.create(claim=claim, report=report, linked_by=by_user)
    except IntegrityError:
        return False
    _touch(claim)
    audit_record(actor=by_user, action="claim.link", target=claim, data={"report": report.pk})
    return True


@transaction.atomic
def claim_unlink_report(*, claim: Claim, report: Report, by_user) -> None:
    """Stop citing ``report`` in ``claim``. Editors only."""
    _require_editor(by_user)
    deleted, _rows = ClaimReport.objects.filter(claim=claim, report=report).delete()
    if deleted:
        _touch(claim)
        audit_record(actor=by_user, action="claim.unlink", target=claim, data={"report": report.pk})


@transaction.atomic
def claim_merge(*, duplicate: Claim, into: Claim, by_user) -> Claim:
    """Merge ``duplicate`` into ``into``: its reports move over and it leaves the board."""
    _require_editor(by_user)
    if duplicate.pk == into.pk:
        raise ValidationError(_("A claim cannot be merged into itself."))
    if duplicate.merged_into_id or into.merged_into_id:
        raise ValidationError(_("One of these claims was already merged."))
    already = set(ClaimReport.objects.filter(claim=into).values_list("report_id", flat=True))
    for link in ClaimReport.objects.filter(claim=duplicate):
        if link.report_id not in already:
            ClaimReport.objects.create(claim=into, report_id=link.report_id, linked_by=by_user)
    Claim.objects.filter(pk=duplicate.pk).update(merged_into=into)
    duplicate.merged_into = into
    _touch(into)
    audit_record(actor=by_user, action="claim.merge", target=into, data={"duplicate": duplicate.pk})
    return into
