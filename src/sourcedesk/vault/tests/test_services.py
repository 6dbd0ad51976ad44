"""The vault's Django API: keypairs, sealing, opening, recipients, shredding, files."""

from __future__ import annotations

import pytest

from sourcedesk.accounts import keys
from sourcedesk.accounts.tests.factories import PASSWORD, EditorFactory, ReporterFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.vault import crypto, services
from sourcedesk.vault.exceptions import (
    EnvelopeDestroyed,
    NoRecipients,
    NotARecipient,
    VaultLocked,
    WrongPassphrase,
)
from sourcedesk.vault.models import StaffKeypair, WrappedKey
from sourcedesk.vault.storage import blob_storage

from .helpers import unlocked_request

pytestmark = pytest.mark.django_db


def test_keypair_never_stores_private_key_in_plaintext():
    """The stored keypair holds the public key and only wrapped copies of the private key."""
    editor = EditorFactory()
    request = unlocked_request(editor)
    public, private = services.staff_keypair_unlock(user=editor, passphrase=PASSWORD)
    row = StaffKeypair.objects.get(user=editor)
    assert bytes(row.public_key) == public == crypto.public_key_of(private)
    for field in ("wrapped_private_key", "recovery_wrapped_private_key"):
        assert private not in bytes(getattr(row, field))
    assert private.hex() not in str(dict(request.session.items()))
    assert row.escrow_wrapped_private_key is None


def test_keypair_create_returns_recovery_key_once_and_keeps_existing_keys():
    """A second enrolment keeps the first keypair and returns no new recovery key."""
    editor = EditorFactory(with_keys=False)
    recovery = keys.keypair_create(user=editor, passphrase=PASSWORD)
    assert recovery and len(recovery.replace("-", "")) == 52
    first = bytes(StaffKeypair.objects.get(user=editor).public_key)
    assert keys.keypair_create(user=editor, passphrase=PASSWORD) is None
    assert bytes(StaffKeypair.objects.get(user=editor).public_key) == first


def test_rewrap_and_recovery_key():
    """A passphrase change re-wraps the key; the recovery key restores access after a reset."""
    editor = EditorFactory(with_keys=False)
    recovery = keys.keypair_create(user=editor, passphrase=PASSWORD)
    envelope = services.envelope_seal(plaintext=b"kept", recipients=[editor], purpose="test")
    keys.keypair_rewrap(user=editor, old_passphrase=PASSWORD, new_passphrase="a new long passphrase")
    with pytest.raises(WrongPassphrase):
        services.staff_keypair_unlock(user=editor, passphrase=PASSWORD)
    with pytest.raises(WrongPassphrase):
        keys.keypair_rewrap(user=editor, old_passphrase=PASSWORD, new_passphrase="x" * 20)
    services.staff_keypair_recover(
        user=editor, recovery_key=recovery.lower(), new_passphrase="third passphrase here"
    )
    request = unlocked_request(editor, passphrase="third passphrase here")
    assert services.envelope_open(envelope=envelope, user=editor, request=request) == b"kept"
    with pytest.raises(WrongPassphrase):
        services.staff_keypair_recover(user=editor, recovery_key="AAAA-" * 13, new_passphrase="y" * 20)


def test_escrow_off_by_default_then_used_with_audit():
    """Escrow wraps nothing until enabled; using it is audit-logged."""
    admin = EditorFactory()
    assert StaffKeypair.objects.get(user=admin).escrow_wrapped_private_key is None
    escrow_secret = services.escrow_enable(by_user=admin)
    editor = EditorFactory()
    assert StaffKeypair.objects.get(user=editor).escrow_wrapped_private_key is not None
    envelope = services.envelope_seal(plaintext=b"escrowed", recipients=[editor], purpose="test")
    services.escrow_recover(
        by_user=admin, user=editor, escrow_private_key=escrow_secret, new_passphrase="reset by admin 1"
    )
    request = unlocked_request(editor, passphrase="reset by admin 1")
    assert services.envelope_open(envelope=envelope, user=editor, request=request) == b"escrowed"
    assert AuditEntry.objects.filter(action="vault.escrow_use", actor_id=admin.pk).exists()


def test_seal_open_and_non_recipient_refused():
    """A recipient opens an envelope; a non-recipient gets NotARecipient, and the unwrap is audited."""
    editor, reporter = EditorFactory(), ReporterFactory()
    envelope = services.envelope_seal(
        plaintext=b"identity card", recipients=[editor], purpose="network.identity"
    )
    assert envelope.skipped_recipients == []
    assert b"identity card" not in bytes(envelope.ciphertext)
    assert (
        services.envelope_open(envelope=envelope, user=editor, request=unlocked_request(editor))
        == b"identity card"
    )
    assert AuditEntry.objects.filter(
        action="vault.unwrap", actor_id=editor.pk, target_id=str(envelope.pk)
    ).exists()
    with pytest.raises(NotARecipient):
        services.envelope_open(envelope=envelope, user=reporter, request=unlocked_request(reporter))


def test_locked_session_refused():
    """A recipient whose session holds no unlocked key gets VaultLocked."""
    editor = EditorFactory()
    envelope = services.envelope_seal(plaintext=b"x", recipients=[editor], purpose="test")
    request = unlocked_request(editor)
    keys.session_lock(request=request)
    with pytest.raises(VaultLocked):
        services.envelope_open(envelope=envelope, user=editor, request=request)


def test_users_without_keypair_are_skipped_and_reported():
    """Recipients without a keypair are skipped and listed; nobody at all raises NoRecipients."""
    editor, newcomer = EditorFactory(), EditorFactory(with_keys=False)
    envelope = services.envelope_seal(plaintext=b"x", recipients=[editor, newcomer], purpose="test")
    assert envelope.skipped_recipients == [newcomer]
    with pytest.raises(NoRecipients):
        services.envelope_seal(plaintext=b"x", recipients=[newcomer], purpose="test")


def test_add_recipient_then_destroy():
    """A reader can share an envelope; destroying it removes every wrapped key for good."""
    editor, reporter = EditorFactory(), ReporterFactory()
    envelope = services.envelope_seal(plaintext=b"shared", recipients=[editor], purpose="test")
    assert services.envelope_add_recipient(
        envelope=envelope, by_user=editor, request=unlocked_request(editor), recipient=reporter
    )
    assert services.envelope_readers(envelope=envelope) == sorted(
        [editor, reporter], key=lambda u: u.username
    )
    assert (
        services.envelope_open(envelope=envelope, user=reporter, request=unlocked_request(reporter))
        == b"shared"
    )
    services.envelope_destroy(envelope=envelope, actor=editor, reason="test")
    envelope.refresh_from_db()
    assert envelope.ciphertext is None and not WrappedKey.objects.filter(envelope=envelope).exists()
    with pytest.raises((EnvelopeDestroyed, NotARecipient)):
        services.envelope_open(envelope=envelope, user=editor, request=unlocked_request(editor))
    assert AuditEntry.objects.filter(action="vault.destroy", target_id=str(envelope.pk)).exists()


def test_add_recipient_needs_a_reader():
    """Someone who cannot read an envelope cannot share it."""
    editor, reporter, other = EditorFactory(), ReporterFactory(), ReporterFactory()
    envelope = services.envelope_seal(plaintext=b"x", recipients=[editor], purpose="test")
    with pytest.raises(NotARecipient):
        services.envelope_add_recipient(
            envelope=envelope, by_user=reporter, request=unlocked_request(reporter), recipient=other
        )


def test_file_envelope_streams_and_shreds(django_capture_on_commit_callbacks):
    """A file sealed in pieces opens to the same bytes; its blob holds no plaintext; destroy deletes it."""
    editor = EditorFactory()
    data = b"MARKER-" * 40000
    writer = services.envelope_file_begin()
    for i in range(0, len(data), 12345):
        writer.write(data[i : i + 12345])
    envelope = writer.finish(recipients=[editor], purpose="portal.file", metadata={"name": "photo.jpg"})
    path = blob_storage().path(envelope.blob_name)
    assert b"MARKER" not in path.read_bytes()
    opened = services.envelope_open_file(envelope=envelope, user=editor, request=unlocked_request(editor))
    assert opened.name == "photo.jpg" and opened.size == len(data)
    assert opened.read() == data
    with django_capture_on_commit_callbacks(execute=True):
        services.envelope_destroy(envelope=envelope)
    assert not path.exists()


def test_aborted_file_leaves_nothing():
    """An aborted upload leaves no blob, partial or committed."""
    writer = services.envelope_file_begin()
    writer.write(b"z" * 200_000)
    storage = blob_storage()
    assert any(storage.partial_dir.iterdir())
    writer.abort()
    assert not any(storage.partial_dir.iterdir())


def test_sign_in_sets_vault_cookie_and_sign_out_clears_it(client):
    """Signing in through the form unlocks the vault via the sd_vault cookie; signing out removes it."""
    editor = EditorFactory()
    login(client, editor)
    cookie = client.cookies.get("sd_vault")
    assert cookie is not None and cookie.value and cookie["httponly"] and cookie["path"] == "/desk/"
    session_data = str(dict(client.session.items()))
    assert cookie.value not in session_data
    client.post("/desk/logout/")
    assert not client.cookies["sd_vault"].value


def test_stale_vault_cookie_is_deleted(client):
    """A vault cookie without its session half (expired or foreign) is deleted on the next desk page."""
    client.cookies["sd_vault"] = "A" * 43 + "="
    response = client.get("/desk/login/")
    assert response.cookies["sd_vault"].value == ""
    assert client.get("/portal/").cookies.get("sd_vault") is None
