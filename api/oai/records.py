"""Everything one page needs to be written: headers' sets and records' values, in a few queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from collection import readmodel
from collection.exports import dcxml
from collection.models import Item

from .listing import Entry
from .metadata import RecordData
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
    memberships = defaultdict(list)
    item_ids = [e.item_id for e in entries if e.item_id is not None]
    if item_ids and sets:
        through = Item.collections.through.objects.filter(item_id__in=item_ids)
        for item_id, collection_id in through.values_list("item_id", "collection_id"):
            memberships[item_id].append(collection_id)
    result = []
    for e in entries:
        if e.item_id is None:
            specs = sets.visible(list(e.set_specs))
        else:
            specs = sets.specs_for(memberships[e.item_id])
        result.append(Header(oai_identifier(e.identifier), e.datestamp, specs, e.deleted))
    return result


def record_data(entries: list[Entry], sets: SetTree | None = None) -> dict[int, RecordData]:
    """Return the metadata of the page's live items by item id, from the catalogue's read model."""
    ids = [e.item_id for e in entries if not e.deleted and e.item_id is not None]
    if not ids:
        return {}
    url = item_url_template()
    tree = sets.tree if sets is not None else None
    rows = readmodel.load(ids, tree=tree, uris=True, bibliographic=False)
    return {pk: dcxml.record_of(row, url.format(row.identifier)) for pk, row in rows.items()}
