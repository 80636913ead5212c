"""The read representation of items, collections and authorities, built from prefetched rows.

Plain functions instead of nested serializers: a page of 100 items has thousands of values, and
instantiating a serializer and its fields per value costs more than the database work (see
benchmarks/bench_rest.py for the figures).
"""

import datetime as dt

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from collection.exports.record import bibliographic_of, metadata_of
from collection.models import Authority, BibliographicRecord, Collection, Item, MetadataValue

from .media import FILES_PREFETCH, file_data

BIB_FIELDS = [f.name for f in BibliographicRecord._meta.fields if f.name not in ("id", "item")]
ITEM_PREFETCHES = (
    Prefetch("values", queryset=MetadataValue.objects.select_related("authority")),
    Prefetch("collections", queryset=Collection.objects.only("id")),
    "bibliographic__contributors",
    FILES_PREFETCH,
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
    """Add what the representation reads, so a page costs the same number of queries at any size."""
    prefetches = ITEM_PREFETCHES if fmt != "jsonld" else (JSONLD_PREFETCH, *ITEM_PREFETCHES[1:])
    return queryset.select_related("bibliographic").prefetch_related(*prefetches)


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
        return pk in self.rows and self.rows[pk][2]


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

    def item(self, item: Item) -> dict:
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
        data["collections"] = self.item_collections(item)
        data["created"] = iso(item.created)
        data["modified"] = iso(item.modified)
        data["published"] = iso(item.published_at)
        data["version"] = item.version
        data["metadata"] = metadata_of(item, self.authority_url)
        data["bibliographic"] = self.bibliographic(item)
        data["files"] = self.files(item)
        return data

    def files(self, item: Item) -> list[dict]:
        absolute = self.request.build_absolute_uri
        return [file_data(f, absolute) for f in getattr(item, "current_files", ())]

    def item_collections(self, item: Item) -> list[dict]:
        out = []
        for collection in item.collections.all():
            pk = collection.pk
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

    def bibliographic(self, item: Item) -> dict | None:
        record = bibliographic_of(item)
        if record is None:
            return None
        data = {name: getattr(record, name) for name in BIB_FIELDS}
        data["contributors"] = [
            {"role": c.role, "family": c.family, "given": c.given}
            for c in record.contributors.all()
        ]
        return data

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
