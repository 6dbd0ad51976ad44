"""The vault's tunable costs, read from settings."""

from __future__ import annotations

from django.conf import settings

from . import crypto
from .crypto import KDF_STAFF, KDF_TEST, KdfParams


def _fast() -> bool:
    # The test suite signs in hundreds of times; Argon2id keeps its shape at the minimum cost.
    return bool(getattr(settings, "SOURCEDESK_VAULT_FAST_KDF", getattr(settings, "TESTING", False)))


def staff_kdf() -> KdfParams:
    """Return the Argon2id cost for staff passphrases."""
    return KDF_TEST if _fast() else KDF_STAFF


def codename_kdf_version() -> int:
    """Return the codename cost version that new codenames are hashed with."""
    return crypto.KDF_CODENAME_VERSION


def codename_kdf_versions() -> list[int]:
    """Return every known codename cost version in sign-in order: current first, then newest first."""
    current = codename_kdf_version()
    return [current, *sorted((v for v in crypto.CODENAME_KDFS if v != current), reverse=True)]


def codename_kdf(version: int | None = None) -> KdfParams:
    """Return the Argon2id cost of codename cost ``version`` (default: the current one).

    Raises ``KeyError`` for a version the registry does not know. With the fast test cost, each
    version still gets a cost of its own (one pass per version number at the minimum memory), so
    tests can tell versions apart.
    """
    version = codename_kdf_version() if version is None else version
    params = crypto.CODENAME_KDFS[version]
    if _fast():
        return KdfParams(opslimit=KDF_TEST.opslimit * version, memlimit=KDF_TEST.memlimit)
    return params
