"""Streaming, encrypting upload handling for the portal.

Django's default handlers keep small uploads in memory and write large ones, in plaintext, to
``FILE_UPLOAD_TEMP_DIR``. The portal replaces them with :class:`SealedUploadHandler`: each chunk
is encrypted as it arrives and written to blob storage, so plaintext never touches the disk.
Every partial blob is deleted if the upload is refused, cut off or malformed.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopFutureHandlers, StopUpload

from sourcedesk.vault.services import SealedFileWriter, envelope_file_begin

FILE_FIELD = "files"


class SealedUpload(UploadedFile):
    """An uploaded file that exists only as an encrypted blob awaiting its recipients."""

    def __init__(self, *, writer: SealedFileWriter, name: str, content_type: str, size: int) -> None:
        super().__init__(file=None, name=name, content_type=content_type, size=size)
        self.writer = writer

    def open(self, mode=None):  # noqa: ARG002 - the plaintext is not available to read back
        raise OSError("A sealed upload cannot be read back.")

    def close(self) -> None:
        """Nothing to close: the blob writer is finished or aborted by the view."""


class SealedUploadHandler(FileUploadHandler):
    """Encrypt each uploaded file chunk by chunk into blob storage."""

    # Large reads keep the multipart parser's per-chunk overhead low on big files.
    chunk_size = 1024 * 1024

    def __init__(self, request=None, *, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.total = 0
        self.too_large = False
        self.writers: list[SealedFileWriter] = []
        self._writer: SealedFileWriter | None = None

    def new_file(
        self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None
    ):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        if field_name != FILE_FIELD:
            self._writer = None
            raise StopFutureHandlers()
        self._writer = envelope_file_begin()
        self.writers.append(self._writer)
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.total += len(raw_data)
        if self.total > self.max_bytes:
            self.too_large = True
            self.abort_all()
            raise StopUpload(connection_reset=True)
        if self._writer is not None:
            self._writer.write(raw_data)
        return None

    def file_complete(self, file_size: int):
        writer, self._writer = self._writer, None
        if writer is None:
            return None
        return SealedUpload(
            writer=writer,
            name=self.file_name or "file",
            content_type=self.content_type or "application/octet-stream",
            size=file_size,
        )

    def upload_interrupted(self) -> None:
        self.abort_all()

    def abort_all(self) -> None:
        """Delete every blob this upload started; safe to call more than once."""
        for writer in self.writers:
            if writer.envelope is None:
                writer.abort()


class DiscardFilesHandler(FileUploadHandler):
    """For forms that take no file: skip every file part unread, so nothing is buffered."""

    def new_file(self, *args, **kwargs):
        raise SkipFile()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        return None

    def file_complete(self, file_size: int):
        return None


class IncompleteBody(OSError):
    """The client sent fewer bytes than its Content-Length announced (the upload was cut off)."""


class CompleteStream:
    """Wrap a request stream so a body shorter than its Content-Length raises, not truncates."""

    def __init__(self, stream, expected: int) -> None:
        self._stream = stream
        self._remaining = expected

    def read(self, size: int = -1) -> bytes:
        if self._remaining <= 0:
            return b""
        want = self._remaining if size is None or size < 0 else min(size, self._remaining)
        data = self._stream.read(want)
        if not data and want:
            raise IncompleteBody("The upload was cut off.")
        self._remaining -= len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        want = self._remaining if size is None or size < 0 else min(size, self._remaining)
        data = self._stream.readline(want)
        if not data and want:
            raise IncompleteBody("The upload was cut off.")
        self._remaining -= len(data)
        return data
