"""Codename costs are versioned: changing the Argon2id cost never locks out an existing source."""

from __future__ import annotations

import pytest
from django.test import Client

from sourcedesk.accounts.tests.factories import EditorFactory
from sourcedesk.portal import codename as codename_module
from sourcedesk.portal.codename import codename_keys
from sourcedesk.portal.models import PortalSource
from sourcedesk.portal.services import reply_create, source_authenticate
from sourcedesk.vault import conf, crypto
from sourcedesk.vault.crypto import KdfParams

from .helpers import codename_from, submit

MiB = 1024 * 1024


def _use_cost(monkeypatch, version: int) -> None:
    """Make ``version`` the current codename cost, adding it to the registry if it is new."""
    if version not in crypto.CODENAME_KDFS:
        monkeypatch.setitem(crypto.CODENAME_KDFS, version, KdfParams(opslimit=version, memlimit=32 * MiB))
    monkeypatch.setattr(crypto, "KDF_CODENAME_VERSION", version)


@pytest.mark.django_db
@pytest.mark.parametrize(("created_under", "current"), [(1, 2), (2, 3)])
def test_source_from_an_older_cost_signs_in_and_reads_a_reply_sealed_before_the_change(
    monkeypatch, created_under, current
):
    """A source created under an older codename cost still signs in after the cost changes, keeps
    its original keypair and recorded version, and reads a reply sealed to it before the change."""
    editor = EditorFactory()
    _use_cost(monkeypatch, created_under)
    codename = codename_from(submit(Client(), message="before the change"))
    source = PortalSource.objects.get()
    assert source.kdf_version == created_under
    reply_create(source=source, author=editor, text="A reply sealed under the old key.")
    original = (source.login_hash, bytes(source.public_key))

    _use_cost(monkeypatch, current)
    # Without the recorded cost the codename would now derive a different hash and key.
    assert codename_keys(codename).login_hash != source.login_hash

    client = Client()
    response = client.post("/portal/login/", {"codename": codename})
    assert response.status_code == 302 and response["Location"] == "/portal/conversation/"
    page = client.get("/portal/conversation/").content.decode()
    assert "before the change" in page and "A reply sealed under the old key." in page
    source.refresh_from_db()
    assert (source.login_hash, bytes(source.public_key)) == original
    assert source.kdf_version == created_under
    assert PortalSource.objects.count() == 1


@pytest.mark.django_db
def test_new_sources_record_the_current_cost(monkeypatch):
    """A first submission records the codename cost version its hash and keypair came from."""
    EditorFactory()
    _use_cost(monkeypatch, 3)
    submit(Client(), message="x")
    assert PortalSource.objects.get().kdf_version == 3


@pytest.mark.django_db
def test_a_source_without_a_recorded_cost_is_found_and_gets_one(monkeypatch):
    """A source from before costs were recorded signs in under its old cost, which is then recorded."""
    EditorFactory()
    _use_cost(monkeypatch, 1)
    codename = codename_from(submit(Client(), message="x"))
    PortalSource.objects.update(kdf_version=None)
    _use_cost(monkeypatch, 2)
    result = source_authenticate(codename=codename)
    assert result is not None and result[1].kdf_version == 1
    assert PortalSource.objects.get().kdf_version == 1


@pytest.mark.django_db
def test_a_recorded_cost_that_does_not_match_is_refused(monkeypatch):
    """A source is signed in only with the cost it recorded: a mismatch is treated as a wrong codename."""
    EditorFactory()
    codename = codename_from(submit(Client(), message="x"))
    PortalSource.objects.update(kdf_version=1)
    assert source_authenticate(codename=codename) is None


@pytest.mark.django_db
def test_wrong_and_unknown_codenames_hash_under_every_cost(monkeypatch):
    """A codename that matches nothing is hashed once per known cost, so failures all cost the same."""
    _use_cost(monkeypatch, 3)
    versions: list[int] = []
    real = codename_module.codename_keys

    def counting(codename, *, kdf_version=None):
        keys = real(codename, kdf_version=kdf_version)
        versions.append(keys.kdf_version)
        return keys

    monkeypatch.setattr(codename_module, "codename_keys", counting)
    assert source_authenticate(codename="없는 암호명") is None
    assert versions == [3, 2, 1]


def test_sign_in_order_is_current_first_then_newest_first(monkeypatch):
    """The current cost is tried first, then every other known cost from newest to oldest."""
    assert conf.codename_kdf_versions()[0] == crypto.KDF_CODENAME_VERSION
    _use_cost(monkeypatch, 3)
    monkeypatch.setattr(crypto, "KDF_CODENAME_VERSION", 2)
    assert conf.codename_kdf_versions() == [2, 3, 1]
    with pytest.raises(KeyError):
        conf.codename_kdf(99)


def test_codename_cost_registry_keeps_every_cost_ever_used(settings):
    """The registry's entries are never changed or deleted: sources hashed under them must still
    derive the same login hash and keypair (known answers at the real, not the test, costs)."""
    assert crypto.CODENAME_KDFS[1] == KdfParams(opslimit=1, memlimit=46 * MiB)
    assert crypto.CODENAME_KDFS[2] == KdfParams(opslimit=2, memlimit=19 * MiB)
    assert max(crypto.CODENAME_KDFS) == crypto.KDF_CODENAME_VERSION
    assert crypto.CODENAME_KDFS[crypto.KDF_CODENAME_VERSION] == crypto.KDF_CODENAME
    settings.SOURCEDESK_VAULT_FAST_KDF = False
    settings.PORTAL_PEPPER = "known-answer-pepper"
    answers = {
        1: (
            "f59bd17a7fc896bc33a7d0bbd15f06470a316fd3cc2e888bb9a3bcc87a340ae5",
            "7545f23f9bc6b86dbcf232450b9dbfaad2caa275f08f389897d81d012cc13b26",
        ),
        2: (
            "c366cb8abc58c8aa41c0c5a1c65da45d6298c64ed8cef73878a50733cc49f50a",
            "b085e41cd37fe19b3bffebe7766bcd18ba6b6fa9acac603f8bdc9fc80652920b",
        ),
    }
    for version, (login_hash, public_key) in answers.items():
        keys = codename_keys("하늘 바다 구름 나무 바람 돌다리 호수", kdf_version=version)
        assert (keys.login_hash, keys.public_key.hex()) == (login_hash, public_key), version
