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

from django.utils.translation import gettext, gettext_noop

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


# --- Source pseudonyms -------------------------------------------------------------------------

# A desk pseudonym in public text ties the story to every report from that source. They are
# added to the deny list of every scan of public text and reported under their own kind and reason.
PSEUDONYM_KIND = "pseudonym"
PSEUDONYM_CODE = "source_pseudonym"
PSEUDONYM_REASON = gettext_noop(
    "A source's desk pseudonym: it ties the story to every report from that source."
)
PSEUDONYM_SUGGESTION = {"ko": "소식통", "en": "a source"}


def source_pseudonyms() -> tuple[str, ...]:
    """Return the desk pseudonym of every network source, archived ones included (one query).

    Without the network app the gate cannot know them, so it fails closed like a missing scanner.
    """
    try:
        from sourcedesk.network.models import Source  # noqa: PLC0415
    except ImportError as exc:
        raise ScannerUnavailable("the source network is not available") from exc
    return tuple(name for name in Source.objects.values_list("pseudonym", flat=True) if name.strip())


def reason_text(finding: Any) -> str:
    """Return a finding's reason in the active language, for findings the stories app labels itself.

    ``finding`` is a :class:`Flag` or a stored finding dict; any other finding's reason is
    returned as stored (the protection app's template filters translate those).
    """
    code = finding.get("code", "") if isinstance(finding, dict) else getattr(finding, "code", "")
    if code == PSEUDONYM_CODE:
        return gettext(PSEUDONYM_REASON)
    return str(
        (finding.get("reason", "") if isinstance(finding, dict) else getattr(finding, "reason", "")) or ""
    )


def _pseudonym_finding(text: str, start: int, end: int) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "kind": PSEUDONYM_KIND,
        "severity": HIGH,
        "text": text[start:end],
        "reason": PSEUDONYM_REASON,
        "suggestion": dict(PSEUDONYM_SUGGESTION),
        "code": PSEUDONYM_CODE,
    }


def _with_pseudonyms(
    text: str, found: list[dict[str, Any]], pseudonyms: Sequence[str]
) -> list[dict[str, Any]]:
    """Report every pseudonym in ``text`` as a pseudonym finding, in place of the scanner's own.

    The scanner's deny-list findings for pseudonyms are replaced, and occurrences it did not report
    (it may resolve an overlap in favour of another finding; a stand-in scanner may not know the
    deny list) are added, so the gate holds all the same. A pseudonym inside a longer one in the
    same place (양강-1 inside 양강-17) is not reported as a second source.
    """
    wanted = {name.strip().lower() for name in pseudonyms if len(name.strip()) >= 2}
    if not wanted:
        return found
    lowered = text.lower()
    spans: set[tuple[int, int]] = set()
    for needle in wanted:
        i = lowered.find(needle)
        while i != -1:
            spans.add((i, i + len(needle)))
            i = lowered.find(needle, i + 1)
    kept = [
        (start, end)
        for start, end in spans
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)
    ]
    out = [f for f in found if f["text"].lower() not in wanted]
    out.extend(_pseudonym_finding(text, start, end) for start, end in kept)
    return out


def scan_text(
    text: str, *, language: str, deny: Sequence[str] = (), pseudonyms: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Return the scanner's findings in ``text`` as plain dicts, lowest offset first.

    ``deny`` names (the story's people) and ``pseudonyms`` (the network's sources) are always
    flagged, high severity; a pseudonym under its own kind and reason.
    """
    if not text.strip():
        return []
    scan = _scanner()
    try:
        results = list(scan(text, language, deny=(*deny, *pseudonyms), allow=_allow_list()))
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
    found = _with_pseudonyms(text, found, pseudonyms)
    found.sort(key=lambda f: (f["start"], f["end"]))
    return found


def scan_fields(
    fields: Iterable[tuple[str, str]],
    *,
    language: str,
    deny: Sequence[str] = (),
    pseudonyms: Sequence[str] = (),
) -> list[Flag]:
    """Return the findings of every ``(field name, text)`` pair in one language."""
    flags: list[Flag] = []
    for field, text in fields:
        for f in scan_text(text or "", language=language, deny=deny, pseudonyms=pseudonyms):
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
