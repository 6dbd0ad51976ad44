"""The desk inbox: portal submissions for their recipients, under random designations."""

from __future__ import annotations

import importlib
import re
import unicodedata

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sourcedesk.accounts.roles import Role, has_role
from sourcedesk.audit.services import audit_record
from sourcedesk.vault import session as vault_session
from sourcedesk.vault.exceptions import EnvelopeDestroyed, NotARecipient, VaultLocked
from sourcedesk.vault.services import envelope_open_file

from .models import Attachment, PortalSource
from .selectors import (
    attachment_get_for_user,
    conversation_for_staff,
    inbox_source_get,
    inbox_sources_for_user,
)
from .services import reply_create, source_assign_handler

MAX_REPLY_CHARS = 20_000


def _require_inbox_role(request: HttpRequest) -> None:
    if not has_role(request.user, Role.EDITOR, Role.REPORTER):
        raise PermissionDenied


def _source_or_404(request: HttpRequest, public_id: str) -> PortalSource:
    try:
        return inbox_source_get(user=request.user, public_id=public_id)
    except PortalSource.DoesNotExist as exc:
        raise Http404 from exc


def scrubber():
    """Return ``protect.scrub.scrub_bytes`` if the scrubber is installed, else None."""
    try:
        module = importlib.import_module("sourcedesk.protect.scrub")
    except ImportError:
        return None
    return getattr(module, "scrub_bytes", None)


@require_http_methods(["GET"])
def inbox_list(request: HttpRequest) -> HttpResponse:
    _require_inbox_role(request)
    sources = inbox_sources_for_user(user=request.user).select_related("handler")
    return render(
        request,
        "portal/inbox/list.html",
        {"sources": sources, "unlocked": vault_session.is_unlocked(request=request)},
    )


@require_http_methods(["GET", "POST"])
def inbox_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    _require_inbox_role(request)
    source = _source_or_404(request, public_id)
    if request.method == "POST":
        text = request.POST.get("reply", "").strip()
        if not text or len(text) > MAX_REPLY_CHARS:
            messages.error(
                request, _("Write a reply first (at most %(limit)s characters).") % {"limit": MAX_REPLY_CHARS}
            )
        else:
            reply_create(source=source, author=request.user, text=text)
            messages.success(request, _("Reply sealed and sent. The source sees it when they next sign in."))
        return redirect("inbox:detail", public_id=source.public_id)
    items = conversation_for_staff(source=source, user=request.user, request=request)
    handlers = []
    if has_role(request.user, Role.EDITOR):
        handlers = list(get_user_model().objects.filter(role=Role.REPORTER, is_active=True))
    return render(
        request,
        "portal/inbox/detail.html",
        {
            "source": source,
            "items": items,
            "locked": any(i.problem == "locked" for i in items),
            "handlers": handlers,
        },
    )


@require_http_methods(["POST"])
def inbox_assign(request: HttpRequest, public_id: str) -> HttpResponse:
    if not has_role(request.user, Role.EDITOR):
        raise PermissionDenied
    source = _source_or_404(request, public_id)
    if _network_source(source) is not None:
        # A promoted source's handler changes on its network page, which also moves the identity
        # card and checks who may hold it; changing it here would let the two drift apart.
        messages.error(request, _("This source is in the network: change its handler on the source's page."))
        return redirect("inbox:detail", public_id=source.public_id)
    handler = (
        get_user_model()
        .objects.filter(pk=request.POST.get("handler") or 0, role=Role.REPORTER, is_active=True)
        .first()
    )
    if handler is None:
        messages.error(request, _("Choose a reporter."))
    else:
        try:
            source_assign_handler(source=source, handler=handler, by_user=request.user, request=request)
            messages.success(
                request,
                _("%(name)s now handles this source and can read the conversation.") % {"name": handler},
            )
        except VaultLocked:
            messages.error(request, _("Your vault is locked. Sign out and sign in again."))
        except NotARecipient:
            messages.error(request, _("You cannot share items that were not sealed to you."))
    return redirect("inbox:detail", public_id=source.public_id)


def _network_source(source):
    """Return the network source promoted from this portal source, or None."""
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return source.network_source
    except ObjectDoesNotExist:
        return None


def _safe_filename(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("/", "_").replace("\\", "_")
    name = re.sub(r"[\x00-\x1f\x7f\"]", "", name).strip() or "file"
    return name[:150]


@require_http_methods(["GET", "POST"])
def inbox_file(request: HttpRequest, public_id: str, file_id: str) -> HttpResponseBase:
    _require_inbox_role(request)
    source = _source_or_404(request, public_id)
    try:
        attachment = attachment_get_for_user(user=request.user, source=source, public_id=file_id)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc
    scrub = scrubber()
    if request.method == "GET":
        return render(
            request,
            "portal/inbox/file.html",
            {"source": source, "attachment": attachment, "can_scrub": scrub is not None},
        )
    try:
        sealed = envelope_open_file(envelope=attachment.envelope, user=request.user, request=request)
    except VaultLocked:
        messages.error(request, _("Your vault is locked. Sign out and sign in again."))
        return redirect("inbox:detail", public_id=source.public_id)
    except (NotARecipient, EnvelopeDestroyed) as exc:
        raise Http404 from exc
    original = request.POST.get("original") == "1" or scrub is None
    filename = _safe_filename(sealed.name)
    scrubbed = b""
    if not original:
        try:
            scrubbed = scrub(sealed.read(), sealed.name)
        except ValueError:
            # The scrubber's errors (unsupported or corrupt media) are ValueErrors; never fall
            # back to the original silently.
            messages.error(
                request,
                _(
                    "This file cannot be scrubbed (unsupported or damaged). Download the original only if you must."
                ),
            )
            return redirect("inbox:file", public_id=source.public_id, file_id=attachment.public_id)
    audit_record(
        actor=request.user,
        action="portal.download",
        target=source,
        data={"attachment": attachment.public_id, "scrubbed": not original},
    )
    if original:
        response: HttpResponseBase = StreamingHttpResponse(
            sealed.chunks(), content_type="application/octet-stream"
        )
        response["Content-Length"] = str(sealed.size)
    else:
        response = HttpResponse(scrubbed, content_type="application/octet-stream")
    ascii_name = filename.encode("ascii", "ignore").decode() or "file"
    from urllib.parse import quote

    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
