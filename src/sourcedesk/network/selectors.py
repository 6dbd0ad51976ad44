"""Permission-checked reads of the source network: the compartments live here.

A reporter sees only the sources they handle; an editor sees every source by pseudonym;
translators and admins see none. Every "not yours" raises the same ``Http404`` as "missing".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.http import Http404

from sourcedesk.accounts.roles import Role, has_role

from .models import Grade, IdentityCard, Source, SourceAlert, SourceChange, UnmaskRequest

SOURCE_ROLES = (Role.EDITOR, Role.REPORTER)


def can_use_sources(user) -> bool:
    """Return whether ``user``'s role may see any source at all."""
    return has_role(user, *SOURCE_ROLES)


def source_visible_qs(*, user) -> QuerySet[Source]:
    """Return the sources ``user`` may see: all for editors, their own for reporters, else none."""
    if has_role(user, Role.EDITOR):
        return Source.objects.all()
    if has_role(user, Role.REPORTER):
        return Source.objects.filter(handler=user)
    return Source.objects.none()


def source_list_for_user(
    *,
    user,
    region: str = "",
    status: str = "",
    grade: str = "",
    handler_id: int | None = None,
    query: str = "",
    archived: bool = False,
) -> QuerySet[Source]:
    """Return ``user``'s visible sources, filtered, ordered by pseudonym."""
    qs = source_visible_qs(user=user).filter(archived=archived)
    if region:
        qs = qs.filter(region=region)
    if status:
        qs = qs.filter(status=status)
    if grade:
        qs = qs.filter(grade=grade)
    if handler_id:
        qs = qs.filter(handler_id=handler_id)
    if query:
        qs = qs.filter(pseudonym__icontains=query.strip())
    return qs.select_related("handler").order_by("pseudonym")


def source_get_for_user(*, user, pk) -> Source:
    """Return the source ``pk`` if ``user`` may see it; raise ``Http404`` otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    source = source_visible_qs(user=user).select_related("handler", "custodian").filter(pk=pk).first()
    if source is None:
        raise Http404
    return source


def source_choices_for_user(*, user) -> QuerySet[Source]:
    """Return the active, unarchived sources ``user`` may log a report for."""
    return source_visible_qs(user=user).filter(archived=False).order_by("pseudonym")


def source_changes(*, source: Source, field: str | None = None) -> QuerySet[SourceChange]:
    """Return the history of ``source`` (already access-checked), oldest first."""
    qs = source.changes.select_related("changed_by")
    if field:
        qs = qs.filter(field=field)
    return qs.order_by("changed_at", "pk")


@dataclass(frozen=True)
class GradePoint:
    when: date
    grade: str


def source_grade_points(*, source: Source) -> list[GradePoint]:
    """Return the grade over time: the first known grade, each change, and today."""
    points: list[GradePoint] = []
    for change in source_changes(source=source, field=SourceChange.Field.GRADE):
        if not points and change.old_value in Grade.values:
            # A source graded before its history was kept: start from the old grade.
            points.append(GradePoint(when=source.created_on, grade=change.old_value))
        points.append(GradePoint(when=change.changed_at.date(), grade=change.new_value))
    if not points:
        points.append(GradePoint(when=source.created_on, grade=source.grade))
    return points


def identity_card_holders(*, source: Source) -> set[int]:
    """Return the ids of the people who hold the identity card's key by right."""
    holders = {source.handler_id}
    if source.custodian_id:
        holders.add(source.custodian_id)
    return holders


def identity_card_for(*, source: Source) -> IdentityCard | None:
    """Return the (sealed) identity card of ``source``, already access-checked, or None."""
    return IdentityCard.objects.filter(source=source).select_related("envelope").first()


def unmask_request_open_for(*, user, source: Source) -> UnmaskRequest | None:
    """Return ``user``'s approved, unused request to open ``source``'s card, if any."""
    return (
        UnmaskRequest.objects.filter(source=source, requested_by=user, status=UnmaskRequest.Status.APPROVED)
        .order_by("-decided_at")
        .first()
    )


def unmask_requests_for_user(*, user, source: Source) -> QuerySet[UnmaskRequest]:
    """Return the unmasking requests on ``source`` that ``user`` may see.

    Editors see them all (they approve); a handler or custodian sees them (they share the key);
    anyone else only their own.
    """
    qs = source.unmask_requests.select_related("requested_by", "decided_by")
    if has_role(user, Role.EDITOR) or user.pk in identity_card_holders(source=source):
        return qs
    return qs.filter(requested_by=user)


def unmask_request_get_for_user(*, user, pk) -> UnmaskRequest:
    """Return the unmasking request ``pk`` on a source ``user`` may see, or raise ``Http404``."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    request = (
        UnmaskRequest.objects.filter(pk=pk, source__in=source_visible_qs(user=user))
        .select_related("source", "requested_by")
        .first()
    )
    if request is None:
        raise Http404
    return request


def alerts_for_user(*, user) -> QuerySet[SourceAlert]:
    """Return ``user``'s unread source alerts (editors and reporters; nobody else gets any).

    A reporter hears when the handler or custodian of a source they hold changes, including a
    source just moved away from them, so an alert may name a source they no longer see.
    """
    if not can_use_sources(user):
        return SourceAlert.objects.none()
    return SourceAlert.objects.filter(recipient=user, read=False).select_related("source")


def alert_get_for_user(*, user, pk) -> SourceAlert:
    """Return ``user``'s own alert ``pk`` or raise ``Http404``."""
    alert = SourceAlert.objects.filter(pk=pk, recipient=user).first() if str(pk).isdigit() else None
    if alert is None:
        raise Http404
    return alert


def sources_counts_by_status(*, user) -> dict[str, int]:
    """Return how many visible, unarchived sources ``user`` has per status."""
    rows = (
        source_visible_qs(user=user)
        .filter(archived=False)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["status"]: row["n"] for row in rows}


def handler_choices(*, user):
    """Return the staff an editor may filter the source list by (nobody for anyone else)."""
    if not has_role(user, Role.EDITOR):
        return get_user_model().objects.none()
    return get_user_model().objects.filter(role__in=SOURCE_ROLES, is_active=True).order_by("username")
