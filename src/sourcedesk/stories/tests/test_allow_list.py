"""The gate respects the desk's allow-list of public figures."""

import pytest

from sourcedesk.protect.models import AllowedName
from sourcedesk.stories.protection import scan_text

pytestmark = pytest.mark.django_db


def test_allowed_public_figure_is_not_flagged_by_the_gate(real_scanner):
    """A name an editor added to the allow-list no longer blocks publication; others still do."""
    text = "대변인 박철수가 말했다"
    assert any(f["text"] == "박철수" for f in scan_text(text, language="ko"))
    AllowedName.objects.create(name="박철수")
    assert not any(f["text"] == "박철수" for f in scan_text(text, language="ko"))
    assert any(f["text"] == "김영희" for f in scan_text("주민 김영희가 말했다", language="ko"))
