"""Scheduled portal work: retention by crypto-shredding."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import retention_run


@db_periodic_task(crontab(hour="3", minute="17"))
def portal_retention() -> int:
    """Destroy submissions and replies older than SOURCEDESK_RETENTION_DAYS (daily)."""
    return retention_run()
