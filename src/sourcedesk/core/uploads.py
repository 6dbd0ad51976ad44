"""Desk uploads stay in memory: an unscrubbed photo or a pasted interview never touches disk.

Django's default handlers write any upload above a few hundred kilobytes to a temporary file
in plaintext. Desk uploads (story photos, texts to check) are small, so they are held in memory
up to ``SOURCEDESK_DESK_UPLOAD_MAX_BYTES``; a larger request is refused before its body is read.
The portal replaces these handlers with its own, which encrypts each chunk as it arrives.
"""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class BoundedMemoryUploadHandler(FileUploadHandler):
    """Keep every uploaded file in memory; refuse requests over the desk upload limit."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.SOURCEDESK_DESK_UPLOAD_MAX_BYTES:
            raise RequestDataTooBig("upload larger than the desk limit")
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()

    def receive_data_chunk(self, raw_data, start):
        if self.buffer.tell() + len(raw_data) > settings.SOURCEDESK_DESK_UPLOAD_MAX_BYTES:
            raise RequestDataTooBig("upload larger than the desk limit")
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
