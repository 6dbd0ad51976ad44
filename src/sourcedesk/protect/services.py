"""Writes for the protect app: the desk's allow-list of public figures."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sourcedesk.accounts.roles import Role, has_role
from sourcedesk.audit.services import audit_record

from .models import AllowedName


def _check_editor(actor) -> None:
    if actor is not None and not has_role(actor, Role.EDITOR, Role.ADMIN):
        raise ValidationError(_("Only editors and admins can change the allow-list."))


@transaction.atomic
def allowed_name_add(*, actor, name: str) -> AllowedName:
    """Add ``name`` to the allow-list (``actor`` None means the command line) and log it."""
    _check_editor(actor)
    name = " ".join(name.split())
    if len(name) < 2:
        raise ValidationError(_("A name needs at least two characters."))
    entry, _created = AllowedName.objects.get_or_create(name=name, defaults={"added_by": actor})
    audit_record(actor=actor, action="protect.allow_add", target=entry, data={"name": name})
    return entry


@transaction.atomic
def allowed_name_remove(*, actor, name: str) -> bool:
    """Remove ``name`` from the allow-list; return whether it was there."""
    _check_editor(actor)
    name = " ".join(name.split())
    deleted, _rows = AllowedName.objects.filter(name=name).delete()
    if deleted:
        audit_record(actor=actor, action="protect.allow_remove", data={"name": name})
    return bool(deleted)
