"""The desk's "Check a text" page and the highlight tag."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.accounts.tests.helpers import login

URL = "/desk/protect/"
TEXT = '함경북도 무산군 소식통은 "창렬리에 사는 한정미(41) 씨가 지난 3월 8일 보위부에 연행됐다"고 전했다.'

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["admin", "editor", "reporter", "translator"])
def test_every_staff_role_can_open_the_page(client, role):
    """All staff roles reach the check page."""
    login(client, UserFactory(role=role))
    response = client.get(URL)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content


def test_signed_out_visitors_are_sent_to_sign_in(client):
    """The page is not reachable without signing in."""
    response = client.get(URL)
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("lang", "heading", "reason"),
    [
        ("ko", "텍스트 점검", "군·시보다 작은 지명"),
        ("en", "Check a text", "A place below county or city level"),
    ],
)
def test_pasted_text_comes_back_highlighted_in_both_languages(client, lang, heading, reason):
    """Findings are highlighted inline with reasons and suggestions, in Korean and in English."""
    login(client, UserFactory(role="reporter"))
    response = client.post(f"{URL}?lang={lang}", {"text": TEXT})
    body = response.content.decode()
    assert response.status_code == 200
    assert heading in body
    assert '<mark class="finding finding-high"' in body
    assert ">창렬리</mark>" in body
    assert reason in body
    assert response["Cache-Control"] == "no-store"


def test_uploaded_file_is_checked(client):
    """An uploaded UTF-8 file is checked like pasted text."""
    login(client, UserFactory(role="editor"))
    upload = SimpleUploadedFile("report.txt", "중국 번호 186 0415 2297".encode(), content_type="text/plain")
    body = client.post(URL, {"upload": upload}).content.decode()
    assert ">186 0415 2297</mark>" in body


def test_binary_upload_is_refused_with_a_message(client):
    """A binary upload is refused with a clear form error, not scanned."""
    login(client, UserFactory(role="editor"))
    upload = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\x00\x00", content_type="image/jpeg")
    response = client.post(f"{URL}?lang=en", {"upload": upload})
    assert response.status_code == 200
    assert "This is not a text file." in response.content.decode()
    assert "<mark" not in response.content.decode()


def test_people_in_this_story_are_always_flagged(client):
    """Names typed as people in this story are flagged even when nothing else would flag them."""
    login(client, UserFactory(role="reporter"))
    body = client.post(URL, {"text": "그날 장미는 시장에 갔다.", "deny": "장미"}).content.decode()
    assert ">장미</mark>" in body


def test_empty_post_asks_for_text(client):
    """Submitting nothing asks for a text or a file."""
    login(client, UserFactory(role="reporter"))
    body = client.post(f"{URL}?lang=en", {"text": ""}).content.decode()
    assert "Paste a text or choose a file." in body


def test_highlight_tag_escapes_and_accepts_dicts():
    """The tag escapes HTML around and inside findings and takes plain dicts as the stories app keeps them."""
    text = "<b>리명철</b> & co"
    findings = [
        {
            "start": 3,
            "end": 6,
            "kind": "person",
            "severity": "high",
            "reason": "A name",
            "suggestion": {"ko": "A씨", "en": "a resident"},
        }
    ]
    html = Template("{% load protect_tags %}{% highlight_findings text findings 'en' %}").render(
        Context({"text": text, "findings": findings})
    )
    assert html == (
        '&lt;b&gt;<mark class="finding finding-high" title="A name → a resident" data-kind="person">리명철</mark>'
        "&lt;/b&gt; &amp; co"
    )


def test_highlight_tag_skips_overlapping_and_out_of_range_findings():
    """Bad offsets never break the page: overlapping or out-of-range findings are skipped."""
    from sourcedesk.protect.templatetags.protect_tags import highlight

    findings = [
        {"start": 0, "end": 3, "severity": "high", "reason": "r"},
        {"start": 1, "end": 2, "severity": "low", "reason": "r"},
        {"start": 5, "end": 99, "severity": "high", "reason": "r"},
    ]
    html = highlight("abcdefg", findings, "en")
    assert html.count("<mark") == 1
    assert html.endswith("defg")
