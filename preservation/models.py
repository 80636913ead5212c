"""What the catalogue tables cannot hold: history carried over from earlier instances, bag exports."""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _


class EarlierDerivation(models.Model):
    """A derivative creation recorded in an imported bag.

    The derivatives themselves are remade here after an import, at a new time; the bag's event is
    the true first creation from those bytes, so later exports write it instead of the remake's.
    """

    sha256 = models.CharField(_("SHA-256 of the original"), max_length=64)
    kind = models.CharField(_("kind"), max_length=16)
    happened = models.DateTimeField(_("created"))
    outcome = models.CharField(_("outcome"), max_length=16)

    class Meta:
        verbose_name = _("earlier derivative creation")
        verbose_name_plural = _("earlier derivative creations")
        constraints = [
            models.UniqueConstraint(fields=["sha256", "kind"], name="one_earlier_derivation")
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.sha256[:12]} at {self.happened:%Y-%m-%d %H:%M}"


class BagExport(models.Model):
    """One bag downloaded from the admin: who asked for what, and the zip they received."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        COMPLETE = "complete", _("complete")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started = models.DateTimeField(_("started"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    # {"items": [identifier, …]} or {"collections": [slug, …]}, as the curator selected them.
    selection = models.JSONField(_("selection"), default=dict)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 of the zip"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RUNNING
    )
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-started", "-id"]
        verbose_name = _("bag export")
        verbose_name_plural = _("bag exports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @admin.display(description=_("selection"))
    def describe_selection(self) -> str:
        kind, names = next(iter(self.selection.items()), ("", []))
        shown = ", ".join(names[:5]) + (f" … (+{len(names) - 5})" if len(names) > 5 else "")
        return f"{kind}: {shown}" if kind else ""
