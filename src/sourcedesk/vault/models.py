"""Vault records: staff keypairs (private halves only ever wrapped), envelopes and wrapped keys.

Nothing in these tables is readable without a private key: an envelope's ciphertext is under a
fresh item key, and that item key exists only sealed to each reader's public key.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffKeypair(models.Model):
    """A staff member's X25519 keypair.

    The private key is stored three ways at most, never in plaintext: wrapped under Argon2id of
    the passphrase, wrapped under the printable recovery key, and (only if an admin turned escrow
    on) sealed to the escrow key.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vault_keypair"
    )
    public_key = models.BinaryField(max_length=32)
    wrapped_private_key = models.BinaryField()
    kdf_salt = models.BinaryField(max_length=16)
    kdf_opslimit = models.PositiveIntegerField()
    kdf_memlimit = models.PositiveBigIntegerField()
    recovery_wrapped_private_key = models.BinaryField()
    escrow_wrapped_private_key = models.BinaryField(null=True, blank=True)
    created_on = models.DateField()

    class Meta:
        verbose_name = _("staff keypair")
        verbose_name_plural = _("staff keypairs")

    def __str__(self) -> str:
        return f"keypair:{self.user_id}"

    @property
    def fingerprint(self) -> str:
        """Return the public key in hex, grouped for reading aloud."""
        hexed = bytes(self.public_key).hex()
        return " ".join(hexed[i : i + 4] for i in range(0, 32, 4))


class EscrowKey(models.Model):
    """The admin escrow public key. Off by default: no row, no escrow.

    Its private key is printed once when escrow is turned on and never stored on the server.
    """

    public_key = models.BinaryField(max_length=32)
    created_on = models.DateField()
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("escrow key")
        verbose_name_plural = _("escrow keys")


class Envelope(models.Model):
    """One sealed item: a small ciphertext and, for files, an encrypted blob in storage.

    ``created_on`` is a date on purpose: sealed items carry no time of day.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    purpose = models.CharField(max_length=64)
    created_on = models.DateField()
    ciphertext = models.BinaryField(null=True, blank=True)
    blob_name = models.CharField(max_length=80, blank=True)
    blob_size = models.PositiveBigIntegerField(default=0)
    destroyed_on = models.DateField(null=True, blank=True)

    # Set by envelope_seal on the returned instance: the users left out for lack of a keypair.
    skipped_recipients: list[Any]

    class Meta:
        verbose_name = _("envelope")
        verbose_name_plural = _("envelopes")
        indexes = [models.Index(fields=["purpose", "created_on"])]

    def __str__(self) -> str:
        return f"envelope:{self.pk}"

    @property
    def is_destroyed(self) -> bool:
        return self.destroyed_on is not None

    @property
    def has_blob(self) -> bool:
        return bool(self.blob_name)


class WrappedKey(models.Model):
    """An envelope's item key sealed to one reader's public key.

    ``user`` is set for staff readers; a portal source is a reader by public key only.
    """

    envelope = models.ForeignKey(Envelope, on_delete=models.CASCADE, related_name="wrapped_keys")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient = models.CharField(max_length=64, db_index=True)
    wrapped = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["envelope", "recipient"], name="vault_one_wrap_per_key")
        ]
