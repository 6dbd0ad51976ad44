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
