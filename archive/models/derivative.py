"""A file (or text) made from an original, one record per kind so reruns never duplicate."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Derivative(models.Model):
    class Kind(models.TextChoices):
        THUMBNAIL = "thumbnail", _("thumbnail")
        ACCESS = "access", _("access copy")
        IIIF = "iiif", _("IIIF tiles")
        TECHMD = "techmd", _("technical metadata")
        TEXT = "text", _("extracted text")
        PDF_THUMBNAIL = "pdf_thumbnail", _("PDF first-page thumbnail")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    media_file = models.ForeignKey(
        "archive.MediaFile", on_delete=models.CASCADE, related_name="derivatives"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    duration = models.FloatField(_("seconds taken"), null=True, blank=True)
    # SHA-256 of the output file; for IIIF tiles, of info.json.
    checksum = models.CharField(_("checksum"), max_length=64, blank=True)
    # Relative to ARCHIVE_DERIVATIVES_ROOT: a file, or the directory of the IIIF tiles.
    path = models.CharField(_("path"), max_length=300, blank=True)
    # Dimensions, technical metadata, tile layout: whatever the kind produces besides its file.
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)
    # Extracted full text (kind "text"), kept in the database so search can read it.
    text = models.TextField(_("text"), blank=True)
    task_id = models.CharField(_("task id"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["media_file_id", "kind"]
        verbose_name = _("derivative")
        verbose_name_plural = _("derivatives")
        constraints = [
            models.UniqueConstraint(fields=["media_file", "kind"], name="one_derivative_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.media_file_id}: {self.status}"
