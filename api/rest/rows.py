"""A page's Dublin Core values, collections and bibliographic records read as plain rows."""

from collections.abc import Callable, Iterable

from collection.dublin_core import PROPERTIES
from collection.exports.record import TERM_ORDER
from collection.models import BibliographicRecord, Contributor, Item, MetadataValue

BIB_FIELDS = [f.name for f in BibliographicRecord._meta.fields if f.name not in ("id", "item")]
# Positions in a value row, as selected by VALUE_COLUMNS.
VALUE_COLUMNS = (
    "item_id",
    "term",
    "position",
    "id",
    "value",
    "language",
    "uri",
    "date_lower",
    "date_upper",
    "authority_id",
    "authority__slug",
    "authority__kind",
    "authority__preferred_name",
)


def values_by_item(item_ids: Iterable[int]) -> dict[int, list[tuple]]:
    """{item id: value rows in catalogue order}: the page's values and their authorities, one query."""
    rows = (
        MetadataValue.objects.filter(item_id__in=item_ids)
        .order_by()  # sorted below, in the order collection.exports.record uses
        .values_list(*VALUE_COLUMNS)
    )
    out: dict[int, list[tuple]] = {}
    for row in sorted(rows, key=lambda r: (TERM_ORDER.get(r[1], 999), r[2], r[3])):
        out.setdefault(row[0], []).append(row)
    return out


def metadata_from_rows(rows: list[tuple], authority_url: Callable[[str], str]) -> dict[str, dict]:
    """The `metadata` object of collection.exports.record.metadata_of, from value rows."""
    out: dict[str, dict] = {}
    for row in rows:
        prop = PROPERTIES.get(row[1])
        group = out.get(row[1])
        if group is None:
            group = out[row[1]] = {"uri": prop.uri if prop else "", "values": []}
        group["values"].append(value_from_row(row, authority_url, prop))
    return out


def value_from_row(row: tuple, authority_url: Callable[[str], str], prop) -> dict:
    """One value as collection.exports.record.value_data shapes it."""
    _, _, _, _, value, language, uri, lower, upper, authority_id, slug, kind, name = row
    data = {"value": value, "language": language, "uri": uri, "authority": None}
    if authority_id:
        data["authority"] = {"slug": slug, "kind": kind, "name": name, "url": authority_url(slug)}
    if prop is not None and prop.is_date:
        data["date_lower"] = lower.isoformat() if lower else None
        data["date_upper"] = upper.isoformat() if upper else None
    return data


def collections_by_item(item_ids: Iterable[int]) -> dict[int, list[int]]:
    """{item id: collection ids}, ordered by collection title as Collection.Meta orders them."""
    rows = (
        Item.collections.through.objects.filter(item_id__in=item_ids)
        .order_by("collection__title", "collection_id")
        .values_list("item_id", "collection_id")
    )
    out: dict[int, list[int]] = {}
    for item_id, collection_id in rows:
        out.setdefault(item_id, []).append(collection_id)
    return out


def bibliographic_by_item(item_ids: Iterable[int]) -> dict[int, dict]:
    """{item id: bibliographic record with its contributors}, in two queries."""
    records = BibliographicRecord.objects.filter(item_id__in=item_ids).values_list(
        "id", "item_id", *BIB_FIELDS
    )
    by_record, out = {}, {}
    for pk, item_id, *fields in records:
        data = dict(zip(BIB_FIELDS, fields, strict=True))
        data["contributors"] = by_record[pk] = []
        out[item_id] = data
    contributors = Contributor.objects.filter(record__item_id__in=item_ids).values_list(
        "record_id", "role", "family", "given"
    )  # Contributor.Meta orders them by record, role, position
    for record_id, role, family, given in contributors:
        by_record[record_id].append({"role": role, "family": family, "given": given})
    return out
