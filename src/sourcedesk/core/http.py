"""Request types for views behind the staff guard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from sourcedesk.accounts.models import User


class StaffRequest(HttpRequest):
    """A request that passed ``StaffSessionMiddleware``: ``user`` is a signed-in staff member."""

    user: User
