"""Stories and their Korean and English editions, with workflow history and gate overrides.

A story is the shared key; each language version is an :class:`Edition`. Everything here lives in
the desk zone: the public site reads only ``publish.PublishedEdition``, written by the
publication gate.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = (("ko", _("Korean")), ("en", _("English")))
OTHER_LANGUAGE = {"ko": "en", "en": "ko"}


def active_language() -> str:
    """Return the desk's active language as an edition language: "ko" or "en"."""
    return "en" if (get_language() or "ko").lower().startswith("en") else "ko"


_PUBLIC_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_public_id() -> str:
    """Return a short random identifier for public URLs (no sequence to count stories by)."""
    return "".join(secrets.choice(_PUBLIC_ID_ALPHABET) for _ in range(10))


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_TRANSLATION = "in_translation", _("In translation")
    IN_EDIT = "in_edit", _("In edit")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    CORRECTED = "corrected", _("Corrected")
    UNPUBLISHED = "unpublished", _("Unpublished")


LIVE_STATES = (State.PUBLISHED, State.CORRECTED)


class Region(models.Model):
    """A province-level place a story is about; never finer, so a region cannot point at a town."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_ko = models.CharField(_("Korean name"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=80)
    country = models.CharField(_("country"), max_length=2, default="kp")

    class Meta:
        ordering = ["country", "name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name_en

    def name(self, language: str) -> str:
        return self.name_ko if language == "ko" else self.name_en

    @property
    def local_name(self) -> str:
        """Return the name in the active language (Korean on the Korean desk)."""
        return self.name(active_language())


class Tag(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_ko = models.CharField(_("Korean name"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=80)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name_en

    def name(self, language: str) -> str:
        return self.name_ko if language == "ko" else self.name_en

    @property
    def local_name(self) -> str:
        """Return the name in the active language (Korean on the Korean desk)."""
        return self.name(active_language())


class Story(models.Model):
    """One story, told in a Korean and an English edition that share its key."""

    key = models.UUIDField(_("story key"), default=uuid.uuid4, unique=True, editable=False)
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="stories_reported",
        verbose_name=_("reporter"),
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories_translated",
        verbose_name=_("translator"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("region")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="stories", verbose_name=_("tags"))
    # Internal links to the desk's reports and claims: never rendered on the public site.
    reports = models.ManyToManyField(
        "desk.Report", blank=True, related_name="stories", verbose_name=_("reports")
    )
    claims = models.ManyToManyField(
        "desk.Claim", blank=True, related_name="stories", verbose_name=_("claims")
    )
    # "People in this story": names the scanner must flag wherever they appear. Desk-only.
    people = models.TextField(_("people in this story"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return f"story {self.public_id}"

    @property
    def deny_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.people.replace(",", "\n").splitlines() if line.strip())

    def edition(self, language: str) -> Edition:
        for edition in self.editions.all():
            if edition.language == language:
                return edition
        raise Edition.DoesNotExist(language)

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES


class Edition(models.Model):
    """One language version of a story. ``version`` guards against two people saving at once."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="editions")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown. Blank lines separate paragraphs."))
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    # English only: for each English paragraph, the hash of the Korean paragraph it translates.
    source_hashes = models.JSONField(default=list, blank=True)
    # ... and that Korean paragraph's text, to show the translator what changed since.
    source_paragraphs = models.JSONField(default=list, blank=True)
    # The scanner's findings from the last save, for display; the gate always scans afresh.
    findings = models.JSONField(default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "language"], name="stories_one_edition_per_language")
        ]
        ordering = ["story", "-language"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self) -> str:
        return f"{self.story} [{self.language}]"


class Credit(models.Model):
    class Kind(models.TextChoices):
        WRITTEN = "written", _("Written by")
        TRANSLATED = "translated", _("Translated by")
        EDITED = "edited", _("Edited by")
        PHOTO = "photo", _("Photo by")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="credits")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    name = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind", "name"], name="stories_credit_unique")
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.name}"


class Photo(models.Model):
    """A photo already scrubbed of metadata; it reaches the public zone only on publication."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    # Path relative to the desk photo folder (DATA_DIR/story-photos); never under MEDIA_ROOT.
    file_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=40, default="image/jpeg")
    caption_ko = models.CharField(_("Korean caption"), max_length=300, blank=True)
    caption_en = models.CharField(_("English caption"), max_length=300, blank=True)
    alt_ko = models.CharField(_("Korean alt text"), max_length=300, blank=True)
    alt_en = models.CharField(_("English alt text"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=120, blank=True)
    is_file_photo = models.BooleanField(_("file photo"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"photo {self.pk} of {self.story_id}"

    def caption(self, language: str) -> str:
        return self.caption_ko if language == "ko" else self.caption_en

    def alt(self, language: str) -> str:
        return self.alt_ko if language == "ko" else self.alt_en


class FindingOverride(models.Model):
    """An editor's written decision that one high-severity finding may be published."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="overrides")
    language = models.CharField(max_length=2, choices=LANGUAGES)
    kind = models.CharField(max_length=40)
    text = models.CharField(max_length=300)
    reason = models.TextField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"override {self.kind} [{self.language}]"


class Correction(models.Model):
    """A public correction note, shown on both editions."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="corrections")
    note_ko = models.TextField(_("Korean note"))
    note_en = models.TextField(_("English note"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"correction {self.pk} of {self.story_id}"

    def note(self, language: str) -> str:
        return self.note_ko if language == "ko" else self.note_en


class StoryEvent(models.Model):
    """One line of a story's history: transitions, saves, overrides, refusals by the gate."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} on {self.story_id}"
