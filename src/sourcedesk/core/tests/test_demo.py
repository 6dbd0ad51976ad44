"""`sourcedesk demo` seeds a working, invented desk and can run twice."""

from io import StringIO

import pyotp
import pytest
from django.core.management import call_command
from django.test import Client

from sourcedesk.accounts.models import User
from sourcedesk.core.management.commands.demo import DEMO_PASSPHRASE, demo_totp_secret

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_its_printed_login_works():
    """Running the demo twice changes no counts, and a printed login opens the desk."""
    first = StringIO()
    call_command("demo", stdout=first)
    counts = {model: model.objects.count() for model in _seeded_models()}
    call_command("demo", stdout=StringIO())
    assert {model: model.objects.count() for model in _seeded_models()} == counts
    output = first.getvalue()
    for username in ("admin", "editor", "editor2", "reporter", "reporter2", "translator"):
        assert username in output
    assert demo_totp_secret("editor") in output
    client = Client()
    code = pyotp.TOTP(demo_totp_secret("editor")).now()
    response = client.post("/desk/login/", {"username": "editor", "password": DEMO_PASSPHRASE, "code": code})
    assert response.status_code == 302
    assert client.get("/desk/").status_code == 200
    assert User.objects.filter(username="editor", role="editor").exists()


def _seeded_models():
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"accounts", "network", "desk", "stories", "facts"}
    ]
