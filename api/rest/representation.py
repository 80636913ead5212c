"""The read representation of items, collections and authorities, built with plain functions.

Plain functions instead of nested serializers: a page of 100 items has thousands of values, and
instantiating a serializer and its fields per value costs more than the database work; for the
same reason an item page reads its values, files... as plain rows, not prefetched model
instances (see benchmarks/bench_rest.py and docs/benchmarks.md for the figures).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from archive.public import public_files as files_by_item
from collection import public, readmodel
from collection.exports import metadata_json
from collection.models import Authority, Collection, Item


@dataclass
class PageRows:
    """What item representations show besides the items' own fields, keyed by item id."""

    items: dict[int, readmodel.ItemRows]
    files: dict[int, list[dict]]

    @classmethod
    def load(
        cls, item_ids: list[int], absolute: Callable[[str], str], tree, public: bool
    ) -> "PageRows":
        """Read everything from the catalogue's read model, plus the files: fixed query count."""
        return cls(
            items=readmodel.load(item_ids, public=public, tree=tree, uris=True),
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


class Representer:
    """Per-request context for building representations: URL patterns, who is asking."""

    def __init__(self, request, staff: bool = False) -> None:
        self.request = request
        self.staff = staff
        self.item_url = url_pattern(request, "rest:item-detail", identifier="x")
        self.authority_url_pattern = url_pattern(request, "rest:authority-detail", slug="x")
        self.collection_url = url_pattern(request, "rest:collection-detail", slug="x")
        self.portal_item_url = url_pattern(request, "portal:item", identifier="x")
        self._collections: public.CollectionTree | None = None

    @property
    def collections(self) -> public.CollectionTree:
        if self._collections is None:
            self._collections = public.CollectionTree.load()
        return self._collections

    def authority_url(self, authority: Authority) -> str:
        return self.authority_url_pattern.format(authority.slug)

    def authority_slug_url(self, slug: str) -> str:
        return self.authority_url_pattern.format(slug)

    def page_rows(self, items: list[Item]) -> PageRows:
        ids = [item.pk for item in items]
        absolute = self.request.build_absolute_uri
        return PageRows.load(ids, absolute, self.collections, public=not self.staff)

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
        rows = page.items[pk]
        data["collections"] = self.item_collections(rows.collection_ids)
        data["created"] = iso(item.created)
        data["modified"] = iso(item.modified)
        data["published"] = iso(item.published_at)
        data["version"] = item.version
        data["metadata"] = metadata_json(rows.values, self.authority_slug_url)
        data["bibliographic"] = rows.bibliographic.as_dict() if rows.bibliographic else None
        data["files"] = page.files.get(pk, [])
        return data

    def item_collections(self, collection_ids) -> list[dict]:
        out = []
        for pk in collection_ids:  # already only the visible ones for the public
            node = self.collections.nodes[pk]
            out.append(
                {
                    "slug": node.slug,
                    "set_spec": node.set_spec,
                    "url": self.collection_url.format(node.slug),
                }
            )
        return out

    def collection(self, collection: Collection) -> dict:
        pk = collection.pk
        return {
            "slug": collection.slug,
            "url": self.collection_url.format(collection.slug),
            "set_spec": self.collections.nodes[pk].set_spec,
            "title": collection.title,
            "description": collection.description,
            "language": collection.language,
            "is_public": collection.is_public,
            "parent": self.parent_slug(collection.parent_id),
            "items_url": self.request.build_absolute_uri(reverse("rest:item-list"))
            + f"?collection={collection.slug}",
            "created": iso(collection.created),
            "modified": iso(collection.modified),
        }

    def parent_slug(self, parent_id: int | None) -> str | None:
        """The parent's slug, unless the public may not see the parent."""
        if parent_id is None or not (self.staff or self.collections.is_visible(parent_id)):
            return None
        return self.collections.nodes[parent_id].slug

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
            "is_public": authority.is_public,
            "names": [{"name": n.name, "language": n.language} for n in authority.names.all()],
            "identifiers": [
                {"scheme": i.scheme, "uri": i.uri} for i in authority.identifiers.all()
            ],
            "created": iso(authority.created),
            "modified": iso(authority.modified),
        }
