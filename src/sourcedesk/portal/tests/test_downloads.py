"""Downloads from the inbox: warned, scrubbed by default, audited."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from PIL import Image

from sourcedesk.accounts.tests.factories import EditorFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.portal.models import Attachment, PortalSource

from .helpers import submit

pytestmark = pytest.mark.django_db


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"  # Make
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def _setup(files):
    editor = EditorFactory()
    submit(Client(), message="photo", files=files)
    source = PortalSource.objects.get()
    return login(Client(), editor), source, editor


def test_download_page_warns_about_metadata_and_scrubs_by_default():
    """The file page warns about metadata; the default download is scrubbed and audited."""
    desk, source, editor = _setup([("photo.jpg", jpeg_with_exif())])
    attachment = Attachment.objects.get()
    url = f"/desk/inbox/{source.public_id}/files/{attachment.public_id}/"
    page = desk.get(url).content.decode()
    assert "metadata" in page.lower() or "메타데이터" in page
    scrubbed = desk.post(url)
    assert scrubbed.status_code == 200 and b"SecretPhoneMaker" not in scrubbed.content
    assert scrubbed.content.startswith(b"\xff\xd8")
    assert "photo.jpg" in scrubbed["Content-Disposition"]
    original = desk.post(url, {"original": "1"})
    assert b"SecretPhoneMaker" in b"".join(original.streaming_content)
    downloads = AuditEntry.objects.filter(action="portal.download", actor_id=editor.pk)
    assert [e.data["scrubbed"] for e in downloads] == [True, False]


def test_unscrubbable_file_is_not_silently_sent_as_original():
    """A file type the scrubber cannot handle is refused for scrubbed download, with a message."""
    desk, source, _editor = _setup([("notes.bin", b"\x00\x01binary")])
    attachment = Attachment.objects.get()
    url = f"/desk/inbox/{source.public_id}/files/{attachment.public_id}/"
    response = desk.post(url)
    assert response.status_code == 302 and response["Location"] == url
