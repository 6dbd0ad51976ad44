"""Desk pages for stories: parse input, call one service or selector, render."""

from __future__ import annotations

import functools
import mimetypes
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sourcedesk.accounts.roles import Role, has_role

from . import services
from .forms import EditionForm, NoteForm, OverrideForm, PhotoForm, StoryCreateForm, StoryDetailsForm, TagForm
from .highlight import highlight, word_diff
from .markdown import render_markdown
from .models import LIVE_STATES, Edition, State, Story, Tag
from .protection import EDITION_FIELDS, HIGH, ScannerUnavailable, paragraphs
from .selectors import story_get_for_user, story_list_for_user

STAFF_ROLES = (Role.EDITOR, Role.REPORTER, Role.TRANSLATOR)


def staff_only(view):
    """Refuse anyone who is not an editor, reporter or translator (admins see no content)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not has_role(request.user, *STAFF_ROLES):
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapper


# --- Transitions the page offers ----------------------------------------------------------------


def _transitions(user, story: Story) -> list[dict[str, Any]]:
    """Return the workflow buttons this person may press now, each with the note it needs."""
    offered: list[dict[str, Any]] = []
    editor = has_role(user, Role.EDITOR)
    own_reporter = has_role(user, Role.REPORTER) and story.reporter_id == user.pk
    state = story.state
    if state == State.DRAFT and (editor or own_reporter):
        offered.append({"action": "send_to_translation", "label": _("Send to translation")})
    if state == State.IN_TRANSLATION and (editor or has_role(user, Role.TRANSLATOR)):
        offered.append({"action": "send_to_edit", "label": _("Send to edit")})
    if editor:
        if state == State.IN_EDIT:
            offered.append({"action": "approve", "label": _("Approve")})
        if state in (State.IN_EDIT, State.APPROVED, State.UNPUBLISHED):
            offered.append({"action": "publish", "label": _("Publish")})
        if state in (State.IN_TRANSLATION, State.IN_EDIT, State.APPROVED):
            offered.append({"action": "return", "label": _("Send back"), "note": True, "back": True})
        if state in LIVE_STATES:
            offered.append({"action": "correct", "label": _("Publish correction"), "correction": True})
            offered.append({"action": "unpublish", "label": _("Unpublish"), "note": True})
    return offered


def _run_transition(request: HttpRequest, story: Story, action: str, form: NoteForm) -> Story:
    data = form.cleaned_data
    user = request.user
    if action == "send_to_translation":
        return services.story_send_to_translation(actor=user, story=story)
    if action == "send_to_edit":
        return services.story_send_to_edit(actor=user, story=story)
    if action == "approve":
        return services.story_approve(actor=user, story=story)
    if action == "publish":
        return services.story_publish(actor=user, story=story)
    if action == "return":
        return services.story_return(actor=user, story=story, to_state=data["to_state"], note=data["note"])
    if action == "correct":
        return services.story_correct(
            actor=user, story=story, note_ko=data["note_ko"], note_en=data["note_en"]
        )
    if action == "unpublish":
        return services.story_unpublish(actor=user, story=story, reason=data["note"])
    raise Http404("No such action.")


# --- Pages --------------------------------------------------------------------------------------


@staff_only
def story_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    if state not in State.values:
        state = ""
    stories = list(story_list_for_user(user=request.user, state=state)[:200])
    rows = []
    for story in stories:
        editions = {e.language: e for e in story.editions.all()}
        korean, english = editions.get("ko"), editions.get("en")
        status = ""
        if korean and english:
            if not english.body.strip():
                status = _("Not started")
            else:
                stale = len(services.stale_paragraphs(korean=korean, english=english))
                missing = max(0, len(paragraphs(korean.body)) - len(english.source_hashes or []))
                if stale or missing:
                    status = _("%(stale)s stale, %(missing)s to translate") % {
                        "stale": stale,
                        "missing": missing,
                    }
                else:
                    status = _("Up to date")
        rows.append({"story": story, "korean": korean, "english": english, "translation": status})
    return render(
        request,
        "stories/story_list.html",
        {
            "rows": rows,
            "states": State.choices,
            "state": state,
            "can_create": has_role(request.user, Role.REPORTER, Role.EDITOR),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def story_create(request: HttpRequest) -> HttpResponse:
    form = StoryCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story = services.story_create(
                actor=request.user,
                headline=data["headline"],
                standfirst=data["standfirst"],
                body=data["body"],
                region=data["region"],
                tags=list(data["tags"]),
                people=data["people"],
                # Only an editor's form has the field; anyone else's story is their own.
                reporter=data.get("reporter"),
            )
        except services.StoryError as error:
            form.add_error(None, error.message)
        else:
            return redirect("stories:detail", pk=story.pk)
    return render(request, "stories/story_create.html", {"form": form})


def _edition_view(edition: Edition) -> dict[str, Any]:
    findings = edition.findings or []
    by_field = {name: [f for f in findings if f.get("field") == name] for name in EDITION_FIELDS}
    return {
        "edition": edition,
        "headline_html": highlight(edition.headline, by_field["headline"]),
        "standfirst_html": highlight(edition.standfirst, by_field["standfirst"]),
        "body_html": highlight(edition.body, by_field["body"]),
        "findings": findings,
        "high_count": sum(1 for f in findings if f.get("severity") == HIGH),
    }


@staff_only
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = story_get_for_user(user=request.user, pk=pk)
    return _render_detail(request, story)


def _event_label(action: str) -> str:
    labels = {
        "created": _("Created"),
        "saved_ko": _("Korean edition saved"),
        "saved_en": _("English edition saved"),
        "details_changed": _("Details changed"),
        "assigned": _("Assigned to a reporter"),
        "linked": _("Reports and claims linked"),
        "photo_added": _("Photo added"),
        "send_to_translation": _("Sent to translation"),
        "send_to_edit": _("Sent to edit"),
        "return": _("Sent back"),
        "approve": _("Approved"),
        "publish": _("Published"),
        "correct": _("Correction published"),
        "unpublish": _("Unpublished"),
        "override": _("Finding overridden"),
        "photo_removed": _("Photo removed"),
        "gate_refused": _("Publication refused by the gate"),
    }
    return str(labels.get(action, action))


def _visible_links(user, story: Story) -> tuple[list, list]:
    """Return the story's linked reports and claims that ``user`` may see (compartments hold)."""
    from sourcedesk.desk.selectors import claim_visible_qs, report_visible_qs  # noqa: PLC0415

    reports = list(story.reports.filter(pk__in=report_visible_qs(user=user).values("pk")).order_by("pk"))
    claims = list(story.claims.filter(pk__in=claim_visible_qs(user=user).values("pk")).order_by("pk"))
    return reports, claims


def _where(field: str) -> str:
    """Return where in the public text a finding is, for a field name from the gate."""
    if field in EDITION_FIELDS:
        return str(getattr(Edition._meta.get_field(field), "verbose_name", field))
    if field.startswith("photo-"):
        part = field.rsplit("-", 1)[-1]
        return {"caption": _("photo caption"), "alt": _("photo alt text")}.get(part, _("photo credit"))
    if field.startswith("credit-"):
        return _("staff credit")
    if field.startswith("correction-"):
        return _("correction note")
    if field.startswith("tag-"):
        return _("tag name")
    if field == "region":
        return _("region name")
    return field


def _render_detail(
    request: HttpRequest, story: Story, *, refused=None, status: int = 200, submitted=None
) -> HttpResponse:
    editions = {e.language: e for e in story.editions.all()}
    try:
        blocking = services.gate_check(story=story)
        scanner_missing = False
    except ScannerUnavailable:
        blocking, scanner_missing = [], True
    if refused is not None:
        # A refusal may name text that was not stored (a new correction note, the publishing
        # editor's credit): show those findings too, so they can be fixed or overridden.
        shown = {(f.language, f.field, f.start, f.kind, f.text) for f in blocking}
        blocking = blocking + [
            f for f in refused.flags if (f.language, f.field, f.start, f.kind, f.text) not in shown
        ]
    is_editor = has_role(request.user, Role.EDITOR)
    stale = services.stale_paragraphs(korean=editions["ko"], english=editions["en"])
    linked_reports, linked_claims = _visible_links(request.user, story)
    state_labels = dict(State.choices)
    context = {
        "story": story,
        "ko": _edition_view(editions["ko"]),
        "en": _edition_view(editions["en"]),
        "blocking": blocking,
        "blocking_rows": [{"flag": flag, "where": _where(flag.field)} for flag in blocking],
        "submitted": submitted or {},
        "refused": refused,
        "scanner_missing": scanner_missing,
        "overrides": story.overrides.select_related("editor"),
        "override_forms": [
            (flag, OverrideForm(initial={"language": flag.language, "kind": flag.kind, "text": flag.text}))
            for flag in {flag.key: flag for flag in blocking}.values()
        ]
        if is_editor
        else [],
        "transitions": _transitions(request.user, story),
        "note_form": NoteForm(),
        "events": [
            {
                "event": event,
                "label": _event_label(event.action),
                "to_state": state_labels.get(event.to_state, ""),
            }
            for event in story.events.select_related("actor")[:100]
        ],
        "corrections": story.corrections.all(),
        "photos": story.photos.all(),
        "photo_form": PhotoForm(),
        "can_edit_ko": services.can_edit_edition(request.user, story, "ko"),
        "can_edit_en": services.can_edit_edition(request.user, story, "en"),
        "can_change_details": is_editor
        or (has_role(request.user, Role.REPORTER) and story.reporter_id == request.user.pk),
        "is_editor": is_editor,
        "stale_count": len(stale),
        "state_labels": state_labels,
        "linked_reports": linked_reports,
        "linked_claims": linked_claims,
    }
    return render(request, "stories/story_detail.html", context, status=status)


@staff_only
@require_POST
def story_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    story = story_get_for_user(user=request.user, pk=pk)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        story = _run_transition(request, story, action, form)
    except services.GateRefused as refused:
        story = story_get_for_user(user=request.user, pk=pk)
        messages.error(request, refused.message)
        return _render_detail(request, story, refused=refused, status=409, submitted=request.POST)
    except services.StoryError as error:
        messages.error(request, error.message)
        story = story_get_for_user(user=request.user, pk=pk)
        return _render_detail(request, story, status=403 if isinstance(error, services.NotAllowed) else 400)
    messages.success(request, _("Done: the story is now %(state)s.") % {"state": story.get_state_display()})
    try:
        return redirect("stories:detail", pk=story_get_for_user(user=request.user, pk=pk).pk)
    except Http404:
        return redirect("stories:list")


@staff_only
@require_POST
def story_override(request: HttpRequest, pk: int) -> HttpResponse:
    story = story_get_for_user(user=request.user, pk=pk)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the reason for the override."))
        return redirect("stories:detail", pk=story.pk)
    data = form.cleaned_data
    try:
        services.finding_override(
            actor=request.user,
            story=story,
            language=data["language"],
            kind=data["kind"],
            text=data["text"],
            reason=data["reason"],
        )
    except services.StoryError as error:
        messages.error(request, error.message)
        return _render_detail(request, story, status=403 if isinstance(error, services.NotAllowed) else 400)
    messages.success(request, _("Override recorded."))
    return redirect("stories:detail", pk=story.pk)


@staff_only
@require_http_methods(["GET", "POST"])
def story_details(request: HttpRequest, pk: int) -> HttpResponse:
    story = story_get_for_user(user=request.user, pk=pk)
    if not (
        has_role(request.user, Role.EDITOR)
        or (has_role(request.user, Role.REPORTER) and story.reporter_id == request.user.pk)
    ):
        # The people list names who must not be named: shown only to those who keep it.
        raise Http404("No such page.")
    reports, claims = _visible_links(request.user, story)
    initial = {
        "reporter": story.reporter_id,
        "region": story.region_id,
        "tags": list(story.tags.all()),
        "people": story.people,
        "translator": story.translator_id,
        "report_ids": ", ".join(str(r.pk) for r in reports),
        "claim_ids": ", ".join(str(c.pk) for c in claims),
    }
    form = StoryDetailsForm(request.POST or None, initial=initial, user=request.user, story=story)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reporter = data.get("reporter")
            if reporter is not None and reporter.pk != story.reporter_id:
                # First, so that a refused assignment leaves the other details as they were.
                story = services.story_assign(actor=request.user, story=story, reporter=reporter)
            services.story_update_details(
                actor=request.user,
                story=story,
                region=data["region"],
                tags=list(data["tags"]),
                people=data["people"],
                translator=data["translator"],
            )
            services.story_link_desk_items(
                actor=request.user, story=story, report_ids=data["report_ids"], claim_ids=data["claim_ids"]
            )
        except services.StoryError as error:
            form.add_error(None, error.message)
        else:
            return redirect("stories:detail", pk=story.pk)
    return render(request, "stories/story_details.html", {"story": story, "form": form})


def _annotate(body: str, language: str, story: Story) -> tuple[str, str]:
    """Return ``body`` with money amounts annotated, and a message; unchanged if unavailable.

    A published story converts at its publication date; a story in progress at the latest rates.
    """
    try:
        from sourcedesk.facts.annotate import annotate_amounts  # noqa: PLC0415
    except ImportError:
        return body, _("Amount annotation is not available yet.")
    on_date = timezone.localdate(story.first_published_at) if story.first_published_at else None
    try:
        annotated = annotate_amounts(body, language=language, on_date=on_date, to="USD")
    except Exception:  # a parser failure must never lose the text being edited
        return body, _("Amounts could not be annotated; your text is unchanged.")
    return annotated, _("Amounts annotated. Check them, then save.")


@staff_only
@require_http_methods(["GET", "POST"])
def edition_edit(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    story = story_get_for_user(user=request.user, pk=pk)
    if language not in ("ko", "en"):
        raise Http404("No such edition.")
    edition = story.editions.get(language=language)
    if not services.can_edit_edition(request.user, story, language):
        messages.error(
            request,
            _("You cannot edit this edition while the story is %(state)s.")
            % {"state": story.get_state_display()},
        )
        return redirect("stories:detail", pk=story.pk)
    conflict = None
    notice = ""
    if request.method == "POST":
        form = EditionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if "annotate" in request.POST:
                body, notice = _annotate(data["body"], language, story)
                form = EditionForm(initial={**data, "body": body})
            else:
                try:
                    services.edition_save(
                        actor=request.user,
                        edition=edition,
                        headline=data["headline"],
                        standfirst=data["standfirst"],
                        body=data["body"],
                        byline=data["byline"],
                        expected_version=data["version"],
                    )
                except services.EditConflict as error:
                    conflict = error.current
                    form = EditionForm(initial={**data, "version": conflict.version})
                    form.is_valid()
                    messages.error(request, error.message)
                except services.StoryError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("stories:edit", pk=story.pk, language=language)
    else:
        form = EditionForm(
            initial={
                "headline": edition.headline,
                "standfirst": edition.standfirst,
                "body": edition.body,
                "byline": edition.byline,
                "version": edition.version,
            }
        )
    return render(
        request,
        "stories/edition_edit.html",
        {
            "story": story,
            "edition": edition,
            "view": _edition_view(edition),
            "form": form,
            "conflict": conflict,
            "notice": notice,
            "is_editor": has_role(request.user, Role.EDITOR),
            "can_annotate": True,
        },
        status=409 if conflict else 200,
    )


@staff_only
@require_http_methods(["GET", "POST"])
def translate(request: HttpRequest, pk: int) -> HttpResponse:
    """Korean and English side by side, one row per paragraph; stale English paragraphs marked."""
    story = story_get_for_user(user=request.user, pk=pk)
    korean = story.editions.get(language="ko")
    english = story.editions.get(language="en")
    can_edit = services.can_edit_edition(request.user, story, "en")
    conflict = None
    submitted: dict[str, Any] | None = None
    if request.method == "POST":
        if not can_edit:
            messages.error(
                request,
                _("You cannot edit the English edition while the story is %(state)s.")
                % {"state": story.get_state_display()},
            )
            return redirect("stories:detail", pk=story.pk)
        count = _int(request.POST.get("paragraphs"), 0, 500)
        texts = [request.POST.get(f"p{i}", "").strip() for i in range(count)]
        extra = request.POST.get("extra", "").strip()
        body = _join_paragraphs(texts, extra)
        confirm = [i for i in range(count) if request.POST.get(f"confirm{i}")]
        submitted = {
            "headline": request.POST.get("headline", ""),
            "standfirst": request.POST.get("standfirst", ""),
            "texts": texts,
            "extra": extra,
        }
        try:
            services.edition_save(
                actor=request.user,
                edition=english,
                headline=submitted["headline"],
                standfirst=submitted["standfirst"],
                body=body,
                expected_version=_int(request.POST.get("version"), 0, 10**9),
                confirm_paragraphs=confirm,
            )
        except services.EditConflict as error:
            conflict = error.current
            messages.error(request, error.message)
            english = conflict
        except services.StoryError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Translation saved."))
            return redirect("stories:translate", pk=story.pk)
    rows = _aligned_rows(korean, english, submitted)
    return render(
        request,
        "stories/translate.html",
        {
            "story": story,
            "korean": korean,
            "english": english,
            "rows": rows,
            "paragraph_count": len(rows),
            "headline": submitted["headline"] if submitted else english.headline,
            "standfirst": submitted["standfirst"] if submitted else english.standfirst,
            "extra": submitted["extra"] if submitted else "",
            "version": english.version,
            "can_edit": can_edit,
            "conflict": conflict,
            "en_view": _edition_view(english),
        },
        status=409 if conflict else 200,
    )


def _join_paragraphs(texts: list[str], extra: str) -> str:
    """Join translated paragraphs, keeping their positions: an empty paragraph before a written
    one becomes the "to come" marker instead of silently shifting the rest out of alignment."""
    last = max((i for i, text in enumerate(texts) if text), default=-1)
    kept = [text or services.TO_COME for text in texts[: last + 1]]
    if extra:
        kept.append(extra)
    return "\n\n".join(kept)


def _int(value, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value)))
    except (TypeError, ValueError):
        return low


def _aligned_rows(
    korean: Edition, english: Edition, submitted: dict[str, Any] | None
) -> list[dict[str, Any]]:
    ko = paragraphs(korean.body)
    en = submitted["texts"] if submitted else paragraphs(english.body)
    saved_en = paragraphs(english.body)
    stale = set(services.stale_paragraphs(korean=korean, english=english))
    recorded = english.source_hashes or []
    sources = english.source_paragraphs or []
    rows = []
    for i in range(max(len(ko), len(en))):
        was = sources[i] if i < len(sources) else ""
        rows.append(
            {
                "index": i,
                "korean": ko[i] if i < len(ko) else "",
                "korean_changes": word_diff(was, ko[i] if i < len(ko) else "") if i in stale and was else "",
                "english": en[i] if i < len(en) else "",
                "saved_english": saved_en[i] if i < len(saved_en) else "",
                "stale": i in stale,
                "untranslated": i < len(ko) and (i >= len(recorded) or not recorded[i]),
            }
        )
    return rows


@staff_only
@require_POST
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    story = story_get_for_user(user=request.user, pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a photo to upload."))
        return redirect("stories:detail", pk=story.pk)
    data = form.cleaned_data
    upload = data["image"]
    if upload.size > 25 * 1024 * 1024:
        messages.error(request, _("The photo is too large (25 MB at most)."))
        return redirect("stories:detail", pk=story.pk)
    try:
        services.photo_add(
            actor=request.user,
            story=story,
            photo=services.PhotoInput(
                data=upload.read(),
                filename=upload.name or "",
                caption_ko=data["caption_ko"],
                caption_en=data["caption_en"],
                alt_ko=data["alt_ko"],
                alt_en=data["alt_en"],
                credit=data["credit"],
                is_file_photo=data["is_file_photo"],
            ),
        )
    except services.StoryError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Photo added, its metadata removed."))
    return redirect("stories:detail", pk=story.pk)


@staff_only
@require_POST
def photo_remove(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    story = story_get_for_user(user=request.user, pk=pk)
    try:
        services.photo_remove(actor=request.user, story=story, photo_id=photo_id)
    except services.StoryError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Photo removed."))
    return redirect("stories:detail", pk=story.pk)


@staff_only
def photo_file(request: HttpRequest, pk: int, photo_id: int) -> FileResponse:
    """Serve a scrubbed photo to the desk (it is not public until the story is)."""
    story = story_get_for_user(user=request.user, pk=pk)
    photo = story.photos.filter(pk=photo_id).first()
    if photo is None:
        raise Http404("No such photo.")
    path = services.photo_dir() / photo.file_name
    if not path.is_file():
        raise Http404("No such photo.")
    content_type = photo.content_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path.open("rb"), content_type=content_type)


@staff_only
def preview(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """Show an edition as it would be published (rendered, sanitised), inside the desk."""
    story = story_get_for_user(user=request.user, pk=pk)
    if language not in ("ko", "en"):
        raise Http404("No such edition.")
    edition = story.editions.get(language=language)
    return render(
        request,
        "stories/preview.html",
        {"story": story, "edition": edition, "body_html": render_markdown(edition.body)},
    )


@staff_only
@require_http_methods(["GET", "POST"])
def tag_list(request: HttpRequest) -> HttpResponse:
    """List tags; editors add new ones."""
    form = TagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.tag_create(
                actor=request.user, slug=data["slug"], name_ko=data["name_ko"], name_en=data["name_en"]
            )
        except services.StoryError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Tag added."))
            return redirect("stories:tags")
    return render(
        request,
        "stories/tag_list.html",
        {
            "tags": Tag.objects.order_by("slug"),
            "form": form,
            "is_editor": has_role(request.user, Role.EDITOR),
        },
        status=400 if form.errors else 200,
    )
