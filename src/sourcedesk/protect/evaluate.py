"""Score the scanner against a labelled JSONL file (identifiers / safe / ambiguous substrings).

Usage: python -m sourcedesk.protect.evaluate FILE [-v]. Recall counts identifiers overlapped by a finding;
precision counts findings that overlap an identifier, among findings that do not only overlap
something marked ambiguous.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .scanner import scan


def _spans(text: str, subs: list[str]) -> list[tuple[int, int, str]]:
    out = []
    for s in subs:
        i = text.find(s)
        while i != -1:
            out.append((i, i + len(s), s))
            i = text.find(s, i + 1)
    return out


def evaluate(path: Path, verbose: bool = False) -> dict:
    tp_id = n_id = tp_f = n_f = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = rec["text"]
        findings = scan(text, rec.get("lang"))
        ids = _spans(text, rec.get("identifiers", []))
        amb = _spans(text, rec.get("ambiguous", []))
        for s, e, sub in ids:
            n_id += 1
            if any(f.start < e and s < f.end for f in findings):
                tp_id += 1
            elif verbose:
                print(f"MISS {rec['id']}: {sub!r}")
        for f in findings:
            hit = any(f.start < e and s < f.end for s, e, _ in ids)
            if not hit and any(f.start < e and s < f.end for s, e, _ in amb):
                continue
            n_f += 1
            tp_f += hit
            if not hit and verbose:
                print(f"FP   {rec['id']}: {f.text!r} ({f.kind}/{f.code})")
    return {
        "identifiers": n_id,
        "recall": tp_id / n_id if n_id else 1.0,
        "findings": n_f,
        "precision": tp_f / n_f if n_f else 1.0,
    }


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    if not args:
        sys.exit("usage: python -m sourcedesk.protect.evaluate FILE.jsonl [-v]")
    res = evaluate(Path(args[0]), verbose="-v" in sys.argv)
    print(json.dumps(res))
