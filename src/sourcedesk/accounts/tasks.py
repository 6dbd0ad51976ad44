"""Periodic clean-up of ended staff sessions."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import sessions_expire


@db_periodic_task(crontab(minute="*/5"))
def expired_sessions_remove() -> int:
    """Delete stored sessions past their idle or absolute limit, with their half of the staff key."""
    return sessions_expire()
