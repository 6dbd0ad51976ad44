"""Helpers for portal tests: submitting through the HTTP portal as a source would."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

CODENAME_RE = re.compile(r'<p class="codename" id="codename">(.*?)</p>', re.S)


def codename_from(response) -> str:
    """Return the codename shown on the page after a first submission."""
    html = response.content.decode()
    match = CODENAME_RE.search(html)
    assert match, "no codename on the page"
    return " ".join(re.findall(r'<span class="word">([^<]+)</span>', match.group(1)))


def submit(
    client: Client,
    *,
    message: str = "",
    files: list[tuple[str, bytes]] = (),
    wordlist: str = "ko",
    lang: str = "",
):
    """Post a first submission through the portal form; return the response."""
    data: dict = {"message": message, "wordlist": wordlist}
    if files:
        data["files"] = [SimpleUploadedFile(name, content) for name, content in files]
    url = "/portal/submit/" + (f"?lang={lang}" if lang else "")
    return client.post(url, data)
