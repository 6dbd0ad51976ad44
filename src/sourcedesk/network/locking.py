"""Optimistic locking for desk records edited by several people at once.

Each lockable model has a ``version`` integer. A form carries the version it was read at; the
service saves only if the row still has that version, and bumps it. The second of two editors
saving the same record gets :class:`StaleObjectError` and keeps their text in the form.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import F
from django.utils import timezone


class StaleObjectError(Exception):
    """The record changed since the editor opened it."""


def save_versioned(*, instance: models.Model, expected_version: int, fields: Iterable[str]) -> None:
    """Write ``fields`` of ``instance`` if its row is still at ``expected_version``; bump it.

    Raise :class:`StaleObjectError` when someone else saved first. A single conditional
    ``UPDATE`` decides, so two concurrent savers cannot both win.
    """
    values = {name: getattr(instance, name) for name in fields}
    model = type(instance)
    if any(f.name == "updated_at" for f in model._meta.get_fields()):
        values["updated_at"] = timezone.now()
        instance.updated_at = values["updated_at"]  # type: ignore[attr-defined]
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if updated != 1:
        raise StaleObjectError
    instance.version = expected_version + 1  # type: ignore[attr-defined]


def form_keep_with_version(form, version: int) -> None:
    """Keep what the user typed in ``form`` but carry the record's current ``version``.

    Saving again after reading the "someone else saved" message is then a deliberate overwrite.
    """
    data = form.data.copy()
    data["version"] = str(version)
    form.data = data
