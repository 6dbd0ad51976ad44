"""Render text with the protection scanner's findings highlighted.

Load with ``{% load protect_tags %}``; two ways to use it:

``{% highlight_findings text findings %}``
    Return ``text`` HTML-escaped, with each finding wrapped in
    ``<mark class="finding finding-high" title="…reason…" data-kind="person">…</mark>``
    (``finding-medium`` / ``finding-low`` for the other severities). ``findings`` may be
    ``sourcedesk.protect.Finding`` objects or plain dicts with ``start``, ``end``, ``severity``,
    ``kind``, ``reason`` (and optionally ``suggestion``), such as the stories app keeps; offsets are
    code points of ``text``. The title holds the reason and the suggestion in the current language
    (Korean or English). Overlapping or out-of-range findings are skipped, never mis-rendered.
    An optional third argument picks the language: ``{% highlight_findings text findings "en" %}``.

``{{ finding|finding_reason }}`` / ``{{ finding|finding_suggestion }}`` / ``{{ finding|finding_kind }}``
    Return the reason, suggestion and kind label of one finding in the current language.

The output contains no inline style or script (CSP); style ``mark.finding`` in CSS, e.g. with
``protect/protect.css``.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..scanner import KIND_LABELS, REASONS

register = template.Library()

SEVERITIES = ("high", "medium", "low")


def _get(finding: Any, name: str, default: Any = None) -> Any:
    if isinstance(finding, dict):
        return finding.get(name, default)
    return getattr(finding, name, default)


def _lang(language: str | None) -> str:
    lang = language or get_language() or "ko"
    return "en" if lang.startswith("en") else "ko"


def reason_for(finding: Any, language: str | None = None) -> str:
    """Return the finding's reason in ``language`` (default: the active language)."""
    lang = _lang(language)
    code = _get(finding, "code", "")
    if code and code in REASONS:
        return REASONS[code][lang]
    return str(_get(finding, "reason", "") or "")


def suggestion_for(finding: Any, language: str | None = None) -> str:
    suggestion = _get(finding, "suggestion")
    if not suggestion:
        return ""
    return str(suggestion.get(_lang(language)) or suggestion.get("en") or "")


def kind_for(finding: Any, language: str | None = None) -> str:
    kind = str(_get(finding, "kind", ""))
    return KIND_LABELS.get(kind, {}).get(_lang(language), kind)


def highlight(text: str, findings: Any, language: str | None = None) -> SafeString:
    """Return ``text`` escaped with findings wrapped in ``<mark class="finding finding-…">``."""
    text = str(text or "")
    spans = []
    for f in findings or ():
        try:
            start, end = int(_get(f, "start")), int(_get(f, "end"))
        except (TypeError, ValueError):
            continue
        if 0 <= start < end <= len(text):
            spans.append((start, end, f))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    pos = 0
    for start, end, f in spans:
        if start < pos:
            continue  # overlaps a finding already drawn
        severity = _get(f, "severity", "low")
        severity = severity if severity in SEVERITIES else "low"
        title = reason_for(f, language)
        suggestion = suggestion_for(f, language)
        if suggestion:
            title = f"{title} → {suggestion}"
        kind = str(_get(f, "kind", ""))
        out.append(escape(text[pos:start]))
        out.append(
            f'<mark class="finding finding-{severity}" title="{escape(title)}" data-kind="{escape(kind)}">'
            f"{escape(text[start:end])}</mark>"
        )
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


@register.simple_tag
def highlight_findings(text: str, findings: Any, language: str | None = None) -> SafeString:
    return highlight(text, findings, language)


@register.filter
def finding_reason(finding: Any) -> str:
    return conditional_escape(reason_for(finding))


@register.filter
def finding_suggestion(finding: Any) -> str:
    return conditional_escape(suggestion_for(finding))


@register.filter
def finding_kind(finding: Any) -> str:
    return conditional_escape(kind_for(finding))
