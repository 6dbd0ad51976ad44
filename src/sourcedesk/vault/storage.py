"""Storage for encrypted blobs, behind an interface so an S3-compatible store can replace it.

Only ciphertext ever reaches a storage backend. A blob is written under a temporary name and
committed (renamed) once complete, so an interrupted upload never leaves a committed blob, and
:meth:`BlobStorage.cleanup_partials` removes what a crash left behind.
"""

from __future__ import annotations

import os
import secrets
import time
from functools import cache
from pathlib import Path
from typing import BinaryIO, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class BlobWriter(Protocol):
    name: str
    size: int

    def write(self, data: bytes) -> None: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...


class BlobStorage(Protocol):
    def writer(self) -> BlobWriter: ...
    def open(self, name: str) -> BinaryIO: ...
    def delete(self, name: str) -> None: ...
    def exists(self, name: str) -> bool: ...
    def cleanup_partials(self, *, older_than_seconds: int) -> int: ...


class _FileWriter:
    def __init__(self, storage: FilesystemBlobStorage, name: str) -> None:
        self.name = name
        self.size = 0
        self._storage = storage
        self._partial = storage.partial_dir / name
        fd = os.open(self._partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._file: BinaryIO | None = os.fdopen(fd, "wb", buffering=0)

    def write(self, data: bytes) -> None:
        if self._file is None:
            raise ValueError("This blob is already closed.")
        self._file.write(data)
        self.size += len(data)

    def commit(self) -> None:
        if self._file is None:
            raise ValueError("This blob is already closed.")
        self._file.close()
        self._file = None
        final = self._storage.path(self.name)
        final.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.replace(self._partial, final)

    def abort(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._partial.unlink(missing_ok=True)


class FilesystemBlobStorage:
    """Blobs as files under ``DATA_DIR/blobs``, fanned out by the first two characters."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else Path(settings.DATA_DIR) / "blobs"
        self.partial_dir = self.root / "partial"
        self.partial_dir.mkdir(mode=0o700, parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        if not name.isalnum():
            raise ValueError("Invalid blob name.")
        return self.root / name[:2] / name

    def writer(self) -> _FileWriter:
        return _FileWriter(self, secrets.token_hex(20))

    def open(self, name: str) -> BinaryIO:
        return self.path(name).open("rb")

    def delete(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def cleanup_partials(self, *, older_than_seconds: int) -> int:
        cutoff = time.time() - older_than_seconds
        removed = 0
        for entry in self.partial_dir.iterdir():
            try:
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed


@cache
def _storage_for(dotted: str, data_dir: str) -> BlobStorage:
    return import_string(dotted)()


def blob_storage() -> BlobStorage:
    """Return the configured storage (``SOURCEDESK_BLOB_STORAGE``)."""
    return _storage_for(settings.SOURCEDESK_BLOB_STORAGE, str(settings.DATA_DIR))
