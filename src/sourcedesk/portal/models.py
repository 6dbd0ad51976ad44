"""Portal records: sources known only by a codename hash, and their sealed conversation.

Nothing here is readable without a key: every message, file (name included) and reply lives in a
vault envelope. Dates are days, never times, so the server cannot tell when a source was active
within a day; the order of a conversation is kept by a per-source position number.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .designations import designation_text


def _public_id() -> str:
    return secrets.token_urlsafe(12)


class PortalSource(models.Model):
    """Someone who submitted through the portal. Identified only by a hash of their codename."""

    public_id = models.CharField(max_length=24, unique=True, default=_public_id, editable=False)
    # Keyed hash of the codename's Argon2id output; used to find the source at login.
    login_hash = models.CharField(max_length=64, unique=True)
    # Derived from the codename too: replies are sealed to it; its private half is never stored.
    public_key = models.BinaryField(max_length=32)
    # The codename cost version (``vault.crypto.CODENAME_KDFS``) both were derived with; kept for
    # good, since the keypair depends on it. Empty only for sources from before versions were
    # recorded: their first sign-in fills it in.
    kdf_version = models.PositiveSmallIntegerField(null=True, blank=True)
    adjective = models.PositiveSmallIntegerField()
    noun = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(default=1)
    # Set when a source is promoted and given a handler: they are then a recipient too.
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="portal_sources",
    )
    created_on = models.DateField()
    last_active_on = models.DateField()
    next_position = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("portal source")
        verbose_name_plural = _("portal sources")
        ordering = ["-last_active_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["adjective", "noun", "number"], name="portal_unique_designation")
        ]

    def __str__(self) -> str:
        return self.designation

    @property
    def designation(self) -> str:
        """Return the designation in the active language."""
        return designation_text(self.adjective, self.noun, self.number)


class Submission(models.Model):
    """One message (and its files) from a source; the text is sealed in ``envelope``."""

    source = models.ForeignKey(PortalSource, on_delete=models.CASCADE, related_name="submissions")
    position = models.PositiveIntegerField()
    envelope = models.OneToOneField(
        "vault.Envelope", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_on = models.DateField()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["source", "position"]

    def __str__(self) -> str:
        return f"submission:{self.pk}"


class Attachment(models.Model):
    """A file sent with a submission; its name, type and content are all sealed."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    envelope = models.OneToOneField("vault.Envelope", on_delete=models.PROTECT, related_name="+")
    public_id = models.CharField(max_length=24, unique=True, default=_public_id, editable=False)

    class Meta:
        ordering = ["pk"]


class Reply(models.Model):
    """A desk reply to a source, sealed to the source's key and to the recipients."""

    source = models.ForeignKey(PortalSource, on_delete=models.CASCADE, related_name="replies")
    position = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    envelope = models.OneToOneField("vault.Envelope", on_delete=models.PROTECT, related_name="+")
    created_on = models.DateField()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["source", "position"]
