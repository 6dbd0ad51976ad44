"""The desk's editable allow-list of public figures."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.protect import scan
from sourcedesk.protect.selectors import allow_list
from sourcedesk.protect.services import allowed_name_add, allowed_name_remove

pytestmark = pytest.mark.django_db


def test_added_name_is_allowed_and_logged():
    """An editor adds a public figure; the scanner then leaves the name alone and the change is audited."""
    editor = UserFactory(role="editor")
    text = "Ri Il-hwan spoke. Kim Song-nam listened."
    assert "Kim Song-nam" in [f.text for f in scan(text, allow=allow_list())]
    allowed_name_add(actor=editor, name="Kim  Song-nam")
    assert "Kim Song-nam" not in [f.text for f in scan(text, allow=allow_list())]
    assert "김정은" in allow_list()
    assert AuditEntry.objects.filter(action="protect.allow_add").count() == 1


def test_reporters_cannot_change_the_allow_list():
    """Only editors and admins change the allow-list."""
    with pytest.raises(ValidationError):
        allowed_name_add(actor=UserFactory(role="reporter"), name="Pak Myong-ho")


def test_removed_name_is_flagged_again():
    """Removing a name puts it back under the scanner."""
    admin = UserFactory(role="admin")
    allowed_name_add(actor=admin, name="Pak Myong-ho")
    assert allowed_name_remove(actor=admin, name="Pak Myong-ho") is True
    assert allowed_name_remove(actor=admin, name="Pak Myong-ho") is False
    assert "Pak Myong-ho" in [f.text for f in scan("Pak Myong-ho said.", allow=allow_list())]


def test_allowlist_command_adds_lists_and_removes():
    """``sourcedesk allowlist add/list/remove`` edits the list from the command line."""
    out = io.StringIO()
    call_command("allowlist", "add", "리일환", stdout=out)
    call_command("allowlist", "list", stdout=out)
    call_command("allowlist", "remove", "리일환", stdout=out)
    assert out.getvalue().splitlines() == ["allowed: 리일환", "리일환", "removed: 리일환"]


def test_check_page_uses_the_desk_allow_list(client):
    """The check page does not flag a name the desk has allowed."""
    editor = UserFactory(role="editor")
    allowed_name_add(actor=editor, name="Kim Song-nam")
    login(client, editor)
    body = client.post(
        "/desk/protect/?lang=en", {"text": "Kim Song-nam and Pak Chol-ho met."}
    ).content.decode()
    assert ">Pak Chol-ho</mark>" in body
    assert ">Kim Song-nam</mark>" not in body


@pytest.mark.parametrize(
    ("lang", "heading"), [("ko", "절대 표시하지 않는 공인"), ("en", "Public figures never flagged")]
)
def test_editors_manage_the_allow_list_on_the_check_page(client, lang, heading):
    """Editors see the desk's allow-list on the check page and can add and remove names."""
    login(client, UserFactory(role="editor"))
    response = client.post("/desk/protect/allow/", {"name": "Kim Song-nam"})
    assert response.status_code == 302
    body = client.get(f"/desk/protect/?lang={lang}").content.decode()
    assert heading in body and "Kim Song-nam" in body
    client.post("/desk/protect/allow/", {"name": "Kim Song-nam", "remove": "1"})
    assert "Kim Song-nam" not in allow_list() and "kim song-nam" not in allow_list()


def test_reporters_neither_see_nor_change_the_allow_list(client):
    """Reporters check texts but cannot touch the allow-list."""
    login(client, UserFactory(role="reporter"))
    assert "Public figures never flagged" not in client.get("/desk/protect/?lang=en").content.decode()
    assert client.post("/desk/protect/allow/", {"name": "Kim Song-nam"}).status_code == 403
