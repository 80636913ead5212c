"""The portal's lookups over the public boundary (collection.public): 404 for anything hidden."""

from django.db.models import Q, QuerySet
from django.http import Http404

from collection import public, readmodel
from collection.models import Authority, Collection
from collection.public import CollectionTree


def public_items() -> QuerySet:
    """Items anyone may see today (published, and public or past their embargo)."""
    return public.items()


def item_or_404(identifier: str, tree: CollectionTree | None = None) -> readmodel.ItemRows:
    """The public item with this identifier, as the catalogue's read model; 404 otherwise."""
    item = readmodel.load_public(identifier, tree=tree, uris=True)
    if item is None:
        raise Http404("no such public item")
    return item


def collection_or_404(slug: str) -> tuple[Collection, CollectionTree]:
    """The visible collection with this slug and the tree it was found in."""
    tree = CollectionTree.load()
    node = tree.visible_by_slug(slug)
    collection = Collection.objects.filter(pk=node.pk).first() if node else None
    if collection is None:
        raise Http404("no such public collection")
    return collection, tree


def public_children(tree: CollectionTree, pk: int | None) -> list[dict]:
    """Visible sub-collections (or roots for None), as the templates list them, with `n_items`:
    the public items of the collection and of its visible sub-collections."""
    return [
        {
            "title": node.title,
            "language": node.language,
            "description": node.description,
            "get_absolute_url": node.get_absolute_url(),
            "n_items": tree.public_item_count(node.pk),
        }
        for node in tree.visible_children(pk)
    ]


def collection_items(tree: CollectionTree, collection: Collection) -> QuerySet:
    """Public items of the collection and of its visible sub-collections."""
    return public_items().filter(collections__in=tree.visible_descendants(collection.pk)).distinct()


def authority_or_404(kind: str, slug: str) -> Authority:
    found = public.authorities(Authority.objects.prefetch_related("names", "identifiers"))
    authority = found.filter(kind=kind, slug=slug).first()
    if authority is None:
        raise Http404("no such authority")
    return authority


def authority_items(authority: Authority) -> QuerySet:
    """Public items that refer to the authority in a value or name it as a contributor."""
    return (
        public_items()
        .filter(
            Q(values__authority=authority) | Q(bibliographic__contributors__authority=authority)
        )
        .distinct()
    )
