"""Dublin Core values of an item: repeatable, ordered, language-tagged literals, URIs or authorities."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..dublin_core import DATE_PROPERTIES, PROPERTY_CHOICES, get_property
from ..validators import normalize_language_tag, parse_date


class MetadataValue(models.Model):
    item = models.ForeignKey("collection.Item", on_delete=models.CASCADE, related_name="values")
    term = models.CharField(_("property"), max_length=40, choices=PROPERTY_CHOICES)
    position = models.PositiveIntegerField(_("position"), default=0)
    value = models.TextField(_("value"), blank=True)
    uri = models.URLField(_("URI"), max_length=500, blank=True)
    authority = models.ForeignKey(
        "collection.Authority",
        verbose_name=_("authority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="values",
    )
    language = models.CharField(
        _("language"), max_length=35, blank=True, help_text=_("BCP 47 tag, e.g. nl, en, ru-Latn")
    )
    # For date properties: inclusive bounds of the EDTF text in `value`, for sorting and filtering.
    date_lower = models.DateField(null=True, blank=True, editable=False)
    date_upper = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["item_id", "term", "position", "id"]
        verbose_name = _("metadata value")
        verbose_name_plural = _("metadata values")
        indexes = [
            models.Index(fields=["term", "date_lower"], name="mv_term_date"),
            # "newest items naming this authority" (related items) walks this index in order
            models.Index(fields=["authority", "-id"], name="mv_authority_newest"),
            # the admin's language filter lists the tags by skipping through this index, and
            # finds the items with a value in one language from it alone
            models.Index(fields=["language", "item"], name="mv_language"),
        ]

    def __str__(self) -> str:
        return f"{self.term}: {self.display_value}"

    @property
    def display_value(self) -> str:
        if self.authority_id:
            return self.value or self.authority.preferred_name
        return self.value or self.uri

    @property
    def dc(self):
        return get_property(self.term)

    def clean(self) -> None:
        errors = {}
        if not (self.value.strip() or self.uri or self.authority_id):
            errors["value"] = _("Give a value, a URI or an authority record.")
        if "\x00" in self.value or "\x00" in self.uri:  # PostgreSQL cannot store it
            errors["value"] = _("Remove the NUL character (\\x00): it cannot be stored.")
        try:
            self.language = normalize_language_tag(self.language)
        except ValidationError as exc:
            errors["language"] = exc.messages
        if self.term in DATE_PROPERTIES and self.value.strip():
            try:
                parse_date(self.value)
            except ValidationError as exc:
                errors["value"] = exc.messages
        if errors:
            raise ValidationError(errors)

    def prepare(self) -> None:
        """The stored form: a normalised language tag, and a date's text and bounds. save()
        calls it; bulk writers (which skip save()) call it on each row themselves."""
        self.language = normalize_language_tag(self.language)
        if self.term in DATE_PROPERTIES and self.value.strip():
            bounds = parse_date(self.value)
            self.value, self.date_lower, self.date_upper = bounds.text, bounds.lower, bounds.upper
        else:
            self.date_lower = self.date_upper = None

    def save(self, *args, **kwargs) -> None:
        self.prepare()
        super().save(*args, **kwargs)
