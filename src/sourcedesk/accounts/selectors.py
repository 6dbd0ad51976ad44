"""Reading staff accounts."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from .models import User
from .roles import Role, has_role


def users_for_admin(*, user) -> QuerySet[User]:
    """Return every staff member, for an admin; anyone else is refused."""
    if not has_role(user, Role.ADMIN):
        raise PermissionDenied
    return User.objects.order_by("username")


def user_get_for_admin(*, user, pk: int) -> User:
    """Return staff member ``pk`` for an admin."""
    try:
        return users_for_admin(user=user).get(pk=pk)
    except User.DoesNotExist as exc:
        raise Http404 from exc


def staff_with_role(*roles: str) -> QuerySet[User]:
    """Return active staff with one of ``roles``."""
    return User.objects.filter(is_active=True, role__in=roles)
