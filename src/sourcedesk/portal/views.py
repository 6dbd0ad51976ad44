"""The source portal: no JavaScript, no cookie until a source submits or signs in.

Views are exempt from Django's CSRF cookie because setting it would give every visitor a cookie
on the first page. Forms that act for a signed-in source carry a token derived from their
session cookie, which is itself ``SameSite=Strict``; the first submission and the codename form
act for nobody yet.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sourcedesk.vault.exceptions import NoRecipients

from . import session as portal_session
from .codename import WORDS_PER_CODENAME, entropy_bits
from .models import PortalSource
from .selectors import conversation_for_source
from .services import portal_submit_first, source_authenticate, submission_create
from .uploads import FILE_FIELD, CompleteStream, DiscardFilesHandler, SealedUpload, SealedUploadHandler

logger = logging.getLogger("sourcedesk.portal")

# Room for the message text and the multipart framing on top of the file limit.
BODY_ALLOWANCE = 6 * 1024 * 1024
MAX_MESSAGE_CHARS = 100_000


def _lang(request: HttpRequest) -> str:
    return "en" if getattr(request, "LANGUAGE_CODE", "ko") == "en" else "ko"


def _error_lang(request: HttpRequest) -> str:
    """Return the portal language for an error page, even if the language middleware never ran."""
    code = getattr(request, "LANGUAGE_CODE", None)
    if code is None:
        try:
            code = request.GET.get("lang")
        except Exception:  # noqa: BLE001 - an error page must not fail on a malformed query
            code = None
    return "en" if code == "en" else "ko"


def _url(request: HttpRequest, name: str) -> str:
    url = reverse(name)
    return f"{url}?lang=en" if _lang(request) == "en" else url


def _render(
    request: HttpRequest, template: str, context: dict | None = None, status: int = 200
) -> HttpResponse:
    lang = _lang(request)
    other = "ko" if lang == "en" else "en"
    base = {
        "lang": lang,
        "lang_query": "?lang=en" if lang == "en" else "",
        "switch_url": f"{request.path}?lang={other}",
        "switch_label": "한국어" if other == "ko" else "English",
        "switch_lang": other,
        "max_upload_mb": settings.SOURCEDESK_MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    base.update(context or {})
    return render(request, template, base, status=status)


def portal_error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    """Render the portal's own error page for the site's 400/403/404/500 handlers on /portal/.

    ``title`` and ``message`` come translated from the caller. The page is in the portal's
    language (``?lang=en`` or Korean), sets no cookie, carries no script, and is rendered without
    the request context, so it needs neither the database nor a session, which may be what failed.
    """
    lang = _error_lang(request)
    other = "ko" if lang == "en" else "en"
    index = reverse("portal:index")
    context = {
        "lang": lang,
        "lang_query": "?lang=en" if lang == "en" else "",
        # The failed path may be a form's POST target; switching language starts over instead.
        "switch_url": f"{index}?lang={other}",
        "switch_label": "한국어" if other == "ko" else "English",
        "switch_lang": other,
        "title": title,
        "message": message,
    }
    with translation.override(lang):
        html = render_to_string("portal/error.html", context)
    response = HttpResponse(html, status=status)
    response["Content-Language"] = lang
    response["Cache-Control"] = "no-store"
    return response


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return _render(request, "portal/error.html", {"title": title, "message": message}, status=status)


def _too_large(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        413,
        _("Too large"),
        _("What you sent is larger than %(limit)s MB, so nothing was kept. Send fewer or smaller files.")
        % {"limit": settings.SOURCEDESK_MAX_UPLOAD_BYTES // (1024 * 1024)},
    )


def _bad_upload(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        400,
        _("Sending failed"),
        _("Your upload did not arrive complete, so nothing was kept. Please try again."),
    )


def _parse_upload(request: HttpRequest) -> tuple[dict, list[SealedUpload]] | HttpResponse:
    """Parse a POST through the encrypting upload handler; return (fields, files) or an error page."""
    max_bytes = settings.SOURCEDESK_MAX_UPLOAD_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return _error(
            request, 411, _("Sending failed"), _("Your browser did not say how much it was sending.")
        )
    if length < 0:
        return _bad_upload(request)
    if length > max_bytes + BODY_ALLOWANCE:
        return _too_large(request)
    handler = SealedUploadHandler(request, max_bytes=max_bytes)
    request.upload_handlers = [handler]
    if hasattr(request, "_stream"):
        request._stream = CompleteStream(request._stream, length)  # type: ignore[attr-defined,assignment]
    try:
        fields = request.POST
        files = request.FILES
    except (MultiPartParserError, SuspiciousOperation, OSError, UnicodeDecodeError, ValueError):
        handler.abort_all()
        return _bad_upload(request)
    if handler.too_large:
        handler.abort_all()
        return _too_large(request)
    uploads = [f for f in files.getlist(FILE_FIELD) if isinstance(f, SealedUpload)]
    return fields, uploads


def _refuse_files(request: HttpRequest) -> None:
    """Drop any file in a form that takes none, before Django could buffer it to disk."""
    request.upload_handlers = [DiscardFilesHandler(request)]


def _abort(uploads: list[SealedUpload]) -> None:
    for upload in uploads:
        upload.writer.discard()


@csrf_exempt
@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    return _render(request, "portal/index.html")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render(request, "portal/submit.html", {"wordlist": _lang(request)})
    parsed = _parse_upload(request)
    if isinstance(parsed, HttpResponse):
        return parsed
    fields, uploads = parsed
    text = str(fields.get("message", "")).strip()
    wordlist = (
        "en" if fields.get("wordlist") == "en" else "ko" if fields.get("wordlist") == "ko" else _lang(request)
    )
    if (not text and not uploads) or len(text) > MAX_MESSAGE_CHARS:
        _abort(uploads)
        error = _("Write a message or choose a file.") if not text else _("The message is too long.")
        return _render(
            request,
            "portal/submit.html",
            {"error": error, "wordlist": wordlist, "message": text[:MAX_MESSAGE_CHARS]},
            400,
        )
    try:
        codename, source, keys = portal_submit_first(language=wordlist, text=text, files=uploads)
    except NoRecipients:
        return _error(
            request, 503, _("Not ready"), _("The desk cannot receive submissions yet. Nothing was kept.")
        )
    response = _render(
        request,
        "portal/codename.html",
        {
            "codename": codename,
            "words": codename.split(" "),
            "bits": int(entropy_bits(wordlist)),
            "file_count": len(uploads),
            # Switching language would reload the form and lose the codename shown only here.
            "hide_switch": True,
        },
    )
    portal_session.start(
        response, public_id=source.public_id, public_key=keys.public_key, private_key=keys.private_key
    )
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render(request, "portal/login.html", {"words": WORDS_PER_CODENAME})
    _refuse_files(request)
    codename = str(request.POST.get("codename", ""))[:1000]
    result = source_authenticate(codename=codename) if codename.strip() else None
    if result is None:
        # The same page whether the codename is unknown or mistyped.
        return _render(
            request,
            "portal/login.html",
            {
                "words": WORDS_PER_CODENAME,
                "error": _("That codename did not work. Check each word and try again."),
            },
            status=200,
        )
    source, keys = result
    response = HttpResponseRedirect(_url(request, "portal:conversation"))
    portal_session.start(
        response, public_id=source.public_id, public_key=keys.public_key, private_key=keys.private_key
    )
    return response


def _signed_in_source(request: HttpRequest) -> tuple[PortalSource, portal_session.PortalSession] | None:
    current = portal_session.current(request)
    if current is None:
        return None
    source = PortalSource.objects.filter(public_id=current.public_id).first()
    if source is None or bytes(source.public_key) != current.public_key:
        return None
    return source, current


@csrf_exempt
@require_http_methods(["GET"])
def conversation(request: HttpRequest) -> HttpResponse:
    signed_in = _signed_in_source(request)
    if signed_in is None:
        response = HttpResponseRedirect(_url(request, "portal:login"))
        portal_session.end(response)
        return response
    source, current = signed_in
    items = conversation_for_source(
        source=source, public_key=current.public_key, private_key=current.private_key
    )
    return _render(
        request,
        "portal/conversation.html",
        {"items": items, "token": current.form_token, "sent": "sent" in request.GET},
    )


@csrf_exempt
@require_http_methods(["POST"])
def send(request: HttpRequest) -> HttpResponse:
    signed_in = _signed_in_source(request)
    if signed_in is None:
        return _error(
            request, 403, _("Signed out"), _("Sign in with your codename again, then send your message.")
        )
    source, current = signed_in
    parsed = _parse_upload(request)
    if isinstance(parsed, HttpResponse):
        return parsed
    fields, uploads = parsed
    if not current.check_form_token(str(fields.get("token", ""))):
        _abort(uploads)
        return _bad_upload(request)
    text = str(fields.get("message", "")).strip()
    if (not text and not uploads) or len(text) > MAX_MESSAGE_CHARS:
        _abort(uploads)
        return _error(request, 400, _("Nothing sent"), _("Write a message or choose a file."))
    try:
        submission_create(source=source, source_public_key=current.public_key, text=text, files=uploads)
    except NoRecipients:
        return _error(
            request, 503, _("Not ready"), _("The desk cannot receive submissions yet. Nothing was kept.")
        )
    url = _url(request, "portal:conversation")
    return HttpResponseRedirect(url + ("&" if "?" in url else "?") + "sent=1", status=303)


@csrf_exempt
@require_http_methods(["POST"])
def logout(request: HttpRequest) -> HttpResponse:
    _refuse_files(request)
    response = HttpResponseRedirect(_url(request, "portal:index"), status=303)
    portal_session.end(response)
    return response
