"""Everything one page needs to be written: headers' sets and records' values, in a few queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from collection import readmodel
from collection.exports import dcxml
from collection.models import Item

from .listing import Entry
from .metadata import MetadataFormat, RecordData
from .sets import SetTree


@dataclass
class Header:
    identifier: str  # the full oai identifier
    datestamp: object
    set_specs: list[str]
    deleted: bool


def oai_identifier(local: str) -> str:
    return f"oai:{settings.OAI_IDENTIFIER_NAMESPACE}:{local}"


def local_identifier(oai_id: str) -> str | None:
    """Return the item identifier inside an oai identifier of this repository, else None."""
    prefix = oai_identifier("")
    return (
        oai_id[len(prefix) :] if oai_id.startswith(prefix) and len(oai_id) > len(prefix) else None
    )


def item_url_template() -> str:
    """Return the public URL of an item with "{}" in place of its identifier."""
    marker = "IDENTIFIER-MARKER"
    try:
        path = reverse("portal:item", kwargs={"identifier": marker})
    except NoReverseMatch:
        path = f"/items/{marker}/"  # the portal's route when it is not mounted (tests)
    return settings.SITE_URL + path.replace(marker, "{}")


def headers(entries: list[Entry], sets: SetTree) -> list[Header]:
    """The headers of a page without its metadata (ListIdentifiers)."""
    return _headers(entries, sets, _memberships([e.item_id for e in entries], sets))


def records(
    entries: list[Entry], sets: SetTree, fmt: MetadataFormat
) -> list[tuple[Header, RecordData | None]]:
    """Headers and metadata of a page (ListRecords, GetRecord), from the catalogue's read model.

    The live items are read once: their rows give both the metadata and, through their visible
    collections, the headers' sets; only deleted headers of items still in the catalogue need
    their memberships read apart. Authorities' external URIs are read only for the formats that
    write them.
    """
    ids = [e.item_id for e in entries if not e.deleted and e.item_id is not None]
    rows = readmodel.load(ids, tree=sets.tree, uris=fmt.writes_authority_uris, bibliographic=False)
    memberships = {pk: row.collection_ids for pk, row in rows.items()}
    memberships.update(_memberships([e.item_id for e in entries if e.deleted], sets))
    url = item_url_template()
    data = {pk: dcxml.record_of(row, url.format(row.identifier)) for pk, row in rows.items()}
    return [
        (header, data.get(entry.item_id))
        for header, entry in zip(_headers(entries, sets, memberships), entries, strict=True)
    ]


def _memberships(item_ids: list[int | None], sets: SetTree) -> dict[int, list[int]]:
    """The collections of these items, by item id (tombstones' None ids are skipped)."""
    found: dict[int, list[int]] = defaultdict(list)
    ids = [pk for pk in item_ids if pk is not None]
    if ids and sets:
        through = Item.collections.through.objects.filter(item_id__among=ids)
        for item_id, collection_id in through.values_list("item_id", "collection_id"):
            found[item_id].append(collection_id)
    return found


def _headers(
    entries: list[Entry], sets: SetTree, memberships: dict[int, list[int]]
) -> list[Header]:
    result = []
    for e in entries:
        if e.item_id is None:
            specs = sets.visible(list(e.set_specs))
        else:
            specs = sets.specs_for(memberships.get(e.item_id, []))
        result.append(Header(oai_identifier(e.identifier), e.datestamp, specs, e.deleted))
    return result
