"""Errors raised by the vault. Importable without Django."""

from __future__ import annotations


class VaultError(Exception):
    """Base class for everything the vault refuses to do."""


class VaultLocked(VaultError):
    """The staff member's private key is not unlocked in this session (sign in again)."""


class NotARecipient(VaultError):
    """The reader holds no wrapped key for this envelope (or the envelope does not exist)."""


class NoRecipients(VaultError):
    """Sealing would produce an envelope nobody can open: no recipient has a keypair."""


class EnvelopeDestroyed(VaultError):
    """The envelope was crypto-shredded; its content is gone for good."""


class WrongPassphrase(VaultError):
    """The passphrase or recovery key does not unwrap this private key."""
