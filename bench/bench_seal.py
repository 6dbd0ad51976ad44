"""Seal 2 KiB submissions in-process vs. python-gnupg encrypting to a cv25519 key, same run.

    .venv/bin/python bench/bench_seal.py            # 50,000 seals, 1,000 gpg messages
    .venv/bin/python bench/bench_seal.py --quick    # 10,000 seals, 200 gpg messages

"Seal" is exactly what the vault does for a portal message: a fresh item key, XChaCha20-Poly1305
over the message, and the item key wrapped to each recipient's X25519 key in a sealed box
(reported for 1 and 3 recipients). gpg runs against a throw-away GNUPGHOME with an ed25519 key and
a cv25519 encryption subkey, one subprocess per message as python-gnupg does it.
Goal: at least 15,000 msgs/s and at least 50x gpg.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sourcedesk.vault import crypto  # noqa: E402


def seal_rate(messages: list[bytes], recipients: list[bytes]) -> float:
    start = time.perf_counter()
    for i, message in enumerate(messages):
        item_key = crypto.random_key()
        crypto.encrypt(message, item_key, aad=b"sourcedesk/envelope/v1|%d|portal.message" % i)
        for public_key in recipients:
            crypto.wrap_to_public_key(item_key, public_key)
    return len(messages) / (time.perf_counter() - start)


def sealed_box_rate(messages: list[bytes], public_key: bytes) -> float:
    """The ceiling: PyNaCl's sealed box over the whole message, nothing else."""
    from nacl.public import PublicKey, SealedBox

    box = SealedBox(PublicKey(public_key))
    start = time.perf_counter()
    for message in messages:
        box.encrypt(message)
    return len(messages) / (time.perf_counter() - start)


def gpg_rate(messages: list[bytes]) -> float:
    import gnupg

    home = tempfile.mkdtemp(prefix="bench-gnupg-")
    try:
        os.chmod(home, 0o700)
        gpg = gnupg.GPG(gnupghome=home)
        key_input = gpg.gen_key_input(
            key_type="EDDSA",
            key_curve="ed25519",
            subkey_type="ECDH",
            subkey_curve="cv25519",
            name_real="Bench Desk",
            name_email="bench@example.invalid",
            no_protection=True,
        )
        key = gpg.gen_key(key_input)
        if not key.fingerprint:
            raise SystemExit(f"gpg could not create a key: {key.stderr}")
        # Warm up the agent once so the first message does not pay for it.
        gpg.encrypt(messages[0], key.fingerprint, always_trust=True, armor=False)
        start = time.perf_counter()
        for message in messages:
            result = gpg.encrypt(message, key.fingerprint, always_trust=True, armor=False)
            if not result.ok:
                raise SystemExit(f"gpg failed: {result.status}")
        return len(messages) / (time.perf_counter() - start)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    seals, gpgs = (10_000, 200) if args.quick else (50_000, 1_000)
    messages = [os.urandom(2048) for _ in range(seals)]
    one = [crypto.keypair_generate()[0]]
    three = [crypto.keypair_generate()[0] for _ in range(3)]
    seal_rate(messages[:500], one)  # warm-up
    rate_one = seal_rate(messages, one)
    rate_three = seal_rate(messages, three)
    rate_box = sealed_box_rate(messages, one[0])
    rate_gpg = gpg_rate(messages[:gpgs])
    print(f"seal 2 KiB, 1 recipient:   {rate_one:10,.0f} msgs/s  ({seals:,} messages)")
    print(f"seal 2 KiB, 3 recipients:  {rate_three:10,.0f} msgs/s")
    print(f"PyNaCl SealedBox alone:    {rate_box:10,.0f} msgs/s  (the per-core ceiling, same run)")
    print(f"gpg cv25519 (python-gnupg): {rate_gpg:9,.0f} msgs/s  ({gpgs:,} messages)")
    print(f"ratio (1 recipient / gpg):  {rate_one / rate_gpg:9,.0f}x   goal >= 15,000 msgs/s and >= 50x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
