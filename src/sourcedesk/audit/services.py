"""Writing to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .chain import digest_of
from .models import AuditEntry, AuditHead


def _head_for_update() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head, _created = AuditHead.objects.get_or_create(pk=1)
        head = AuditHead.objects.select_for_update().get(pk=1)
    return head


def audit_record(
    *,
    actor=None,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry for ``action`` by ``actor`` on ``target`` and return it.

    ``data`` is a small JSON object for context; it must never hold sealed content or a client
    address. Runs in its own atomic block, so it commits or rolls back with the caller's work.
    """
    with transaction.atomic():
        head = _head_for_update()
        entry = AuditEntry(
            seq=head.last_seq + 1,
            created_at=timezone.now().replace(microsecond=0),
            actor_id=getattr(actor, "pk", None),
            actor_name=getattr(actor, "username", "") if actor is not None else "",
            action=action,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            data=data or {},
            prev_hash=head.last_hash,
        )
        entry.entry_hash = digest_of(entry)
        entry.save()
        AuditHead.objects.filter(pk=head.pk).update(last_seq=entry.seq, last_hash=entry.entry_hash)
        return entry
