"""The vault's cryptography: small, typed, and free of Django.

Everything sealed in Sourcedesk goes through this module:

- **Keypairs** are X25519 (libsodium ``crypto_box``). A staff member's private key is stored only
  wrapped: by a key derived from their passphrase with Argon2id, and by a random recovery key.
- **Items** (a message, a file, an identity card) are encrypted under a fresh 32-byte *item key*.
  The item key is wrapped to each reader's public key with a libsodium sealed box.
- **Small items** use XChaCha20-Poly1305 with associated data that binds the ciphertext to its
  envelope and purpose, so a ciphertext cannot be swapped into another envelope.
- **Files** use libsodium secretstream (XChaCha20-Poly1305) in fixed 64 KiB chunks, so memory
  stays constant whatever the file size; truncation and reordering are detected.

Every ciphertext starts with a one-byte format version so the format can change later.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import nacl.bindings as sodium
import nacl.exceptions
import nacl.pwhash.argon2id as argon2id
from nacl.public import PrivateKey, SealedBox

KEY_BYTES = 32
SALT_BYTES = argon2id.SALTBYTES
NONCE_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
FORMAT_V1 = b"\x01"
# Plaintext bytes per secretstream chunk. 64 KiB measured fastest (larger calls are slower).
STREAM_CHUNK = 64 * 1024
STREAM_HEADER_BYTES = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
STREAM_ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
_TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL


class CryptoError(Exception):
    """Raised when a ciphertext is not authentic, is truncated, or a key does not fit."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: ``opslimit`` passes over ``memlimit`` bytes."""

    opslimit: int
    memlimit: int


# Staff passphrases: unwrapped once per sign-in, so they can afford a high cost.
KDF_STAFF = KdfParams(opslimit=3, memlimit=64 * 1024 * 1024)
# Codenames, by cost version, oldest first. A portal source's login hash *and* keypair come from
# the cost its codename was first hashed with, and the version is recorded with the source; sign-in
# tries the current version, then the older ones. So an entry is never changed or deleted: to
# change the cost, append a new version and point KDF_CODENAME_VERSION at it.
CODENAME_KDFS: dict[int, KdfParams] = {
    1: KdfParams(opslimit=1, memlimit=46 * 1024 * 1024),
    # OWASP's m=19 MiB, t=2 setting: as strong as m=46 MiB, t=1 by its measure, with less than
    # half the memory per request.
    2: KdfParams(opslimit=2, memlimit=19 * 1024 * 1024),
}
# The version new codenames are hashed with.
KDF_CODENAME_VERSION = 2
KDF_CODENAME = CODENAME_KDFS[KDF_CODENAME_VERSION]
# For the test suite only: the same algorithm at the smallest cost libsodium accepts.
KDF_TEST = KdfParams(opslimit=1, memlimit=64 * 1024)


# --- Primitives ----------------------------------------------------------------------------


def random_key() -> bytes:
    """Return a fresh random 32-byte symmetric key."""
    return os.urandom(KEY_BYTES)


def keypair_generate() -> tuple[bytes, bytes]:
    """Return a new X25519 keypair as ``(public_key, private_key)`` raw bytes."""
    private = PrivateKey.generate()
    return bytes(private.public_key), bytes(private)


def keypair_from_seed(seed: bytes) -> tuple[bytes, bytes]:
    """Return the X25519 keypair deterministically derived from a 32-byte ``seed``."""
    if len(seed) != KEY_BYTES:
        raise CryptoError("A keypair seed must be 32 bytes.")
    private = PrivateKey.from_seed(seed)
    return bytes(private.public_key), bytes(private)


def public_key_of(private_key: bytes) -> bytes:
    """Return the public key belonging to ``private_key``."""
    return bytes(PrivateKey(private_key).public_key)


def kdf(secret: bytes, salt: bytes, params: KdfParams, size: int = KEY_BYTES) -> bytes:
    """Derive ``size`` bytes from ``secret`` and a 16-byte ``salt`` with Argon2id."""
    if len(salt) != SALT_BYTES:
        raise CryptoError("An Argon2id salt must be 16 bytes.")
    return argon2id.kdf(size, secret, salt, opslimit=params.opslimit, memlimit=params.memlimit)


def subkey(key: bytes, context: str, size: int = KEY_BYTES) -> bytes:
    """Derive an independent subkey of ``key`` for ``context`` (keyed BLAKE2b)."""
    return hashlib.blake2b(context.encode(), key=key, digest_size=size).digest()


def salt_for(label: str, secret: bytes) -> bytes:
    """Return a 16-byte salt bound to ``label`` and a server ``secret`` (a pepper)."""
    return hashlib.blake2b(label.encode(), key=secret[:64], digest_size=SALT_BYTES).digest()


def constant_time_equal(a: bytes, b: bytes) -> bool:
    """Return whether ``a`` and ``b`` are equal without leaking where they differ."""
    return hmac.compare_digest(a, b)


# --- Key wrapping ----------------------------------------------------------------------------


def wrap_to_public_key(key: bytes, public_key: bytes) -> bytes:
    """Seal ``key`` to ``public_key`` (anonymous sealed box: X25519 + XSalsa20-Poly1305)."""
    if len(public_key) != KEY_BYTES:
        raise CryptoError("A public key must be 32 bytes.")
    return FORMAT_V1 + sodium.crypto_box_seal(key, public_key)


def unwrap_with_private_key(wrapped: bytes, private_key: bytes) -> bytes:
    """Open a key sealed by :func:`wrap_to_public_key`; raise :class:`CryptoError` if it fails."""
    if not wrapped.startswith(FORMAT_V1):
        raise CryptoError("Unknown wrapped-key format.")
    try:
        return SealedBox(PrivateKey(private_key)).decrypt(wrapped[1:])
    except (nacl.exceptions.CryptoError, nacl.exceptions.TypeError, ValueError) as exc:
        raise CryptoError("This key was not wrapped for this private key.") from exc


# --- Small items -----------------------------------------------------------------------------


def encrypt(plaintext: bytes, key: bytes, *, aad: bytes = b"") -> bytes:
    """Encrypt ``plaintext`` under ``key`` with XChaCha20-Poly1305, bound to ``aad``."""
    nonce = os.urandom(NONCE_BYTES)
    return FORMAT_V1 + nonce + sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, aad, nonce, key)


def decrypt(ciphertext: bytes, key: bytes, *, aad: bytes = b"") -> bytes:
    """Decrypt what :func:`encrypt` produced; raise :class:`CryptoError` if it is not authentic."""
    if not ciphertext.startswith(FORMAT_V1) or len(ciphertext) < 1 + NONCE_BYTES:
        raise CryptoError("Unknown ciphertext format.")
    nonce = ciphertext[1 : 1 + NONCE_BYTES]
    try:
        return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
            ciphertext[1 + NONCE_BYTES :], aad, nonce, key
        )
    except nacl.exceptions.CryptoError as exc:
        raise CryptoError("The ciphertext is not authentic for this key.") from exc


# --- Files: secretstream in fixed chunks -----------------------------------------------------


class StreamEncryptor:
    """Encrypt a stream pushed in pieces of any size; memory stays under two chunks.

    Output: version byte, secretstream header, then ciphertext chunks of exactly
    ``STREAM_CHUNK + ABYTES`` bytes; the final chunk (tagged FINAL) may be shorter, even empty.
    """

    def __init__(self, key: bytes) -> None:
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        header = sodium.crypto_secretstream_xchacha20poly1305_init_push(self._state, key)
        self._pending = FORMAT_V1 + header
        self._buffer = bytearray()
        self._finished = False
        self.plaintext_size = 0

    def update(self, data: bytes) -> bytes:
        """Take more plaintext; return the ciphertext that is ready to write."""
        return b"".join(self.update_chunks(data))

    def update_chunks(self, data: bytes) -> list[bytes]:
        """Take more plaintext; return the ready ciphertext as a list of chunks (no joining copy)."""
        if self._finished:
            raise CryptoError("The stream is already finished.")
        self.plaintext_size += len(data)
        out = [self._pending] if self._pending else []
        self._pending = b""
        view = memoryview(data)
        offset = 0
        if self._buffer:
            # Top up the buffered remainder first.
            take = min(STREAM_CHUNK - len(self._buffer), len(data))
            self._buffer += view[:take]
            offset = take
            if len(self._buffer) == STREAM_CHUNK and offset < len(data):
                out.append(self._push(bytes(self._buffer), _TAG_MESSAGE))
                self._buffer.clear()
        # Whole chunks straight from the input, keeping at least one byte back: the last chunk
        # must carry the FINAL tag.
        while len(data) - offset > STREAM_CHUNK and not self._buffer:
            out.append(self._push(bytes(view[offset : offset + STREAM_CHUNK]), _TAG_MESSAGE))
            offset += STREAM_CHUNK
        if offset < len(data):
            self._buffer += view[offset:]
        return out

    def _push(self, chunk: bytes, tag: int) -> bytes:
        return sodium.crypto_secretstream_xchacha20poly1305_push(self._state, chunk, None, tag)

    def finish(self) -> bytes:
        """Return the last ciphertext, tagged FINAL."""
        if self._finished:
            raise CryptoError("The stream is already finished.")
        self._finished = True
        last = sodium.crypto_secretstream_xchacha20poly1305_push(
            self._state, bytes(self._buffer), None, _TAG_FINAL
        )
        self._buffer.clear()
        return self._pending + last


def stream_encrypt(chunks: Iterable[bytes], key: bytes) -> Iterator[bytes]:
    """Yield the ciphertext of the plaintext ``chunks`` (see :class:`StreamEncryptor`)."""
    encryptor = StreamEncryptor(key)
    for chunk in chunks:
        out = encryptor.update(chunk)
        if out:
            yield out
    yield encryptor.finish()


def stream_decrypt(source: BinaryIO, key: bytes) -> Iterator[bytes]:
    """Yield plaintext chunks read from ``source``; raise :class:`CryptoError` on tampering.

    A stream that ends before its FINAL chunk, or carries data after it, is rejected.
    """
    version = source.read(1)
    if version != FORMAT_V1:
        raise CryptoError("Unknown stream format.")
    header = source.read(STREAM_HEADER_BYTES)
    if len(header) != STREAM_HEADER_BYTES:
        raise CryptoError("The stream is truncated.")
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
    size = STREAM_CHUNK + STREAM_ABYTES
    while True:
        block = source.read(size)
        if len(block) < STREAM_ABYTES:
            raise CryptoError("The stream is truncated.")
        try:
            plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, block, None)
        except nacl.exceptions.CryptoError as exc:
            raise CryptoError("The stream is not authentic for this key.") from exc
        if tag == _TAG_FINAL:
            if source.read(1):
                raise CryptoError("The stream has data after its end.")
            if plain:
                yield plain
            return
        if len(block) != size:
            raise CryptoError("The stream is truncated.")
        yield plain


def stream_ciphertext_size(plaintext_size: int) -> int:
    """Return the exact ciphertext size for ``plaintext_size`` bytes of plaintext."""
    full, rest = divmod(plaintext_size, STREAM_CHUNK)
    if rest == 0 and full > 0:
        full, rest = full - 1, STREAM_CHUNK
    return 1 + STREAM_HEADER_BYTES + full * (STREAM_CHUNK + STREAM_ABYTES) + rest + STREAM_ABYTES
