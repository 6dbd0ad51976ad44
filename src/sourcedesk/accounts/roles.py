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


# Model permissions each role's group carries, by app label and action. Views and selectors
# still check roles and compartments; the groups make the same split visible to Django tools.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    Role.ADMIN: {"accounts": ("add", "change", "view"), "audit": ("view",)},
    Role.EDITOR: dict.fromkeys(
        ("network", "desk", "portal", "stories", "facts", "publish", "protect"), ("add", "change", "view")
    )
    | {"audit": ("view",)},
    Role.REPORTER: dict.fromkeys(
        ("network", "desk", "stories", "facts", "protect"), ("add", "change", "view")
    ),
    Role.TRANSLATOR: {"stories": ("change", "view"), "facts": ("view",), "protect": ("view",)},
}


def role_groups_sync(**kwargs) -> None:
    """Create one group per role and give it the permissions in ``ROLE_PERMISSIONS``."""
    from django.contrib.auth.models import Group, Permission

    for role, grants in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for app_label, actions in grants.items():
            codenames = list(Permission.objects.filter(content_type__app_label=app_label))
            wanted += [p for p in codenames if p.codename.split("_", 1)[0] in actions]
        group.permissions.set(wanted)
