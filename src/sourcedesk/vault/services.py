"""The vault's Django-level API: staff keypairs, sealed envelopes, crypto-shredding.

Other apps seal and open content only through these functions; no view touches a key.

Sealing::

    envelope = envelope_seal(plaintext=b"...", recipients=editors, purpose="network.identity")
    envelope.skipped_recipients   # users left out because they have no keypair yet

Opening (the reader's private key comes from their signed-in session)::

    plaintext = envelope_open(envelope=envelope, user=request.user, request=request)

Errors (all subclasses of :class:`~sourcedesk.vault.exceptions.VaultError`):

- ``NotARecipient`` — the user holds no wrapped key for this envelope;
- ``VaultLocked`` — the user's key is not unlocked in this session (sign in again);
- ``EnvelopeDestroyed`` — the envelope was crypto-shredded;
- ``NoRecipients`` — sealing found nobody able to open the result.

Every successful unwrap by a staff member is written to the audit log here (``vault.unwrap``),
so callers need not log it again. Files stream: :func:`envelope_file_begin` returns a writer
that encrypts chunks straight to blob storage; :func:`envelope_open_file` streams them back.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from sourcedesk.audit.services import audit_record

from . import crypto, session
from .conf import staff_kdf
from .exceptions import EnvelopeDestroyed, NoRecipients, NotARecipient, VaultLocked, WrongPassphrase
from .models import Envelope, EscrowKey, StaffKeypair, WrappedKey
from .storage import BlobWriter, blob_storage

__all__ = [
    "SealedFile",
    "SealedFileWriter",
    "envelope_add_recipient",
    "envelope_destroy",
    "envelope_file_begin",
    "envelope_open",
    "envelope_open_file",
    "envelope_open_file_with_private_key",
    "envelope_open_with_private_key",
    "envelope_readers",
    "envelope_seal",
    "escrow_enable",
    "escrow_recover",
    "keypair_for",
    "staff_keypair_create",
    "staff_keypair_recover",
    "staff_keypair_rewrap",
    "staff_keypair_unlock",
]


# --- Staff keypairs --------------------------------------------------------------------------


def _staff_aad(user, public_key: bytes, kind: str) -> bytes:
    return f"sourcedesk/staff-key/v1|{kind}|{user.pk}|{public_key.hex()}".encode()


def _format_recovery_key(secret: bytes) -> str:
    text = base64.b32encode(secret).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def _parse_recovery_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        secret = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError as exc:
        raise WrongPassphrase("This is not a recovery key.") from exc
    if len(secret) != crypto.KEY_BYTES:
        raise WrongPassphrase("This is not a recovery key.")
    return secret


def keypair_for(user) -> StaffKeypair | None:
    """Return ``user``'s keypair, or None if they have not enrolled yet."""
    if user is None or not getattr(user, "pk", None):
        return None
    return StaffKeypair.objects.filter(user=user).first()


def _wrap_for_passphrase(keypair: StaffKeypair, user, private_key: bytes, passphrase: str) -> None:
    params = staff_kdf()
    salt = crypto.random_key()[: crypto.SALT_BYTES]
    wrapping_key = crypto.kdf(passphrase.encode(), salt, params)
    public_key = bytes(keypair.public_key)
    keypair.wrapped_private_key = crypto.encrypt(
        private_key, wrapping_key, aad=_staff_aad(user, public_key, "passphrase")
    )
    keypair.kdf_salt = salt
    keypair.kdf_opslimit = params.opslimit
    keypair.kdf_memlimit = params.memlimit


@transaction.atomic
def staff_keypair_create(*, user, passphrase: str) -> str | None:
    """Create ``user``'s keypair and return the printable recovery key (shown once).

    Return None if the user already has a keypair: replacing it would orphan every item sealed
    to them, so re-enrolment keeps the existing one.
    """
    if StaffKeypair.objects.select_for_update().filter(user=user).exists():
        return None
    public_key, private_key = crypto.keypair_generate()
    recovery_secret = crypto.random_key()
    keypair = StaffKeypair(user=user, public_key=public_key, created_on=timezone.localdate())
    _wrap_for_passphrase(keypair, user, private_key, passphrase)
    keypair.recovery_wrapped_private_key = crypto.encrypt(
        private_key,
        crypto.subkey(recovery_secret, "sourcedesk/recovery"),
        aad=_staff_aad(user, public_key, "recovery"),
    )
    escrow = EscrowKey.objects.filter(active=True).order_by("-pk").first()
    if escrow is not None:
        keypair.escrow_wrapped_private_key = crypto.wrap_to_public_key(private_key, bytes(escrow.public_key))
    keypair.save()
    audit_record(
        actor=user,
        action="vault.keypair_create",
        target=keypair,
        data={"escrowed": escrow is not None},
    )
    return _format_recovery_key(recovery_secret)


def staff_keypair_unlock(*, user, passphrase: str) -> tuple[bytes, bytes]:
    """Return ``(public_key, private_key)`` unwrapped with ``passphrase``; raise WrongPassphrase."""
    keypair = keypair_for(user)
    if keypair is None:
        raise WrongPassphrase("This user has no keypair.")
    params = crypto.KdfParams(opslimit=keypair.kdf_opslimit, memlimit=keypair.kdf_memlimit)
    public_key = bytes(keypair.public_key)
    wrapping_key = crypto.kdf(passphrase.encode(), bytes(keypair.kdf_salt), params)
    try:
        private_key = crypto.decrypt(
            bytes(keypair.wrapped_private_key),
            wrapping_key,
            aad=_staff_aad(user, public_key, "passphrase"),
        )
    except crypto.CryptoError as exc:
        raise WrongPassphrase("The passphrase does not unlock this key.") from exc
    return public_key, private_key


@transaction.atomic
def staff_keypair_rewrap(*, user, old_passphrase: str, new_passphrase: str) -> None:
    """Re-wrap ``user``'s private key under ``new_passphrase``; raise WrongPassphrase."""
    _public, private_key = staff_keypair_unlock(user=user, passphrase=old_passphrase)
    keypair = StaffKeypair.objects.select_for_update().get(user=user)
    _wrap_for_passphrase(keypair, user, private_key, new_passphrase)
    keypair.save()
    audit_record(actor=user, action="vault.keypair_rewrap", target=keypair)


@transaction.atomic
def staff_keypair_recover(*, user, recovery_key: str, new_passphrase: str) -> None:
    """Unwrap ``user``'s key with their recovery key and wrap it under ``new_passphrase``."""
    keypair = StaffKeypair.objects.select_for_update().filter(user=user).first()
    if keypair is None:
        raise WrongPassphrase("This user has no keypair.")
    secret = _parse_recovery_key(recovery_key)
    try:
        private_key = crypto.decrypt(
            bytes(keypair.recovery_wrapped_private_key),
            crypto.subkey(secret, "sourcedesk/recovery"),
            aad=_staff_aad(user, bytes(keypair.public_key), "recovery"),
        )
    except crypto.CryptoError as exc:
        raise WrongPassphrase("The recovery key does not unlock this key.") from exc
    _wrap_for_passphrase(keypair, user, private_key, new_passphrase)
    keypair.save()
    audit_record(actor=user, action="vault.keypair_recover", target=keypair)


@transaction.atomic
def escrow_enable(*, by_user) -> str:
    """Turn admin escrow on and return its private key, printable, to keep offline.

    Only keypairs created from now on are escrowed. Escrow is off until this is called.
    """
    public_key, private_key = crypto.keypair_generate()
    EscrowKey.objects.filter(active=True).update(active=False)
    escrow = EscrowKey.objects.create(public_key=public_key, created_on=timezone.localdate())
    audit_record(actor=by_user, action="vault.escrow_enable", target=escrow)
    return _format_recovery_key(private_key)


@transaction.atomic
def escrow_recover(*, by_user, user, escrow_private_key: str, new_passphrase: str) -> None:
    """Use the escrow key to give ``user`` a new passphrase; always audit-logged."""
    keypair = StaffKeypair.objects.select_for_update().filter(user=user).first()
    if keypair is None or keypair.escrow_wrapped_private_key is None:
        raise WrongPassphrase("This keypair is not escrowed.")
    try:
        private_key = crypto.unwrap_with_private_key(
            bytes(keypair.escrow_wrapped_private_key), _parse_recovery_key(escrow_private_key)
        )
    except crypto.CryptoError as exc:
        raise WrongPassphrase("The escrow key does not unlock this key.") from exc
    _wrap_for_passphrase(keypair, user, private_key, new_passphrase)
    keypair.save()
    audit_record(actor=by_user, action="vault.escrow_use", target=keypair, data={"user_id": user.pk})


# --- Envelopes -------------------------------------------------------------------------------


def _envelope_aad(envelope_id: uuid.UUID, purpose: str) -> bytes:
    return f"sourcedesk/envelope/v1|{envelope_id}|{purpose}".encode()


def _collect_recipients(
    recipients: Iterable[Any], extra_public_keys: Iterable[bytes]
) -> tuple[dict[str, tuple[Any, bytes]], list[Any]]:
    """Return ``{public key hex: (user or None, public key)}`` and the users skipped."""
    targets: dict[str, tuple[Any, bytes]] = {}
    skipped: list[Any] = []
    users = list(recipients)
    keypairs = {kp.user_id: kp for kp in StaffKeypair.objects.filter(user__in=[u.pk for u in users])}
    for user in users:
        keypair = keypairs.get(user.pk)
        if keypair is None or not user.is_active:
            skipped.append(user)
            continue
        public_key = bytes(keypair.public_key)
        targets.setdefault(public_key.hex(), (user, public_key))
    for public_key in extra_public_keys:
        targets.setdefault(bytes(public_key).hex(), (None, bytes(public_key)))
    return targets, skipped


def _wrap_all(envelope: Envelope, item_key: bytes, targets: dict[str, tuple[Any, bytes]]) -> None:
    WrappedKey.objects.bulk_create(
        [
            WrappedKey(
                envelope=envelope,
                user=user,
                recipient=hexed,
                wrapped=crypto.wrap_to_public_key(item_key, public_key),
            )
            for hexed, (user, public_key) in targets.items()
        ]
    )


def envelope_seal(
    *,
    plaintext: bytes,
    recipients: Iterable[Any],
    purpose: str,
    extra_public_keys: Iterable[bytes] = (),
) -> Envelope:
    """Seal ``plaintext`` under a fresh key wrapped to each recipient and return the envelope.

    ``recipients`` are staff users; those without a keypair (or inactive) are skipped and listed
    in ``envelope.skipped_recipients``. ``extra_public_keys`` adds readers who are not users
    (a portal source's key). Raise NoRecipients if nobody at all could open the result.
    """
    targets, skipped = _collect_recipients(recipients, extra_public_keys)
    if not targets:
        raise NoRecipients("None of the recipients has a keypair.")
    item_key = crypto.random_key()
    envelope_id = uuid.uuid4()
    with transaction.atomic():
        envelope = Envelope.objects.create(
            id=envelope_id,
            purpose=purpose,
            created_on=timezone.localdate(),
            ciphertext=crypto.encrypt(plaintext, item_key, aad=_envelope_aad(envelope_id, purpose)),
        )
        _wrap_all(envelope, item_key, targets)
    envelope.skipped_recipients = skipped
    return envelope


def _item_key_for(envelope: Envelope, public_key: bytes, private_key: bytes) -> bytes:
    if envelope.is_destroyed:
        raise EnvelopeDestroyed("This item was destroyed.")
    wrap = WrappedKey.objects.filter(envelope=envelope, recipient=public_key.hex()).first()
    if wrap is None:
        raise NotARecipient("This item was not sealed to you.")
    try:
        return crypto.unwrap_with_private_key(bytes(wrap.wrapped), private_key)
    except crypto.CryptoError as exc:
        raise NotARecipient("This item was not sealed to you.") from exc


def _staff_item_key(envelope: Envelope, user, request: HttpRequest) -> bytes:
    keypair = keypair_for(user)
    if keypair is None:
        raise NotARecipient("You have no keypair.")
    public_key = bytes(keypair.public_key)
    if not WrappedKey.objects.filter(envelope=envelope, recipient=public_key.hex()).exists():
        if envelope.is_destroyed:
            raise EnvelopeDestroyed("This item was destroyed.")
        raise NotARecipient("This item was not sealed to you.")
    session_public, private_key = session.private_key(request=request, user=user)
    if session_public != public_key:
        raise VaultLocked("The unlocked key is not this user's current key.")
    return _item_key_for(envelope, public_key, private_key)


def _decrypt_content(envelope: Envelope, item_key: bytes) -> bytes:
    if envelope.ciphertext is None:
        return b""
    try:
        return crypto.decrypt(
            bytes(envelope.ciphertext), item_key, aad=_envelope_aad(envelope.pk, envelope.purpose)
        )
    except crypto.CryptoError as exc:
        raise NotARecipient("This item cannot be opened.") from exc


def envelope_open(*, envelope: Envelope, user, request: HttpRequest) -> bytes:
    """Return the plaintext of ``envelope`` for ``user``, unwrapped with their session key.

    For a file envelope this is its metadata (JSON); stream the file with
    :func:`envelope_open_file`. Raise NotARecipient, VaultLocked or EnvelopeDestroyed.
    The unwrap is audit-logged.
    """
    item_key = _staff_item_key(envelope, user, request)
    plaintext = _decrypt_content(envelope, item_key)
    audit_record(actor=user, action="vault.unwrap", target=envelope, data={"purpose": envelope.purpose})
    return plaintext


def envelope_open_with_private_key(*, envelope: Envelope, public_key: bytes, private_key: bytes) -> bytes:
    """Return the plaintext of ``envelope`` for a reader who is not a user (a portal source).

    Not audit-logged: a timestamped log entry would record when a source was active.
    """
    return _decrypt_content(envelope, _item_key_for(envelope, public_key, private_key))


@transaction.atomic
def envelope_add_recipient(*, envelope: Envelope, by_user, request: HttpRequest, recipient) -> bool:
    """Let ``recipient`` (a user) read ``envelope``; ``by_user`` must already be able to.

    Return False if the recipient has no keypair or already holds a key; audit-logged.
    """
    keypair = keypair_for(recipient)
    if keypair is None or not recipient.is_active:
        return False
    public_key = bytes(keypair.public_key)
    if WrappedKey.objects.filter(envelope=envelope, recipient=public_key.hex()).exists():
        return False
    item_key = _staff_item_key(envelope, by_user, request)
    WrappedKey.objects.create(
        envelope=envelope,
        user=recipient,
        recipient=public_key.hex(),
        wrapped=crypto.wrap_to_public_key(item_key, public_key),
    )
    audit_record(
        actor=by_user,
        action="vault.add_recipient",
        target=envelope,
        data={"recipient_id": recipient.pk, "purpose": envelope.purpose},
    )
    return True


def envelope_readers(*, envelope: Envelope) -> list[Any]:
    """Return the staff users holding a wrapped key for ``envelope``."""
    user_ids = WrappedKey.objects.filter(envelope=envelope, user__isnull=False).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids))


@transaction.atomic
def envelope_destroy(*, envelope: Envelope, actor=None, reason: str = "") -> None:
    """Crypto-shred ``envelope``: delete every wrapped key, the ciphertext and the blob.

    Without the wrapped keys the item key is gone, so copies of the ciphertext left on an SSD
    or in a backup can no longer be opened. Audit-logged.
    """
    envelope = Envelope.objects.select_for_update().get(pk=envelope.pk)
    if envelope.is_destroyed:
        return
    WrappedKey.objects.filter(envelope=envelope).delete()
    blob_name = envelope.blob_name
    envelope.ciphertext = None
    envelope.blob_name = ""
    envelope.destroyed_on = timezone.localdate()
    envelope.save(update_fields=["ciphertext", "blob_name", "destroyed_on"])
    audit_record(
        actor=actor,
        action="vault.destroy",
        target=envelope,
        data={"purpose": envelope.purpose, "reason": reason},
    )
    if blob_name:
        transaction.on_commit(lambda: blob_storage().delete(blob_name))


# --- Files -----------------------------------------------------------------------------------


class SealedFileWriter:
    """Encrypt a file chunk by chunk straight into blob storage; plaintext never touches disk.

    Call :meth:`write` with pieces of any size, then :meth:`finish` with the recipients (which
    may be decided only after the upload, e.g. once a source's codename exists), or
    :meth:`abort` to leave nothing behind.
    """

    def __init__(self) -> None:
        self._item_key = crypto.random_key()
        self._encryptor = crypto.StreamEncryptor(crypto.subkey(self._item_key, "sourcedesk/blob"))
        self._blob: BlobWriter | None = blob_storage().writer()
        self.envelope: Envelope | None = None

    @property
    def size(self) -> int:
        """Return the plaintext bytes written so far."""
        return self._encryptor.plaintext_size

    def write(self, data: bytes) -> None:
        if self._blob is None:
            raise ValueError("This file is closed.")
        for chunk in self._encryptor.update_chunks(data):
            self._blob.write(chunk)

    def abort(self) -> None:
        """Delete the partial blob; safe to call more than once."""
        if self._blob is not None:
            self._blob.abort()
            self._blob = None

    def discard(self) -> None:
        """Delete this file's blob whether or not it was finished (its envelope rolled back)."""
        if self.envelope is not None:
            blob_storage().delete(self.envelope.blob_name)
            self.envelope = None
        self.abort()

    def finish(
        self,
        *,
        recipients: Iterable[Any],
        purpose: str,
        metadata: dict[str, Any],
        extra_public_keys: Iterable[bytes] = (),
    ) -> Envelope:
        """Close the blob and create its envelope; ``metadata`` (file name etc.) is sealed too."""
        if self._blob is None:
            raise ValueError("This file is closed.")
        targets, skipped = _collect_recipients(recipients, extra_public_keys)
        if not targets:
            self.abort()
            raise NoRecipients("None of the recipients has a keypair.")
        blob = self._blob
        blob.write(self._encryptor.finish())
        blob.commit()
        self._blob = None
        envelope_id = uuid.uuid4()
        meta = dict(metadata, size=self._encryptor.plaintext_size)
        try:
            with transaction.atomic():
                envelope = Envelope.objects.create(
                    id=envelope_id,
                    purpose=purpose,
                    created_on=timezone.localdate(),
                    ciphertext=crypto.encrypt(
                        json.dumps(meta).encode(),
                        self._item_key,
                        aad=_envelope_aad(envelope_id, purpose),
                    ),
                    blob_name=blob.name,
                    blob_size=blob.size,
                )
                _wrap_all(envelope, self._item_key, targets)
        except BaseException:
            blob_storage().delete(blob.name)
            raise
        envelope.skipped_recipients = skipped
        self.envelope = envelope
        return envelope


def envelope_file_begin() -> SealedFileWriter:
    """Start a streaming file envelope (see :class:`SealedFileWriter`)."""
    return SealedFileWriter()


@dataclass
class SealedFile:
    """An opened file envelope: its sealed metadata and a lazy stream of plaintext chunks."""

    metadata: dict[str, Any]
    _envelope: Envelope
    _key: bytes = field(repr=False)

    @property
    def name(self) -> str:
        return str(self.metadata.get("name") or "file")

    @property
    def size(self) -> int:
        return int(self.metadata.get("size") or 0)

    def chunks(self) -> Iterator[bytes]:
        """Yield the file's plaintext; raise CryptoError if the blob was tampered with."""
        with blob_storage().open(self._envelope.blob_name) as handle:
            yield from crypto.stream_decrypt(handle, crypto.subkey(self._key, "sourcedesk/blob"))

    def read(self) -> bytes:
        """Return the whole plaintext (use :meth:`chunks` for large files)."""
        return b"".join(self.chunks())


def _open_file(envelope: Envelope, item_key: bytes) -> SealedFile:
    if not envelope.has_blob:
        raise NotARecipient("This item is not a file.")
    metadata = json.loads(_decrypt_content(envelope, item_key) or b"{}")
    return SealedFile(metadata=metadata, _envelope=envelope, _key=item_key)


def envelope_open_file(*, envelope: Envelope, user, request: HttpRequest) -> SealedFile:
    """Open a file envelope for ``user`` (audit-logged); stream it with ``.chunks()``."""
    item_key = _staff_item_key(envelope, user, request)
    sealed = _open_file(envelope, item_key)
    audit_record(actor=user, action="vault.unwrap_file", target=envelope, data={"purpose": envelope.purpose})
    return sealed


def envelope_open_file_with_private_key(
    *, envelope: Envelope, public_key: bytes, private_key: bytes
) -> SealedFile:
    """Open a file envelope for a non-user reader (a portal source); not audit-logged."""
    return _open_file(envelope, _item_key_for(envelope, public_key, private_key))
