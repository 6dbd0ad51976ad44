"""Codenames: seven random words a source keeps to come back. Never stored.

From one Argon2id hash of the (normalised) codename, salted with the server pepper, two
independent values are derived: a *login hash* stored to find the source, and the seed of the
source's X25519 keypair, whose public half is stored so replies can be sealed to it. The private
half exists only while the source is signed in.
"""

from __future__ import annotations

import math
import secrets
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from sourcedesk.vault import crypto
from sourcedesk.vault.conf import codename_kdf

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


# Each hash takes 19 MiB for ~60 ms. Bounding how many run at once per process bounds the memory
# a flood of sign-in attempts can take (the rest queue briefly instead).
_KDF_SLOTS = threading.BoundedSemaphore(2)


def codename_keys(codename: str) -> CodenameKeys:
    """Derive the login hash and the keypair for ``codename`` (about one Argon2id hash)."""
    pepper = settings.PORTAL_PEPPER.encode()
    salt = crypto.salt_for("sourcedesk/codename/v1", pepper)
    with _KDF_SLOTS:
        master = crypto.kdf(codename_normalise(codename).encode(), salt, codename_kdf())
    login_hash = crypto.subkey(master, "sourcedesk/codename/login").hex()
    public_key, private_key = crypto.keypair_from_seed(crypto.subkey(master, "sourcedesk/codename/keypair"))
    return CodenameKeys(login_hash=login_hash, public_key=public_key, private_key=private_key)
