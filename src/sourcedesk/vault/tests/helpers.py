"""Test helpers: a request whose vault session is unlocked, as after a real sign-in."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.test import RequestFactory

from sourcedesk.accounts import keys
from sourcedesk.accounts.tests.factories import PASSWORD


def unlocked_request(user, *, passphrase: str = PASSWORD):
    """Return a request for ``user`` with a session and an unlocked vault key."""
    request = RequestFactory().get("/desk/")
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    request.user = user
    keys.session_unlock(request=request, user=user, passphrase=passphrase)
    return request
