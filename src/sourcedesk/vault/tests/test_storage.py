"""Blob storage and the hourly clean-up of partial uploads."""

from __future__ import annotations

import os
import time

import pytest

from sourcedesk.vault import tasks
from sourcedesk.vault.storage import FilesystemBlobStorage, blob_storage


def test_cleanup_removes_only_old_partials():
    """Partial blobs older than the limit are deleted; recent ones (uploads in progress) stay."""
    storage = blob_storage()
    old, new = storage.writer(), storage.writer()
    old.write(b"ciphertext")
    new.write(b"ciphertext")
    stale = time.time() - tasks.PARTIAL_MAX_AGE_SECONDS - 60
    os.utime(storage.partial_dir / old.name, (stale, stale))
    assert tasks.vault_partial_cleanup.call_local() == 1
    assert not (storage.partial_dir / old.name).exists()
    assert (storage.partial_dir / new.name).exists()
    new.abort()


def test_committed_blob_round_trip_and_names_checked(tmp_path):
    """A committed blob is readable and deletable; names that could escape the root are refused."""
    storage = FilesystemBlobStorage(tmp_path)
    writer = storage.writer()
    writer.write(b"abc")
    writer.commit()
    assert storage.exists(writer.name)
    with storage.open(writer.name) as handle:
        assert handle.read() == b"abc"
    assert oct(storage.path(writer.name).stat().st_mode & 0o777) == "0o600"
    storage.delete(writer.name)
    assert not storage.exists(writer.name)
    with pytest.raises(ValueError):
        storage.path("../etc/passwd")
    with pytest.raises(ValueError):
        writer.write(b"late")


DAY_NS = 86400 * 10**9


def times_not_at_midnight(root, *, skip=()) -> list[str]:
    """Return every file or folder under ``root`` whose access or modification time has a time of day.

    Each entry is read before its folder is listed, since listing may stamp a folder's access time.
    """
    found = []

    def visit(path):
        st = path.stat()
        if path not in skip and (st.st_atime_ns % DAY_NS or st.st_mtime_ns % DAY_NS):
            found.append(str(path.relative_to(root)) or ".")
        if path.is_dir():
            for child in sorted(path.iterdir()):
                visit(child)

    visit(root)
    return found


def test_blobs_and_folders_keep_only_the_day(tmp_path):
    """Committed blobs and every folder of the store carry midnight UTC of the day, also after an
    aborted upload, a deletion and a clean-up; only a partial blob in progress keeps its real time."""
    root = tmp_path / "blobs"
    storage = FilesystemBlobStorage(root)
    kept, gone, aborted = (storage.writer() for _ in range(3))
    for writer in (kept, gone, aborted):
        writer.write(b"ciphertext")
    kept.commit()
    gone.commit()
    aborted.abort()
    storage.delete(gone.name)
    storage.cleanup_partials(older_than_seconds=3600)
    in_progress = storage.writer()
    in_progress.write(b"ciphertext")
    partial = storage.partial_dir / in_progress.name
    assert times_not_at_midnight(root, skip={partial}) == []
    today = int(time.time()) // 86400 * 86400
    assert storage.path(kept.name).stat().st_mtime == today
    # Reading a blob does not stamp its access time (where the system offers O_NOATIME).
    with storage.open(kept.name) as handle:
        assert handle.read() == b"ciphertext"
    if hasattr(os, "O_NOATIME"):
        assert storage.path(kept.name).stat().st_atime == today
    # The partial keeps its real time, which the crash clean-up goes by.
    assert partial.stat().st_mtime_ns % DAY_NS
    in_progress.abort()
