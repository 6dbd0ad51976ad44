"""Source network services: registration, grading history, status alerts, archive and delete."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory, TranslatorFactory
from sourcedesk.audit.models import AuditEntry
from sourcedesk.desk.tests.factories import ReportFactory
from sourcedesk.network import services
from sourcedesk.network.locking import StaleObjectError
from sourcedesk.network.models import Source, SourceAlert, SourceChange
from sourcedesk.network.selectors import source_grade_points
from sourcedesk.network.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _register(by_user, handler=None, **kwargs):
    defaults = {
        "handler": handler or by_user,
        "region": "kp-ryanggang",
        "channel": "phone",
        "active_since": datetime.date(2023, 5, 17),
        "grade": "C",
    }
    defaults.update(kwargs)
    return services.source_register(by_user=by_user, **defaults)


def test_register_generates_region_pseudonym_and_month_precision():
    """A new source gets a pseudonym from its region's prefix and an 'active since' month."""
    reporter = ReporterFactory()
    source = _register(reporter)
    assert re.fullmatch(r"양강-\d{2,5}", source.pseudonym)
    assert source.active_since == datetime.date(2023, 5, 1)
    assert AuditEntry.objects.filter(action="source.register", target_id=str(source.pk)).exists()
    assert source.changes.get().new_value == "C"


def test_reporter_registers_only_their_own_sources():
    """A reporter cannot register a source for another handler; translators cannot at all."""
    reporter, other = ReporterFactory(), ReporterFactory()
    with pytest.raises(PermissionDenied):
        _register(reporter, handler=other)
    with pytest.raises(PermissionDenied):
        _register(TranslatorFactory(), handler=reporter)
    assert _register(EditorFactory(), handler=other).handler == other


def test_duplicate_pseudonym_refused():
    """Two sources cannot share a pseudonym."""
    reporter = ReporterFactory()
    _register(reporter, pseudonym="양강-17")
    with pytest.raises(ValidationError):
        _register(reporter, pseudonym="양강-17")


def test_grade_change_is_a_history_row_and_an_audit_entry():
    """An editor's grade change records who, when and why, and is audited."""
    editor = EditorFactory()
    source = SourceFactory(grade="C")
    services.source_update(
        source=source, by_user=editor, version=source.version, grade="B", reason="Three reports confirmed"
    )
    change = SourceChange.objects.get(source=source, field="grade")
    assert (change.old_value, change.new_value, change.reason, change.changed_by) == (
        "C",
        "B",
        "Three reports confirmed",
        editor,
    )
    entry = AuditEntry.objects.get(action="source.grade", target_id=str(source.pk))
    assert entry.data == {"from": "C", "to": "B"}
    points = source_grade_points(source=source)
    assert [p.grade for p in points] == ["C", "B"]


def test_grade_and_status_changes_need_a_reason():
    """Changing the grade or status without saying why is refused."""
    editor = EditorFactory()
    source = SourceFactory()
    with pytest.raises(ValidationError):
        services.source_update(source=source, by_user=editor, version=source.version, grade="A")
    with pytest.raises(ValidationError):
        services.source_update(source=source, by_user=editor, version=source.version, status="dormant")
    assert not SourceChange.objects.filter(source=source).exists()


def test_only_editors_grade_sources():
    """A handler may change the status of their source, but not its grade or handler."""
    source = SourceFactory()
    with pytest.raises(PermissionDenied):
        services.source_update(
            source=source, by_user=source.handler, version=source.version, grade="A", reason="x"
        )
    services.source_update(
        source=source, by_user=source.handler, version=source.version, status="dormant", reason="No calls"
    )
    assert Source.objects.get(pk=source.pk).status == "dormant"
    with pytest.raises(PermissionDenied):
        services.source_update(
            source=source, by_user=ReporterFactory(), version=source.version, status="active", reason="x"
        )


def test_marking_compromised_alerts_every_editor():
    """Marking a source compromised records a status change and alerts each editor."""
    editors = [EditorFactory(), EditorFactory()]
    source = SourceFactory()
    services.source_update(
        source=source, by_user=source.handler, version=source.version, status="compromised", reason="Arrested"
    )
    assert set(SourceAlert.objects.filter(source=source).values_list("recipient", flat=True)) == {
        e.pk for e in editors
    }
    assert AuditEntry.objects.filter(action="source.status", target_id=str(source.pk)).exists()


def test_stale_version_is_refused():
    """A save based on an old version of the source fails and changes nothing."""
    editor = EditorFactory()
    source = SourceFactory()
    first = Source.objects.get(pk=source.pk)
    second = Source.objects.get(pk=source.pk)
    services.source_update(source=first, by_user=editor, version=first.version, channel="messenger")
    with pytest.raises(StaleObjectError):
        services.source_update(source=second, by_user=editor, version=second.version, channel="in_person")
    assert Source.objects.get(pk=source.pk).channel == "messenger"


def test_delete_with_reports_is_refused_archive_instead():
    """A source cited by reports cannot be deleted, only archived; one without reports can go."""
    editor = EditorFactory()
    report = ReportFactory()
    with pytest.raises(services.SourceHasReportsError):
        services.source_delete(source=report.source, by_user=editor)
    assert Source.objects.filter(pk=report.source_id).exists()
    services.source_archive(source=report.source, by_user=editor)
    assert Source.objects.get(pk=report.source_id).archived
    lonely = SourceFactory()
    services.source_delete(source=lonely, by_user=editor)
    assert not Source.objects.filter(pk=lonely.pk).exists()
    assert AuditEntry.objects.filter(action="source.delete").exists()


def test_reporters_cannot_delete():
    """Only editors delete sources, even their own handler cannot."""
    source = SourceFactory()
    with pytest.raises(PermissionDenied):
        services.source_delete(source=source, by_user=source.handler)


def test_grade_points_follow_registration_and_changes():
    """The chart starts at the registered grade and adds one point per change, no duplicates."""
    editor = EditorFactory()
    source = _register(editor, handler=ReporterFactory(), grade="F")
    assert [p.grade for p in source_grade_points(source=source)] == ["F"]
    services.source_update(
        source=source, by_user=editor, version=source.version, grade="C", reason="Two calls checked"
    )
    assert [p.grade for p in source_grade_points(source=source)] == ["F", "C"]
