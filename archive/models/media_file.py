"""A deposited original: one version of one file of an item, stored write-once by content hash."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MediaFileQuerySet(models.QuerySet):
    def current(self) -> "MediaFileQuerySet":
        """The latest version of each file; replaced versions stay in the table and on disk."""
        return self.filter(is_current=True)

    def fixity_problems(self) -> "MediaFileQuerySet":
        return self.filter(fixity_status__in=[MediaFile.Fixity.MISMATCH, MediaFile.Fixity.MISSING])


class MediaFile(models.Model):
    class Family(models.TextChoices):
        IMAGE = "image", _("image")
        PDF = "pdf", _("PDF")
        TEXT = "text", _("plain text")
        HTML = "html", _("HTML")
        UNKNOWN = "unknown", _("other")

    class Fixity(models.TextChoices):
        UNCHECKED = "unchecked", _("not checked yet")
        OK = "ok", _("ok")
        MISMATCH = "mismatch", _("checksum mismatch")
        MISSING = "missing", _("file missing")

    # PROTECT: deleting an item must never silently take its originals with it; an archivist
    # has to deal with the files first (and the admin offers no way to delete them).
    item = models.ForeignKey(
        "collection.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="files"
    )
    original_filename = models.CharField(_("original filename"), max_length=255)
    label = models.CharField(_("label"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True, editable=False)
    size = models.BigIntegerField(_("size in bytes"), editable=False)
    mime_type = models.CharField(_("MIME type"), max_length=100, editable=False)
    family = models.CharField(_("format family"), max_length=16, choices=Family.choices)
    # Relative to ARCHIVE_ORIGINALS_ROOT; identical content shares one path (and one file).
    storage_path = models.CharField(_("storage path"), max_length=300, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # One-to-one keeps the version history a simple chain: a file is replaced at most once.
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        editable=False,
    )
    is_current = models.BooleanField(_("current version"), default=True, db_index=True)
    created = models.DateTimeField(
        _("ingested"), default=timezone.now, editable=False, db_index=True
    )
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    fixity_status = models.CharField(
        _("fixity"),
        max_length=16,
        choices=Fixity.choices,
        default=Fixity.UNCHECKED,
        db_index=True,
        editable=False,
    )
    fixity_checked_at = models.DateTimeField(
        _("last fixity check"), null=True, blank=True, db_index=True, editable=False
    )

    objects = MediaFileQuerySet.as_manager()

    class Meta:
        ordering = ["item_id", "position", "id"]
        verbose_name = _("media file")
        verbose_name_plural = _("media files")

    def __str__(self) -> str:
        suffix = f" (v{self.version})" if self.version > 1 else ""
        return f"{self.original_filename}{suffix}"

    @property
    def display_label(self) -> str:
        return self.label or self.original_filename

    def versions(self) -> list["MediaFile"]:
        """Every version of this file, oldest first (walks the `replaces` chain both ways)."""
        first = self
        while first.replaces_id is not None:
            first = first.replaces
        chain, node = [], first
        while node is not None:
            chain.append(node)
            node = MediaFile.objects.filter(replaces=node).first()
        return chain
