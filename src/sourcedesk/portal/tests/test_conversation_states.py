"""What readers see when an item is locked, not sealed to them, or destroyed."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from sourcedesk.accounts.tests.factories import EditorFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.portal.models import PortalSource, Submission
from sourcedesk.vault.services import envelope_destroy

from .helpers import submit

pytestmark = pytest.mark.django_db


def test_editor_added_later_sees_items_not_sealed_to_them():
    """An editor who joined after a submission sees it listed but not readable."""
    EditorFactory()
    submit(Client(), message="before you joined", files=[("a.txt", b"data")])
    source = PortalSource.objects.get()
    newcomer = EditorFactory()
    page = login(Client(), newcomer).get(f"/desk/inbox/{source.public_id}/").content.decode()
    assert "before you joined" not in page
    assert "나에게 봉인되지 않았습니다" in page and "열 수 없는 파일입니다" in page


def test_locked_vault_shows_warning_instead_of_content():
    """Without the sd_vault cookie the session is locked: no content, a clear warning."""
    editor = EditorFactory()
    submit(Client(), message="needs the key")
    source = PortalSource.objects.get()
    desk = login(Client(), editor)
    del desk.cookies["sd_vault"]
    page = desk.get(f"/desk/inbox/{source.public_id}/").content.decode()
    assert "needs the key" not in page and "금고가 잠겨 있습니다" in page
    assert "금고가 잠겨" in desk.get("/desk/inbox/").content.decode()


def test_source_sees_destroyed_item_as_gone():
    """A shredded message shows to the source as no longer available."""
    EditorFactory()
    client = Client()
    submit(client, message="soon gone")
    envelope_destroy(envelope=Submission.objects.get().envelope)
    page = client.get("/portal/conversation/").content.decode()
    assert "soon gone" not in page and "더 이상 볼 수 없습니다" in page


def test_tampered_portal_cookie_is_ignored():
    """A forged or altered portal cookie signs nobody in."""
    EditorFactory()
    client = Client()
    submit(client, message="x")
    value = client.cookies["sd_portal"].value
    client.cookies["sd_portal"] = value[:-4] + ("AAAA" if not value.endswith("AAAA") else "BBBB")
    assert client.get("/portal/conversation/").status_code == 302


@override_settings(SOURCEDESK_PORTAL_ONLY=True)
def test_portal_only_mode_serves_the_portal_and_nothing_else():
    """With SOURCEDESK_PORTAL_ONLY the portal works and the desk is not served."""
    EditorFactory()
    client = Client()
    assert client.get("/portal/").status_code == 200
    assert submit(client, message="onion").status_code == 200
    assert client.get("/desk/login/").status_code == 404
    assert client.get("/desk/inbox/").status_code == 404
