"""Using a staff private key during a signed-in session without storing it.

At sign-in the private key is unwrapped with the passphrase, then encrypted again under a fresh
random *session key*. The encrypted private key goes into the server-side session; the session
key goes only into an HttpOnly cookie (``sd_vault``). Neither half alone opens anything: a copy
of the database (sessions included) lacks the cookie, and a stolen cookie lacks the session row.
See ``docs/decisions/0022-vault-session-keys.md`` for the design and its limits.
"""

from __future__ import annotations

import base64
import binascii

from django.http import HttpRequest

from . import crypto
from .exceptions import VaultLocked

COOKIE_NAME = "sd_vault"
COOKIE_PATH = "/desk/"
_SESSION_FIELD = "vault.sealed_private_key"
_SESSION_PUBLIC = "vault.public_key"


def _aad(user_pk: object, public_hex: str) -> bytes:
    return f"sourcedesk/vault-session/v1|{user_pk}|{public_hex}".encode()


def store_private_key(*, request: HttpRequest, user, public_key: bytes, private_key: bytes) -> None:
    """Keep ``private_key`` for this session, split between the session row and a cookie."""
    session_key = crypto.random_key()
    public_hex = public_key.hex()
    sealed = crypto.encrypt(private_key, session_key, aad=_aad(user.pk, public_hex))
    request.session[_SESSION_FIELD] = base64.b64encode(sealed).decode()
    request.session[_SESSION_PUBLIC] = public_hex
    cookie = base64.urlsafe_b64encode(session_key).decode()
    request._vault_cookie_set = cookie  # type: ignore[attr-defined]
    request._vault_cookie_clear = False  # type: ignore[attr-defined]
    # Readers later in this same request use the new key, not the (old) incoming cookie.
    request._vault_session_key = session_key  # type: ignore[attr-defined]


def forget(*, request: HttpRequest) -> None:
    """Drop this session's key material and ask the middleware to delete the cookie."""
    session = getattr(request, "session", None)
    if session is not None:
        session.pop(_SESSION_FIELD, None)
        session.pop(_SESSION_PUBLIC, None)
    request._vault_cookie_set = None  # type: ignore[attr-defined]
    request._vault_cookie_clear = True  # type: ignore[attr-defined]
    request._vault_session_key = None  # type: ignore[attr-defined]


def _cookie_key(request: HttpRequest) -> bytes | None:
    if hasattr(request, "_vault_session_key"):
        return request._vault_session_key  # type: ignore[attr-defined]
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        key = base64.urlsafe_b64decode(raw.encode())
    except (binascii.Error, ValueError):
        return None
    return key if len(key) == crypto.KEY_BYTES else None


def is_unlocked(*, request: HttpRequest) -> bool:
    """Return whether this request carries both halves of an unlocked key."""
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(_SESSION_FIELD) and _cookie_key(request))


def private_key(*, request: HttpRequest, user) -> tuple[bytes, bytes]:
    """Return ``(public_key, private_key)`` for ``user`` in this session, or raise VaultLocked."""
    session = getattr(request, "session", None)
    sealed_b64 = session.get(_SESSION_FIELD) if session is not None else None
    public_hex = session.get(_SESSION_PUBLIC, "") if session is not None else ""
    key = _cookie_key(request)
    if not sealed_b64 or not key or user is None or not getattr(user, "pk", None):
        raise VaultLocked("The vault is locked for this session.")
    try:
        secret = crypto.decrypt(base64.b64decode(sealed_b64), key, aad=_aad(user.pk, public_hex))
    except (crypto.CryptoError, binascii.Error, ValueError) as exc:
        raise VaultLocked("The vault is locked for this session.") from exc
    return bytes.fromhex(public_hex), secret
