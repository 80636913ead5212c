"""Collections: a hierarchy of groups of items, published as OAI-PMH sets."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CollectionQuerySet(models.QuerySet):
    def visible(self) -> "CollectionQuerySet":
        """Collections the public may see: public, and every collection above them public too."""
        rows = dict(
            (pk, (parent, public))
            for pk, parent, public in Collection.objects.values_list("pk", "parent_id", "is_public")
        )
        return self.filter(pk__in=[pk for pk in rows if _chain_is_public(pk, rows)])


def _chain_is_public(pk: int | None, rows: dict) -> bool:
    seen = set()
    while pk is not None and pk not in seen:
        seen.add(pk)
        parent, public = rows[pk]
        if not public:
            return False
        pk = parent
    return True


class Collection(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
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

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:collection", kwargs={"slug": self.slug})

    def ancestors(self) -> list["Collection"]:
        """Return the chain from the root collection down to this one (inclusive)."""
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def is_visible(self) -> bool:
        """True when the public may see it: it and every collection above it are public."""
        return all(c.is_public for c in self.ancestors())

    @property
    def set_spec(self) -> str:
        """OAI-PMH setSpec: the slugs from the root down, joined by colons."""
        return ":".join(c.slug for c in self.ancestors())

    def descendant_ids(self) -> set[int]:
        """Return the ids of this collection and every collection below it."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(
                Collection.objects.filter(parent_id__in=frontier)
                .exclude(pk__in=ids)
                .values_list("pk", flat=True)
            )
            ids.update(frontier)
        return ids
