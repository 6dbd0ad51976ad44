"""Template context shared by every desk page."""

from __future__ import annotations

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


def navigation_for(user) -> list[dict]:
    """Return the desk sections ``user`` may open, from each app's ``desk_nav`` entries."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    for config in apps.get_app_configs():
        for url_name, label, roles in getattr(config, "desk_nav", []):
            if roles is not None and user.role not in roles:
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"url": url, "label": label, "name": url_name})
    return items


def desk_navigation(request: HttpRequest) -> dict:
    if not request.path.startswith("/desk/"):
        return {}
    return {"desk_nav": navigation_for(getattr(request, "user", None))}
