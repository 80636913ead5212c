"""What the public may see: published items, public collections, and lookups that 404 otherwise."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from collection.exports import ITEM_PREFETCH
from collection.models import Authority, Collection, Item


def public_items() -> QuerySet:
    """Items anyone may see today (published, and public or past their embargo)."""
    return Item.objects.public()


def item_or_404(identifier: str) -> Item:
    """The public item with this identifier, prefetched for the item page; 404 for anything else."""
    queryset = public_items().prefetch_related(
        *ITEM_PREFETCH,
        "values__authority__names",
        Prefetch("collections", Collection.objects.filter(is_public=True)),
    )
    item = queryset.filter(identifier=identifier).first()
    if item is None:
        raise Http404("no such public item")
    return item


def collection_is_public(collection: Collection) -> bool:
    """A collection shows only when it and every collection above it are public."""
    return collection.is_visible()


def collection_or_404(slug: str) -> Collection:
    collection = Collection.objects.select_related("parent").filter(slug=slug).first()
    if collection is None or not collection_is_public(collection):
        raise Http404("no such public collection")
    return collection


def public_children(collection: Collection | None) -> list[Collection]:
    """Public sub-collections (or root collections for None), each with its public item count."""
    children = Collection.objects.filter(parent=collection, is_public=True)
    public_ids = public_items().values("pk")
    return list(children.annotate(n_items=Count("items", filter=Q(items__in=public_ids))))


def collection_items(collection: Collection) -> QuerySet:
    """Public items of the collection and of its public sub-collections."""
    ids = [c for c in collection.descendant_ids()]
    visible = [c.pk for c in Collection.objects.filter(pk__in=ids) if collection_is_public(c)]
    return public_items().filter(collections__in=visible).distinct()


def authority_items(authority: Authority) -> QuerySet:
    """Public items that refer to the authority in a value or name it as a contributor."""
    return (
        public_items()
        .filter(
            Q(values__authority=authority) | Q(bibliographic__contributors__authority=authority)
        )
        .distinct()
    )
