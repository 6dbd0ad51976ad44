"""The one place where the desk asks the protection scanner about a report's text."""

from __future__ import annotations

import logging
from typing import Any

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
