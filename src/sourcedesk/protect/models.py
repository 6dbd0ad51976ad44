"""The desk's own additions to the allow-list of public figures the scanner never flags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AllowedName(models.Model):
    """A public figure's name (one spelling) that the scanner leaves alone, added by the desk."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("allowed name")
        verbose_name_plural = _("allowed names")

    def __str__(self) -> str:
        return self.name
