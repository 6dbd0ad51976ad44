"""The one place stories ask the protection scanner about their text.

Everything the gate and the editor know about findings comes through :func:`scan_text`, so the
scanner can change behind it without touching the workflow. Offsets are in code points of the
text that was scanned.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

logger = logging.getLogger(__name__)

HIGH = "high"

# Fields of an edition that reach the public, scanned one by one so offsets stay per field.
EDITION_FIELDS = ("headline", "standfirst", "body", "byline")


@dataclass(frozen=True)
class Flag:
    """One finding in one field of one edition."""

    language: str
    field: str
    start: int
    end: int
    kind: str
    severity: str
    text: str
    reason: str
    suggestion: dict[str, str] | None = None
    code: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def key(self) -> tuple[str, str, str]:
        """Return what an override matches: the language, the kind and the flagged words."""
        return (self.language, self.kind, self.text)


class ScannerUnavailable(RuntimeError):
    """The protection scanner cannot be imported or failed; the gate then refuses publication."""


def _scanner():
    try:
        from sourcedesk.protect import scan  # noqa: PLC0415 - imported late so tests can swap it
    except ImportError as exc:
        raise ScannerUnavailable(str(exc)) from exc
    return scan


def _allow_list() -> frozenset[str] | None:
    """Return the desk's allow-list (public figures an editor has cleared), or None without it."""
    try:
        from sourcedesk.protect.selectors import allow_list  # noqa: PLC0415
    except ImportError:
        return None
    return allow_list()


def scan_text(text: str, *, language: str, deny: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Return the scanner's findings in ``text`` as plain dicts, lowest offset first."""
    if not text.strip():
        return []
    scan = _scanner()
    try:
        results = list(scan(text, language, deny=tuple(deny), allow=_allow_list()))
    except Exception as exc:
        # Logged without the text: it may hold exactly what the scanner exists to catch.
        logger.exception("protection scanner failed on a %s text of %d characters", language, len(text))
        raise ScannerUnavailable("the scanner failed") from exc
    found = []
    for finding in results:
        found.append(
            {
                "start": int(finding.start),
                "end": int(finding.end),
                "kind": str(finding.kind),
                "severity": str(finding.severity),
                "text": str(finding.text),
                "reason": str(finding.reason),
                "suggestion": dict(finding.suggestion) if getattr(finding, "suggestion", None) else None,
                "code": str(getattr(finding, "code", "") or ""),
            }
        )
    found.sort(key=lambda f: (f["start"], f["end"]))
    return found


def scan_fields(fields: Iterable[tuple[str, str]], *, language: str, deny: Sequence[str] = ()) -> list[Flag]:
    """Return the findings of every ``(field name, text)`` pair in one language."""
    flags: list[Flag] = []
    for field, text in fields:
        for f in scan_text(text or "", language=language, deny=deny):
            flags.append(Flag(language=language, field=field, **f))
    return flags


# --- Paragraph alignment -----------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Return the paragraphs of a Markdown body: blocks separated by blank lines."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return []
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def paragraph_hash(text: str) -> str:
    """Return a short fingerprint of a paragraph, blind to changes in whitespace only."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]
