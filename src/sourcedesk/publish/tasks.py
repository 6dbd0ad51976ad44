"""Follow-up work after the public zone changes."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from django.conf import settings
from huey.contrib.djhuey import db_task

from .cache import bump_generation

logger = logging.getLogger("sourcedesk.publish")


def export_dir() -> Path | None:
    """Return the folder a mirror export is kept in, if one is configured."""
    value = getattr(settings, "SOURCEDESK_EXPORT_DIR", None) or os.environ.get("SOURCEDESK_EXPORT_DIR", "")
    return Path(value) if value else None


@db_task()
def refresh_export() -> None:
    """Bring the configured static export up to date (only changed files are rewritten)."""
    from .export import export_site  # noqa: PLC0415

    target = export_dir()
    if target is None:
        return
    result = export_site(target, base_url=os.environ.get("SOURCEDESK_PUBLIC_URL", ""))
    logger.info("export refreshed: %s written, %s removed", result.written, result.removed)


def public_site_changed() -> None:
    """Drop cached public pages now and queue a refresh of the static export."""
    bump_generation()
    if export_dir() is not None:
        refresh_export()
