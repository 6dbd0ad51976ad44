"""Template context shared by every desk page."""

from __future__ import annotations

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

# The daily work first, then the tools, then administration.
NAV_ORDER = ["portal", "network", "desk", "stories", "facts", "protect", "audit", "accounts"]


def navigation_for(user) -> list[dict]:
    """Return the desk sections ``user`` may open, from each app's ``desk_nav`` entries."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    configs = sorted(
        apps.get_app_configs(), key=lambda c: NAV_ORDER.index(c.label) if c.label in NAV_ORDER else 0
    )
    for config in configs:
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
