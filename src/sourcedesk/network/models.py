"""The source network: pseudonymous sources, their grade and status history, sealed identity cards.

Nothing in these tables identifies a source. The desk knows a source only by pseudonym; the real
name and contact plan live in a sealed envelope that only named people can open.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Region(models.TextChoices):
    """Where a source or a report is, at province level and never finer."""

    KP_PYONGYANG = "kp-pyongyang", _("Pyongyang")
    KP_RASON = "kp-rason", _("Rason")
    KP_NAMPO = "kp-nampo", _("Nampo")
    KP_KAESONG = "kp-kaesong", _("Kaesong")
    KP_NORTH_HAMGYONG = "kp-north-hamgyong", _("North Hamgyong")
    KP_SOUTH_HAMGYONG = "kp-south-hamgyong", _("South Hamgyong")
    KP_RYANGGANG = "kp-ryanggang", _("Ryanggang")
    KP_CHAGANG = "kp-chagang", _("Chagang")
    KP_NORTH_PYONGAN = "kp-north-pyongan", _("North Pyongan")
    KP_SOUTH_PYONGAN = "kp-south-pyongan", _("South Pyongan")
    KP_KANGWON = "kp-kangwon", _("Kangwon (North Korea)")
    KP_NORTH_HWANGHAE = "kp-north-hwanghae", _("North Hwanghae")
    KP_SOUTH_HWANGHAE = "kp-south-hwanghae", _("South Hwanghae")
    CN_LIAONING = "cn-liaoning", _("Liaoning")
    CN_JILIN = "cn-jilin", _("Jilin")
    CN_HEILONGJIANG = "cn-heilongjiang", _("Heilongjiang")
    CN_SHANDONG = "cn-shandong", _("Shandong")
    CN_BEIJING = "cn-beijing", _("Beijing")
    CN_SHANGHAI = "cn-shanghai", _("Shanghai")
    CN_YUNNAN = "cn-yunnan", _("Yunnan")
    CN_GUANGXI = "cn-guangxi", _("Guangxi")
    CN_OTHER = "cn-other", _("China, other province")
    KR = "kr", _("South Korea")
    OTHER = "other", _("Other")


# The short prefix of generated pseudonyms, per region (e.g. 양강-17). Korean on purpose: the
# pseudonym is a desk-internal name, the same in both interface languages.
PSEUDONYM_PREFIX = {
    Region.KP_PYONGYANG: "평양",
    Region.KP_RASON: "라선",
    Region.KP_NAMPO: "남포",
    Region.KP_KAESONG: "개성",
    Region.KP_NORTH_HAMGYONG: "함북",
    Region.KP_SOUTH_HAMGYONG: "함남",
    Region.KP_RYANGGANG: "양강",
    Region.KP_CHAGANG: "자강",
    Region.KP_NORTH_PYONGAN: "평북",
    Region.KP_SOUTH_PYONGAN: "평남",
    Region.KP_KANGWON: "강원",
    Region.KP_NORTH_HWANGHAE: "황북",
    Region.KP_SOUTH_HWANGHAE: "황남",
    Region.CN_LIAONING: "요녕",
    Region.CN_JILIN: "길림",
    Region.CN_HEILONGJIANG: "흑룡",
    Region.CN_SHANDONG: "산동",
    Region.CN_BEIJING: "북경",
    Region.CN_SHANGHAI: "상해",
    Region.CN_YUNNAN: "운남",
    Region.CN_GUANGXI: "광서",
    Region.CN_OTHER: "중국",
    Region.KR: "서울",
    Region.OTHER: "기타",
}


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    PORTAL = "portal", _("Portal")
    IN_PERSON = "in_person", _("In person")
    MESSENGER = "messenger", _("Messenger")


class SourceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    LOST_CONTACT = "lost_contact", _("Lost contact")
    COMPROMISED = "compromised", _("Compromised")


class Grade(models.TextChoices):
    """Source reliability on the Admiralty scale: judged over time, never from one report."""

    A = "A", _("A: completely reliable")
    B = "B", _("B: usually reliable")
    C = "C", _("C: fairly reliable")
    D = "D", _("D: not usually reliable")
    E = "E", _("E: unreliable")
    F = "F", _("F: reliability cannot be judged")


class Source(models.Model):
    """A known-but-protected source, named on the desk only by pseudonym."""

    pseudonym = models.CharField(_("pseudonym"), max_length=40, unique=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="handled_sources",
        verbose_name=_("handler"),
    )
    # An editor who may also open the identity card without the two-person rule.
    custodian = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="custodian_of_sources",
        verbose_name=_("custodian"),
    )
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    # Month precision: always the first day of the month.
    active_since = models.DateField(_("active since"))
    status = models.CharField(
        _("status"), max_length=16, choices=SourceStatus.choices, default=SourceStatus.ACTIVE
    )
    grade = models.CharField(_("reliability"), max_length=1, choices=Grade.choices, default=Grade.F)
    archived = models.BooleanField(_("archived"), default=False)
    # The portal conversation this source was promoted from, if any (see source_promote).
    portal_source = models.OneToOneField(
        "portal.PortalSource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_source",
    )
    # Optimistic locking: every save through a service bumps it; a stale value is refused.
    version = models.PositiveIntegerField(default=1)
    created_on = models.DateField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pseudonym"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        indexes = [
            models.Index(fields=["handler", "archived", "pseudonym"], name="network_src_handler"),
            models.Index(fields=["archived", "pseudonym"], name="network_src_archived"),
            models.Index(fields=["region", "pseudonym"], name="network_src_region"),
            models.Index(fields=["status", "pseudonym"], name="network_src_status"),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def is_compromised(self) -> bool:
        return self.status == SourceStatus.COMPROMISED


class SourceChange(models.Model):
    """One change of a source's grade, status, handler or custodian: who, when, why. Never edited."""

    class Field(models.TextChoices):
        GRADE = "grade", _("Reliability")
        STATUS = "status", _("Status")
        HANDLER = "handler", _("Handler")
        CUSTODIAN = "custodian", _("Custodian")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=16, choices=Field.choices)
    old_value = models.CharField(max_length=40, blank=True)
    new_value = models.CharField(max_length=40)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["source", "field", "changed_at"], name="network_change_src")]

    def __str__(self) -> str:
        return f"{self.field}: {self.old_value}->{self.new_value}"

    def _label(self, value: str) -> str:
        if self.field == self.Field.STATUS and value in SourceStatus.values:
            return str(SourceStatus(value).label)
        return value

    @property
    def old_label(self) -> str:
        return self._label(self.old_value)

    @property
    def new_label(self) -> str:
        return self._label(self.new_value)


class SourceAlert(models.Model):
    """A notice to one person that a source needs attention.

    Every editor hears when a source is compromised; the people who hold a source's identity
    card (and those who will) hear when its handler or custodian changes.
    """

    class Kind(models.TextChoices):
        COMPROMISED = "compromised", pgettext_lazy("alert", "Compromised")
        HANDLER = "handler", pgettext_lazy("alert", "Handler changed")
        CUSTODIAN = "custodian", pgettext_lazy("alert", "Custodian changed")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="alerts")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="source_alerts"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read"], name="network_alert_unread")]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id}"


class IdentityCard(models.Model):
    """The sealed identity of a source: real name, contact plan, notes. Only ciphertext here."""

    source = models.OneToOneField(Source, on_delete=models.CASCADE, related_name="identity_card")
    envelope = models.ForeignKey("vault.Envelope", on_delete=models.PROTECT, related_name="+")
    sealed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sealed_on = models.DateField(auto_now=True)

    def __str__(self) -> str:
        return f"identity card {self.source_id}"


class UnmaskRequest(models.Model):
    """A request to open a source's identity card by someone who does not hold it.

    The two-person rule: a second editor, not the requester, must approve before the card opens;
    an approval is good for one opening within ``UNMASK_WINDOW``.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DENIED = "denied", _("Denied")
        USED = "used", _("Used")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="unmask_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("note"), blank=True)
    # Whether the requester has been added to the card's envelope by a holder of the key.
    key_shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["source", "status"], name="network_unmask_src")]

    def __str__(self) -> str:
        return f"unmask {self.source_id} ({self.status})"
