"""Known-answer and property tests for the pure crypto module."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from argon2.low_level import Type, hash_secret_raw

from sourcedesk.vault import crypto

# RFC 7748, section 6.1.
ALICE_PRIVATE = bytes.fromhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
ALICE_PUBLIC = bytes.fromhex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
BOB_PRIVATE = bytes.fromhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
BOB_PUBLIC = bytes.fromhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")

# The key bytes 0..31, wrapped by format v1 to Alice's RFC 7748 public key.
WRAPPED_V1 = bytes.fromhex(
    "01bf96bec3082289c7b7d503d227400f2bb0bb034c6430820a871e28e29eca8c5f03433e183bfda7e65b3705b5"
    "4b9493f44caa5166c6823b94621695cc50cfef2d8088e2d14376299c4e24b40b685a3f08"
)
# The bytes 0..31 encrypted by format v1 under key 0..31 with associated data b"kat".
SEALED_V1 = bytes.fromhex(
    "01f5854bfa1122abcc1e8ab51edb7658d2ae188282056a6dc7428dc4e554f1ca4ed2dc4ac2addebe3c4aa1ba0e8a8189ca5a"
)


def test_x25519_public_keys_match_rfc_7748():
    """Public keys derived from the RFC 7748 private keys are the published ones."""
    assert crypto.public_key_of(ALICE_PRIVATE) == ALICE_PUBLIC
    assert crypto.public_key_of(BOB_PRIVATE) == BOB_PUBLIC


def test_argon2id_matches_an_independent_implementation():
    """The KDF is Argon2id v1.3 exactly as argon2-cffi computes it (libargon2, not libsodium)."""
    salt = bytes(range(16))
    params = crypto.KdfParams(opslimit=2, memlimit=256 * 1024)
    ours = crypto.kdf(b"correct horse battery staple", salt, params)
    theirs = hash_secret_raw(
        b"correct horse battery staple",
        salt,
        time_cost=2,
        memory_cost=256,
        parallelism=1,
        hash_len=32,
        type=Type.ID,
    )
    assert ours == theirs


def test_argon2id_known_answer():
    """A fixed passphrase, salt and cost give a fixed key (guards against silent changes)."""
    key = crypto.kdf(b"password", b"somesaltsomesalt", crypto.KdfParams(opslimit=1, memlimit=64 * 1024))
    expected = hash_secret_raw(b"password", b"somesaltsomesalt", 1, 64, 1, 32, Type.ID)
    assert key == expected
    assert key.hex() == KDF_VECTOR


KDF_VECTOR = "e793d64ef75d58f503d4631b2b149f7f80127c5f3993d89b1c9b781e51d0b413"


def test_format_v1_ciphertexts_keep_opening():
    """Stored v1 wrapped keys and ciphertexts still open: the on-disk format is stable."""
    assert crypto.unwrap_with_private_key(WRAPPED_V1, ALICE_PRIVATE) == bytes(range(32))
    assert crypto.decrypt(SEALED_V1, bytes(range(32)), aad=b"kat") == b"sealed v1"


def test_subkeys_are_keyed_blake2b_and_independent():
    """Subkeys for different contexts differ and match BLAKE2b keyed with the parent key."""
    import hashlib

    key = bytes(32)
    assert crypto.subkey(key, "a") == hashlib.blake2b(b"a", key=key, digest_size=32).digest()
    assert crypto.subkey(key, "a") != crypto.subkey(key, "b")


def test_wrap_round_trip_and_wrong_key_refused():
    """A key wrapped to a public key opens only with its private key."""
    public, private = crypto.keypair_generate()
    _other_public, other_private = crypto.keypair_generate()
    item_key = crypto.random_key()
    wrapped = crypto.wrap_to_public_key(item_key, public)
    assert crypto.unwrap_with_private_key(wrapped, private) == item_key
    with pytest.raises(crypto.CryptoError):
        crypto.unwrap_with_private_key(wrapped, other_private)
    with pytest.raises(crypto.CryptoError):
        crypto.unwrap_with_private_key(b"\x02" + wrapped[1:], private)


def test_every_wrap_is_fresh():
    """Wrapping the same key twice gives different ciphertexts (ephemeral sender keys)."""
    public, _private = crypto.keypair_generate()
    key = crypto.random_key()
    assert crypto.wrap_to_public_key(key, public) != crypto.wrap_to_public_key(key, public)


def test_encrypt_binds_associated_data():
    """Ciphertext opens only with the same key and associated data; tampering is detected."""
    key = crypto.random_key()
    box = crypto.encrypt(b"report", key, aad=b"envelope-1")
    assert crypto.decrypt(box, key, aad=b"envelope-1") == b"report"
    with pytest.raises(crypto.CryptoError):
        crypto.decrypt(box, key, aad=b"envelope-2")
    tampered = bytearray(box)
    tampered[-1] ^= 1
    with pytest.raises(crypto.CryptoError):
        crypto.decrypt(bytes(tampered), key, aad=b"envelope-1")


def test_xchacha20poly1305_known_answer():
    """XChaCha20-Poly1305 with a fixed key and nonce matches the IETF draft's test vector."""
    import nacl.bindings as sodium

    key = bytes.fromhex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
    nonce = bytes.fromhex("404142434445464748494a4b4c4d4e4f5051525354555657")
    aad = bytes.fromhex("50515253c0c1c2c3c4c5c6c7")
    message = (
        b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
        b"future, sunscreen would be it."
    )
    out = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(message, aad, nonce, key)
    assert out[-16:].hex() == "c0875924c1c7987947deafd8780acf49"
    assert out[:16].hex() == "bd6d179d3e83d43b9576579493c0e939"
    assert crypto.decrypt(b"\x01" + nonce + out, key, aad=aad) == message


@pytest.mark.parametrize(
    "size",
    [
        0,
        1,
        crypto.STREAM_CHUNK - 1,
        crypto.STREAM_CHUNK,
        crypto.STREAM_CHUNK + 1,
        3 * crypto.STREAM_CHUNK + 17,
    ],
)
@pytest.mark.parametrize("piece", [7001, crypto.STREAM_CHUNK, 200_000])
def test_stream_round_trip_any_size(size, piece):
    """Files of any size, pushed in pieces smaller or larger than a chunk, decrypt to the same bytes."""
    key = crypto.random_key()
    data = bytes(i % 251 for i in range(size))
    pieces = [data[i : i + piece] for i in range(0, len(data), piece)] or [b""]
    ciphertext = b"".join(crypto.stream_encrypt(pieces, key))
    assert len(ciphertext) == crypto.stream_ciphertext_size(size)
    assert b"".join(crypto.stream_decrypt(io.BytesIO(ciphertext), key)) == data


def test_stream_truncation_and_extension_detected():
    """A stream cut at a chunk boundary, or with bytes appended, is refused."""
    key = crypto.random_key()
    data = b"x" * (crypto.STREAM_CHUNK * 2 + 5)
    ciphertext = b"".join(crypto.stream_encrypt([data], key))
    cut = 1 + crypto.STREAM_HEADER_BYTES + crypto.STREAM_CHUNK + crypto.STREAM_ABYTES
    with pytest.raises(crypto.CryptoError):
        b"".join(crypto.stream_decrypt(io.BytesIO(ciphertext[:cut]), key))
    with pytest.raises(crypto.CryptoError):
        b"".join(crypto.stream_decrypt(io.BytesIO(ciphertext + b"\x00"), key))
    with pytest.raises(crypto.CryptoError):
        b"".join(crypto.stream_decrypt(io.BytesIO(ciphertext), crypto.random_key()))


def test_stream_encryption_uses_constant_memory():
    """Encrypting many chunks keeps the internal buffer under one chunk."""
    encryptor = crypto.StreamEncryptor(crypto.random_key())
    piece = b"y" * 300_000
    for _ in range(50):
        encryptor.update(piece)
        assert len(encryptor._buffer) <= crypto.STREAM_CHUNK
    encryptor.finish()


def test_keypair_from_seed_is_deterministic():
    """The same seed always gives the same keypair (codename-derived source keys rely on it)."""
    assert crypto.keypair_from_seed(bytes(32)) == crypto.keypair_from_seed(bytes(32))
    assert crypto.keypair_from_seed(bytes(32)) != crypto.keypair_from_seed(b"\x01" * 32)


def test_pure_module_imports_no_django():
    """The vault package and its crypto module import without Django."""
    code = (
        "import sys; import sourcedesk.vault.crypto, sourcedesk.vault.exceptions; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
