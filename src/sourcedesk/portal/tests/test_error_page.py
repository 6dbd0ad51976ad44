"""The portal's own error page, which the site's error handlers use for /portal/ paths."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from sourcedesk.portal.views import portal_error


@pytest.mark.parametrize(
    ("lang", "query", "chrome", "back"),
    [("ko", "", "안전한 연락", "처음으로"), ("en", "?lang=en", "Secure contact", "Back to the start")],
)
def test_portal_error_page_in_the_portal_language_without_cookie_or_script(lang, query, chrome, back):
    """portal_error renders the portal-styled page in the request's portal language, with the given
    status, title and (escaped) message, no cookie and no script, and without touching the database."""
    request = RequestFactory().get("/portal/nowhere/" + query)
    request.LANGUAGE_CODE = lang
    response = portal_error(request, 404, "Gone <away>", "Nothing here & nothing kept.")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html and "portal/portal.css" in html
    assert chrome in html and back in html
    assert "Gone &lt;away&gt;" in html and "Nothing here &amp; nothing kept." in html
    assert f'href="/portal/{query}"' in html
    assert "<script" not in html.lower() and "https://" not in html and "http://" not in html
    assert not response.cookies and "Set-Cookie" not in response.headers
    assert response["Content-Language"] == lang and response["Cache-Control"] == "no-store"


def test_portal_error_page_language_without_the_language_middleware():
    """Without a language set by the middleware, the page follows ?lang=en, else Korean."""
    english = RequestFactory().get("/portal/x/?lang=en")
    korean = RequestFactory().post("/portal/send/")
    assert 'lang="en"' in portal_error(english, 500, "Error", "Try again.").content.decode()
    html = portal_error(korean, 400, "오류", "다시 시도하세요.").content.decode()
    assert 'lang="ko"' in html and "안전한 연락" in html
    # The language switch starts over at the portal, never re-requests a form's target.
    assert 'href="/portal/?lang=en"' in html and "/portal/send/?lang" not in html


@pytest.mark.django_db
def test_unknown_portal_path_gets_the_portal_error_page():
    """A 404 under /portal/ is the portal's page, in English when asked, with no cookie."""
    response = Client().get("/portal/no-such-page/?lang=en")
    assert response.status_code == 404
    html = response.content.decode()
    assert "portal/portal.css" in html and 'lang="en"' in html and "Secure contact" in html
    assert not response.cookies
