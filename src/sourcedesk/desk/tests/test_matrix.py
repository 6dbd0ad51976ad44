"""Every role against every desk view and selector, on their own and on others' objects.

Compartments: a reporter reaches only the sources they handle and those sources' reports (and
the claims citing them); an editor reaches everything by pseudonym; translators and admins reach
none of it. A denied object looks exactly like a missing one.
"""

from __future__ import annotations

import re

import pytest
from django.http import Http404
from django.test import Client

from sourcedesk.accounts.tests.factories import (
    AdminFactory,
    EditorFactory,
    ReporterFactory,
    TranslatorFactory,
)
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.desk import selectors as desk_selectors
from sourcedesk.desk.tests.factories import ClaimFactory, ReportFactory, link
from sourcedesk.network import selectors as network_selectors
from sourcedesk.network.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

MISSING = 987654

# (url pattern, object kind) for every desk page that shows one object.
OBJECT_VIEWS = [
    ("/desk/sources/{pk}/", "source"),
    ("/desk/sources/{pk}/edit/", "source"),
    ("/desk/sources/{pk}/identity/", "source"),
    ("/desk/reports/new/?source={pk}", "source"),
    ("/desk/reports/{pk}/", "report"),
    ("/desk/reports/{pk}/edit/", "report"),
    ("/desk/claims/{pk}/", "claim"),
]
EDITOR_ONLY_OBJECT_VIEWS = [
    ("/desk/sources/{pk}/delete/", "source"),
    ("/desk/sources/{pk}/unmask/", "source"),
    ("/desk/claims/{pk}/edit/", "claim"),
]
LIST_VIEWS = ["/desk/sources/", "/desk/sources/new/", "/desk/reports/", "/desk/reports/new/", "/desk/claims/"]


@pytest.fixture
def world():
    """Two reporters with one source, one report and one claim each, plus the other roles."""
    mine = ReporterFactory(username="mine")
    theirs = ReporterFactory(username="theirs")
    editor = EditorFactory(username="ed")
    own_source = SourceFactory(handler=mine)
    other_source = SourceFactory(handler=theirs)
    own_report = ReportFactory(source=own_source)
    other_report = ReportFactory(source=other_source)
    own_claim = ClaimFactory(created_by=editor)
    other_claim = ClaimFactory(created_by=editor)
    link(own_claim, own_report)
    link(other_claim, other_report)
    return {
        "mine": mine,
        "theirs": theirs,
        "editor": editor,
        "admin": AdminFactory(username="adm"),
        "translator": TranslatorFactory(username="tr"),
        "own": {"source": own_source, "report": own_report, "claim": own_claim},
        "other": {"source": other_source, "report": other_report, "claim": other_claim},
    }


def _normalise(body: bytes, pk) -> str:
    text = body.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return text.replace(str(pk), "PK")


def _client(user) -> Client:
    return login(Client(), user)


@pytest.mark.parametrize("role", ["admin", "translator"])
def test_roles_without_content_are_refused_everywhere(world, role):
    """Admins and translators are refused every source, report and claim page, existing or not."""
    client = _client(world[role])
    for url in LIST_VIEWS:
        assert client.get(url).status_code == 403, url
    for pattern, kind in OBJECT_VIEWS + EDITOR_ONLY_OBJECT_VIEWS:
        for pk in (world["own"][kind].pk, world["other"][kind].pk, MISSING):
            assert client.get(pattern.format(pk=pk)).status_code == 403, pattern


def test_reporter_reaches_own_objects_and_not_others_which_look_missing(world):
    """A reporter opens their own source, report and claim; another's answers exactly like a missing one."""
    client = _client(world["mine"])
    for url in LIST_VIEWS:
        assert client.get(url).status_code == 200, url
    for pattern, kind in OBJECT_VIEWS:
        own = client.get(pattern.format(pk=world["own"][kind].pk))
        assert own.status_code == 200, pattern
        other_pk = world["other"][kind].pk
        other = client.get(pattern.format(pk=other_pk))
        missing = client.get(pattern.format(pk=MISSING))
        assert other.status_code == missing.status_code == 404, pattern
        assert _normalise(other.content, other_pk) == _normalise(missing.content, MISSING), pattern
    for pattern, kind in EDITOR_ONLY_OBJECT_VIEWS:
        for pk in (world["own"][kind].pk, world["other"][kind].pk, MISSING):
            assert client.get(pattern.format(pk=pk)).status_code == 403, pattern


def test_reporter_lists_show_only_their_compartment(world):
    """Lists never show another handler's source, report or claim to a reporter."""
    client = _client(world["mine"])
    sources = client.get("/desk/sources/").content.decode()
    assert world["own"]["source"].pseudonym in sources
    assert world["other"]["source"].pseudonym not in sources
    reports = client.get("/desk/reports/").content.decode()
    assert f"/desk/reports/{world['own']['report'].pk}/" in reports
    assert f"/desk/reports/{world['other']['report'].pk}/" not in reports
    board = client.get("/desk/claims/").content.decode()
    assert world["own"]["claim"].statement in board
    assert world["other"]["claim"].statement not in board


def test_editor_reaches_every_object(world):
    """An editor opens every source, report and claim, and gets 404 only for missing ones."""
    client = _client(world["editor"])
    for url in LIST_VIEWS:
        assert client.get(url).status_code == 200, url
    for pattern, kind in OBJECT_VIEWS + EDITOR_ONLY_OBJECT_VIEWS:
        for side in ("own", "other"):
            assert client.get(pattern.format(pk=world[side][kind].pk)).status_code == 200, pattern
        assert client.get(pattern.format(pk=MISSING)).status_code == 404, pattern


def test_reporter_cannot_post_to_others_objects(world):
    """Writes to another handler's objects fail exactly like writes to missing ones."""
    client = _client(world["mine"])
    other = world["other"]
    for url in (
        f"/desk/sources/{other['source'].pk}/archive/",
        f"/desk/sources/{other['source'].pk}/edit/",
        f"/desk/reports/{other['report'].pk}/edit/",
    ):
        assert client.post(url, {"text": "x"}).status_code == 404, url
    response = client.post(
        "/desk/reports/new/",
        {
            "source": other["source"].pk,
            "received_on": "2024-10-20",
            "event_precision": "day",
            "language": "ko",
            "text": "x",
            "credibility": 3,
        },
    )
    assert response.status_code == 200
    assert "source" in response.context["form"].errors
    other["source"].refresh_from_db()
    assert not other["source"].archived
    for url in (f"/desk/reports/{other['report'].pk}/link/", f"/desk/claims/{other['claim'].pk}/merge/"):
        assert client.post(url, {"claim_number": 1}).status_code == 403, url


@pytest.mark.parametrize("role", ["mine", "theirs", "editor", "admin", "translator"])
def test_selectors_enforce_compartments(world, role):
    """Every selector gives each role exactly its compartment and raises Http404 for the rest."""
    user = world[role]
    expected = {
        "mine": {"own"},
        "theirs": {"other"},
        "editor": {"own", "other"},
        "admin": set(),
        "translator": set(),
    }[role]
    getters = {
        "source": network_selectors.source_get_for_user,
        "report": desk_selectors.report_get_for_user,
        "claim": desk_selectors.claim_get_for_user,
    }
    lists = {
        "source": lambda: set(network_selectors.source_list_for_user(user=user)),
        "report": lambda: set(desk_selectors.report_list_for_user(user=user)),
        "claim": lambda: set(desk_selectors.claim_list_for_user(user=user)),
    }
    for kind, get in getters.items():
        visible = lists[kind]()
        for side in ("own", "other"):
            obj = world[side][kind]
            if side in expected:
                assert get(user=user, pk=obj.pk) == obj
                assert obj in visible
            else:
                with pytest.raises(Http404):
                    get(user=user, pk=obj.pk)
                assert obj not in visible
        with pytest.raises(Http404):
            get(user=user, pk=MISSING)
        with pytest.raises(Http404):
            get(user=user, pk="not-a-number")


def test_identity_card_editing_belongs_to_key_holders(world):
    """Only the handler (or custodian) writes an identity card; others are refused or see nothing."""
    own, other = world["own"]["source"].pk, world["other"]["source"].pk
    reporter = _client(world["mine"])
    assert reporter.get(f"/desk/sources/{own}/identity/edit/").status_code == 200
    assert reporter.get(f"/desk/sources/{other}/identity/edit/").status_code == 404
    assert reporter.get(f"/desk/sources/{MISSING}/identity/edit/").status_code == 404
    # An editor sees the source but holds no key to it.
    assert _client(world["editor"]).get(f"/desk/sources/{own}/identity/edit/").status_code == 403
    for role in ("admin", "translator"):
        assert _client(world[role]).get(f"/desk/sources/{own}/identity/edit/").status_code == 403


def test_unmasking_pages_follow_the_compartments(world):
    """Unmasking requests are decided by editors only; outside a compartment they look missing."""
    from sourcedesk.network.services import unmask_request_create

    requester = EditorFactory(username="asker")
    request = unmask_request_create(source=world["other"]["source"], by_user=requester, reason="Legal check")
    decide, share = f"/desk/sources/unmask/{request.pk}/decide/", f"/desk/sources/unmask/{request.pk}/share/"
    assert _client(world["editor"]).get(decide).status_code == 200
    assert _client(requester).get(decide).status_code == 403
    mine = _client(world["mine"])
    assert mine.get(decide).status_code == 404
    assert mine.post(share).status_code == 404
    assert mine.get(f"/desk/sources/unmask/{MISSING}/decide/").status_code == 404
    for role in ("admin", "translator"):
        assert _client(world[role]).get(decide).status_code == 403


def test_claim_writes_and_alerts_are_editor_only(world):
    """Reporters cannot create, merge or unlink claims; an editor cannot dismiss another's alert."""
    from sourcedesk.network.models import SourceAlert

    reporter = _client(world["mine"])
    claim, report = world["own"]["claim"], world["own"]["report"]
    assert reporter.get("/desk/claims/new/").status_code == 403
    assert reporter.post(f"/desk/claims/{claim.pk}/unlink/{report.pk}/").status_code == 403
    assert (
        reporter.post(f"/desk/claims/{claim.pk}/merge/", {"into": world["other"]["claim"].pk}).status_code
        == 403
    )
    assert claim.links.filter(report=report).exists()
    alert = SourceAlert.objects.create(
        source=world["own"]["source"],
        recipient=EditorFactory(username="other-ed"),
        kind="compromised",
        raised_by=world["mine"],
    )
    assert _client(world["editor"]).post(f"/desk/sources/alerts/{alert.pk}/read/").status_code == 404
    alert.refresh_from_db()
    assert not alert.read


def test_translator_and_admin_have_no_desk_navigation(world):
    """The Sources, Reports and Claims entries appear only for editors and reporters."""
    for role, shown in (("mine", True), ("editor", True), ("translator", False), ("admin", False)):
        body = _client(world[role]).get("/desk/").content.decode()
        for url in ("/desk/sources/", "/desk/reports/", "/desk/claims/"):
            assert (f'href="{url}"' in body) is shown, (role, url)
