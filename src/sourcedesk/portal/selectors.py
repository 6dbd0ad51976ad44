"""Permission-checked reads for the portal and the desk inbox.

Missing and not-yours raise the same ``PortalSource.DoesNotExist`` / ``Attachment.DoesNotExist``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import HttpRequest

from sourcedesk.accounts.roles import Role, has_role
from sourcedesk.vault.exceptions import EnvelopeDestroyed, NotARecipient, VaultLocked
from sourcedesk.vault.services import (
    envelope_open,
    envelope_open_file,
    envelope_open_file_with_private_key,
    envelope_open_with_private_key,
)

from .models import Attachment, PortalSource, Reply, Submission


@dataclass
class FileItem:
    public_id: str
    name: str = ""
    size: int = 0
    problem: str = ""


@dataclass
class ConversationItem:
    kind: str  # "source" or "reply"
    position: int
    created_on: object
    text: str = ""
    problem: str = ""  # "locked", "not_recipient", "destroyed"
    author: object = None
    files: list[FileItem] = field(default_factory=list)


def _problem(exc: Exception) -> str:
    if isinstance(exc, VaultLocked):
        return "locked"
    if isinstance(exc, EnvelopeDestroyed):
        return "destroyed"
    return "not_recipient"


def inbox_sources_for_user(*, user) -> QuerySet[PortalSource]:
    """Return the portal sources ``user`` may see: editors all, a handler their own."""
    qs = PortalSource.objects.annotate(
        submission_count=Count("submissions", distinct=True), reply_count=Count("replies", distinct=True)
    )
    if has_role(user, Role.EDITOR):
        return qs
    if has_role(user, Role.REPORTER):
        return qs.filter(handler=user)
    return qs.none()


def inbox_source_get(*, user, public_id: str) -> PortalSource:
    """Return the source ``public_id`` if ``user`` may see it; else raise DoesNotExist."""
    return inbox_sources_for_user(user=user).get(public_id=public_id)


def attachment_get_for_user(*, user, source: PortalSource, public_id: str) -> Attachment:
    """Return one of ``source``'s attachments (``source`` already checked for ``user``)."""
    return Attachment.objects.select_related("envelope").get(submission__source=source, public_id=public_id)


def _items(source: PortalSource) -> list[ConversationItem]:
    items: list[ConversationItem] = []
    for submission in (
        Submission.objects.filter(source=source)
        .select_related("envelope")
        .prefetch_related("attachments__envelope")
    ):
        item = ConversationItem(kind="source", position=submission.position, created_on=submission.created_on)
        item._envelope = submission.envelope  # type: ignore[attr-defined]
        item._attachments = list(submission.attachments.all())  # type: ignore[attr-defined]
        items.append(item)
    for reply in Reply.objects.filter(source=source).select_related("envelope", "author"):
        item = ConversationItem(
            kind="reply", position=reply.position, created_on=reply.created_on, author=reply.author
        )
        item._envelope = reply.envelope  # type: ignore[attr-defined]
        item._attachments = []  # type: ignore[attr-defined]
        items.append(item)
    items.sort(key=lambda i: i.position)
    return items


def _text(payload: bytes) -> str:
    try:
        return str(json.loads(payload).get("text", ""))
    except (ValueError, AttributeError):
        return ""


def conversation_for_staff(*, source: PortalSource, user, request: HttpRequest) -> list[ConversationItem]:
    """Return the conversation decrypted for ``user``; each unwrap is audit-logged by the vault."""
    items = _items(source)
    for item in items:
        envelope = item._envelope  # type: ignore[attr-defined]
        if envelope is not None:
            try:
                item.text = _text(envelope_open(envelope=envelope, user=user, request=request))
            except (NotARecipient, VaultLocked, EnvelopeDestroyed) as exc:
                item.problem = _problem(exc)
        for attachment in item._attachments:  # type: ignore[attr-defined]
            entry = FileItem(public_id=attachment.public_id)
            try:
                sealed = envelope_open_file(envelope=attachment.envelope, user=user, request=request)
                entry.name, entry.size = sealed.name, sealed.size
            except (NotARecipient, VaultLocked, EnvelopeDestroyed) as exc:
                entry.problem = _problem(exc)
            item.files.append(entry)
    return items


def conversation_for_source(
    *, source: PortalSource, public_key: bytes, private_key: bytes
) -> list[ConversationItem]:
    """Return the conversation decrypted with the signed-in source's own key."""
    items = _items(source)
    for item in items:
        envelope = item._envelope  # type: ignore[attr-defined]
        if envelope is not None:
            try:
                item.text = _text(
                    envelope_open_with_private_key(
                        envelope=envelope, public_key=public_key, private_key=private_key
                    )
                )
            except (NotARecipient, EnvelopeDestroyed) as exc:
                item.problem = _problem(exc)
        for attachment in item._attachments:  # type: ignore[attr-defined]
            entry = FileItem(public_id=attachment.public_id)
            try:
                sealed = envelope_open_file_with_private_key(
                    envelope=attachment.envelope, public_key=public_key, private_key=private_key
                )
                entry.name, entry.size = sealed.name, sealed.size
            except (NotARecipient, EnvelopeDestroyed) as exc:
                entry.problem = _problem(exc)
            item.files.append(entry)
    return items
