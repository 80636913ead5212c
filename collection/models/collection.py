"""Collections: a hierarchy of groups of items, published as OAI-PMH sets.

Which collections the public sees, their set specs and their descendants are read from the
whole tree at once: see collection.public.CollectionTree.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def collection_path(slug: str) -> str:
    """The portal page of a collection (shared by the model and collection.public's tree)."""
    return reverse("portal:collection", kwargs={"slug": slug})


class Collection(models.Model):
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Part of the OAI-PMH setSpec; it never changes once the collection is saved."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent collection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language of title and description"), max_length=35, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return collection_path(self.slug)

    def clean(self) -> None:
        errors = self.structural_errors()
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        # Checked on every save, not only in forms: REST, CSV and code paths all end here.
        errors = self.structural_errors()
        if errors:
            raise ValidationError(errors)
        super().save(*args, **kwargs)

    def structural_errors(self) -> dict[str, str]:
        """Refuse a parent that would make a loop, and a new slug for a saved collection."""
        errors = {}
        if self.pk is not None:
            old = Collection.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if old is not None and old != self.slug:
                errors["slug"] = _("A slug is the collection's setSpec and never changes.")
        if self._would_cycle():
            errors["parent"] = _("A collection cannot sit inside itself or its sub-collections.")
        return errors

    def _would_cycle(self) -> bool:
        if self.pk is None or self.parent_id is None:
            return False
        parents = dict(Collection.objects.values_list("pk", "parent_id"))
        node, seen = self.parent_id, set()
        while node is not None and node not in seen:
            if node == self.pk:
                return True
            seen.add(node)
            node = parents.get(node)
        return node is not None  # the new parent already sits in a loop
