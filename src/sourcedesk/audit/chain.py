"""Hashing and verifying the audit chain."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings

GENESIS = "0" * 64


def _key() -> bytes:
    # Keyed with the server secret: someone who can write to the database but does not hold
    # the secret cannot recompute the chain after editing it.
    return hashlib.blake2b(settings.SECRET_KEY.encode(), person=b"sd-audit-chain").digest()


def entry_digest(
    *,
    seq: int,
    created_at: str,
    actor_id: int | None,
    actor_name: str,
    action: str,
    target_type: str,
    target_id: str,
    data: Any,
    prev_hash: str,
) -> str:
    """Return the hex HMAC-SHA256 of one entry's canonical JSON form."""
    body = json.dumps(
        [seq, created_at, actor_id, actor_name, action, target_type, target_id, data, prev_hash],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hmac.new(_key(), body.encode(), hashlib.sha256).hexdigest()


def digest_of(entry) -> str:
    """Return the digest ``entry`` should carry."""
    return entry_digest(
        seq=entry.seq,
        created_at=entry.created_at.isoformat(),
        actor_id=entry.actor_id,
        actor_name=entry.actor_name,
        action=entry.action,
        target_type=entry.target_type,
        target_id=entry.target_id,
        data=entry.data,
        prev_hash=entry.prev_hash,
    )


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    problem: str = ""
    seq: int | None = None

    def message(self) -> str:
        if self.ok:
            return f"Audit log intact: {self.checked} entries verified."
        return self.problem


def verify(entries, *, head=None) -> Verdict:
    """Return whether ``entries`` (in sequence order) form an unbroken chain.

    The verdict names the first entry that was modified, inserted, or is missing.
    """
    entries = list(entries)
    prev_hash = GENESIS
    prev_seq = 0
    for index, entry in enumerate(entries):
        valid = hmac.compare_digest(digest_of(entry), entry.entry_hash)
        if not valid:
            following = entries[index + 1] if index + 1 < len(entries) else None
            if following is not None and following.prev_hash == prev_hash:
                return Verdict(False, index, f"Entry #{entry.seq} was inserted into the log.", entry.seq)
            if entry.seq <= prev_seq:
                return Verdict(False, index, f"Entry #{entry.seq} was inserted into the log.", entry.seq)
            return Verdict(False, index, f"Entry #{entry.seq} was modified.", entry.seq)
        if entry.seq != prev_seq + 1 or entry.prev_hash != prev_hash:
            missing = prev_seq + 1
            return Verdict(False, index, f"Entry #{missing} was deleted from the log.", missing)
        prev_hash = entry.entry_hash
        prev_seq = entry.seq
    if head is not None and (head.last_seq != prev_seq or head.last_hash != prev_hash):
        if head.last_seq > prev_seq:
            missing = prev_seq + 1
            return Verdict(False, len(entries), f"Entry #{missing} was deleted from the log.", missing)
        return Verdict(False, len(entries), "The log's tip does not match its last entry.", prev_seq)
    return Verdict(True, len(entries))
