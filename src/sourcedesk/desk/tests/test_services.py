"""Report and claim services: logging, corroboration, status history, merging, locking."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.audit.models import AuditEntry
from sourcedesk.desk import selectors, services
from sourcedesk.desk.models import Claim, ClaimChange, Report
from sourcedesk.desk.tests.factories import ClaimFactory, ReportFactory
from sourcedesk.network.locking import StaleObjectError
from sourcedesk.network.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_handler_logs_a_report_with_month_precision_event():
    """A handler logs a report; the event date is kept at the precision given."""
    source = SourceFactory()
    report = services.report_log(
        by_user=source.handler,
        source=source,
        received_on=datetime.date(2024, 10, 20),
        text="쌀값 상승",
        event_on=datetime.date(2024, 10, 13),
        event_precision="month",
        credibility=3,
        tags="Rice, market rice",
    )
    assert report.event_on == datetime.date(2024, 10, 1)
    assert report.region == source.region
    assert report.tags == "rice market"
    assert AuditEntry.objects.filter(action="report.log", target_id=str(report.pk)).exists()


def test_reporter_cannot_log_for_another_handlers_source():
    """Logging a report for a source the reporter does not handle is refused."""
    source = SourceFactory()
    with pytest.raises(PermissionDenied):
        services.report_log(
            by_user=ReporterFactory(), source=source, received_on=datetime.date(2024, 1, 1), text="x"
        )


def test_invalid_credibility_is_refused():
    """Credibility outside 1–6 is a validation error, not a saved row."""
    source = SourceFactory()
    with pytest.raises(ValidationError):
        services.report_log(
            by_user=source.handler,
            source=source,
            received_on=datetime.date(2024, 1, 1),
            text="x",
            credibility=7,
        )
    assert not Report.objects.exists()


def test_archived_source_takes_no_new_reports():
    """An archived source must be restored before new reports are logged."""
    source = SourceFactory(archived=True)
    with pytest.raises(ValidationError):
        services.report_log(
            by_user=source.handler, source=source, received_on=datetime.date(2024, 1, 1), text="x"
        )


def test_report_update_is_optimistically_locked():
    """The second of two saves from the same version is refused and the first survives."""
    editor = EditorFactory()
    report = ReportFactory()
    a, b = Report.objects.get(pk=report.pk), Report.objects.get(pk=report.pk)
    services.report_update(report=a, by_user=editor, version=a.version, text="first")
    with pytest.raises(StaleObjectError):
        services.report_update(report=b, by_user=report.source.handler, version=b.version, text="second")
    assert Report.objects.get(pk=report.pk).text == "first"


def test_corroboration_counts_distinct_sources_and_warns_on_shared_handler():
    """Two reports from one source count once; sources sharing one handler are flagged."""
    editor = EditorFactory()
    handler = ReporterFactory()
    s1, s2 = (
        SourceFactory(handler=handler, region="kp-ryanggang"),
        SourceFactory(handler=handler, region="cn-jilin"),
    )
    claim = services.claim_create(by_user=editor, statement="Rice price up in Hyesan")
    for report in (ReportFactory(source=s1), ReportFactory(source=s1)):
        services.claim_link_report(claim=claim, report=report, by_user=editor)
    c = selectors.claim_corroboration(claim=claim)
    assert (c.sources, c.reports) == (1, 2)
    assert not c.single_handler
    services.claim_link_report(claim=claim, report=ReportFactory(source=s2), by_user=editor)
    c = selectors.claim_corroboration(claim=claim)
    assert c.sources == 2 and c.single_handler and not c.single_region
    services.claim_link_report(
        claim=claim, report=ReportFactory(source=SourceFactory(region="kp-ryanggang")), by_user=editor
    )
    c = selectors.claim_corroboration(claim=claim)
    assert c.sources == 3 and not c.single_handler and not c.single_region


def test_linking_twice_is_harmless():
    """Linking the same report twice keeps one link."""
    editor = EditorFactory()
    claim, report = ClaimFactory(), ReportFactory()
    assert services.claim_link_report(claim=claim, report=report, by_user=editor)
    assert not services.claim_link_report(claim=claim, report=report, by_user=editor)
    assert claim.links.count() == 1


def test_claim_status_change_needs_note_and_is_history_and_audit():
    """An editor's status change records the note as history and in the audit log."""
    editor = EditorFactory()
    claim = ClaimFactory()
    with pytest.raises(ValidationError):
        services.claim_update(
            claim=claim, by_user=editor, version=claim.version, statement=claim.statement, status="disputed"
        )
    services.claim_update(
        claim=claim,
        by_user=editor,
        version=claim.version,
        statement=claim.statement,
        status="disputed",
        note="Second source says Kunming, not Nanning",
    )
    change = ClaimChange.objects.get(claim=claim, new_status="disputed")
    assert change.note.startswith("Second source")
    assert AuditEntry.objects.get(action="claim.status").data == {"from": "unverified", "to": "disputed"}


def test_only_editors_touch_claims():
    """Reporters cannot create, link, update or merge claims."""
    reporter = ReporterFactory()
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        services.claim_create(by_user=reporter, statement="x")
    with pytest.raises(PermissionDenied):
        services.claim_link_report(claim=claim, report=ReportFactory(), by_user=reporter)
    with pytest.raises(PermissionDenied):
        services.claim_update(
            claim=claim, by_user=reporter, version=1, statement="x", status="refuted", note="x"
        )


def test_claim_update_is_optimistically_locked():
    """Two editors saving the same claim: the second is refused."""
    e1, e2 = EditorFactory(), EditorFactory()
    claim = ClaimFactory()
    a, b = Claim.objects.get(pk=claim.pk), Claim.objects.get(pk=claim.pk)
    services.claim_update(
        claim=a, by_user=e1, version=a.version, statement="Edited by one", status="unverified"
    )
    with pytest.raises(StaleObjectError):
        services.claim_update(
            claim=b, by_user=e2, version=b.version, statement="Edited by two", status="unverified"
        )
    assert Claim.objects.get(pk=claim.pk).statement == "Edited by one"


def test_merge_moves_reports_and_hides_duplicate():
    """Merging moves the duplicate's reports and takes it off the board."""
    editor = EditorFactory()
    keep, dup = ClaimFactory(), ClaimFactory()
    shared, only_dup = ReportFactory(), ReportFactory()
    services.claim_link_report(claim=keep, report=shared, by_user=editor)
    services.claim_link_report(claim=dup, report=shared, by_user=editor)
    services.claim_link_report(claim=dup, report=only_dup, by_user=editor)
    services.claim_merge(duplicate=dup, into=keep, by_user=editor)
    assert set(keep.reports.all()) == {shared, only_dup}
    assert dup not in selectors.claim_list_for_user(user=editor)
    assert Claim.objects.get(pk=dup.pk).merged_into == keep
    with pytest.raises(ValidationError):
        services.claim_merge(duplicate=keep, into=keep, by_user=editor)


def test_claim_board_groups_by_status():
    """The board has one column per status with its claims and total."""
    editor = EditorFactory()
    ClaimFactory(status="corroborated")
    ClaimFactory(status="disputed")
    ClaimFactory(status="disputed")
    columns = {c.status: c for c in selectors.claim_board_for_user(user=editor)}
    assert [columns[s].total for s in ("unverified", "corroborated", "disputed", "refuted")] == [0, 1, 2, 0]


def test_tag_filter_matches_whole_tags():
    """Filtering by tag 'rice' does not match 'price'."""
    editor = EditorFactory()
    a = ReportFactory(tags="rice market")
    ReportFactory(tags="price")
    assert list(selectors.report_list_for_user(user=editor, tag="rice")) == [a]


def test_claims_of_a_report_count_every_source_of_the_claim():
    """A report's page counts all the sources behind each claim, not just the report's own."""
    editor = EditorFactory()
    claim = ClaimFactory()
    first, second = ReportFactory(), ReportFactory()
    services.claim_link_report(claim=claim, report=first, by_user=editor)
    services.claim_link_report(claim=claim, report=second, by_user=editor)
    (listed,) = selectors.claims_for_report(user=editor, report=first)
    assert (listed.source_count, listed.report_count) == (2, 2)
    (listed,) = selectors.claims_for_source(user=editor, source=first.source)
    assert listed.source_count == 2
