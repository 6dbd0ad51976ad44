"""Bad input at the portal: oversized, cut-off and malformed uploads leave nothing behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client, RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import translation

from sourcedesk.accounts.tests.factories import EditorFactory
from sourcedesk.portal import views
from sourcedesk.portal.models import PortalSource
from sourcedesk.vault.models import Envelope
from sourcedesk.vault.storage import blob_storage

pytestmark = pytest.mark.django_db


def blob_files() -> list[Path]:
    root = blob_storage().root
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def editor():
    return EditorFactory()


@pytest.fixture
def small_limit(settings):
    settings.SOURCEDESK_MAX_UPLOAD_BYTES = 100 * 1024
    return settings.SOURCEDESK_MAX_UPLOAD_BYTES


def test_oversized_content_length_refused_before_reading(editor, small_limit):
    """A body announced larger than the limit is refused with 413 before any byte is read."""
    before = blob_files()
    body = b"x" * 10
    response = Client().generic(
        "POST",
        "/portal/submit/",
        body,
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(small_limit + 7 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "MB" in response.content.decode()
    assert blob_files() == before and not PortalSource.objects.exists()


def test_oversized_file_stopped_mid_stream_and_deleted(editor, small_limit):
    """Files exceeding the limit in total are cut off while streaming; no blob, no source remains."""
    before = blob_files()
    data = encode_multipart(BOUNDARY, {"message": "big", "files": io.BytesIO(b"y" * (small_limit + 5000))})
    response = Client().generic("POST", "/portal/submit/?lang=en", data, content_type=MULTIPART_CONTENT)
    assert response.status_code == 413 and "Too large" in response.content.decode()
    assert blob_files() == before
    assert not PortalSource.objects.exists() and not Envelope.objects.exists()


def test_cut_off_upload_leaves_nothing(editor):
    """An upload whose connection ends before Content-Length bytes arrive keeps no trace."""
    before = blob_files()
    full = encode_multipart(BOUNDARY, {"message": "cut", "files": io.BytesIO(b"z" * 300_000)})
    truncated = full[: len(full) // 2]
    environ = RequestFactory()._base_environ(
        PATH_INFO="/portal/submit/",
        REQUEST_METHOD="POST",
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(len(full)),
        QUERY_STRING="",
    )
    environ["wsgi.input"] = io.BytesIO(truncated)
    request = WSGIRequest(environ)
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = "ko"
    with translation.override("ko"):
        response = views.submit(request)
    assert response.status_code == 400
    assert "업로드가 완전히 도착하지 않아" in response.content.decode()
    assert blob_files() == before
    assert not any(blob_storage().partial_dir.iterdir())
    assert not PortalSource.objects.exists()


@pytest.mark.parametrize(("query", "expected"), [("", "전송 실패"), ("?lang=en", "Sending failed")])
def test_malformed_multipart_gets_400_in_portal_language(editor, query, expected):
    """A multipart body without a valid boundary gets a 400 page in the portal's language, no traceback."""
    response = Client().generic(
        "POST",
        "/portal/submit/" + query,
        b"--nonsense\r\n\r\n",
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert expected in html and "Traceback" not in html and "<script" not in html


def test_plaintext_never_in_upload_temp_dir(editor):
    """Even a large file never reaches FILE_UPLOAD_TEMP_DIR: the portal's handler replaces Django's."""
    tmp = Path(settings.FILE_UPLOAD_TEMP_DIR)
    data = encode_multipart(BOUNDARY, {"message": "", "files": io.BytesIO(b"PLAIN" * 200_000)})
    response = Client().generic("POST", "/portal/submit/", data, content_type=MULTIPART_CONTENT)
    assert response.status_code == 200
    assert not tmp.exists() or not any(tmp.iterdir())
    assert all(b"PLAINPLAIN" not in p.read_bytes() for p in blob_files())


def test_missing_content_length_refused(editor):
    """A POST that does not announce its length is refused."""
    response = Client().generic(
        "POST", "/portal/submit/", b"", content_type=MULTIPART_CONTENT, CONTENT_LENGTH=""
    )
    assert response.status_code == 411


def test_failure_after_files_were_sealed_deletes_their_blobs(editor, monkeypatch):
    """If saving fails after a file's blob was committed, the blob is deleted with the rollback."""
    from sourcedesk.portal import services

    before = blob_files()

    def explode(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services.Attachment.objects, "create", explode)
    data = encode_multipart(BOUNDARY, {"message": "m", "files": io.BytesIO(b"q" * 100_000)})
    with pytest.raises(RuntimeError):
        Client(raise_request_exception=True).generic(
            "POST", "/portal/submit/", data, content_type=MULTIPART_CONTENT
        )
    assert blob_files() == before
    assert not PortalSource.objects.exists() and not Envelope.objects.exists()


def test_portal_upload_leaves_no_time_of_day_in_blob_storage(settings, tmp_path, editor):
    """After a portal submission with a file, no file or folder in blob storage carries a time of
    day: blobs and folders keep only the day (midnight UTC) of the upload."""
    from sourcedesk.vault.tests.test_storage import times_not_at_midnight

    from .helpers import submit

    settings.DATA_DIR = tmp_path
    response = submit(Client(), message="with a file", files=[("photo.jpg", b"\xff\xd8" + b"x" * 200_000)])
    assert response.status_code == 200
    root = blob_storage().root
    assert root == tmp_path / "blobs"
    # Checked before anything else lists the folders (a listing may stamp their access time).
    assert times_not_at_midnight(root) == []
    assert len(blob_files()) == 1 and not list(blob_storage().partial_dir.iterdir())
