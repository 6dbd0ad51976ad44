"""Ordinary people who share a public figure's name are still flagged.

An honorific for private persons (씨, 氏, "Mr./Ms."), an exact age next to the name or a resident
cue is never used for the public figures the allow-list exists for, so it overrides the allow-list.
"""

from __future__ import annotations

import pytest

from sourcedesk.protect import scan


def _names(text, allow=None):
    return {(f.text, f.severity) for f in scan(text, allow=allow) if f.kind == "person"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("김영철 씨는 시장에서 일한다", "김영철"),
        ("김영철씨는 시장에서 일한다", "김영철"),
        ("김정숙(52) 씨가 말했다", "김정숙"),
        ("김정숙 52세가 말했다", "김정숙"),
        ("주민 김영철이 말했다", "김영철"),
        ("Ms. Kim Jong Suk said", "Kim Jong Suk"),
        ("Kim Yong Chol, 52, said", "Kim Yong Chol"),
        ("Kim Yong Chol, a resident of Hyesan, said", "Kim Yong Chol"),
    ],
)
def test_private_cue_overrides_the_allow_list(text, name):
    """씨, an exact age or a resident cue marks a private namesake: the name is flagged high."""
    assert (name, "high") in _names(text)


@pytest.mark.parametrize(
    "text", ["김영철 통일전선부장이 말했다", "Kim Jong Un visited", "김정은 위원장이 주민들에게 말했다"]
)
def test_public_figures_stay_unflagged(text):
    """A public figure named with a title, or alone, is still left alone."""
    assert _names(text) == set()


def test_editor_added_name_with_ssi_is_flagged():
    """A name the desk allowed is still flagged when written with 씨."""
    allow = ["박명호"]
    assert _names("박명호 부위원장이 말했다", allow=allow) == set()
    assert ("박명호", "high") in _names("박명호 씨가 말했다", allow=allow)
