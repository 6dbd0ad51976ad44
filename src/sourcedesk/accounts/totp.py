"""Time-based one-time passwords (RFC 6238) and single-use backup codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from django.conf import settings
from nacl import secret as nacl_secret

DIGITS = 6
STEP = 30
BACKUP_CODE_COUNT = 10


def _box() -> nacl_secret.SecretBox:
    key = hashlib.blake2b(
        settings.SECRET_KEY.encode(), digest_size=nacl_secret.SecretBox.KEY_SIZE, person=b"sd-totp-secret"
    ).digest()
    return nacl_secret.SecretBox(key)


def new_secret() -> str:
    """Return a fresh base32 TOTP secret (160 bits)."""
    return pyotp.random_base32(32)


def seal_secret(secret: str) -> bytes:
    """Return ``secret`` encrypted for storage."""
    return bytes(_box().encrypt(secret.encode()))


def open_secret(sealed: bytes | memoryview | None) -> str:
    """Return the TOTP secret from its stored form."""
    if sealed is None:
        raise ValueError("no TOTP secret")
    return _box().decrypt(bytes(sealed)).decode()


def provisioning_uri(secret: str, *, username: str) -> str:
    """Return the otpauth:// URI an authenticator app scans."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP).provisioning_uri(
        name=username, issuer_name=settings.SOURCEDESK_TOTP_ISSUER
    )


def qr_svg(uri: str) -> str:
    """Return an SVG QR code for ``uri``, rendered here (nothing is fetched from other hosts)."""
    qr = segno.make(uri, error="m")
    return qr.svg_inline(scale=5, dark="#111", light="#fff", border=2, title="QR")


def matching_step(secret: str, code: str, *, last_step: int, now: float | None = None) -> int | None:
    """Return the time step ``code`` matches (±1 step of drift), or None.

    A step at or before ``last_step`` never matches, so a code cannot be replayed.
    """
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != DIGITS:
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP)
    current = int((now if now is not None else time.time()) // STEP)
    for step in (current - 1, current, current + 1):
        if step <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_backup_codes() -> list[str]:
    """Return fresh single-use backup codes, formatted for reading aloud (xxxx-xxxx-xx)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = []
    for _ in range(BACKUP_CODE_COUNT):
        raw = "".join(secrets.choice(alphabet) for _ in range(10))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
    return codes


def hash_backup_code(code: str) -> str:
    """Return the keyed hash of a backup code, ignoring case, spaces and dashes."""
    normalised = "".join(ch for ch in code.lower() if ch.isalnum())
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"sd-backup-code:" + normalised.encode(), hashlib.sha256).hexdigest()


def looks_like_backup_code(code: str) -> bool:
    return len("".join(ch for ch in code if ch.isalnum())) == 10
