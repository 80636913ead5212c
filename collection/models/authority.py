"""Authority records: people, organisations, places, events and concepts items refer to."""

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..validators import parse_date, validate_edtf, validate_language_tag


def authority_path(kind: str, slug: str) -> str:
    """The portal page of an authority record (shared by the model and the read model)."""
    return reverse("portal:authority", kwargs={"kind": kind, "slug": slug})


class Authority(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")
        PLACE = "place", _("place")
        EVENT = "event", _("event")
        CONCEPT = "concept", _("concept")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    preferred_name = models.CharField(_("preferred name"), max_length=300)
    language = models.CharField(
        _("language of the preferred name"),
        max_length=35,
        blank=True,
        validators=[validate_language_tag],
    )
    dates = models.CharField(
        _("dates (EDTF)"),
        max_length=100,
        blank=True,
        validators=[validate_edtf],
        help_text=_("Life dates, existence or the event's date: 1901-09-14/1946-08-01, 1944-11-14"),
    )
    date_lower = models.DateField(null=True, blank=True, editable=False)
    date_upper = models.DateField(null=True, blank=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    # Public by default; a curator makes a record private (a living person, a sensitive place),
    # and then it appears on no public surface (see collection.public).
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Private records appear on no public page, feed or search result."),
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True, db_index=True)  # newest change: API validators

    class Meta:
        ordering = ["preferred_name"]
        verbose_name = _("authority record")
        verbose_name_plural = _("authority records")

    def __str__(self) -> str:
        return f"{self.preferred_name} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return authority_path(self.kind, self.slug)

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self.free_slug(slugify(self.preferred_name)[:110] or "authority")
        if self.dates:
            bounds = parse_date(self.dates)
            self.date_lower, self.date_upper = bounds.lower, bounds.upper
        else:
            self.date_lower = self.date_upper = None
        super().save(*args, **kwargs)

    def free_slug(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`...: names in other scripts all slugify to "authority"."""
        taken = set(
            Authority.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def all_names(self) -> list[str]:
        """The preferred name and every variant, in every language and script."""
        return [self.preferred_name] + [n.name for n in self.names.all()]


class AuthorityName(models.Model):
    """A variant name: another language, script or spelling (Власов, Wlassow)."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=300)
    language = models.CharField(
        _("language"), max_length=35, blank=True, validators=[validate_language_tag]
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["authority_id", "position", "id"]
        verbose_name = _("alternative name")
        verbose_name_plural = _("alternative names")

    def __str__(self) -> str:
        return f"{self.name} @{self.language}" if self.language else self.name


class AuthorityIdentifier(models.Model):
    class Scheme(models.TextChoices):
        WIKIDATA = "wikidata", "Wikidata"
        VIAF = "viaf", "VIAF"
        GEONAMES = "geonames", "GeoNames"
        GND = "gnd", "GND"
        LCNAF = "lcnaf", "Library of Congress"
        OTHER = "other", _("other")

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(_("scheme"), max_length=16, choices=Scheme.choices)
    uri = models.URLField(_("URI"), max_length=500)

    class Meta:
        ordering = ["authority_id", "scheme"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "uri"], name="unique_authority_uri")
        ]

    def __str__(self) -> str:
        return self.uri
