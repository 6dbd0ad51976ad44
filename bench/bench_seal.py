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
import statistics
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


class Gpg:
    """A throw-away GNUPGHOME with an ed25519 key and a cv25519 encryption subkey."""

    def __enter__(self):
        import gnupg

        self.home = tempfile.mkdtemp(prefix="bench-gnupg-")
        os.chmod(self.home, 0o700)
        self.gpg = gnupg.GPG(gnupghome=self.home)
        key_input = self.gpg.gen_key_input(
            key_type="EDDSA",
            key_curve="ed25519",
            subkey_type="ECDH",
            subkey_curve="cv25519",
            name_real="Bench Desk",
            name_email="bench@example.invalid",
            no_protection=True,
        )
        key = self.gpg.gen_key(key_input)
        if not key.fingerprint:
            raise SystemExit(f"gpg could not create a key: {key.stderr}")
        self.fingerprint = key.fingerprint
        # Warm up the agent once so the first message does not pay for it.
        self.rate([os.urandom(2048)])
        return self

    def rate(self, messages: list[bytes]) -> float:
        start = time.perf_counter()
        for message in messages:
            result = self.gpg.encrypt(message, self.fingerprint, always_trust=True, armor=False)
            if not result.ok:
                raise SystemExit(f"gpg failed: {result.status}")
        return len(messages) / (time.perf_counter() - start)

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.home, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    seals, gpgs = (10_000, 200) if args.quick else (50_000, 1_000)
    messages = [os.urandom(2048) for _ in range(seals)]
    one = [crypto.keypair_generate()[0]]
    three = [crypto.keypair_generate()[0] for _ in range(3)]
    seal_rate(messages[:500], one)  # warm-up
    # The machine is shared: measure in interleaved rounds and report each method's median round,
    # so a burst of load elsewhere hits every method alike.
    rounds = 10
    per_round, gpg_per_round = seals // rounds, max(1, gpgs // rounds)
    rates: dict[str, list[float]] = {"one": [], "three": [], "box": [], "gpg": []}
    with Gpg() as gpg:
        for r in range(rounds):
            batch = messages[r * per_round : (r + 1) * per_round]
            rates["one"].append(seal_rate(batch, one))
            rates["box"].append(sealed_box_rate(batch, one[0]))
            rates["three"].append(seal_rate(batch, three))
            rates["gpg"].append(gpg.rate(batch[:gpg_per_round]))
    med = {k: statistics.median(v) for k, v in rates.items()}
    print(f"{rounds} interleaved rounds; median round shown, best in brackets; load {os.getloadavg()[0]:.1f}")
    print(
        f"seal 2 KiB, 1 recipient:    {med['one']:9,.0f} msgs/s  [{max(rates['one']):,.0f}]  ({seals:,} messages)"
    )
    print(f"seal 2 KiB, 3 recipients:   {med['three']:9,.0f} msgs/s  [{max(rates['three']):,.0f}]")
    print(f"PyNaCl SealedBox alone:     {med['box']:9,.0f} msgs/s  [{max(rates['box']):,.0f}]  (the ceiling)")
    print(
        f"gpg cv25519 (python-gnupg): {med['gpg']:9,.0f} msgs/s  [{max(rates['gpg']):,.0f}]  ({gpg_per_round * rounds:,} messages)"
    )
    print(f"ratio (1 recipient / gpg):  {med['one'] / med['gpg']:9,.0f}x   goal >= 15,000 msgs/s and >= 50x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
