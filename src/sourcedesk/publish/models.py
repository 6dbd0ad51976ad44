"""The public zone's copy of each published edition: only what passed the publication gate.

The public site and the static export read these rows and nothing from the desk, so a bug in a
public view cannot reach a draft, a deny list or a link to a report.
"""

from __future__ import annotations

from django.db import models

from sourcedesk.stories.models import LANGUAGES, Region, Story, Tag


class PublishedEdition(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="published")
    language = models.CharField(max_length=2, choices=LANGUAGES)
    public_id = models.CharField(max_length=12)
    headline = models.CharField(max_length=300)
    standfirst = models.TextField(blank=True)
    body_html = models.TextField()
    byline = models.CharField(max_length=200)
    # [[label, name], ...] already in this edition's language.
    credits = models.JSONField(default=list)
    # [{"url", "caption", "alt", "credit", "file_photo"}, ...]
    photos = models.JSONField(default=list)
    # [{"date": ISO date, "note"}, ...]
    corrections = models.JSONField(default=list)
    # Names as published, in this edition's language, so an article page needs no joins:
    # {"tags": [[slug, name], ...], "region": [slug, name] or null}.
    labels = models.JSONField(default=dict)
    region = models.ForeignKey(Region, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    tags = models.ManyToManyField(Tag, blank=True, related_name="published_editions")
    has_other_edition = models.BooleanField(default=True)
    first_published_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "language"], name="publish_one_per_language"),
            models.UniqueConstraint(fields=["public_id", "language"], name="publish_public_id_language"),
        ]
        indexes = [models.Index(fields=["language", "-first_published_at"], name="publish_lang_recent")]
        ordering = ["-first_published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.public_id} [{self.language}]"
