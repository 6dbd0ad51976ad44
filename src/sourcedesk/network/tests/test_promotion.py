"""Promoting a portal submitter into the network, and triaging their submissions into reports."""

from __future__ import annotations

import pytest
from django.test import Client

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.desk.models import Report
from sourcedesk.network.models import Source
from sourcedesk.portal.models import Submission
from sourcedesk.portal.services import portal_submit_first
from sourcedesk.vault.services import envelope_readers

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    """The editor who receives portal submissions (they are sealed to the editors of the day)."""
    return EditorFactory()


@pytest.fixture
def portal_source(editor):
    _codename, source, _keys = portal_submit_first(
        language="ko", text="혜산에서 단속이 심해졌습니다.", files=[]
    )
    return source


def test_editor_promotes_portal_source_and_handler_can_read_it(editor, portal_source):
    """Promotion creates a portal-channel source and makes its handler a recipient of the sealed items."""
    submission = Submission.objects.get(source=portal_source)
    reporter = ReporterFactory()
    assert reporter not in envelope_readers(envelope=submission.envelope)
    client = login(Client(), editor)
    response = client.post(
        f"/desk/sources/promote/{portal_source.public_id}/",
        {
            "handler": reporter.pk,
            "region": "kp-ryanggang",
            "active_since": "2024-10",
            "grade": "F",
            "pseudonym": "",
        },
    )
    assert response.status_code == 302
    source = Source.objects.get(portal_source=portal_source)
    assert source.channel == "portal" and source.handler == reporter
    assert reporter in envelope_readers(envelope=submission.envelope)
    assert AuditEntry.objects.filter(action="source.promote", target_id=str(source.pk)).exists()
    # A second promotion of the same portal source only leads to the existing one.
    again = client.get(f"/desk/sources/promote/{portal_source.public_id}/")
    assert again.status_code == 302 and again["Location"] == f"/desk/sources/{source.pk}/"


def test_reporters_cannot_promote(portal_source):
    """Promotion is an editor's decision."""
    client = login(Client(), ReporterFactory())
    assert client.get(f"/desk/sources/promote/{portal_source.public_id}/").status_code == 403


def test_handler_triages_a_submission_into_a_report(editor, portal_source):
    """The handler writes a report from a portal submission; it links to the sealed original."""
    reporter, stranger = ReporterFactory(), ReporterFactory()
    login(Client(), editor).post(
        f"/desk/sources/promote/{portal_source.public_id}/",
        {"handler": reporter.pk, "region": "kp-ryanggang", "active_since": "2024-10", "grade": "F"},
    )
    source = Source.objects.get(portal_source=portal_source)
    url = f"/desk/reports/new/?portal={portal_source.public_id}&position=1"
    assert login(Client(), stranger).get(url).status_code == 404
    client = login(Client(), reporter)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "source": source.pk,
            "received_on": "2024-10-20",
            "event_precision": "day",
            "language": "ko",
            "text": "혜산에서 단속이 강화되었다는 제보.",
            "credibility": 6,
        },
    )
    assert response.status_code == 302
    report = Report.objects.get(source=source)
    assert report.portal_submission == Submission.objects.get(source=portal_source)
    page = client.get(f"/desk/reports/{report.pk}/").content.decode()
    assert f"/desk/inbox/{portal_source.public_id}/" in page


def test_triage_of_an_unpromoted_source_asks_for_promotion(editor, portal_source):
    """An editor triaging a submission from a source not yet in the network is sent to promote it."""
    response = login(Client(), editor).get(f"/desk/reports/new/?portal={portal_source.public_id}&position=1")
    assert response.status_code == 302
    assert response["Location"] == f"/desk/sources/promote/{portal_source.public_id}/"


def _edit_post(source, **overrides):
    data = {
        "pseudonym": source.pseudonym,
        "region": source.region,
        "channel": source.channel,
        "active_since": source.active_since.strftime("%Y-%m"),
        "status": source.status,
        "grade": source.grade,
        "handler": source.handler_id,
        "custodian": "",
        "reason": "",
        "version": source.version,
    }
    data.update(overrides)
    return data


def test_reassigned_portal_source_leaves_the_old_handler(editor):
    """After a promoted source moves from reporter A to B, A no longer lists it or reads new messages; B does.

    The move goes through the source form; the portal conversation follows the handler.
    """
    from sourcedesk.portal.services import submission_create

    _codename, portal_source, keys = portal_submit_first(language="ko", text="첫 번째 제보입니다.", files=[])
    reporter_a, reporter_b = ReporterFactory(), ReporterFactory()
    desk = login(Client(), editor)
    desk.post(
        f"/desk/sources/promote/{portal_source.public_id}/",
        {"handler": reporter_a.pk, "region": "kp-ryanggang", "active_since": "2024-10", "grade": "F"},
    )
    source = Source.objects.get(portal_source=portal_source)
    client_a = login(Client(), reporter_a)
    assert portal_source.public_id in client_a.get("/desk/inbox/").content.decode()

    response = desk.post(f"/desk/sources/{source.pk}/edit/", _edit_post(source, handler=reporter_b.pk))
    assert response.status_code == 302
    portal_source.refresh_from_db()
    assert portal_source.handler == reporter_b
    assert (
        AuditEntry.objects.filter(action="portal.assign_handler", target_id=str(portal_source.pk)).count()
        == 2
    )

    later = submission_create(
        source=portal_source, source_public_key=keys.public_key, text="옮긴 뒤의 제보입니다.", files=[]
    )
    readers = envelope_readers(envelope=later.envelope)
    assert reporter_b in readers and reporter_a not in readers
    assert portal_source.public_id not in client_a.get("/desk/inbox/").content.decode()
    assert client_a.get(f"/desk/inbox/{portal_source.public_id}/").status_code == 404
    page_b = login(Client(), reporter_b).get(f"/desk/inbox/{portal_source.public_id}/").content.decode()
    assert "옮긴 뒤의 제보입니다." in page_b and "첫 번째 제보입니다." in page_b


def test_moving_a_portal_source_needs_the_editors_key(editor):
    """A handler change that cannot re-wrap the portal conversation is refused whole, not half done."""
    from sourcedesk.network.services import source_update

    _codename, portal_source, _keys = portal_submit_first(language="ko", text="제보입니다.", files=[])
    reporter_a, reporter_b = ReporterFactory(), ReporterFactory()
    login(Client(), editor).post(
        f"/desk/sources/promote/{portal_source.public_id}/",
        {"handler": reporter_a.pk, "region": "kp-ryanggang", "active_since": "2024-10", "grade": "F"},
    )
    source = Source.objects.get(portal_source=portal_source)
    newcomer = EditorFactory()  # joined after the message was sealed: cannot re-wrap it
    response = login(Client(), newcomer).post(
        f"/desk/sources/{source.pk}/edit/", _edit_post(source, handler=reporter_b.pk)
    )
    assert response.status_code == 200
    assert Source.objects.get(pk=source.pk).handler == reporter_a
    portal_source.refresh_from_db()
    assert portal_source.handler == reporter_a
    with pytest.raises(ValueError):
        source_update(source=source, by_user=editor, version=source.version, handler=reporter_b)
