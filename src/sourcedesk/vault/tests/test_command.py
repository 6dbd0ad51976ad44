"""The ``vault`` management command."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from sourcedesk.accounts import keys
from sourcedesk.accounts.tests.factories import AdminFactory, EditorFactory
from sourcedesk.audit.models import AuditEntry
from sourcedesk.vault import services

pytestmark = pytest.mark.django_db


def run(*args, stdin: str = "") -> str:
    out = io.StringIO()
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("vault", *args, stdout=out)
    finally:
        sys.stdin = old
    return out.getvalue()


def test_status_lists_users_without_keypairs():
    """Status shows escrow off by default and who cannot receive sealed items."""
    EditorFactory(username="keyed")
    EditorFactory(username="unkeyed", with_keys=False)
    out = run("status")
    assert "Escrow: off" in out and "NO KEYPAIR" in out.split("unkeyed")[1].splitlines()[0]


def test_recover_with_recovery_key():
    """The printed recovery key re-wraps the key under a new passphrase."""
    editor = EditorFactory(with_keys=False)
    recovery = keys.keypair_create(user=editor, passphrase="old passphrase 123")
    run("recover", editor.username, stdin=f"{recovery}\nbrand new passphrase\n")
    services.staff_keypair_unlock(user=editor, passphrase="brand new passphrase")
    with pytest.raises(CommandError):
        run("recover", editor.username, stdin="AAAA\nbrand new passphrase\n")


def test_escrow_enable_and_use_need_an_admin_and_are_audited():
    """Only an admin turns escrow on or uses it; both are audit-logged."""
    admin, editor = AdminFactory(), EditorFactory()
    with pytest.raises(CommandError):
        run("escrow-enable", "--by", editor.username)
    out = run("escrow-enable", "--by", admin.username)
    secret = out.strip().splitlines()[-1].strip()
    later = EditorFactory()
    run(
        "escrow-recover", later.username, "--by", admin.username, stdin=f"{secret}\nescrow reset passphrase\n"
    )
    services.staff_keypair_unlock(user=later, passphrase="escrow reset passphrase")
    assert AuditEntry.objects.filter(action="vault.escrow_enable").exists()
    assert AuditEntry.objects.filter(action="vault.escrow_use", actor_id=admin.pk).exists()
