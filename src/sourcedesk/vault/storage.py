"""Storage for encrypted blobs, behind an interface so an S3-compatible store can replace it.

Only ciphertext ever reaches a storage backend. A blob is written under a temporary name and
committed (renamed) once complete, so an interrupted upload never leaves a committed blob, and
:meth:`BlobStorage.cleanup_partials` removes what a crash left behind.

Source activity is kept at day precision, so committed blobs and every folder of the store carry
midnight UTC of the day as their access and modification times; only a partial blob (an upload in
progress) keeps its real times, which the crash clean-up needs. The inode change time (``ctime``)
cannot be set by a process and still says when a blob was written: see decision 0023.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from functools import cache
from pathlib import Path
from typing import BinaryIO, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("sourcedesk.vault")


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


def _midnight_utc(now: float | None = None) -> int:
    """Return midnight UTC of the day of ``now`` (default: today) as a Unix time."""
    now = time.time() if now is None else now
    return int(now) // 86400 * 86400


def _day_only(*paths: Path) -> None:
    """Set the access and modification times of ``paths`` to midnight UTC of today."""
    midnight = _midnight_utc()
    for path in paths:
        try:
            os.utime(path, (midnight, midnight))
        except FileNotFoundError:
            continue
        except OSError as exc:
            # A blob already committed must not be lost over its times; say so and go on.
            logger.warning("Could not set blob storage times to the day: %s", exc.strerror)


# Reading a blob must not stamp its access time either (Linux; the owner may ask for this).
_O_NOATIME = getattr(os, "O_NOATIME", 0)


class _FileWriter:
    def __init__(self, storage: FilesystemBlobStorage, name: str) -> None:
        self.name = name
        self.size = 0
        self._storage = storage
        self._partial = storage.partial_dir / name
        fd = os.open(self._partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._file: BinaryIO | None = os.fdopen(fd, "wb", buffering=0)
        # The partial keeps its real time (the clean-up needs it); its folder does not.
        _day_only(storage.partial_dir)

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
        _day_only(final, final.parent, self._storage.partial_dir, self._storage.root)

    def abort(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._partial.unlink(missing_ok=True)
        _day_only(self._storage.partial_dir)


class FilesystemBlobStorage:
    """Blobs as files under ``DATA_DIR/blobs``, fanned out by the first two characters."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else Path(settings.DATA_DIR) / "blobs"
        self.partial_dir = self.root / "partial"
        if not self.partial_dir.is_dir():
            self.partial_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            _day_only(self.partial_dir, self.root)

    def path(self, name: str) -> Path:
        if not name.isalnum():
            raise ValueError("Invalid blob name.")
        return self.root / name[:2] / name

    def writer(self) -> _FileWriter:
        return _FileWriter(self, secrets.token_hex(20))

    def open(self, name: str) -> BinaryIO:
        path = self.path(name)
        try:
            fd = os.open(path, os.O_RDONLY | _O_NOATIME)
        except PermissionError:
            if not _O_NOATIME:
                raise
            # O_NOATIME is only for the file's owner; another reader falls back to a plain open.
            fd = os.open(path, os.O_RDONLY)
        return os.fdopen(fd, "rb")

    def delete(self, name: str) -> None:
        path = self.path(name)
        path.unlink(missing_ok=True)
        _day_only(path.parent)

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
        # Partial uploads come and go in this folder; keep its own times at the day.
        _day_only(self.partial_dir)
        return removed


@cache
def _storage_for(dotted: str, data_dir: str) -> BlobStorage:
    return import_string(dotted)()


def blob_storage() -> BlobStorage:
    """Return the configured storage (``SOURCEDESK_BLOB_STORAGE``)."""
    return _storage_for(settings.SOURCEDESK_BLOB_STORAGE, str(settings.DATA_DIR))
