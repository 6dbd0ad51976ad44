"""The vault's tunable costs, read from settings."""

from __future__ import annotations

from django.conf import settings

from .crypto import KDF_CODENAME, KDF_STAFF, KDF_TEST, KdfParams


def _fast() -> bool:
    # The test suite signs in hundreds of times; Argon2id keeps its shape at the minimum cost.
    return bool(getattr(settings, "SOURCEDESK_VAULT_FAST_KDF", getattr(settings, "TESTING", False)))


def staff_kdf() -> KdfParams:
    """Return the Argon2id cost for staff passphrases."""
    return KDF_TEST if _fast() else KDF_STAFF


def codename_kdf() -> KdfParams:
    """Return the Argon2id cost for portal codenames."""
    return KDF_TEST if _fast() else KDF_CODENAME
