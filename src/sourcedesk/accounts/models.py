"""Staff users, their second factor and the login throttle."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class StaffManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A staff member. Sources are never users; they live in the portal and the network."""

    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.REPORTER)
    # The TOTP secret, encrypted under a key derived from the server secret.
    totp_secret_sealed = models.BinaryField(null=True, blank=True, editable=False)
    totp_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    totp_last_step = models.BigIntegerField(default=0, editable=False)
    failed_logins = models.PositiveIntegerField(default=0, editable=False)

    objects: ClassVar[StaffManager] = StaffManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def has_totp(self) -> bool:
        return self.totp_confirmed_at is not None


class BackupCode(models.Model):
    """A single-use second factor, stored only as a keyed hash."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="backup_codes")
    code_hash = models.CharField(max_length=64)
    used = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["user", "used"])]


class LoginThrottle(models.Model):
    """Failed sign-ins per account name (keyed hash), never per address.

    Names that match no account are throttled the same way, so the lockout does not reveal
    which accounts exist.
    """

    name_hash = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
