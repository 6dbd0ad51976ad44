"""The one place where the desk asks the protection scanner about a report's text."""

from __future__ import annotations

import logging
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def report_findings(text: str, language: str | None = None) -> list[Any]:
    """Return the scanner's findings for ``text``, most severe first; none if no scanner exists.

    The scan uses the desk's allow-list (the shipped public figures plus the names editors
    added), so a name the desk allowed is not flagged. Each finding has ``start``, ``end``,
    ``kind``, ``severity``, ``text``, ``reason`` (English) and ``reason_text(language)``.
    """
    try:
        from sourcedesk.protect import scan
        from sourcedesk.protect.selectors import allow_list
    except ImportError:
        return []
    try:
        findings = list(scan(text, language, allow=allow_list()))
    except Exception:
        # A scanner bug must not hide the report; the failure is logged without the text.
        logger.exception("protection scanner failed on a report")
        return []
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(getattr(f, "severity", "low"), 3), f.start))


def finding_reason(finding: Any, language: str | None = None) -> str:
    """Return why ``finding`` was flagged, in ``language`` (default: the page's language)."""
    try:
        from sourcedesk.protect.templatetags.protect_tags import reason_for
    except ImportError:
        return str(getattr(finding, "reason", ""))
    return reason_for(finding, language or get_language())


def highlight(text: str, findings, language: str | None = None) -> SafeString:
    """Return ``text`` escaped, with each finding wrapped in ``<mark>`` and line breaks kept.

    Overlapping findings keep the first (most severe) one; offsets are code points. Each mark's
    title is the reason in ``language`` (default: the page's language, Korean or English).
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
                finding_reason(finding, language),
                text[finding.start : finding.end],
            )
        )
        position = finding.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(str(p) for p in parts).replace("\n", "<br>"))  # noqa: S308 - every part is escaped
