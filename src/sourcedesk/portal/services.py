"""Portal writes: sources, submissions, replies, retention. Every body and file is sealed."""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from sourcedesk.accounts.roles import Role
from sourcedesk.audit.services import audit_record
from sourcedesk.vault.exceptions import NoRecipients
from sourcedesk.vault.models import Envelope
from sourcedesk.vault.services import envelope_add_recipient, envelope_destroy, envelope_seal

from .codename import CodenameKeys, codename_candidates, codename_generate, codename_keys
from .designations import ADJECTIVES, NOUNS
from .models import Attachment, PortalSource, Reply, Submission
from .uploads import SealedUpload

logger = logging.getLogger("sourcedesk.portal")

PURPOSE_MESSAGE = "portal.message"
PURPOSE_FILE = "portal.file"
PURPOSE_REPLY = "portal.reply"


def source_recipients(*, source: PortalSource | None) -> list:
    """Return the staff who receive a source's material: every editor, plus their handler."""
    users = list(get_user_model().objects.filter(role=Role.EDITOR, is_active=True))
    if source is not None and source.handler_id and source.handler not in users:
        users.append(source.handler)
    return users


def _padded_size(size: int) -> int:
    """Return the bucket a payload of ``size`` bytes is padded to (powers of two, then 64 KiB steps)."""
    bucket = 1024
    while bucket < size and bucket < 64 * 1024:
        bucket *= 2
    if size <= bucket:
        return bucket
    step = 64 * 1024
    return -(-size // step) * step


def _message_payload(text: str) -> bytes:
    """Return the sealed form of a message, padded so its length says little about the text."""
    raw = json.dumps({"text": text, "pad": ""}, ensure_ascii=False).encode()
    return raw[:-2] + b" " * (_padded_size(len(raw)) - len(raw)) + raw[-2:]


def _next_position(source: PortalSource) -> int:
    PortalSource.objects.filter(pk=source.pk).update(next_position=F("next_position") + 1)
    source.refresh_from_db(fields=["next_position"])
    return source.next_position - 1


@transaction.atomic
def source_create(*, keys: CodenameKeys) -> PortalSource:
    """Create a portal source for a freshly generated codename, with a random designation."""
    today = timezone.localdate()
    for attempt in range(200):
        adjective, noun = secrets.randbelow(len(ADJECTIVES)), secrets.randbelow(len(NOUNS))
        number = 1 + attempt // 20
        try:
            with transaction.atomic():
                return PortalSource.objects.create(
                    login_hash=keys.login_hash,
                    public_key=keys.public_key,
                    kdf_version=keys.kdf_version,
                    adjective=adjective,
                    noun=noun,
                    number=number,
                    created_on=today,
                    last_active_on=today,
                )
        except IntegrityError:
            if PortalSource.objects.filter(login_hash=keys.login_hash).exists():
                raise
            continue
    raise RuntimeError("No free designation.")


def source_authenticate(*, codename: str) -> tuple[PortalSource, CodenameKeys] | None:
    """Return the source for ``codename`` and its keys, or None.

    The codename is hashed with the current cost first, then with each older cost in the registry,
    because a source's login hash and keypair come from the cost it was created with. A source
    found keeps its original keypair; its recorded version is filled in if it had none.

    Every unknown or wrong codename does the same work (one Argon2id hash and one indexed lookup
    per known cost), so the answer does not reveal which codenames exist.
    """
    for keys in codename_candidates(codename):
        source = PortalSource.objects.filter(login_hash=keys.login_hash).first()
        if source is None:
            continue
        if bytes(source.public_key) != keys.public_key or source.kdf_version not in (None, keys.kdf_version):
            return None
        today = timezone.localdate()
        changes: dict[str, object] = {}
        if source.last_active_on != today:
            changes["last_active_on"] = source.last_active_on = today
        if source.kdf_version is None:
            changes["kdf_version"] = source.kdf_version = keys.kdf_version
        if changes:
            PortalSource.objects.filter(pk=source.pk).update(**changes)
        return source, keys
    return None


def _abort(files: Sequence[SealedUpload]) -> None:
    """Delete every blob of ``files``, partial or already committed."""
    for upload in files:
        upload.writer.discard()


def submission_create(
    *, source: PortalSource, source_public_key: bytes, text: str, files: Sequence[SealedUpload]
) -> Submission:
    """Seal a message and its already-encrypted files to the recipients and the source.

    On any failure every file blob is deleted; nothing half-saved remains.
    """
    recipients = source_recipients(source=source)
    try:
        with transaction.atomic():
            envelope = envelope_seal(
                plaintext=_message_payload(text),
                recipients=recipients,
                purpose=PURPOSE_MESSAGE,
                extra_public_keys=[source_public_key],
            )
            if envelope.skipped_recipients:
                logger.warning(
                    "%d recipients without a keypair were skipped.", len(envelope.skipped_recipients)
                )
            today = timezone.localdate()
            submission = Submission.objects.create(
                source=source, position=_next_position(source), envelope=envelope, created_on=today
            )
            for upload in files:
                file_envelope = upload.writer.finish(
                    recipients=recipients,
                    purpose=PURPOSE_FILE,
                    metadata={"name": upload.name, "content_type": upload.content_type},
                    extra_public_keys=[source_public_key],
                )
                Attachment.objects.create(submission=submission, envelope=file_envelope)
            PortalSource.objects.filter(pk=source.pk).update(last_active_on=today)
    except BaseException:
        _abort(files)
        raise
    return submission


def portal_submit_first(
    *, language: str, text: str, files: Sequence[SealedUpload]
) -> tuple[str, PortalSource, CodenameKeys]:
    """Create a source with a new codename and its first submission; return the codename.

    The codename is returned once, to be shown once; only its hash is stored.
    """
    try:
        codename = codename_generate(language)
    except BaseException:
        _abort(files)
        raise
    source, keys = _submit_with_codename(codename=codename, text=text, files=files)
    return codename, source, keys


def _submit_with_codename(
    *, codename: str, text: str, files: Sequence[SealedUpload]
) -> tuple[PortalSource, CodenameKeys]:
    try:
        if not source_recipients(source=None):
            raise NoRecipients("No editor can receive submissions yet.")
        keys = codename_keys(codename)
        with transaction.atomic():
            source = source_create(keys=keys)
            submission_create(source=source, source_public_key=keys.public_key, text=text, files=files)
    except BaseException:
        _abort(files)
        raise
    return source, keys


@transaction.atomic
def reply_create(*, source: PortalSource, author, text: str) -> Reply:
    """Seal a reply from ``author`` to the source and to the source's recipients; audit-logged."""
    recipients = source_recipients(source=source)
    if author not in recipients:
        recipients.append(author)
    envelope = envelope_seal(
        plaintext=_message_payload(text),
        recipients=recipients,
        purpose=PURPOSE_REPLY,
        extra_public_keys=[bytes(source.public_key)],
    )
    reply = Reply.objects.create(
        source=source,
        position=_next_position(source),
        author=author,
        envelope=envelope,
        created_on=timezone.localdate(),
    )
    audit_record(actor=author, action="portal.reply", target=source)
    return reply


@transaction.atomic
def source_assign_handler(*, source: PortalSource, handler, by_user, request: HttpRequest) -> int:
    """Make ``handler`` a recipient of everything the source sent or received; audit-logged.

    ``by_user`` must be able to read the items (an editor). Return how many items were shared.
    """
    source.handler = handler
    source.save(update_fields=["handler"])
    shared = 0
    for envelope in _source_envelopes(source):
        if envelope.is_destroyed:
            continue
        if envelope_add_recipient(envelope=envelope, by_user=by_user, request=request, recipient=handler):
            shared += 1
    audit_record(
        actor=by_user, action="portal.assign_handler", target=source, data={"handler_id": handler.pk}
    )
    return shared


def _source_envelopes(source: PortalSource) -> list[Envelope]:
    ids = list(
        Submission.objects.filter(source=source, envelope__isnull=False).values_list("envelope_id", flat=True)
    )
    ids += list(Attachment.objects.filter(submission__source=source).values_list("envelope_id", flat=True))
    ids += list(Reply.objects.filter(source=source).values_list("envelope_id", flat=True))
    return list(Envelope.objects.filter(pk__in=ids))


def retention_run(*, days: int | None = None, today: dt.date | None = None) -> int:
    """Crypto-shred submissions and replies older than ``days``; return how many items went.

    Wrapped keys and blobs are destroyed (see ``envelope_destroy``), the rows are deleted, and
    one audit entry summarises the run.
    """
    days = settings.SOURCEDESK_RETENTION_DAYS if days is None else days
    cutoff = (today or timezone.localdate()) - dt.timedelta(days=days)
    destroyed = 0
    for submission in Submission.objects.filter(created_on__lt=cutoff).select_related("envelope"):
        with transaction.atomic():
            envelopes = [a.envelope for a in submission.attachments.select_related("envelope")]
            if submission.envelope is not None:
                envelopes.append(submission.envelope)
            for envelope in envelopes:
                envelope_destroy(envelope=envelope, reason="retention")
            submission.delete()
            destroyed += len(envelopes)
    for reply in Reply.objects.filter(created_on__lt=cutoff).select_related("envelope"):
        with transaction.atomic():
            envelope_destroy(envelope=reply.envelope, reason="retention")
            reply.delete()
            destroyed += 1
    audit_record(
        action="portal.retention",
        data={"days": days, "cutoff": cutoff.isoformat(), "destroyed": destroyed},
    )
    return destroyed
