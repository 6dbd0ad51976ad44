"""Signing test clients in through the real sign-in form."""

from __future__ import annotations

from django.test import Client

from sourcedesk.accounts import totp
from sourcedesk.accounts.models import BackupCode

from .factories import PASSWORD


def fresh_backup_code(user) -> str:
    """Give ``user`` one more unused backup code and return it."""
    code = totp.new_backup_codes()[0]
    BackupCode.objects.create(user=user, code_hash=totp.hash_backup_code(code))
    return code


def login(client: Client, user, *, password: str = PASSWORD) -> Client:
    """Sign ``client`` in as ``user`` with passphrase and a second factor, as a person would.

    Going through the real form means the vault session is unlocked exactly as in production.
    """
    response = client.post(
        "/desk/login/",
        {"username": user.username, "password": password, "code": fresh_backup_code(user)},
    )
    assert response.status_code == 302, f"sign-in failed for {user.username}: {response.status_code}"
    return client
