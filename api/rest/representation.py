"""The read representation of items, collections and authorities, built with plain functions.

Plain functions instead of nested serializers: a page of 100 items has thousands of values, and
instantiating a serializer and its fields per value costs more than the database work; for the
same reason an item page reads its values, files... as plain rows, not prefetched model
instances (see benchmarks/bench_rest.py and docs/benchmarks.md for the figures).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from archive.public import public_files as files_by_item
from collection.models import Authority, Collection, Item, MetadataValue

from . import rows

# The export formats (collection.exports) read model objects: item.values.all(), value.authority,
# item.bibliographic... so they keep Django's prefetch. JSON is built from plain rows (PageRows).
EXPORT_PREFETCHES = (
    Prefetch("values", queryset=MetadataValue.objects.select_related("authority")),
    "bibliographic__contributors",
)
# JSON-LD also links authorities to Wikidata, VIAF... (sameAs); the other formats do not, and
# this prefetch costs a related manager per authority, so only JSON-LD pays for it.
JSONLD_PREFETCH = Prefetch(
    "values",
    queryset=MetadataValue.objects.select_related("authority").prefetch_related(
        "authority__identifiers"
    ),
)


def item_queryset(queryset, fmt: str = "json"):
    """Add what an export reads, so a page costs the same number of queries at any size.

    JSON needs nothing: Representer.items reads the page's related rows after paging.
    """
    if fmt == "json":
        return queryset
    prefetches = EXPORT_PREFETCHES if fmt != "jsonld" else (JSONLD_PREFETCH, *EXPORT_PREFETCHES[1:])
    return queryset.select_related("bibliographic").prefetch_related(*prefetches)


@dataclass
class PageRows:
    """What item representations show besides the items' own fields, keyed by item id."""

    values: dict[int, list[tuple]]
    collections: dict[int, list[int]]
    bibliographic: dict[int, dict]
    files: dict[int, list[dict]]

    @classmethod
    def load(cls, item_ids: list[int], absolute: Callable[[str], str]) -> "PageRows":
        """Read everything in six queries, as tuples and dicts: no model instances, no managers."""
        return cls(
            values=rows.values_by_item(item_ids),
            collections=rows.collections_by_item(item_ids),
            bibliographic=rows.bibliographic_by_item(item_ids),
            files=files_by_item(item_ids, absolute),
        )


def iso(value: dt.datetime | dt.date | None) -> str | None:
    """ISO 8601; date-times in UTC with Z, the form harvesters compare."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def url_pattern(request, name: str, **kwargs) -> str | None:
    """An absolute URL with "{}" where the lookup goes: one reverse per request, not per row."""
    try:
        url = reverse(name, kwargs={key: "PLACEHOLDER" for key in kwargs})
    except NoReverseMatch:
        return None  # e.g. the portal does not publish that page
    return request.build_absolute_uri(url).replace("PLACEHOLDER", "{}")


class CollectionMap:
    """Every collection's slug, set spec and visibility, from one query per request."""

    def __init__(self) -> None:
        rows = Collection.objects.values_list("id", "slug", "parent_id", "is_public")
        self.rows = {pk: (slug, parent, public) for pk, slug, parent, public in rows}
        self._specs: dict[int, str] = {}

    def set_spec(self, pk: int) -> str:
        if pk not in self._specs:
            chain, node, seen = [], pk, set()
            while node is not None and node not in seen and node in self.rows:
                seen.add(node)
                chain.append(self.rows[node][0])
                node = self.rows[node][1]
            self._specs[pk] = ":".join(reversed(chain))
        return self._specs[pk]

    def slug(self, pk: int) -> str:
        return self.rows[pk][0]

    def is_public(self, pk: int) -> bool:
        """Public, and every collection above it public too (Collection.is_visible's rule)."""
        seen = set()
        while pk is not None and pk in self.rows and pk not in seen:
            seen.add(pk)
            _, parent, public = self.rows[pk]
            if not public:
                return False
            pk = parent
        return pk is None


class Representer:
    """Per-request context for building representations: URL patterns, who is asking."""

    def __init__(self, request, staff: bool = False) -> None:
        self.request = request
        self.staff = staff
        self.item_url = url_pattern(request, "rest:item-detail", identifier="x")
        self.authority_url_pattern = url_pattern(request, "rest:authority-detail", slug="x")
        self.collection_url = url_pattern(request, "rest:collection-detail", slug="x")
        self.portal_item_url = url_pattern(request, "portal:item", identifier="x")
        self._collections: CollectionMap | None = None

    @property
    def collections(self) -> CollectionMap:
        if self._collections is None:
            self._collections = CollectionMap()
        return self._collections

    def authority_url(self, authority: Authority) -> str:
        return self.authority_url_pattern.format(authority.slug)

    def authority_slug_url(self, slug: str) -> str:
        return self.authority_url_pattern.format(slug)

    def page_rows(self, items: list[Item]) -> PageRows:
        return PageRows.load([item.pk for item in items], self.request.build_absolute_uri)

    def items(self, items: list[Item]) -> list[dict]:
        """Represent a page of items, reading what they show in a constant number of queries."""
        page = self.page_rows(items)
        return [self.item(item, page) for item in items]

    def item(self, item: Item, page: PageRows) -> dict:
        pk = item.pk
        data = {
            "identifier": item.identifier,
            "url": self.item_url.format(item.identifier),
            "portal_url": self.portal_item_url.format(item.identifier)
            if self.portal_item_url
            else None,
            "title": item.title,
            "dcmi_type": item.dcmi_type,
            "kind": item.kind,
        }
        if self.staff:
            data["status"] = item.status
            data["visibility"] = item.visibility
            data["embargo_until"] = iso(item.embargo_until)
        data["collections"] = self.item_collections(page.collections.get(pk, ()))
        data["created"] = iso(item.created)
        data["modified"] = iso(item.modified)
        data["published"] = iso(item.published_at)
        data["version"] = item.version
        data["metadata"] = rows.metadata_from_rows(page.values.get(pk, []), self.authority_slug_url)
        data["bibliographic"] = page.bibliographic.get(pk)
        data["files"] = page.files.get(pk, [])
        return data

    def item_collections(self, collection_ids) -> list[dict]:
        out = []
        for pk in collection_ids:
            if self.staff or self.collections.is_public(pk):
                slug = self.collections.slug(pk)
                out.append(
                    {
                        "slug": slug,
                        "set_spec": self.collections.set_spec(pk),
                        "url": self.collection_url.format(slug),
                    }
                )
        return out

    def collection(self, collection: Collection) -> dict:
        pk = collection.pk
        return {
            "slug": collection.slug,
            "url": self.collection_url.format(collection.slug),
            "set_spec": self.collections.set_spec(pk),
            "title": collection.title,
            "description": collection.description,
            "language": collection.language,
            "is_public": collection.is_public,
            "parent": self.collections.slug(collection.parent_id) if collection.parent_id else None,
            "items_url": self.request.build_absolute_uri(reverse("rest:item-list"))
            + f"?collection={collection.slug}",
            "created": iso(collection.created),
            "modified": iso(collection.modified),
        }

    def authority(self, authority: Authority) -> dict:
        return {
            "slug": authority.slug,
            "url": self.authority_url(authority),
            "kind": authority.kind,
            "preferred_name": authority.preferred_name,
            "language": authority.language,
            "dates": authority.dates,
            "date_lower": iso(authority.date_lower),
            "date_upper": iso(authority.date_upper),
            "description": authority.description,
            "names": [{"name": n.name, "language": n.language} for n in authority.names.all()],
            "identifiers": [
                {"scheme": i.scheme, "uri": i.uri} for i in authority.identifiers.all()
            ],
            "created": iso(authority.created),
            "modified": iso(authority.modified),
        }
