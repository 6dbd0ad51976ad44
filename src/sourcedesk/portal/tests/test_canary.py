"""The canary: a marker submitted through the portal is nowhere on disk or in the database."""

from __future__ import annotations

import base64
import secrets
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.portal.models import Attachment, PortalSource

from .helpers import submit

pytestmark = pytest.mark.django_db


def encodings(marker: bytes) -> list[bytes]:
    """Return the marker as plaintext, hex (both cases) and base64 at every alignment."""
    forms = [marker, marker.hex().encode(), marker.hex().upper().encode()]
    for offset in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(b"\0" * offset + marker)
            # Drop the characters that depend on the neighbouring bytes.
            forms.append(encoded[4:-4])
    return forms


def database_dump() -> bytes:
    """Return every value of every table, as bytes."""
    chunks: list[bytes] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names come from the schema
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview | bytearray):
                        chunks.append(bytes(value))
                    elif value is not None:
                        chunks.append(str(value).encode())
    return b"\n".join(chunks)


def data_dir_dump() -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in Path(settings.DATA_DIR).rglob("*") if p.is_file()]


def test_canary_marker_never_stored_readable_only_by_recipients():
    """A marker sent in a message and a file is not on disk or in the database in plaintext,
    base64 or hex; an editor reads both; a reporter who is not a recipient cannot."""
    editor, reporter = EditorFactory(), ReporterFactory()
    marker = f"CANARY-{secrets.token_hex(12)}"
    source_client = Client()
    response = submit(
        source_client,
        message=f"보고: {marker} 끝",
        files=[(f"{marker}.txt", f"file body {marker} end".encode() * 1000)],
    )
    assert response.status_code == 200
    assert PortalSource.objects.count() == 1 and Attachment.objects.count() == 1

    haystacks = [("database", database_dump())] + [(str(p), data) for p, data in data_dir_dump()]
    for form in encodings(marker.encode()):
        for where, data in haystacks:
            assert form not in data, f"marker found in {where} as {form!r}"
    tmp = Path(settings.FILE_UPLOAD_TEMP_DIR)
    assert not tmp.exists() or not any(tmp.iterdir())

    source = PortalSource.objects.get()
    editor_client = login(Client(), editor)
    page = editor_client.get(f"/desk/inbox/{source.public_id}/")
    assert page.status_code == 200 and marker in page.content.decode()
    attachment = Attachment.objects.get()
    download = editor_client.post(
        f"/desk/inbox/{source.public_id}/files/{attachment.public_id}/", {"original": "1"}
    )
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert marker.encode() in body

    reporter_client = login(Client(), reporter)
    assert reporter_client.get(f"/desk/inbox/{source.public_id}/").status_code == 404
    assert marker not in reporter_client.get("/desk/inbox/").content.decode()
    assert (
        reporter_client.post(f"/desk/inbox/{source.public_id}/files/{attachment.public_id}/").status_code
        == 404
    )


def test_every_model_date_for_sources_is_a_day():
    """Portal and vault records store dates, never times of day."""
    from django.db import models

    for label in ("portal", "vault"):
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                assert not isinstance(field, models.DateTimeField), f"{model.__name__}.{field.name}"
