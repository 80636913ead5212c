"""Plain-data snapshots of catalogue objects and the field-by-field difference of two snapshots."""

from collections.abc import Iterable
from typing import Any

from . import readmodel
from .models import Authority, Collection, Contributor, MetadataValue


def item_snapshot(item_id: int) -> dict[str, Any] | None:
    """Return everything an archivist edits on an item, as JSON-ready data (None if gone)."""
    return item_snapshots([item_id]).get(item_id)


def item_snapshots(item_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """item_snapshot() of many items in the read model's few queries (missing ids left out)."""
    snapshots = {}
    for item_id, item in readmodel.load(item_ids, public=False).items():
        values = [
            (v.term, v.value, v.uri, v.authority.slug if v.authority else "", v.language)
            for v in sorted(item.values, key=lambda v: (v.term, v.position, v.pk))
        ]
        bib = item.bibliographic
        snapshots[item_id] = build_item_snapshot(
            item, item.collection_slugs, values, _bibliographic(bib) if bib else None
        )
    return snapshots


def build_item_snapshot(
    item: Any,
    collection_slugs: Iterable[str],
    values: Iterable[tuple[str, str, str, str, str]],
    bibliographic: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The snapshot of an item from data in hand, without queries (bulk writers use it too).

    `item` has the workflow attributes (identifier, dcmi_type, kind, status, visibility,
    embargo_until); `values` are (term, value, uri, authority slug, language) in term and
    position order.
    """
    grouped: dict[str, list] = {}
    for term, value, uri, slug, language in values:
        grouped.setdefault(term, []).append([value, uri, slug, language])
    snap = {
        "identifier": item.identifier,
        "dcmi_type": item.dcmi_type,
        "kind": item.kind,
        "status": item.status,
        "visibility": item.visibility,
        "embargo_until": item.embargo_until.isoformat() if item.embargo_until else None,
        "collections": sorted(collection_slugs),
        "values": grouped,
    }
    if bibliographic is not None:
        snap["bibliographic"] = bibliographic
    return snap


def _bibliographic(bib: readmodel.BibliographicRow) -> dict[str, Any]:
    """The record's fields and its contributors as [role, family, given, authority slug] in
    role and position order (the slug "" when unlinked, as in a value's [.., slug, ..])."""
    data: dict[str, Any] = {f: getattr(bib, f) for f in readmodel.BIB_FIELDS}
    data["contributors"] = [[c.role, c.family, c.given, c.authority_slug] for c in bib.contributors]
    return data


def contributors_with_links(
    people: list[list[str]], reference: Iterable[list[str]]
) -> list[list[str]]:
    """Contributors in today's [role, family, given, slug] shape.

    Revisions written before snapshots kept contributors' authority links hold [role, family,
    given]: such a contributor is given the link of the contributor in `reference` (today's
    shape) with the same role and name, in order, else none. Entries in today's shape are
    returned as they are.
    """
    links: dict[tuple, list[str]] = {}
    for role, family, given, slug in reference:
        links.setdefault((role, family, given), []).append(slug)
    out = []
    for person in people:
        if len(person) >= 4:
            out.append(list(person))
            continue
        known = links.get(tuple(person))
        out.append([*person, known.pop(0) if known else ""])
    return out


def has_unlinked_shape(bibliographic: dict[str, Any] | None) -> bool:
    """Whether a snapshot's bibliographic record predates contributors' links (see above)."""
    people = (bibliographic or {}).get("contributors") or []
    return any(len(person) < 4 for person in people)


def contributor_list(item_id: int) -> list[list[str]]:
    """An item's contributors as its snapshot lists them (in one query)."""
    rows = Contributor.objects.filter(record__item_id=item_id).values_list(
        "role", "family", "given", "authority__slug"
    )  # Contributor.Meta orders them by record, role, position, as the read model does
    return [[role, family, given, slug or ""] for role, family, given, slug in rows]


def authority_snapshot(authority_id: int) -> dict[str, Any] | None:
    auth = Authority.objects.filter(pk=authority_id).first()
    return authority_data(auth) if auth is not None else None


def authority_data(auth: Authority) -> dict[str, Any]:
    """What an archivist edits on an authority record (names and identifiers may be prefetched)."""
    return {
        "kind": auth.kind,
        "slug": auth.slug,
        "preferred_name": auth.preferred_name,
        "language": auth.language,
        "dates": auth.dates,
        "description": auth.description,
        "is_public": auth.is_public,
        "names": [[n.name, n.language] for n in auth.names.all()],
        "identifiers": [[i.scheme, i.uri] for i in auth.identifiers.all()],
    }


def collection_snapshot(collection_id: int) -> dict[str, Any] | None:
    col = Collection.objects.filter(pk=collection_id).select_related("parent").first()
    if col is None:
        return None
    return {
        "slug": col.slug,
        "parent": col.parent.slug if col.parent else None,
        "title": col.title,
        "description": col.description,
        "language": col.language,
        "is_public": col.is_public,
    }


def write_values(item: Any, term: str, values: list[list[str]]) -> None:
    """Replace an item's values of one term by snapshot-shaped [value, uri, slug, language]
    lists (the inverse of item_snapshot's "values"; used by revert and the CSV import)."""
    item.values.filter(term=term).delete()
    authorities = Authority.objects.in_bulk([v[2] for v in values if v[2]], field_name="slug")
    for position, (text, uri, slug, language) in enumerate(values):
        MetadataValue(
            item=item,
            term=term,
            position=position,
            value=text,
            uri=uri,
            authority=authorities.get(slug),
            language=language,
        ).save()


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list]:
    """Return {field: [old, new]} for every field that differs; nested dicts by dotted name."""
    changes: dict[str, list] = {}
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if isinstance(before, dict) or isinstance(after, dict):
            for sub, pair in diff(before or {}, after or {}).items():
                changes[f"{key}.{sub}"] = pair
        elif before != after:
            changes[key] = [before, after]
    return changes
