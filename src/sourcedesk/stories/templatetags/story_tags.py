"""Template filters for the story desk.

``{{ finding|story_reason }}`` gives a finding's reason in the page's language: the protection
app's reasons through its own filter, and the reasons the stories app adds itself (a source's
desk pseudonym) from this app's translations.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape

from ..protection import PSEUDONYM_CODE, reason_text

register = template.Library()


def _code(finding: Any) -> str:
    if isinstance(finding, dict):
        return str(finding.get("code", "") or "")
    return str(getattr(finding, "code", "") or "")


@register.filter
def story_reason(finding: Any) -> str:
    """Return the reason of a finding (a stored dict or a gate flag) in the active language."""
    if _code(finding) != PSEUDONYM_CODE:
        try:
            from sourcedesk.protect.templatetags.protect_tags import reason_for  # noqa: PLC0415
        except ImportError:
            pass
        else:
            return conditional_escape(reason_for(finding))
    return conditional_escape(reason_text(finding))
