"""Staff roles. Each user has exactly one; it is mirrored into a Django group of the same name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    EDITOR = "editor", _("Editor")
    REPORTER = "reporter", _("Reporter")
    TRANSLATOR = "translator", _("Translator")


def has_role(user, *roles: str) -> bool:
    """Return whether ``user`` is an active, fully signed-in staff member with one of ``roles``."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "role", None) in roles
    )
