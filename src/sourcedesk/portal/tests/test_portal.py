"""The source portal through HTTP: no script, no early cookie, codenames, replies, languages."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.portal.codename import codename_generate, codename_normalise, entropy_bits, wordlist
from sourcedesk.portal.models import PortalSource, Reply, Submission
from sourcedesk.portal.services import reply_create

from .helpers import codename_from, submit

pytestmark = pytest.mark.django_db

PAGES = ["/portal/", "/portal/submit/", "/portal/login/"]


@pytest.mark.parametrize("lang", ["", "?lang=en"])
@pytest.mark.parametrize("path", PAGES)
def test_portal_pages_have_no_script_no_cookie_and_strict_csp(client, path, lang):
    """Portal pages carry no script, set no cookie, and send a script-free CSP."""
    response = client.get(path + lang)
    assert response.status_code == 200
    html = response.content.decode().lower()
    assert "<script" not in html and "javascript:" not in html and " on" + "click=" not in html
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "http://" not in html.replace("http-equiv", "") and "https://" not in html
    assert response["Cache-Control"] == "no-store"


def test_portal_speaks_korean_by_default_and_english_on_request(client):
    """The first page is Korean by default; ?lang=en switches, and links keep the language."""
    korean = client.get("/portal/").content.decode()
    english = client.get("/portal/?lang=en").content.decode()
    assert 'lang="ko"' in korean and "Tor" in korean and "안전" in korean
    assert 'lang="en"' in english and "Tor Browser" in english
    assert 'href="/portal/submit/?lang=en"' in english


def test_wordlists_are_large_unique_and_strong():
    """Both codename lists hold 7,776 distinct words; seven words exceed 90 bits."""
    for language in ("ko", "en"):
        words = wordlist(language)
        assert len(words) >= 7776 and len(set(words)) == len(words)
        assert all(w == codename_normalise(w) and " " not in w for w in words)
        assert entropy_bits(language) >= 90
    assert all(re.fullmatch(r"[가-힣]{2,3}", w) for w in wordlist("ko"))


def test_submit_shows_codename_once_and_signs_in(client):
    """A first submission shows a seven-word codename, sets only the portal cookie, stores no codename."""
    EditorFactory()
    response = submit(client, message="첫 보고입니다")
    assert response.status_code == 200
    codename = codename_from(response)
    assert len(codename.split()) == 7 and all(w in wordlist("ko") for w in codename.split())
    assert set(response.cookies) == {"sd_portal"}
    cookie = response.cookies["sd_portal"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/portal/"
    source = PortalSource.objects.get()
    assert codename not in str(source.__dict__)
    conversation = client.get("/portal/conversation/")
    assert "첫 보고입니다" in conversation.content.decode()


def test_english_codename_on_request(client):
    """A source can choose the English (EFF) word list."""
    EditorFactory()
    codename = codename_from(submit(client, message="hello", wordlist="en", lang="en"))
    assert all(w in wordlist("en") for w in codename.split())


def test_reply_round_trip_and_codename_tolerates_case_and_spaces():
    """An editor's reply reaches the source, who signs in with a sloppily typed codename."""
    editor = EditorFactory()
    source_client = Client()
    codename = codename_from(submit(source_client, message="hello", wordlist="en"))
    source = PortalSource.objects.get()
    reply_create(source=source, author=editor, text="Thank you — stay safe.")
    fresh = Client()
    sloppy = "  " + "   ".join(w.upper() for w in codename.split()) + " "
    response = fresh.post("/portal/login/", {"codename": sloppy})
    assert response.status_code == 302 and response["Location"] == "/portal/conversation/"
    page = fresh.get("/portal/conversation/").content.decode()
    assert "Thank you — stay safe." in page and "hello" in page
    assert page.index("hello") < page.index("Thank you")


def test_wrong_and_unknown_codename_get_the_same_answer():
    """A mistyped codename and one that never existed give byte-identical responses and no cookie."""
    EditorFactory()
    codename = codename_from(submit(Client(), message="x"))
    words = codename.split()
    wrong = " ".join(words[:-1] + [next(w for w in wordlist("ko") if w != words[-1])])
    unknown = codename_generate("ko")
    answers = [Client().post("/portal/login/", {"codename": c}) for c in (wrong, unknown)]
    assert answers[0].status_code == answers[1].status_code == 200
    assert answers[0].content == answers[1].content
    assert not answers[0].cookies and not answers[1].cookies


def test_source_sends_more_and_form_token_required():
    """A signed-in source adds messages; a post without the session's form token is refused."""
    EditorFactory()
    client = Client()
    submit(client, message="first")
    page = client.get("/portal/conversation/").content.decode()
    token = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)
    assert client.post("/portal/send/", {"message": "forged"}).status_code == 400
    response = client.post("/portal/send/", {"message": "second", "token": token})
    assert response.status_code == 303
    assert Submission.objects.count() == 2
    assert "second" in client.get("/portal/conversation/").content.decode()


def test_signed_out_source_is_sent_to_login(client):
    """Without the portal cookie the conversation is not shown."""
    response = client.get("/portal/conversation/")
    assert response.status_code == 302 and response["Location"].startswith("/portal/login/")


def test_logout_clears_cookie():
    """Leaving deletes the portal cookie."""
    EditorFactory()
    client = Client()
    submit(client, message="x")
    response = client.post("/portal/logout/")
    assert response.status_code == 303 and response.cookies["sd_portal"].value == ""


def test_no_ip_or_user_agent_stored_and_source_actions_not_timestamped():
    """Submitting with an address and browser headers stores neither, and writes no audit time."""
    EditorFactory()
    before = AuditEntry.objects.count()
    client = Client(
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="Mozilla/5.0 CanaryAgent",
        HTTP_X_FORWARDED_FOR="198.51.100.23",
    )
    submit(client, message="hello")
    from .test_canary import data_dir_dump, database_dump

    dump = database_dump()
    for needle in (b"203.0.113.77", b"198.51.100.23", b"CanaryAgent"):
        assert needle not in dump
        assert all(needle not in data for _p, data in data_dir_dump())
    assert AuditEntry.objects.count() == before


def test_no_editor_means_nothing_kept(client):
    """Without any editor able to read, the portal refuses and keeps nothing."""
    response = submit(client, message="x")
    assert response.status_code == 503
    assert not PortalSource.objects.exists() and not Submission.objects.exists()


def test_inbox_reply_from_desk_and_audit():
    """An editor reads and replies from the inbox; each unwrap is audited; the source sees the reply."""
    editor = EditorFactory()
    source_client = Client()
    submit(source_client, message="secret report")
    source = PortalSource.objects.get()
    desk = login(Client(), editor)
    listing = desk.get("/desk/inbox/").content.decode()
    assert source.designation in listing and "secret report" not in listing
    assert desk.get(f"/desk/inbox/{source.public_id}/").status_code == 200
    assert AuditEntry.objects.filter(action="vault.unwrap", actor_id=editor.pk).exists()
    response = desk.post(f"/desk/inbox/{source.public_id}/", {"reply": "We read you."})
    assert response.status_code == 302
    assert Reply.objects.filter(source=source, author=editor).exists()
    assert "We read you." in source_client.get("/portal/conversation/").content.decode()


def test_reporter_without_sources_sees_empty_inbox_and_handler_assignment_shares():
    """A reporter sees a portal source only once an editor assigns them; then they can read it."""
    editor, reporter = EditorFactory(), ReporterFactory()
    submit(Client(), message="for the handler")
    source = PortalSource.objects.get()
    reporter_client = login(Client(), reporter)
    assert reporter_client.get(f"/desk/inbox/{source.public_id}/").status_code == 404
    desk = login(Client(), editor)
    desk.post(f"/desk/inbox/{source.public_id}/handler/", {"handler": reporter.pk})
    page = reporter_client.get(f"/desk/inbox/{source.public_id}/")
    assert page.status_code == 200 and "for the handler" in page.content.decode()


def test_translator_has_no_inbox():
    """Translators and admins cannot open the inbox."""
    from sourcedesk.accounts.tests.factories import TranslatorFactory

    client = login(Client(), TranslatorFactory())
    assert client.get("/desk/inbox/").status_code == 403


def test_demo_seed_is_idempotent_and_its_codename_signs_in():
    """The demo seeds one source with a printed codename that works at the portal, once."""
    import io

    from sourcedesk.accounts.tests.factories import EditorFactory as Editor
    from sourcedesk.portal import demo

    Editor(username="editor")
    out = io.StringIO()
    demo.seed(stdout=out)
    demo.seed(stdout=out)
    assert PortalSource.objects.count() == 1 and Reply.objects.count() == 1
    client = Client()
    assert client.post("/portal/login/", {"codename": demo.demo_codename()}).status_code == 302
    assert "(데모)" in client.get("/portal/conversation/").content.decode()


def test_sealed_messages_are_padded_to_buckets():
    """Messages of different lengths in the same bucket give ciphertexts of the same size."""
    EditorFactory()
    submit(Client(), message="짧음")
    submit(Client(), message="조금 더 긴 메시지입니다. " * 10)
    sizes = {len(bytes(s.envelope.ciphertext)) for s in Submission.objects.select_related("envelope")}
    assert len(sizes) == 1


def test_codename_page_has_no_language_switch_that_would_lose_it(client):
    """The page showing the codename offers no link that would reload it away."""
    EditorFactory()
    html = submit(client, message="x").content.decode()
    assert 'class="portal-lang"' not in html


def test_files_posted_to_the_codename_form_are_dropped(client, monkeypatch):
    """A file sent to a form that takes none reaches no upload handler (nothing buffered to disk)."""
    from django.core.files import uploadhandler
    from django.core.files.uploadedfile import SimpleUploadedFile

    calls = []
    for name in ("MemoryFileUploadHandler", "TemporaryFileUploadHandler"):
        monkeypatch.setattr(getattr(uploadhandler, name), "new_file", lambda *a, **k: calls.append(a))
    for path in ("/portal/login/", "/portal/logout/"):
        client.post(path, {"codename": "x", "f": SimpleUploadedFile("a.bin", b"A" * 3_000_000)})
    assert calls == []


def test_inbox_links_each_readable_submission_to_desk_triage():
    """Each submission the reader can open links to writing a desk report from it."""
    editor = EditorFactory()
    submit(Client(), message="triage me")
    source = PortalSource.objects.get()
    page = login(Client(), editor).get(f"/desk/inbox/{source.public_id}/").content.decode()
    assert f"/desk/reports/new/?portal={source.public_id}&amp;position=1" in page
