"""The source's signed-in state, kept entirely in one encrypted cookie.

The server stores nothing about a portal session: no row, no time. The cookie ``sd_portal``
carries the source's id and private key, encrypted and authenticated under a key derived from the
server secret, with an expiry inside. It is set only when a source submits or signs in.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from sourcedesk.vault import crypto

COOKIE_NAME = "sd_portal"
COOKIE_PATH = "/portal/"
LIFETIME_SECONDS = 2 * 60 * 60


def _key() -> bytes:
    return crypto.subkey(settings.SECRET_KEY.encode()[:64].ljust(32, b"\0"), "sourcedesk/portal-session")


@dataclass(frozen=True)
class PortalSession:
    public_id: str
    public_key: bytes
    private_key: bytes
    token: str

    @property
    def form_token(self) -> str:
        """Return the anti-forgery token for this session's forms."""
        return hmac.new(_key(), self.token.encode(), "sha256").hexdigest()[:32]

    def check_form_token(self, value: str) -> bool:
        return hmac.compare_digest(self.form_token, value or "")


def start(response: HttpResponse, *, public_id: str, public_key: bytes, private_key: bytes) -> None:
    """Sign a source in by setting the encrypted session cookie on ``response``."""
    payload = json.dumps(
        {
            "s": public_id,
            "p": public_key.hex(),
            "k": private_key.hex(),
            "e": int(time.time()) + LIFETIME_SECONDS,
        }
    ).encode()
    value = base64.urlsafe_b64encode(crypto.encrypt(payload, _key(), aad=b"sd_portal/v1")).decode()
    response.set_cookie(
        COOKIE_NAME,
        value,
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


def end(response: HttpResponse) -> None:
    """Sign the source out (delete the cookie)."""
    response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, samesite="Strict")


def current(request: HttpRequest) -> PortalSession | None:
    """Return the signed-in source's session, or None."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        payload = json.loads(
            crypto.decrypt(base64.urlsafe_b64decode(raw.encode()), _key(), aad=b"sd_portal/v1")
        )
        if int(payload["e"]) < time.time():
            return None
        return PortalSession(
            public_id=str(payload["s"]),
            public_key=bytes.fromhex(payload["p"]),
            private_key=bytes.fromhex(payload["k"]),
            token=raw,
        )
    except (crypto.CryptoError, binascii.Error, ValueError, KeyError, TypeError):
        return None
