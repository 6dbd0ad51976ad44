"""Staff keypairs as the accounts flows see them: created at enrolment, unlocked at sign-in.

The vault owns the cryptography; these functions are the only points where sign-in, enrolment
and passphrase changes hand a passphrase to it. They never store a passphrase or a private key
in plaintext: see ``sourcedesk.vault.session`` and ``docs/decisions/0022-vault-session-keys.md``.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest

from sourcedesk.vault import services as vault
from sourcedesk.vault import session as vault_session
from sourcedesk.vault.exceptions import WrongPassphrase

logger = logging.getLogger("sourcedesk.vault")


def keypair_create(*, user, passphrase: str) -> str | None:
    """Create ``user``'s keypair at 2FA enrolment; return a printable recovery key to show once.

    Return None if the user already has a keypair (it is kept, so nothing sealed to it is lost).
    """
    return vault.staff_keypair_create(user=user, passphrase=passphrase)


def session_unlock(*, request: HttpRequest, user, passphrase: str) -> None:
    """Make ``user``'s private key usable for this signed-in session without storing it.

    Call after ``login()`` (the session key must not be cycled afterwards). The key is re-sealed
    under a random session key; the vault middleware sends that key to the browser as the
    ``sd_vault`` cookie (it is also left on ``request.vault_cookie`` as ``(name, value)`` for
    code that builds responses itself). A user without a keypair, or whose passphrase no longer
    unwraps it, simply stays locked: sign-in is not refused.
    """
    try:
        public_key, private_key = vault.staff_keypair_unlock(user=user, passphrase=passphrase)
    except WrongPassphrase:
        if vault.keypair_for(user) is not None:
            logger.warning("The vault key of user %s could not be unlocked at sign-in.", user.pk)
        return
    vault_session.store_private_key(
        request=request, user=user, public_key=public_key, private_key=private_key
    )
    request.vault_cookie = (vault_session.COOKIE_NAME, request._vault_cookie_set)  # type: ignore[attr-defined]


def session_lock(*, request: HttpRequest) -> None:
    """Forget this session's key material (sign-out, timeout)."""
    vault_session.forget(request=request)


def keypair_rewrap(*, user, old_passphrase: str, new_passphrase: str) -> None:
    """Re-wrap ``user``'s private key after a passphrase change.

    Raise ``sourcedesk.vault.exceptions.WrongPassphrase`` if ``old_passphrase`` does not unwrap
    it; do nothing if the user has no keypair yet.
    """
    if vault.keypair_for(user) is None:
        return
    vault.staff_keypair_rewrap(user=user, old_passphrase=old_passphrase, new_passphrase=new_passphrase)
