"""Reads for the protect app."""

from __future__ import annotations

from .models import AllowedName
from .scanner import default_allow


def allow_list() -> frozenset[str]:
    """Return the shipped allow-list plus the desk's additions, lower-cased, ready for ``scan(allow=...)``."""
    extra = {n.lower() for n in AllowedName.objects.values_list("name", flat=True)}
    return default_allow() | extra
