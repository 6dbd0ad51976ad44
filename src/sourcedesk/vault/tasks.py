"""Scheduled vault work."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .storage import blob_storage

# Partial blobs older than this belong to uploads that died with their server process.
PARTIAL_MAX_AGE_SECONDS = 6 * 60 * 60


@db_periodic_task(crontab(minute="41"))
def vault_partial_cleanup() -> int:
    """Delete encrypted partial uploads left behind by a crash (hourly)."""
    return blob_storage().cleanup_partials(older_than_seconds=PARTIAL_MAX_AGE_SECONDS)
