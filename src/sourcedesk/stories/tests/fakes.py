"""Stand-ins for the protection scanner and photo scrubber, for tests of the gate's contract.

The fake scanner flags phone numbers and every deny-listed name as high severity, exactly as the
interface promises; tests that need the real scanner ask for the ``real_scanner`` fixture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PHONE = re.compile(r"(?:\+?\d{1,3}[ -]?)?\d{2,4}[ -]\d{3,4}[ -]\d{4}")


@dataclass(frozen=True)
class FakeFinding:
    start: int
    end: int
    kind: str
    severity: str
    text: str
    reason: str
    suggestion: dict | None = None


def fake_scan(text, language=None, *, deny=(), allow=None):
    found = [
        FakeFinding(
            m.start(),
            m.end(),
            "phone",
            "high",
            m.group(),
            "A phone number identifies its owner.",
            {"ko": "번호를 지우세요", "en": "remove the number"},
        )
        for m in _PHONE.finditer(text)
    ]
    for name in deny:
        for m in re.finditer(re.escape(name), text):
            found.append(
                FakeFinding(m.start(), m.end(), "deny", "high", name, "A person in this story.", None)
            )
    for m in re.finditer(r"\d{4}-\d{2}-\d{2}", text):
        found.append(
            FakeFinding(
                m.start(), m.end(), "exact_date", "medium", m.group(), "An exact date narrows it down."
            )
        )
    return found


def fake_scrub(data: bytes, filename: str) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG")
    return b"\xff\xd8SCRUBBED" + data[-2:]
