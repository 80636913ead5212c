"""The search document of an item: one plain dict built from the catalogue, indexed by every backend.

The fields are declared here, next to the catalogue terms they are built from (FIELDS), so both
backends, the system check and the query builders read one list.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from collection.models import Authority, Collection, Item, MetadataValue


@dataclass(frozen=True)
class IndexField:
    name: str
    kind: str  # "text" (searched, boosted), "keyword" (facet/filter), "date", "int", "stored"
    boost: float = 1.0  # text fields only: title above subject above description above full text
    terms: tuple[str, ...] = ()  # Dublin Core terms the field is built from (documentation, check)
    highlight: bool = False


FIELDS: tuple[IndexField, ...] = (
    IndexField("identifier", "keyword"),
    IndexField("version", "int"),
    IndexField("modified", "date"),
    IndexField("title", "text", 5.0, ("title",), highlight=True),
    IndexField("alternative", "text", 4.0, ("alternative",)),
    IndexField("subject_text", "text", 3.0, ("subject", "spatial", "temporal", "coverage")),
    # every name (preferred and variants, any language or script) of every linked authority
    IndexField("names", "text", 3.0, ("creator", "contributor", "subject", "spatial"), True),
    IndexField("description", "text", 2.0, ("description", "abstract", "tableOfContents"), True),
    IndexField("other_text", "text", 1.0, ("publisher", "source", "relation", "isPartOf")),
    IndexField("fulltext", "text", 1.0, (), highlight=True),
    IndexField("type", "keyword", terms=("type",)),
    IndexField("kind", "keyword"),
    IndexField("collection", "keyword"),
    IndexField("language", "keyword", terms=("language",)),
    IndexField("subject", "keyword", terms=("subject",)),
    IndexField("person", "keyword"),
    IndexField("place", "keyword", terms=("spatial",)),
    IndexField("creator", "keyword", terms=("creator",)),
    IndexField("decade", "keyword"),
    IndexField("date_lower", "date", terms=("date", "created", "issued")),
    IndexField("date_upper", "date"),
    IndexField("year", "int"),
    IndexField("date", "stored"),
    IndexField("title_sort", "keyword"),
    IndexField("dcmi_type", "stored"),
    # per-language copies of title and description, for the hunspell analyzers that exist
    IndexField("lang_text", "stored"),
)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}
TEXT_FIELDS = tuple(f for f in FIELDS if f.kind == "text")
FACET_FIELDS = (
    "type",
    "kind",
    "collection",
    "language",
    "subject",
    "person",
    "place",
    "creator",
    "decade",
)
DATE_TERMS = ("date", "created", "issued")
TEXT_SOURCES = {t: f.name for f in TEXT_FIELDS for t in f.terms if f.name != "names"}
AUTHORITY_TERMS = FIELDS_BY_NAME["names"].terms


def fold(text: str) -> str:
    """Lower-case and strip diacritics, as ascii folding would (the node lacks that filter)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _facet(values: Iterable[tuple[str, str]]) -> list[str]:
    return list(dict.fromkeys(v for v, _ in values if v))


def _extracted_text(item_id: int) -> str:
    """Full text from the archive app; empty until archive.public exists."""
    try:
        from archive.public import extracted_text
    except ImportError:
        return ""
    try:
        return extracted_text(item_id) or ""
    except Exception:  # the archive's failure must not stop indexing the catalogue record
        return ""


def _decades(lower, upper) -> list[str]:
    if lower is None and upper is None:
        return []
    first = (lower or upper).year // 10 * 10
    last = (upper or lower).year // 10 * 10
    return [str(d) for d in range(first, min(last, first + 200) + 1, 10)]


def _collection_slugs(item: Item, cache: dict[int, list[str]]) -> list[str]:
    slugs: list[str] = []
    for col in item.collections.all():
        if col.pk not in cache:
            cache[col.pk] = [c.slug for c in col.ancestors()]
        slugs += cache[col.pk]
    return list(dict.fromkeys(slugs))


def item_queryset():
    values = MetadataValue.objects.select_related("authority").prefetch_related(
        Prefetch("authority__names")
    )
    return Item.objects.prefetch_related(
        Prefetch("values", queryset=values), Prefetch("collections", Collection.objects.all())
    )


def build_document(
    item: Item, collections_cache: dict | None = None, fulltext: bool = True
) -> dict:
    """Return the search document of one item (prefetched with item_queryset())."""
    doc: dict = {f.name: [] for f in FIELDS if f.kind in ("text", "keyword")}
    doc.update(identifier=item.identifier, version=item.version, modified=item.modified.isoformat())
    doc.update(type=[item.dcmi_type], dcmi_type=item.dcmi_type, kind=[item.kind])
    lang_text: dict[str, list[str]] = {}
    lowers, uppers, date_text = [], [], ""
    for v in item.values.all():
        text = v.display_value
        if v.term in TEXT_SOURCES and text:
            doc[TEXT_SOURCES[v.term]].append(text)
            if v.language and v.term in ("title", "alternative", "description", "abstract"):
                lang_text.setdefault(v.language.split("-")[0], []).append(text)
        if v.authority_id:
            _add_authority(doc, v, v.authority)
        elif v.term == "subject" and v.value:
            doc["subject"].append(v.value)
        elif v.term == "creator" and v.value:
            doc["creator"].append(v.value)
            doc["names"].append(v.value)
        elif v.term == "spatial" and v.value:
            doc["place"].append(v.value)
        if v.term == "language" and v.value:
            doc["language"].append(v.value.strip())
        if v.term in DATE_TERMS and (v.date_lower or v.date_upper):
            date_text = date_text or v.value
            lowers += [v.date_lower] if v.date_lower else []
            uppers += [v.date_upper] if v.date_upper else []
    lower, upper = (min(lowers) if lowers else None), (max(uppers) if uppers else None)
    title = item.title or (doc["title"][0] if doc["title"] else item.identifier)
    doc.update(
        title=doc["title"] or [title],
        title_sort=[fold(title)[:200]],
        collection=_collection_slugs(
            item, collections_cache if collections_cache is not None else {}
        ),
        decade=_decades(lower, upper),
        date=date_text,
        date_lower=lower.isoformat() if lower else None,
        date_upper=upper.isoformat() if upper else None,
        year=lower.year if lower else (upper.year if upper else None),
        lang_text={k: " \n".join(v) for k, v in lang_text.items()},
        fulltext=[_extracted_text(item.pk)] if fulltext else [],
    )
    for name in FACET_FIELDS + ("names",):
        doc[name] = list(dict.fromkeys(doc[name]))
    return doc


def _add_authority(doc: dict, value: MetadataValue, authority: Authority) -> None:
    names = [authority.preferred_name] + [n.name for n in authority.names.all()]
    if value.term in AUTHORITY_TERMS:
        doc["names"] += names
    if value.term == "subject":
        doc["subject"].append(authority.slug)
        doc["subject_text"] += names
    if value.term == "creator":
        doc["creator"].append(authority.slug)
    if authority.kind == Authority.Kind.PERSON:
        doc["person"].append(authority.slug)
    elif authority.kind == Authority.Kind.PLACE:
        doc["place"].append(authority.slug)


def build_documents(item_ids: Iterable[int]) -> tuple[dict[int, dict], set[int]]:
    """Return documents of the public items among item_ids, and the ids that must leave the index."""
    ids = set(item_ids)
    public = item_queryset().public().filter(pk__in=ids)
    cache: dict[int, list[str]] = {}
    docs = {item.pk: build_document(item, cache) for item in public}
    return docs, ids - set(docs)
