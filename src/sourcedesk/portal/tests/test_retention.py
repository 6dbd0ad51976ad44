"""Retention: old submissions and replies are crypto-shredded by the scheduled task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from sourcedesk.accounts.tests.factories import EditorFactory
from sourcedesk.audit.models import AuditEntry
from sourcedesk.portal import tasks
from sourcedesk.portal.models import Attachment, PortalSource, Reply, Submission
from sourcedesk.portal.services import reply_create
from sourcedesk.vault.models import Envelope, WrappedKey
from sourcedesk.vault.storage import blob_storage

from .helpers import submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_retention_shreds_old_items_and_keeps_recent_ones(settings):
    """Items older than the retention age lose their wrapped keys, blobs and rows; newer ones stay."""
    settings.SOURCEDESK_RETENTION_DAYS = 90
    editor = EditorFactory()
    submit(Client(), message="old", files=[("old.txt", b"old file")])
    source = PortalSource.objects.get()
    reply_create(source=source, author=editor, text="old reply")
    old_day = timezone.localdate() - dt.timedelta(days=91)
    Submission.objects.update(created_on=old_day)
    Reply.objects.update(created_on=old_day)
    blob_name = Attachment.objects.get().envelope.blob_name
    submit(Client(), message="new")

    destroyed = tasks.portal_retention.call_local()

    assert destroyed == 3
    assert Submission.objects.count() == 1 and not Reply.objects.exists() and not Attachment.objects.exists()
    assert not blob_storage().exists(blob_name)
    shredded = Envelope.objects.filter(destroyed_on__isnull=False)
    assert shredded.count() == 3
    assert not WrappedKey.objects.filter(envelope__in=shredded).exists()
    assert all(e.ciphertext is None for e in shredded)
    run = AuditEntry.objects.filter(action="portal.retention").last()
    assert run.data["destroyed"] == 3
    assert AuditEntry.objects.filter(action="vault.destroy").count() == 3
