"""Reading the audit log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sourcedesk.accounts.roles import Role, has_role

from .chain import Verdict, verify
from .models import AuditEntry, AuditHead


def audit_entries_for_user(*, user) -> QuerySet[AuditEntry]:
    """Return the log, newest first, for an admin or editor; anyone else is refused."""
    if not has_role(user, Role.ADMIN, Role.EDITOR):
        raise PermissionDenied
    return AuditEntry.objects.order_by("-seq")


def audit_verify() -> Verdict:
    """Return the verdict on the whole chain, streaming entries in order."""
    return verify(
        AuditEntry.objects.order_by("seq", "pk").iterator(), head=AuditHead.objects.filter(pk=1).first()
    )
