"""Invented demo data for the portal: one source with a known codename, a message, a reply."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from .codename import wordlist
from .services import _submit_with_codename, reply_create, source_authenticate

# Fixed positions in the committed Korean list, so the demo codename is stable. Demo only.
_DEMO_WORDS = (120, 2024, 3300, 4100, 5150, 6010, 7010)


def demo_codename() -> str:
    """Return the demo source's codename (invented; for the demo desk only)."""
    words = wordlist("ko")
    return " ".join(words[i] for i in _DEMO_WORDS)


def seed(*, stdout) -> None:
    """Create the demo portal source once; print its codename."""
    codename = demo_codename()
    if source_authenticate(codename=codename) is not None:
        stdout.write(f"Portal: demo source exists; codename: {codename}")
        return
    editor = get_user_model().objects.filter(username="editor").first()
    if editor is None:
        stdout.write("Portal: no demo editor, skipped.")
        return
    source, _keys = _submit_with_codename(
        codename=codename,
        text=(
            "(데모) 국경 마을 장마당에서 이번 주 쌀 1kg이 어제보다 올랐다고 들었습니다. "
            "세관 검사가 강화되었다는 소문도 있습니다."
        ),
        files=[],
    )
    reply_create(
        source=source,
        author=editor,
        text="(데모) 잘 받았습니다. 가격을 직접 보셨는지, 들으신 것인지 알려 주세요. 안전이 먼저입니다.",
    )
    stdout.write(f"Portal: demo source {source.designation}; codename: {codename}")
