"""The audit log is append-only and its verifier names the first broken entry."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sourcedesk.audit.models import AuditEntry
from sourcedesk.audit.selectors import audit_verify
from sourcedesk.audit.services import audit_record

pytestmark = pytest.mark.django_db


def make_entries(n=5):
    return [audit_record(action="test_event", data={"i": i}) for i in range(n)]


def raw_sql(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_entries_chain_and_verify():
    """Fresh entries carry consecutive numbers and the previous entry's hash."""
    entries = make_entries(3)
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[1].prev_hash == entries[0].entry_hash
    assert audit_verify().ok
    call_command("audit", "verify")


def test_entries_cannot_be_changed_through_the_orm():
    """Saving, updating or deleting an entry through Django is refused."""
    entry = make_entries(1)[0]
    entry.action = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_verify_names_a_modified_entry():
    """An entry edited directly in the database is named by `audit verify`."""
    make_entries(5)
    raw_sql("UPDATE audit_auditentry SET data = %s WHERE seq = 3", ['{"i": 99}'])
    verdict = audit_verify()
    assert not verdict.ok and verdict.seq == 3
    assert "#3 was modified" in verdict.problem
    with pytest.raises(CommandError, match="#3 was modified"):
        call_command("audit", "verify")


def test_verify_names_a_deleted_entry():
    """An entry deleted from the middle of the log is named."""
    make_entries(5)
    raw_sql("DELETE FROM audit_auditentry WHERE seq = %s", [2])
    verdict = audit_verify()
    assert not verdict.ok and verdict.seq == 2
    assert "#2 was deleted" in verdict.problem


def test_verify_names_a_deleted_last_entry():
    """Deleting the newest entry is noticed through the chain's tip."""
    make_entries(4)
    raw_sql("DELETE FROM audit_auditentry WHERE seq = %s", [4])
    verdict = audit_verify()
    assert not verdict.ok and verdict.seq == 4


def test_verify_names_an_inserted_entry():
    """A forged entry slipped between two real ones is named."""
    entries = make_entries(4)
    raw_sql("UPDATE audit_auditentry SET seq = seq + 100 WHERE seq >= 3", [])
    raw_sql("UPDATE audit_auditentry SET seq = seq - 99 WHERE seq >= 103", [])
    forged = entries[1]
    raw_sql(
        "INSERT INTO audit_auditentry (seq, created_at, actor_id, actor_name, action, target_type, target_id, data, prev_hash, entry_hash)"
        " VALUES (%s, %s, NULL, '', 'forged', '', '', %s, %s, %s)",
        [3, forged.created_at, "{}", forged.entry_hash, "f" * 64],
    )
    verdict = audit_verify()
    assert not verdict.ok and verdict.seq == 3
    assert "#3 was inserted" in verdict.problem
