"""A promoted source's handler is changed on its network page, never from the inbox."""

from __future__ import annotations

import pytest
from django.test import Client

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.network.models import Source
from sourcedesk.portal.models import PortalSource
from sourcedesk.portal.services import portal_submit_first

pytestmark = pytest.mark.django_db


def test_inbox_refuses_to_reassign_a_promoted_source():
    """Reassigning from the inbox is refused once the source is in the network; the page links there."""
    editor = EditorFactory()
    _codename, portal_source, _keys = portal_submit_first(language="ko", text="단속 소식입니다.", files=[])
    first, second = ReporterFactory(), ReporterFactory()
    client = login(Client(), editor)
    client.post(
        f"/desk/sources/promote/{portal_source.public_id}/",
        {
            "handler": first.pk,
            "region": "kp-ryanggang",
            "active_since": "2024-10",
            "grade": "F",
            "pseudonym": "",
        },
    )
    source = Source.objects.get(portal_source=portal_source)
    response = client.post(f"/desk/inbox/{portal_source.public_id}/handler/", {"handler": second.pk})
    assert response.status_code == 302
    assert PortalSource.objects.get(pk=portal_source.pk).handler_id == first.pk
    page = client.get(f"/desk/inbox/{portal_source.public_id}/").content.decode()
    assert f"/desk/sources/{source.pk}/" in page
    assert 'name="handler"' not in page
