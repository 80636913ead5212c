"""Structured bibliographic fields, enough to export CSL-JSON, BibTeX and RIS."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import validate_language_tag


class BibliographicRecord(models.Model):
    class Type(models.TextChoices):
        BOOK = "book", _("book")
        ARTICLE = "article-journal", _("journal or magazine article")
        CHAPTER = "chapter", _("book chapter")
        THESIS = "thesis", _("thesis")
        REPORT = "report", _("report")
        WEBPAGE = "webpage", _("web page")

    item = models.OneToOneField(
        "collection.Item", on_delete=models.CASCADE, related_name="bibliographic"
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.BOOK)
    title = models.CharField(_("title"), max_length=500)
    subtitle = models.CharField(_("subtitle"), max_length=500, blank=True)
    container_title = models.CharField(_("journal, magazine or book"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    place = models.CharField(_("place of publication"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    edition = models.CharField(_("edition"), max_length=100, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    language = models.CharField(
        _("language"), max_length=35, blank=True, validators=[validate_language_tag]
    )
    pages = models.CharField(_("pages"), max_length=50, blank=True)
    volume = models.CharField(_("volume"), max_length=50, blank=True)
    issue = models.CharField(_("issue"), max_length=50, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("bibliographic record")
        verbose_name_plural = _("bibliographic records")

    def __str__(self) -> str:
        return self.title


class Contributor(models.Model):
    class Role(models.TextChoices):
        AUTHOR = "author", _("author")
        EDITOR = "editor", _("editor")
        TRANSLATOR = "translator", _("translator")

    record = models.ForeignKey(
        BibliographicRecord, on_delete=models.CASCADE, related_name="contributors"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveIntegerField(_("position"), default=0)
    family = models.CharField(_("family name"), max_length=200)
    given = models.CharField(_("given names"), max_length=200, blank=True)
    authority = models.ForeignKey(
        "collection.Authority", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["record_id", "role", "position", "id"]

    def __str__(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family
