"""Writes to stories: creating, saving editions, every workflow step, overrides, photos.

Each workflow step is one function that checks the role, checks the gate where publication is
involved, changes the state, records the history and the audit entry, and schedules the
follow-up work. Refusals raise :class:`StoryError` subclasses whose ``message`` says why, in the
reader's language.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sourcedesk.accounts.roles import Role, has_role
from sourcedesk.audit.services import audit_record

from .models import (
    LIVE_STATES,
    Correction,
    Credit,
    Edition,
    FindingOverride,
    Photo,
    Region,
    State,
    Story,
    StoryEvent,
    Tag,
)
from .protection import (
    EDITION_FIELDS,
    HIGH,
    Flag,
    ScannerUnavailable,
    paragraph_hash,
    paragraphs,
    scan_fields,
    source_pseudonyms,
)

# --- Errors -------------------------------------------------------------------------------------


class StoryError(Exception):
    """A refused write; ``message`` is shown to the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(StoryError):
    """The person's role, or the story's state, does not allow this."""


class InvalidInput(StoryError):
    """Something required is missing or malformed."""


class GateRefused(StoryError):
    """Publication refused: high-severity findings are unresolved."""

    def __init__(self, message: str, flags: list[Flag]) -> None:
        super().__init__(message)
        self.flags = flags


class EditConflict(StoryError):
    """Someone saved the edition after this person opened it; nothing was written."""

    def __init__(self, message: str, current: Edition) -> None:
        super().__init__(message)
        self.current = current


# --- Who may do what ----------------------------------------------------------------------------

WRITABLE_BY_REPORTER = (State.DRAFT, State.IN_TRANSLATION, State.IN_EDIT)
WRITABLE_BY_TRANSLATOR = (State.IN_TRANSLATION, State.IN_EDIT)


def can_edit_edition(user, story: Story, language: str) -> bool:
    """Return whether ``user`` may change the ``language`` edition of ``story`` now."""
    if has_role(user, Role.EDITOR):
        return True
    if language == "ko":
        return (
            has_role(user, Role.REPORTER)
            and story.reporter_id == user.pk
            and story.state in WRITABLE_BY_REPORTER
        )
    return (
        has_role(user, Role.TRANSLATOR)
        and story.state in WRITABLE_BY_TRANSLATOR
        and story.translator_id in (None, user.pk)
    )


def _require_editor(user, message: str) -> None:
    """Refuse anyone but an editor with ``message``, which names their role as ``%(role)s``."""
    if not has_role(user, Role.EDITOR):
        raise NotAllowed(message % {"role": _role_label(user)})


def _role_label(user) -> str:
    try:
        return str(Role(getattr(user, "role", "")).label)
    except ValueError:
        return _("none")


# --- Helpers ------------------------------------------------------------------------------------


def _event(
    story: Story, actor, action: str, *, from_state: str = "", to_state: str = "", note: str = ""
) -> None:
    StoryEvent.objects.create(
        story=story, actor=actor, action=action, from_state=from_state, to_state=to_state, note=note
    )


def _edition_fields(edition: Edition) -> list[tuple[str, str]]:
    return [(name, getattr(edition, name)) for name in EDITION_FIELDS]


def _photo_fields(story: Story, language: str) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    for photo in story.photos.all():
        fields.append((f"photo-{photo.pk}-caption", photo.caption(language)))
        fields.append((f"photo-{photo.pk}-alt", photo.alt(language)))
        fields.append((f"photo-{photo.pk}-credit", photo.credit))
    return fields


def _credit_fields(edition: Edition) -> list[tuple[str, str]]:
    if edition.pk is None:  # a new edition has no credits yet
        return []
    return [(f"credit-{credit.pk}", credit.name) for credit in edition.credits.all()]


def _correction_fields(story: Story, language: str) -> list[tuple[str, str]]:
    return [(f"correction-{c.pk}", c.note(language)) for c in story.corrections.all()]


def _label_fields(story: Story, language: str) -> list[tuple[str, str]]:
    """Return the tag and region names the public pages show with the story."""
    fields = [(f"tag-{tag.slug}", tag.name(language)) for tag in story.tags.all()]
    if story.region is not None:
        fields.append(("region", story.region.name(language)))
    return fields


# Text that a publication step is about to make public with an edition, by language: a new
# correction note, or the credit of the editor publishing. Scanned with everything else.
Pending = Mapping[str, Sequence[tuple[str, str]]]


def edition_scan(
    edition: Edition,
    pending: Sequence[tuple[str, str]] = (),
    *,
    pseudonyms: Sequence[str] | None = None,
) -> list[Flag]:
    """Return every finding in the text published with an edition.

    That is the edition's own text, its photos' captions, alt texts and credits, its staff
    credits, the story's correction notes, tag and region names in that language, and any
    ``pending`` ``(field, text)`` pairs a publication step is about to add.

    The deny list is the story's people and every network source's desk pseudonym (loaded here
    unless the caller passes ``pseudonyms``, so a gate check asks the database for them once).
    """
    if pseudonyms is None:
        pseudonyms = source_pseudonyms()
    story = edition.story
    language = edition.language
    fields = (
        _edition_fields(edition)
        + _photo_fields(story, language)
        + _credit_fields(edition)
        + _correction_fields(story, language)
        + _label_fields(story, language)
        + list(pending)
    )
    return scan_fields(fields, language=language, deny=story.deny_list, pseudonyms=pseudonyms)


def gate_check(*, story: Story, pending: Pending | None = None) -> list[Flag]:
    """Return the high-severity findings that still block publication of ``story``.

    A finding is resolved when the text no longer contains it (the editions are scanned afresh
    here, never from a cache) or when an editor overrode that kind of finding on those words.
    ``pending`` holds text about to be published with each edition (see :data:`Pending`). A desk
    pseudonym of any network source, archived or not, blocks like a name in the people list.
    """
    overridden = {(o.language, o.kind, o.text) for o in story.overrides.all()}
    pseudonyms = source_pseudonyms()
    blocking: list[Flag] = []
    for edition in story.editions.all():
        for flag in edition_scan(edition, (pending or {}).get(edition.language, ()), pseudonyms=pseudonyms):
            if flag.severity == HIGH and flag.key not in overridden:
                blocking.append(flag)
    return blocking


def public_name(user) -> str:
    """Return the name ``user`` may be credited under in public, or "" for no credit.

    Only an explicit display name counts. A login name is never published: it would tell anyone
    watching which account handled a story, and give attackers an account name to try; a display
    name that is only the login name in other letter case counts as no name.
    """
    name = (getattr(user, "display_name", "") or "").strip()
    login = (user.get_username() or "").strip() if hasattr(user, "get_username") else ""
    if not name or name.casefold() == login.casefold():
        return ""
    return name


def _refresh_findings(edition: Edition, pseudonyms: Sequence[str] | None = None) -> None:
    try:
        edition.findings = [flag.as_dict() for flag in edition_scan(edition, pseudonyms=pseudonyms)]
    except ScannerUnavailable:
        # Saving goes on; publishing will not (the gate fails closed).
        edition.findings = []


def _refresh_story_findings(story: Story) -> None:
    """Rescan and store the findings of every edition of ``story``, the pseudonyms loaded once."""
    try:
        pseudonyms: Sequence[str] | None = source_pseudonyms()
    except ScannerUnavailable:
        pseudonyms = None  # each edition then stores no findings, as without a scanner
    for edition in story.editions.all():
        _refresh_findings(edition, pseudonyms)
        edition.save(update_fields=["findings"])


def _schedule_site_refresh() -> None:
    from sourcedesk.publish.tasks import public_site_changed  # noqa: PLC0415

    transaction.on_commit(public_site_changed)


# --- Creating and editing -----------------------------------------------------------------------


@transaction.atomic
def story_create(
    *,
    actor,
    headline: str,
    standfirst: str = "",
    body: str = "",
    region: Region | None = None,
    tags: Sequence[Tag] = (),
    people: str = "",
    reporter=None,
) -> Story:
    """Create a story in draft with its Korean edition and an empty English one.

    The story's reporter is the person creating it, unless an editor assigns it to an active
    reporter with ``reporter``; that assignment is written to the history and the audit log.
    """
    if not has_role(actor, Role.REPORTER, Role.EDITOR):
        raise NotAllowed(
            _("Only a reporter or an editor can start a story; your role is %(role)s.")
            % {"role": _role_label(actor)}
        )
    if not headline.strip():
        raise InvalidInput(_("A story needs a Korean headline."))
    assigned = reporter is not None and reporter.pk != actor.pk
    if assigned:
        _check_assignment(actor, reporter)
    else:
        reporter = actor
    story = Story.objects.create(reporter=reporter, region=region, people=people.strip())
    if tags:
        story.tags.set(tags)
    ko = Edition(
        story=story,
        language="ko",
        headline=headline.strip(),
        standfirst=standfirst.strip(),
        body=body.strip(),
        updated_by=actor,
    )
    _refresh_findings(ko)
    ko.save()
    Edition.objects.create(story=story, language="en")
    # No automatic "written by": the byline is the desk's unless an editor names someone, so the
    # public page does not tell a reader which reporter handles which sources.
    _event(story, actor, "created", to_state=State.DRAFT)
    audit_record(
        actor=actor,
        action="story.create",
        target=story,
        data={"public_id": story.public_id, "reporter": story.reporter_id},
    )
    if assigned:
        _record_assignment(story, actor, previous=None)
    return story


def reporter_choices(*, keep: int | None = None):
    """Return the people a story can be assigned to: active reporters, by display name.

    ``keep`` adds one user (a story's current reporter) even if they are not, so a form can show
    who the story belongs to now.
    """
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    wanted = Q(role=Role.REPORTER, is_active=True)
    if keep is not None:
        wanted |= Q(pk=keep)
    return get_user_model().objects.filter(wanted).order_by("display_name", "username")


def _check_assignment(actor, reporter) -> None:
    """Refuse an assignment by anyone but an editor, or to anyone but an active reporter."""
    _require_editor(actor, _("Only an editor can assign a story to a reporter; your role is %(role)s."))
    if not has_role(reporter, Role.REPORTER):
        raise InvalidInput(_("A story can only be assigned to an active reporter."))


def _record_assignment(story: Story, actor, *, previous) -> None:
    _event(story, actor, "assigned", note=str(story.reporter))
    audit_record(
        actor=actor,
        action="story.assign",
        target=story,
        data={"reporter": story.reporter_id, "previous": getattr(previous, "pk", None)},
    )


@transaction.atomic
def story_assign(*, actor, story: Story, reporter) -> Story:
    """Assign ``story`` to ``reporter`` (editors only; an active reporter only).

    The reporter then sees the story and writes its Korean edition; the one before no longer
    does, unless they are an editor. Nothing happens if the story is already theirs.
    """
    _check_assignment(actor, reporter)
    story = _locked(story)
    if story.reporter_id == reporter.pk:
        return story
    previous = story.reporter
    story.reporter = reporter
    story.save(update_fields=["reporter", "updated_at"])
    _record_assignment(story, actor, previous=previous)
    return story


@transaction.atomic
def story_update_details(
    *,
    actor,
    story: Story,
    region: Region | None,
    tags: Sequence[Tag],
    people: str,
    translator=None,
) -> Story:
    """Change a story's region, tags, people list and translator."""
    if not (
        has_role(actor, Role.EDITOR) or (has_role(actor, Role.REPORTER) and story.reporter_id == actor.pk)
    ):
        raise NotAllowed(
            _("Only the story's reporter or an editor can change its details; your role is %(role)s.")
            % {"role": _role_label(actor)}
        )
    story = Story.objects.select_for_update().get(pk=story.pk)
    story.region = region
    story.people = people.strip()
    if has_role(actor, Role.EDITOR) and (translator is None or has_role(translator, Role.TRANSLATOR)):
        story.translator = translator
    story.save()
    story.tags.set(tags)
    _refresh_story_findings(story)
    _event(story, actor, "details_changed")
    audit_record(actor=actor, action="story.update_details", target=story)
    return story


def _parse_ids(text: str) -> list[int]:
    ids = []
    for part in text.replace(",", " ").replace("#", " ").split():
        if not part.isdigit():
            raise InvalidInput(_("Give report and claim numbers as digits, separated by commas."))
        ids.append(int(part))
    return ids


@transaction.atomic
def story_link_desk_items(*, actor, story: Story, report_ids: str, claim_ids: str) -> Story:
    """Link the story to desk reports and claims the actor can see; links stay internal.

    Links to items the actor cannot see are kept as they are, neither added nor removed by them.
    """
    from sourcedesk.desk.selectors import claim_visible_qs, report_visible_qs  # noqa: PLC0415

    if not (
        has_role(actor, Role.EDITOR) or (has_role(actor, Role.REPORTER) and story.reporter_id == actor.pk)
    ):
        raise NotAllowed(
            _("Only the story's reporter or an editor can link reports and claims; your role is %(role)s.")
            % {"role": _role_label(actor)}
        )
    wanted_reports, wanted_claims = _parse_ids(report_ids), _parse_ids(claim_ids)
    visible_reports = report_visible_qs(user=actor)
    visible_claims = claim_visible_qs(user=actor)
    found_reports = list(visible_reports.filter(pk__in=wanted_reports))
    found_claims = list(visible_claims.filter(pk__in=wanted_claims))
    if len(found_reports) != len(set(wanted_reports)) or len(found_claims) != len(set(wanted_claims)):
        raise InvalidInput(_("Some of those reports or claims do not exist or are not yours to link."))
    hidden_reports = story.reports.exclude(pk__in=visible_reports.values("pk"))
    hidden_claims = story.claims.exclude(pk__in=visible_claims.values("pk"))
    story.reports.set([*found_reports, *hidden_reports])
    story.claims.set([*found_claims, *hidden_claims])
    _event(story, actor, "linked")
    audit_record(
        actor=actor,
        action="story.link_desk_items",
        target=story,
        data={"reports": sorted(r.pk for r in found_reports), "claims": sorted(c.pk for c in found_claims)},
    )
    return story


@transaction.atomic
def edition_save(
    *,
    actor,
    edition: Edition,
    headline: str,
    standfirst: str,
    body: str,
    byline: str | None = None,
    expected_version: int,
    confirm_paragraphs: Sequence[int] = (),
) -> Edition:
    """Save new text for an edition, refusing it if someone saved since ``expected_version``.

    On an English save, each paragraph the translator changed (or confirmed) is marked as
    translating the current Korean paragraph at the same position; a Korean paragraph changed
    later makes it stale.
    """
    story = Story.objects.select_for_update().get(pk=edition.story_id)
    current = Edition.objects.select_for_update().get(pk=edition.pk)
    if not can_edit_edition(actor, story, current.language):
        raise NotAllowed(
            _("You cannot edit the %(language)s edition while the story is %(state)s; your role is %(role)s.")
            % {
                "language": current.get_language_display(),
                "state": story.get_state_display(),
                "role": _role_label(actor),
            }
        )
    if current.version != expected_version:
        raise EditConflict(
            _(
                "%(name)s saved this edition after you opened it (now version %(version)s). "
                "Nothing of yours was saved: your text is below, next to theirs."
            )
            % {"name": str(current.updated_by or _("Someone")), "version": current.version},
            current,
        )
    new_body = body.replace("\r\n", "\n").strip()
    if current.language == "en":
        korean = story.editions.get(language="ko")
        current.source_hashes, current.source_paragraphs = _updated_sources(
            old_english=paragraphs(current.body),
            new_english=paragraphs(new_body),
            korean=paragraphs(korean.body),
            hashes=list(current.source_hashes or []),
            texts=list(current.source_paragraphs or []),
            confirm=set(confirm_paragraphs),
        )
    current.headline = headline.strip()
    current.standfirst = standfirst.replace("\r\n", "\n").strip()
    current.body = new_body
    if byline is not None and has_role(actor, Role.EDITOR):
        current.byline = byline.strip()
    current.version += 1
    current.updated_by = actor
    current.story = story
    _refresh_findings(current)
    current.save()
    if current.language == "en" and has_role(actor, Role.TRANSLATOR):
        # Credited only under an explicit public name; the gate scans the credit like any text.
        name = public_name(actor)
        if name:
            Credit.objects.get_or_create(edition=current, kind=Credit.Kind.TRANSLATED, name=name)
        if story.translator_id is None:
            story.translator = actor
    story.save()
    _event(story, actor, f"saved_{current.language}", note=str(current.version))
    audit_record(
        actor=actor,
        action="story.edition_save",
        target=story,
        data={"language": current.language, "version": current.version},
    )
    return current


def _updated_sources(
    *,
    old_english: list[str],
    new_english: list[str],
    korean: list[str],
    hashes: list[str],
    texts: list[str],
    confirm: set[int],
) -> tuple[list[str], list[str]]:
    """Return, per English paragraph, the hash and text of the Korean paragraph it translates.

    A paragraph the translator wrote, changed or confirmed now translates the current Korean
    paragraph at its position; any other keeps what it translated before.
    """
    new_hashes: list[str] = []
    new_texts: list[str] = []
    for i, paragraph in enumerate(new_english):
        previous = hashes[i] if i < len(hashes) else ""
        changed = i >= len(old_english) or old_english[i] != paragraph
        if changed or i in confirm or not previous:
            source = korean[i] if i < len(korean) else ""
            new_hashes.append(paragraph_hash(source) if source else "")
            new_texts.append(source)
        else:
            new_hashes.append(previous)
            new_texts.append(texts[i] if i < len(texts) else "")
    return new_hashes, new_texts


def stale_paragraphs(*, korean: Edition, english: Edition) -> list[int]:
    """Return the positions of English paragraphs whose Korean paragraph changed since."""
    ko = paragraphs(korean.body)
    stale = []
    for i, recorded in enumerate(english.source_hashes or []):
        if not recorded:
            continue
        if i >= len(ko) or paragraph_hash(ko[i]) != recorded:
            stale.append(i)
    return stale


@transaction.atomic
def edition_confirm_paragraphs(
    *, actor, edition: Edition, positions: Sequence[int], expected_version: int
) -> Edition:
    """Confirm that English paragraphs still translate their Korean paragraphs, unchanged."""
    return edition_save(
        actor=actor,
        edition=edition,
        headline=edition.headline,
        standfirst=edition.standfirst,
        body=edition.body,
        expected_version=expected_version,
        confirm_paragraphs=positions,
    )


# --- Workflow -----------------------------------------------------------------------------------


def _locked(story: Story) -> Story:
    return Story.objects.select_for_update().get(pk=story.pk)


def _require_state(story: Story, allowed: Sequence[str], message: str) -> None:
    """Refuse unless the story is in one of ``allowed``; ``message`` names it as ``%(state)s``."""
    if story.state not in allowed:
        raise NotAllowed(message % {"state": story.get_state_display()})


def _move(story: Story, actor, to_state: str, action: str, note: str = "") -> Story:
    from_state = story.state
    story.state = to_state
    story.save(update_fields=["state", "updated_at"])
    _event(story, actor, action, from_state=from_state, to_state=to_state, note=note)
    audit_record(
        actor=actor,
        action=f"story.{action}",
        target=story,
        data={"from": from_state, "to": to_state, **({"note": note} if note else {})},
    )
    return story


# Newsroom shorthand for "to come": marks a paragraph not written yet.
TO_COME = "[TK]"


def _require_text(story: Story, language: str, *, complete: bool = False) -> None:
    edition = story.editions.get(language=language)
    if not edition.headline.strip() or not edition.body.strip():
        raise InvalidInput(
            _("The %(language)s edition needs a headline and a body first.")
            % {"language": edition.get_language_display()}
        )
    if complete and TO_COME in edition.body:
        raise InvalidInput(
            _("The %(language)s edition still has a paragraph marked %(marker)s (not written yet).")
            % {"language": edition.get_language_display(), "marker": TO_COME}
        )


@transaction.atomic
def story_send_to_translation(*, actor, story: Story) -> Story:
    """Hand a Korean draft to the translators."""
    story = _locked(story)
    if not (
        has_role(actor, Role.EDITOR) or (has_role(actor, Role.REPORTER) and story.reporter_id == actor.pk)
    ):
        raise NotAllowed(
            _("Only the story's reporter or an editor can send it to translation; your role is %(role)s.")
            % {"role": _role_label(actor)}
        )
    _require_state(
        story, (State.DRAFT,), _("Only a draft can be sent to translation; this story is %(state)s.")
    )
    _require_text(story, "ko")
    return _move(story, actor, State.IN_TRANSLATION, "send_to_translation")


@transaction.atomic
def story_send_to_edit(*, actor, story: Story) -> Story:
    """Hand a translated story to the editors."""
    story = _locked(story)
    if not has_role(actor, Role.EDITOR, Role.TRANSLATOR):
        raise NotAllowed(
            _("Only a translator or an editor can send a story to edit; your role is %(role)s.")
            % {"role": _role_label(actor)}
        )
    _require_state(
        story,
        (State.IN_TRANSLATION,),
        _("Only a story in translation can be sent to edit; this story is %(state)s."),
    )
    _require_text(story, "en")
    return _move(story, actor, State.IN_EDIT, "send_to_edit")


@transaction.atomic
def story_return(*, actor, story: Story, to_state: str, note: str) -> Story:
    """Send a story back to draft or to translation, with a note saying why."""
    story = _locked(story)
    _require_editor(actor, _("Only an editor can send a story back; your role is %(role)s."))
    if to_state not in (State.DRAFT, State.IN_TRANSLATION):
        raise InvalidInput(_("A story can only go back to draft or to translation."))
    _require_state(
        story,
        (State.IN_TRANSLATION, State.IN_EDIT, State.APPROVED),
        _("A story that is %(state)s cannot be sent back."),
    )
    if not note.strip():
        raise InvalidInput(_("Say why the story goes back."))
    return _move(story, actor, to_state, "return", note=note.strip())


def _gate_or_refuse(story: Story, actor, action: str, pending: Pending | None = None) -> None:
    try:
        blocking = gate_check(story=story, pending=pending)
    except ScannerUnavailable as exc:
        raise NotAllowed(_("The protection scanner is not available, so nothing can be published.")) from exc
    if blocking:
        raise GateRefused(
            _("Publication refused: %(count)s high-risk finding(s) unresolved.") % {"count": len(blocking)},
            blocking,
        )


def _records_refusals(action: str):
    """Run a gated step in its own transaction; a refusal by the gate is still written down."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*, actor, story: Story, **kwargs):
            try:
                with transaction.atomic():
                    return func(actor=actor, story=story, **kwargs)
            except GateRefused as refused:
                record_gate_refusal(actor=actor, story=story, flags=refused.flags, action=action)
                raise

        return wrapper

    return decorate


def record_gate_refusal(*, actor, story: Story, flags: Sequence[Flag], action: str) -> None:
    """Write a refused publication into the story's history and the audit log."""
    with transaction.atomic():
        _event(
            story, actor, "gate_refused", note=", ".join(sorted({f"{f.language}:{f.kind}" for f in flags}))
        )
        audit_record(
            actor=actor,
            action="story.gate_refused",
            target=story,
            data={"action": action, "findings": [[f.language, f.kind] for f in flags]},
        )


@_records_refusals("approve")
def story_approve(*, actor, story: Story) -> Story:
    """Approve an edited story for publication; the gate must be clear."""
    story = _locked(story)
    _require_editor(actor, _("Only an editor can approve a story; your role is %(role)s."))
    _require_state(
        story, (State.IN_EDIT,), _("Only a story in edit can be approved; this story is %(state)s.")
    )
    _require_text(story, "ko", complete=True)
    _require_text(story, "en", complete=True)
    _gate_or_refuse(story, actor, "approve")
    return _move(story, actor, State.APPROVED, "approve")


@_records_refusals("publish")
def story_publish(*, actor, story: Story) -> Story:
    """Publish both editions: the gate must be clear; the public copies are written now."""
    from sourcedesk.publish.services import publication_write  # noqa: PLC0415

    story = _locked(story)
    _require_editor(actor, _("Only an editor can publish a story; your role is %(role)s."))
    _require_state(
        story,
        (State.IN_EDIT, State.APPROVED, State.UNPUBLISHED),
        _("A story that is %(state)s cannot be published; it must be edited first."),
    )
    _require_text(story, "ko", complete=True)
    _require_text(story, "en", complete=True)
    # The publishing editor is credited under their public name (none without one), and that
    # credit passes the gate with everything else.
    name = public_name(actor)
    editions = list(story.editions.all())
    credit = {edition.language: [("credit-new", name)] for edition in editions} if name else None
    _gate_or_refuse(story, actor, "publish", credit)
    if name:
        for edition in editions:
            Credit.objects.get_or_create(edition=edition, kind=Credit.Kind.EDITED, name=name)
    if story.first_published_at is None:
        story.first_published_at = timezone.now()
        story.save(update_fields=["first_published_at"])
    _move(story, actor, State.PUBLISHED, "publish")
    publication_write(story=story)
    _schedule_site_refresh()
    return story


@_records_refusals("correct")
def story_correct(*, actor, story: Story, note_ko: str, note_en: str) -> Story:
    """Republish a live story with its editions' current text and a public correction note."""
    from sourcedesk.publish.services import publication_write  # noqa: PLC0415

    story = _locked(story)
    _require_editor(actor, _("Only an editor can correct a story; your role is %(role)s."))
    _require_state(story, LIVE_STATES, _("Only a published story can be corrected; this story is %(state)s."))
    note_ko, note_en = note_ko.strip(), note_en.strip()
    if not note_ko or not note_en:
        raise InvalidInput(_("A correction needs a note in Korean and in English."))
    _require_text(story, "ko", complete=True)
    _require_text(story, "en", complete=True)
    # The notes are public text: scanned with the editions (and the story's people list) before
    # they are stored, and refused on the same terms.
    _gate_or_refuse(
        story, actor, "correct", {"ko": [("correction-new", note_ko)], "en": [("correction-new", note_en)]}
    )
    Correction.objects.create(story=story, note_ko=note_ko, note_en=note_en, created_by=actor)
    _move(story, actor, State.CORRECTED, "correct", note=note_en)
    publication_write(story=story)
    _schedule_site_refresh()
    return story


@transaction.atomic
def story_unpublish(*, actor, story: Story, reason: str) -> Story:
    """Take both editions off the public site (and, at the next export, off the mirrors)."""
    from sourcedesk.publish.services import publication_remove  # noqa: PLC0415

    story = _locked(story)
    _require_editor(actor, _("Only an editor can unpublish a story; your role is %(role)s."))
    _require_state(
        story, LIVE_STATES, _("Only a published story can be unpublished; this story is %(state)s.")
    )
    if not reason.strip():
        raise InvalidInput(_("Say why the story is unpublished."))
    _move(story, actor, State.UNPUBLISHED, "unpublish", note=reason.strip())
    publication_remove(story=story)
    _schedule_site_refresh()
    return story


@transaction.atomic
def finding_override(
    *, actor, story: Story, language: str, kind: str, text: str, reason: str
) -> FindingOverride:
    """Let one high-severity finding through the gate, with the editor's written reason."""
    _require_editor(actor, _("Only an editor can override a finding; your role is %(role)s."))
    reason = reason.strip()
    if len(reason) < 10:
        raise InvalidInput(_("Write the reason for the override (at least 10 characters)."))
    if language not in ("ko", "en") or not kind or not text:
        raise InvalidInput(_("Choose the finding to override."))
    story = _locked(story)
    override = FindingOverride.objects.create(
        story=story, language=language, kind=kind, text=text[:300], reason=reason, editor=actor
    )
    _event(story, actor, "override", note=f"[{language}] {kind}: {reason}")
    audit_record(
        actor=actor,
        action="story.finding_override",
        target=story,
        data={"language": language, "kind": kind, "reason": reason, "override": override.pk},
    )
    return override


# --- Photos -------------------------------------------------------------------------------------


def photo_dir() -> Path:
    """Return the desk-zone folder for scrubbed photos awaiting publication."""
    return Path(settings.DATA_DIR) / "story-photos"


@dataclass(frozen=True)
class PhotoInput:
    data: bytes
    filename: str
    caption_ko: str = ""
    caption_en: str = ""
    alt_ko: str = ""
    alt_en: str = ""
    credit: str = ""
    is_file_photo: bool = False


_IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@transaction.atomic
def photo_add(*, actor, story: Story, photo: PhotoInput) -> Photo:
    """Scrub an uploaded photo of its metadata and attach it; the original bytes are dropped."""
    from sourcedesk.protect.scrub import scrub_bytes  # noqa: PLC0415

    # Locked like a workflow step, so a photo cannot be committed between a publication's gate
    # check and its public write (it waits, and then stays in the desk until the next one).
    story = _locked(story)
    if not (
        has_role(actor, Role.EDITOR) or (has_role(actor, Role.REPORTER) and story.reporter_id == actor.pk)
    ):
        raise NotAllowed(
            _("Only the story's reporter or an editor can add photos; your role is %(role)s.")
            % {"role": _role_label(actor)}
        )
    extension = photo.filename.rsplit(".", 1)[-1].lower() if "." in photo.filename else ""
    if extension not in _IMAGE_TYPES:
        raise InvalidInput(_("Upload a JPEG, PNG or WebP photo."))
    try:
        clean = scrub_bytes(photo.data, photo.filename)
    except Exception as exc:  # the scrubber refuses anything it cannot vouch for
        raise InvalidInput(_("The photo could not be cleaned of its metadata, so it was not kept.")) from exc
    name = f"{uuid.uuid4().hex}.{'jpg' if extension == 'jpeg' else extension}"
    folder = photo_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(clean)
    record = Photo.objects.create(
        story=story,
        file_name=name,
        content_type=_IMAGE_TYPES[extension],
        caption_ko=photo.caption_ko.strip(),
        caption_en=photo.caption_en.strip(),
        alt_ko=photo.alt_ko.strip(),
        alt_en=photo.alt_en.strip(),
        credit=photo.credit.strip(),
        is_file_photo=photo.is_file_photo,
        position=story.photos.count(),
    )
    _refresh_story_findings(story)
    _event(story, actor, "photo_added")
    audit_record(actor=actor, action="story.photo_add", target=story, data={"photo": record.pk})
    return record


@transaction.atomic
def photo_remove(*, actor, story: Story, photo_id: int) -> None:
    """Remove a photo from the story and delete its scrubbed file.

    On a live story the photo also leaves the public zone now: its public file is deleted, both
    published editions are rewritten without it, and the page cache and mirror export are
    refreshed as after a publication. Nothing else on the public copies changes.
    """
    from sourcedesk.publish.services import publication_photo_remove  # noqa: PLC0415

    story = _locked(story)
    if not (
        has_role(actor, Role.EDITOR) or (has_role(actor, Role.REPORTER) and story.reporter_id == actor.pk)
    ):
        raise NotAllowed(
            _("Only the story's reporter or an editor can remove photos; your role is %(role)s.")
            % {"role": _role_label(actor)}
        )
    photo = story.photos.filter(pk=photo_id).first()
    if photo is None:
        raise InvalidInput(_("No such photo."))
    file_name = photo.file_name
    path = photo_dir() / file_name
    photo.delete()
    transaction.on_commit(lambda: path.unlink(missing_ok=True))
    _refresh_story_findings(story)
    if story.is_live:
        publication_photo_remove(story=story, file_name=file_name)
        _schedule_site_refresh()
    _event(story, actor, "photo_removed")
    audit_record(
        actor=actor,
        action="story.photo_remove",
        target=story,
        data={"photo": photo_id, "public": story.is_live},
    )


@transaction.atomic
def tag_create(*, actor, slug: str, name_ko: str, name_en: str) -> Tag:
    """Add a tag with its Korean and English names (editors only); public pages name it so."""
    from django.utils.text import slugify  # noqa: PLC0415

    _require_editor(actor, _("Only an editor can add tags; your role is %(role)s."))
    slug = slugify(slug or name_en)
    if not slug or not name_ko.strip() or not name_en.strip():
        raise InvalidInput(_("A tag needs an address word and a Korean and an English name."))
    if Tag.objects.filter(slug=slug).exists():
        raise InvalidInput(_("A tag with that address already exists."))
    tag = Tag.objects.create(slug=slug, name_ko=name_ko.strip(), name_en=name_en.strip())
    audit_record(actor=actor, action="story.tag_create", target=tag, data={"slug": slug})
    return tag
