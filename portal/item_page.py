"""What the item page shows, gathered from the catalogue and the archive (views stay thin)."""

import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from archive.public import iiif_image_id
from collection.exports import csl_item, item_jsonld
from collection.models import MetadataValue
from collection.public import CollectionTree
from collection.readmodel import ItemRows

from .labels import TERM_GROUPS, TERM_LABELS
from .public import public_items
from .rights import allows_download
from .thumbnails import cards

RELATION_TERMS = {
    "relation", "isPartOf", "hasPart", "isVersionOf", "hasVersion", "references",
    "isReferencedBy", "requires", "isFormatOf", "source",
}  # fmt: skip
RELATED = 6  # related items shown
CANDIDATES = 100  # latest public items looked at per shared authority
MAX_AUTHORITIES = 20  # of the item's authorities, in value order, used to find related items


@dataclass
class Shown:
    """One value as displayed: its text, language tag and where it links, if anywhere."""

    text: str
    language: str = ""
    url: str = ""
    internal: bool = False  # a page of this portal, not an outside address


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def api_urls(identifier: str) -> dict[str, str]:
    """Addresses of the machine-readable forms (served by the api app, built as plain strings)."""
    return {
        "jsonld": f"/api/items/{identifier}/?format=jsonld",
        "dcxml": f"/api/items/{identifier}/?format=dcxml",
        "manifest": f"/iiif/manifests/{identifier}",
    }


def shown_values(item: ItemRows) -> list[dict]:
    """The item's values grouped for display: [{label, terms: [{label, values}]}], empty ones out."""
    groups = item.grouped()
    linked = _public_identifiers(groups)
    sections = []
    for label, terms in TERM_GROUPS:
        rows = [
            {"term": t, "label": TERM_LABELS[t], "values": [_shown(v, linked) for v in groups[t]]}
            for t in terms
            if groups.get(t)
        ]
        if rows:
            sections.append({"label": label, "rows": rows})
    return sections


def _public_identifiers(groups: dict[str, list]) -> set[str]:
    """Relation values that name a public item, so they can link to it."""
    candidates = {v.value for t in RELATION_TERMS for v in groups.get(t, ()) if v.value}
    if not candidates:
        return set()
    return set(
        public_items().filter(identifier__in=candidates).values_list("identifier", flat=True)
    )


def _shown(value, linked: set[str]) -> Shown:
    if value.authority is not None:
        url = value.authority.get_absolute_url()
        return Shown(value.text, value.text_language, url, internal=True)
    if value.value in linked:
        return Shown(value.value, value.language, reverse("portal:item", args=[value.value]), True)
    return Shown(value.value or value.uri, value.language, value.uri)


def collection_paths(item: ItemRows, tree: CollectionTree) -> list[list]:
    """For each visible collection of the item, the chain of collections from the root down."""
    return [tree.ancestors(pk) for pk in item.collection_ids if tree.is_visible(pk)]


def authorities_of(item: ItemRows) -> list:
    seen = {}
    for value in item.values:
        if value.authority is not None and value.authority.pk not in seen:
            seen[value.authority.pk] = value.authority
    return list(seen.values())


def related_items(item: ItemRows, authority_ids: list[int]) -> list:
    """Public items sharing the most authorities with this one, ties newest first.

    Bounded by design: only the CANDIDATES most recently catalogued public items per authority
    (of the item's first MAX_AUTHORITIES) are ranked, so a place named by 11,000 items costs the
    same index walk as one named by three. Three queries whatever the item: sample, items, thumbs.
    """
    if not authority_ids:
        return []
    shared: dict[int, set[int]] = {}
    for item_id, authority_id in _candidates(item.pk, authority_ids[:MAX_AUTHORITIES]):
        shared.setdefault(item_id, set()).add(authority_id)
    order = sorted(shared, key=lambda pk: (-len(shared[pk]), -pk))[:RELATED]
    by_pk = public_items().in_bulk(order)
    return cards([by_pk[pk] for pk in order if pk in by_pk])


def _candidates(item_id: int, authority_ids: list[int]) -> list[tuple[int, int]]:
    """(item id, authority id) of the newest CANDIDATES public values per authority, one query.

    Each part is a walk of the (authority, -id) index that stops after CANDIDATES rows; the parts
    are joined with UNION ALL and ranked in Python. Not `pk IN (…) OR pk IN (…)` over the values
    table: PostgreSQL answers that OR of subqueries by scanning every value of every item (0.5 s
    at 100,000 items). Django refuses a sliced part of a union on SQLite, hence the SQL built
    here from the ORM's own parts, each wrapped as a derived table (valid on both databases).
    """
    public = Exists(public_items().filter(pk=OuterRef("item_id")))  # a primary-key probe per row
    parts, params = [], []
    for n, authority_id in enumerate(dict.fromkeys(authority_ids)):
        sample = (
            MetadataValue.objects.filter(public, authority_id=authority_id)
            .exclude(item_id=item_id)
            .order_by("-pk")
            .values_list("item_id", "authority_id")[:CANDIDATES]
        )
        sql, part_params = sample.query.get_compiler(using=sample.db).as_sql()
        parts.append(f"SELECT * FROM ({sql}) AS sample_{n}")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return [(row[0], row[1]) for row in cursor.fetchall()]


def iiif_info_url(sha256: str) -> str:
    """The IIIF image service of a file: its id is the start of the original's SHA-256."""
    return f"/iiif/{iiif_image_id(sha256)}/info.json"


def media(item: ItemRows) -> list[dict]:
    """Image info of the item's current files (empty without the archive app)."""
    try:
        from archive.public import files_for_item, image_info
    except ImportError:
        return []
    infos = []
    for media_file in files_for_item(item):
        info = image_info(media_file)
        info["iiif_info_url"] = iiif_info_url(info["sha256"]) if info["iiif_tile_dir"] else ""
        infos.append(info)
    return infos


def jsonld_script(item: ItemRows, canonical: str, files: list[dict]) -> SafeString:
    """schema.org JSON-LD for the page head, safe inside <script> (no "</" can close it)."""
    data = item_jsonld(
        item,
        absolute(api_urls(item.identifier)["jsonld"]),
        portal_url=canonical,
        authority_url=lambda a: absolute(a.get_absolute_url()),
        media=[
            {"url": absolute(f["access_url"]), "mime": "image/jpeg",
             "thumbnail_url": absolute(f["thumbnail_url"]) if f["thumbnail_url"] else ""}
            for f in files
            if f["access_url"]
        ],
    )  # fmt: skip
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 — escaped above for the script context


def item_context(item: ItemRows, tree: CollectionTree) -> dict:
    """Everything item.html needs."""
    canonical = absolute(item.get_absolute_url())
    files = media(item)
    authorities = authorities_of(item)
    image = next((f for f in files if f["access_url"] or f["thumbnail_url"]), None)
    return {
        "item": item,
        "canonical": canonical,
        "sections": shown_values(item),
        "paths": collection_paths(item, tree),
        "authorities": authorities,
        "files": files,
        "image": image,
        "downloadable": allows_download(item),
        "csl": csl_item(item, canonical),
        "api": api_urls(item.identifier),
        "related": related_items(item, [a.pk for a in authorities]),
        "jsonld": jsonld_script(item, canonical, files),
        "description": _description(item),
    }


def _description(item: ItemRows) -> str:
    for term in ("description", "abstract"):
        values = item.values_of(term)
        if values:
            return values[0].value[:300]
    return ""
