"""Staff keypairs as the accounts flows see them: created at enrolment, unlocked at sign-in.

The vault owns the cryptography; these functions are the only points where sign-in, enrolment
and passphrase changes hand a passphrase to it. They must never store a passphrase or a private
key in plaintext.
"""

from __future__ import annotations

from django.http import HttpRequest


def keypair_create(*, user, passphrase: str) -> str | None:
    """Create ``user``'s keypair at 2FA enrolment; return a printable recovery key to show once."""
    return None


def session_unlock(*, request: HttpRequest, user, passphrase: str) -> None:
    """Make ``user``'s private key usable for this signed-in session without storing it."""


def session_lock(*, request: HttpRequest) -> None:
    """Forget this session's key material (sign-out, timeout)."""


def keypair_rewrap(*, user, old_passphrase: str, new_passphrase: str) -> None:
    """Re-wrap ``user``'s private key after a passphrase change."""
