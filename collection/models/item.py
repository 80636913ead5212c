"""Items: the described things (articles, photographs, documents, references) and their workflow."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..dublin_core import DCMI_TYPES
from ..validators import validate_identifier


def new_identifier() -> str:
    """Return a fresh opaque identifier; items get one when none is given."""
    return "item-" + secrets.token_hex(5)


def item_path(identifier: str) -> str:
    """The portal page of an item (shared by the model and the read model)."""
    return reverse("portal:item", kwargs={"identifier": identifier})


class Item(models.Model):
    """A described thing. Whether the public may see it is decided by collection.public."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        PRIVATE = "private", _("private")
        EMBARGOED = "embargoed", _("embargoed until a date")

    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        PHOTOGRAPH = "photograph", _("photograph")
        DOCUMENT = "document", _("document")
        PROCLAMATION = "proclamation", _("proclamation")
        LETTER = "letter", _("letter")
        MAP = "map", _("map")
        BIBLIOGRAPHIC = "bibliographic", _("bibliographic reference")
        OTHER = "other", _("other")

    DCMIType = models.TextChoices("DCMIType", [(t, t) for t in DCMI_TYPES])

    identifier = models.CharField(
        _("identifier"),
        max_length=64,
        unique=True,
        default=new_identifier,
        validators=[validate_identifier],
        help_text=_("Stable public identifier. It never changes once the item is saved."),
    )
    title = models.CharField(
        _("title"), max_length=500, blank=True, editable=False, help_text=_("First dc:title value.")
    )
    dcmi_type = models.CharField(_("DCMI type"), max_length=32, choices=DCMIType.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.DOCUMENT)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    embargo_until = models.DateField(_("embargo until"), null=True, blank=True)
    collections = models.ManyToManyField(
        "collection.Collection", verbose_name=_("collections"), related_name="items", blank=True
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # Changes on every edit of the item or its metadata (set by collection.history); drives
    # incremental harvesting, so it is indexed.
    modified = models.DateTimeField(
        _("modified"), default=timezone.now, editable=False, db_index=True
    )
    # Counts saved changes; consumers (search, caches) use it to ignore stale work.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        permissions = [
            ("publish_item", "Can publish and withdraw items and change their visibility"),
        ]
        indexes = [
            models.Index(fields=["modified", "identifier"]),
            # the REST API's keyset pages, ordered by (modified, id)
            models.Index(fields=["modified", "id"], name="item_modified_id"),
            # OAI-PMH reads the public items whose embargo lifted, by the day it lifted
            models.Index(fields=["visibility", "embargo_until"], name="item_visibility_embargo"),
        ]

    def __str__(self) -> str:
        return self.title or self.identifier

    def get_absolute_url(self) -> str:
        return item_path(self.identifier)

    def clean(self) -> None:
        if self.visibility == self.Visibility.EMBARGOED and not self.embargo_until:
            raise ValidationError({"embargo_until": _("An embargoed item needs an end date.")})
        if self.pk:
            old = Item.objects.filter(pk=self.pk).values_list("identifier", flat=True).first()
            if old is not None and old != self.identifier:
                raise ValidationError({"identifier": _("An identifier never changes once issued.")})

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            old = Item.objects.filter(pk=self.pk).values_list("identifier", flat=True).first()
            if old is not None and old != self.identifier:
                raise ValidationError(f"identifier of {old} cannot change to {self.identifier}")
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)


class Tombstone(models.Model):
    """What remains of a deleted item, so harvesters learn of the deletion (OAI-PMH persistent)."""

    identifier = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=500, blank=True)
    set_specs = models.JSONField(default=list, blank=True)
    deleted = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-deleted"]

    def __str__(self) -> str:
        return f"{self.identifier} (deleted)"
