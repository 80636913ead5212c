"""Everything one page needs to be written: headers' sets and records' values, in a few queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from collection.models import AuthorityIdentifier, Item, MetadataValue

from .listing import Entry
from .metadata import RecordData, Value
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


def record_data(entries: list[Entry]) -> dict[int, RecordData]:
    """Return the metadata of the page's live items by item id: three queries for any page."""
    ids = [e.item_id for e in entries if not e.deleted and e.item_id is not None]
    if not ids:
        return {}
    url = item_url_template()
    items = Item.objects.filter(pk__in=ids).values_list("pk", "identifier", "dcmi_type")
    data = {pk: RecordData(ident, url.format(ident), dcmi) for pk, ident, dcmi in items}
    fields = ("item_id", "term", "value", "uri", "language", "authority_id")
    fields += ("authority__preferred_name", "authority__language")
    rows = MetadataValue.objects.filter(item_id__in=ids).order_by(
        "item_id", "term", "position", "id"
    )
    rows = list(rows.values_list(*fields))
    uris = _authority_uris({row[5] for row in rows if row[5] is not None})
    for item_id, term, text, uri, lang, auth_id, auth_name, auth_lang in rows:
        if auth_id is not None and not text:
            text, lang = auth_name, lang or auth_lang
        value = Value(term, text, uri, lang, uris.get(auth_id, ()) if auth_id else ())
        data[item_id].values.append(value)
    return data


def _authority_uris(authority_ids: set[int]) -> dict[int, tuple[str, ...]]:
    found = defaultdict(tuple)
    if authority_ids:
        rows = AuthorityIdentifier.objects.filter(authority_id__in=authority_ids)
        for auth_id, uri in rows.order_by("authority_id", "scheme").values_list(
            "authority_id", "uri"
        ):
            found[auth_id] += (uri,)
    return found
