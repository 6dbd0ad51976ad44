"""Codenames: seven random words a source keeps to come back. Never stored.

From one Argon2id hash of the (normalised) codename, salted with the server pepper, two
independent values are derived: a *login hash* stored to find the source, and the seed of the
source's X25519 keypair, whose public half is stored so replies can be sealed to it. The private
half exists only while the source is signed in.

The Argon2id cost is versioned (``vault.crypto.CODENAME_KDFS``); each source records the version
its codename was first hashed with and keeps it, because its keypair depends on it.
"""

from __future__ import annotations

import math
import secrets
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from sourcedesk.vault import crypto
from sourcedesk.vault.conf import codename_kdf, codename_kdf_version, codename_kdf_versions

WORDS_PER_CODENAME = 7
LANGUAGES = ("ko", "en")
DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def wordlist(language: str) -> tuple[str, ...]:
    """Return the codename word list for ``language`` ("ko" or "en")."""
    if language not in LANGUAGES:
        raise ValueError(f"No word list for {language!r}.")
    text = (DATA_DIR / f"codename_{language}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def entropy_bits(language: str) -> float:
    """Return the strength of a generated codename in bits."""
    return WORDS_PER_CODENAME * math.log2(len(wordlist(language)))


def codename_generate(language: str) -> str:
    """Return a new random codename of seven words from the ``language`` list."""
    words = wordlist(language)
    return " ".join(secrets.choice(words) for _ in range(WORDS_PER_CODENAME))


def codename_normalise(text: str) -> str:
    """Return ``text`` in canonical form: NFC, case-folded, single spaces, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class CodenameKeys:
    login_hash: str
    public_key: bytes
    private_key: bytes
    # The codename cost version these were derived with (see ``vault.crypto.CODENAME_KDFS``).
    kdf_version: int


# Each hash takes up to 46 MiB (the oldest cost) for ~60 ms. Bounding how many run at once per
# process bounds the memory a flood of sign-in attempts can take (the rest queue briefly instead).
_KDF_SLOTS = threading.BoundedSemaphore(2)


def codename_keys(codename: str, *, kdf_version: int | None = None) -> CodenameKeys:
    """Derive the login hash and the keypair for ``codename`` (one Argon2id hash).

    ``kdf_version`` picks the cost from the registry; by default the current one, which is what a
    new codename is hashed with. A source keeps the version it was created with for good: its
    keypair depends on it.
    """
    version = codename_kdf_version() if kdf_version is None else kdf_version
    params = codename_kdf(version)
    pepper = settings.PORTAL_PEPPER.encode()
    salt = crypto.salt_for("sourcedesk/codename/v1", pepper)
    with _KDF_SLOTS:
        master = crypto.kdf(codename_normalise(codename).encode(), salt, params)
    login_hash = crypto.subkey(master, "sourcedesk/codename/login").hex()
    public_key, private_key = crypto.keypair_from_seed(crypto.subkey(master, "sourcedesk/codename/keypair"))
    return CodenameKeys(
        login_hash=login_hash, public_key=public_key, private_key=private_key, kdf_version=version
    )


def codename_candidates(codename: str) -> Iterator[CodenameKeys]:
    """Yield the keys of ``codename`` under every known cost: the current one first, then older.

    The login hash is what finds a source, so a source created under an older cost is found only
    by hashing with that cost. Each candidate costs one Argon2id hash; stop at the first match.
    """
    for version in codename_kdf_versions():
        yield codename_keys(codename, kdf_version=version)
