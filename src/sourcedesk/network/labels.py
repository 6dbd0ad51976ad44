"""Choice labels translated once per request, for lists that show many rows."""

from __future__ import annotations

from .models import Channel, Grade, Region, SourceStatus


def choice_labels(choices) -> dict:
    """Return ``{value: label}`` with each lazy label translated now, in the active language."""
    return {value: str(text) for value, text in choices}


def choice_list(choices) -> list[tuple[str, str]]:
    """Return ``[(value, label)]`` with the labels translated now."""
    return [(str(value), str(text)) for value, text in choices]


def network_labels() -> dict[str, dict]:
    """Return the label maps the source and report lists use."""
    return {
        "region": choice_labels(Region.choices),
        "status": choice_labels(SourceStatus.choices),
        "grade": choice_labels(Grade.choices),
        "channel": choice_labels(Channel.choices),
    }
