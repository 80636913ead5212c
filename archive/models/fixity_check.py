"""The record of one fixity check of an original: when, what was expected, what was found."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FixityCheck(models.Model):
    class Result(models.TextChoices):
        OK = "ok", _("ok")
        MISMATCH = "mismatch", _("checksum mismatch")
        MISSING = "missing", _("file missing")

    media_file = models.ForeignKey(
        "archive.MediaFile", on_delete=models.PROTECT, related_name="fixity_checks"
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now, db_index=True)
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    expected_sha256 = models.CharField(_("expected SHA-256"), max_length=64)
    actual_sha256 = models.CharField(_("actual SHA-256"), max_length=64, blank=True)
    actual_size = models.BigIntegerField(_("actual size"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("fixity check")
        verbose_name_plural = _("fixity checks")

    def __str__(self) -> str:
        return f"{self.media_file_id} {self.result} at {self.checked_at:%Y-%m-%d %H:%M}"
