"""Mark findings inside a text for the desk editor, escaping everything else.

The protection app's highlighter is used when it is installed (its titles give the reason in the
desk's language); otherwise a plain one that gives the scanner's own reason.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .protection import PSEUDONYM_CODE, reason_text


def highlight(text: str, findings: Iterable[Mapping[str, Any]]) -> SafeString:
    """Return ``text`` as HTML with each finding wrapped in ``<mark>``; overlaps keep the first.

    Each mark's title gives the reason in the active language, the stories app's own reasons
    (a source's desk pseudonym) included.
    """
    findings = [
        {**finding, "reason": reason_text(finding)} if finding.get("code") == PSEUDONYM_CODE else finding
        for finding in findings
    ]
    try:
        from sourcedesk.protect.templatetags.protect_tags import highlight as protect_highlight  # noqa: PLC0415
    except ImportError:
        return _plain_highlight(text, findings)
    return protect_highlight(text, list(findings))


def _plain_highlight(text: str, findings: Iterable[Mapping[str, Any]]) -> SafeString:
    parts: list[str] = []
    position = 0
    for finding in sorted(findings, key=lambda f: (int(f["start"]), -int(f["end"]))):
        start, end = int(finding["start"]), int(finding["end"])
        if start < position or end <= start or end > len(text):
            continue
        parts.append(escape(text[position:start]))
        title = finding.get("reason", "")
        parts.append(
            f'<mark class="finding finding-{escape(finding.get("severity", "low"))}" title="{escape(title)}">'
            f"{escape(text[start:end])}</mark>"
        )
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def word_diff(before: str, after: str) -> SafeString:
    """Return ``after`` as HTML, words added since ``before`` in ``<ins>``, words removed in ``<del>``."""
    old, new = before.split(), after.split()
    parts: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(new[b1:b2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every word above is escaped
