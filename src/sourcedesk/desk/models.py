"""Reports in the desk's own words, and the claims they support.

A report cites its source by pseudonym only. Credibility (1–6) grades one piece of information,
independently of the source's reliability (A–F), so a trusted source cannot lift an unconfirmed
report by association.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sourcedesk.network.models import Region


class Credibility(models.IntegerChoices):
    CONFIRMED = 1, _("1: confirmed by other sources")
    PROBABLY_TRUE = 2, _("2: probably true")
    POSSIBLY_TRUE = 3, _("3: possibly true")
    DOUBTFUL = 4, _("4: doubtful")
    IMPROBABLE = 5, _("5: improbable")
    CANNOT_JUDGE = 6, _("6: truth cannot be judged")


class Precision(models.TextChoices):
    """How exactly an event date is known (after ACLED's time precision)."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class Language(models.TextChoices):
    KO = "ko", _("Korean")
    EN = "en", _("English")


class Report(models.Model):
    """One piece of information from one source, logged by its handler or triaged from the portal."""

    source = models.ForeignKey(
        "network.Source", on_delete=models.PROTECT, related_name="reports", verbose_name=_("source")
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("logged by")
    )
    received_on = models.DateField(_("received on"))
    # Stored as the first day of the known period: 2024-10-01 with MONTH means "October 2024".
    event_on = models.DateField(_("event date"), null=True, blank=True)
    event_precision = models.CharField(
        _("event date precision"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.KO)
    text = models.TextField(_("text"))
    credibility = models.PositiveSmallIntegerField(
        _("credibility"),
        choices=Credibility.choices,
        default=Credibility.CANNOT_JUDGE,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    first_hand = models.BooleanField(_("first-hand"), default=False)
    # Space-separated lower-case tags, kept simple so filtering needs no join.
    tags = models.CharField(_("tags"), max_length=300, blank=True)
    # The sealed portal submission this report was triaged from: the desk's words here, the
    # source's own words stay sealed there.
    portal_submission = models.ForeignKey(
        "portal.Submission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="desk_reports",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["-received_on", "-id"], name="desk_report_recent"),
            models.Index(fields=["source", "-received_on", "-id"], name="desk_report_source"),
            models.Index(
                fields=["region", "credibility", "-received_on", "-id"], name="desk_report_region_cred"
            ),
            models.Index(fields=["credibility", "-received_on", "-id"], name="desk_report_cred"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(credibility__gte=1, credibility__lte=6), name="desk_report_credibility_1_6"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def tag_list(self) -> list[str]:
        return self.tags.split()


class ClaimStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Unverified")
    CORROBORATED = "corroborated", _("Corroborated")
    DISPUTED = "disputed", _("Disputed")
    REFUTED = "refuted", _("Refuted")


class Claim(models.Model):
    """A short statement the desk may one day print, supported by one or more reports."""

    statement = models.CharField(_("statement"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.UNVERIFIED
    )
    status_note = models.TextField(_("note"), blank=True)
    reports = models.ManyToManyField(Report, through="ClaimReport", related_name="claims")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A merged duplicate points at the claim that absorbed it and leaves the board.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_claims"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        indexes = [
            models.Index(fields=["merged_into", "status", "-updated_at"], name="desk_claim_board"),
        ]

    def __str__(self) -> str:
        return self.statement


class ClaimReport(models.Model):
    """A report cited in support of (or against) a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="claim_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["claim", "report"], name="desk_claim_report_once")]
        indexes = [models.Index(fields=["report", "claim"], name="desk_link_report")]

    def __str__(self) -> str:
        return f"{self.claim_id}:{self.report_id}"


class ClaimChange(models.Model):
    """One status change of a claim, with the editor's note. Never edited."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="changes")
    old_status = models.CharField(max_length=16, blank=True)
    new_status = models.CharField(max_length=16)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.old_status}->{self.new_status}"

    @property
    def old_label(self) -> str:
        return str(ClaimStatus(self.old_status).label) if self.old_status in ClaimStatus.values else ""

    @property
    def new_label(self) -> str:
        return (
            str(ClaimStatus(self.new_status).label)
            if self.new_status in ClaimStatus.values
            else self.new_status
        )
