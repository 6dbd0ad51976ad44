"""The one place where the desk asks the protection scanner about a report's text."""

from __future__ import annotations

import logging
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def report_findings(text: str, language: str | None = None) -> list[Any]:
    """Return the scanner's findings for ``text``, most severe first; none if no scanner exists.

    Each finding has ``start``, ``end``, ``kind``, ``severity``, ``text`` and ``reason``.
    """
    try:
        from sourcedesk.protect import scan
    except ImportError:
        return []
    try:
        findings = list(scan(text, language))
    except Exception:
        # A scanner bug must not hide the report; the failure is logged without the text.
        logger.exception("protection scanner failed on a report")
        return []
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(getattr(f, "severity", "low"), 3), f.start))


def highlight(text: str, findings) -> SafeString:
    """Return ``text`` escaped, with each finding wrapped in ``<mark>`` and line breaks kept.

    Overlapping findings keep the first (most severe) one; offsets are code points.
    """
    spans = []
    taken = -1
    for finding in sorted(findings, key=lambda f: (f.start, SEVERITY_ORDER.get(f.severity, 3))):
        if finding.start >= taken and 0 <= finding.start < finding.end <= len(text):
            spans.append(finding)
            taken = finding.end
    parts = []
    position = 0
    for finding in spans:
        parts.append(escape(text[position : finding.start]))
        parts.append(
            format_html(
                '<mark class="finding finding-{}" title="{}">{}</mark>',
                finding.severity,
                finding.reason,
                text[finding.start : finding.end],
            )
        )
        position = finding.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(str(p) for p in parts).replace("\n", "<br>"))  # noqa: S308 - every part is escaped
