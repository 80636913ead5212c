"""The search document of an item: one plain dict built from the catalogue, indexed by every backend.

The fields are declared here, next to the catalogue terms they are built from (FIELDS), so both
backends, the system check and the query builders read one list.
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from collection import public, readmodel
from collection.models import Authority, AuthorityName, Contributor, MetadataValue

from .query import FACETS

log = logging.getLogger(__name__)


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
    # title, alternative and description values per value language, for the stemmed fields
    # (Elasticsearch: lang_text.<lang> with archive_snowball; FTS5: the stems of each value)
    IndexField("lang_text", "stored"),
)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}
TEXT_FIELDS = tuple(f for f in FIELDS if f.kind == "text")
FACET_FIELDS = FACETS  # every facet the query contract offers is a keyword field here
DATE_TERMS = ("date", "created", "issued")
TEXT_SOURCES = {t: f.name for f in TEXT_FIELDS for t in f.terms if f.name != "names"}
AUTHORITY_TERMS = FIELDS_BY_NAME["names"].terms


def fold(text: str) -> str:
    """Lower-case and strip diacritics, as ascii folding would (the node lacks that filter)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def extracted_texts(item_ids: list[int]) -> dict[int, str]:
    """Full text that other apps (the archive) register with the catalogue's sources."""
    from collection import sources

    try:
        return sources.item_texts(item_ids)
    except Exception:  # another app's failure must not stop indexing the catalogue record
        log.exception("extracted text lookup failed; indexing without full text")
        return {}


def _decades(lower, upper) -> list[str]:
    if lower is None and upper is None:
        return []
    first = (lower or upper).year // 10 * 10
    last = (upper or lower).year // 10 * 10
    return [str(d) for d in range(first, min(last, first + 200) + 1, 10)]


class DocumentBuilder:
    """Build documents for a batch of items in a handful of queries, whatever the batch size."""

    def __init__(self) -> None:
        self.tree = public.CollectionTree.load()

    def build(self, item_ids: Iterable[int]) -> dict[int, dict]:
        """Documents of the public items among these ids, from the catalogue's read model."""
        ids = list(
            public.items().filter(pk__in=list(item_ids)).order_by().values_list("pk", flat=True)
        )
        rows = readmodel.load(ids, tree=self.tree, names=True, bibliographic=False)
        texts = extracted_texts(ids)
        return {
            pk: _document(row, self.tree.facet_slugs(row.collection_ids), texts.get(pk, ""))
            for pk, row in rows.items()
        }


def _document(row: readmodel.ItemRows, collections: list[str], text: str) -> dict:
    """Return the search document of one item from its rows."""
    identifier, dcmi_type, kind, item_title = row.identifier, row.dcmi_type, row.kind, row.title
    version, modified = row.version, row.modified
    doc: dict = {f.name: [] for f in FIELDS if f.kind in ("text", "keyword")}
    doc.update(identifier=identifier, version=version, modified=modified.isoformat())
    doc.update(type=[dcmi_type], dcmi_type=dcmi_type, kind=[kind])
    lang_text: dict[str, list[str]] = {}
    lowers, uppers, date_text = [], [], ""
    for v in row.values:
        authority, shown = v.authority, v.text
        if v.term in TEXT_SOURCES and shown:
            doc[TEXT_SOURCES[v.term]].append(shown)
            if v.language and v.term in ("title", "alternative", "description", "abstract"):
                lang_text.setdefault(v.language.split("-")[0], []).append(shown)
        if authority is not None:
            _add_authority(doc, v.term, authority)
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
    title = item_title or (doc["title"][0] if doc["title"] else identifier)
    doc.update(
        title=doc["title"] or [title],
        title_sort=[fold(title)[:200]],
        collection=collections,
        decade=_decades(lower, upper),
        date=date_text,
        date_lower=lower.isoformat() if lower else None,
        date_upper=upper.isoformat() if upper else None,
        year=lower.year if lower else (upper.year if upper else None),
        lang_text={k: " \n".join(v) for k, v in lang_text.items()},
        fulltext=[text] if text else [],
    )
    for name in FACET_FIELDS + ("names",):
        doc[name] = list(dict.fromkeys(doc[name]))
    return doc


def _add_authority(doc: dict, term: str, authority: readmodel.AuthorityRow) -> None:
    if term in AUTHORITY_TERMS:
        doc["names"] += authority.all_names()
    if term == "subject":
        doc["subject"].append(authority.slug)
        doc["subject_text"] += authority.all_names()
    if term == "creator":
        doc["creator"].append(authority.slug)
    if authority.kind == Authority.Kind.PERSON:
        doc["person"].append(authority.slug)
    elif authority.kind == Authority.Kind.PLACE:
        doc["place"].append(authority.slug)


def build_documents(item_ids: Iterable[int]) -> tuple[dict[int, dict], set[int]]:
    """Return documents of the public items among item_ids, and the ids that must leave the index."""
    ids = set(item_ids)
    docs = DocumentBuilder().build(ids)
    return docs, ids - set(docs)


# -- authorities ---------------------------------------------------------------------------
# One document per public authority (people, places, events, organisations, concepts), in the
# shape declared in search/backends/base.py.


def authority_documents(authority_ids: Iterable[int]) -> dict[int, dict]:
    """Documents of the public authorities among these ids, in four queries whatever their number.

    `version` is the time the document was built, in microseconds, read before the database:
    a document built later reflects a later state (its names, or a count that changed because
    an item changed), so versioned writes keep the newest whatever order drains finish in.
    """
    version = time.time_ns() // 1000
    ids = list(dict.fromkeys(authority_ids))
    if not ids:
        return {}
    rows = (
        public.authorities()
        .filter(pk__in=ids)
        .order_by()
        .values_list("pk", "kind", "slug", "preferred_name", "language", "description")
    )
    docs = {
        pk: {
            "id": pk,
            "version": version,
            "kind": kind,
            "slug": slug,
            "name": name,
            "names": [{"name": name, "language": language}],
            "description": description,
            "item_count": 0,
        }
        for pk, kind, slug, name, language, description in rows
    }
    if not docs:
        return {}
    variants = AuthorityName.objects.filter(authority_id__in=list(docs)).values_list(
        "authority_id", "name", "language"
    )  # AuthorityName.Meta orders them by authority, position
    for pk, name, language in variants:
        if name.strip():
            docs[pk]["names"].append({"name": name, "language": language})
    for pk, count in public_item_counts(list(docs)).items():
        docs[pk]["item_count"] = count
    return docs


def public_item_counts(authority_ids: list[int]) -> dict[int, int]:
    """Public items linked to each authority, as a value or as a cited contributor, each item once.

    Three grouped counts (values, citations, items that do both) instead of reading the links:
    a person cited by 100,000 items costs the same three rows.
    """
    direct = MetadataValue.objects.filter(
        public.item_q(prefix="item__"), authority_id__in=authority_ids
    )
    cited = Contributor.objects.filter(
        public.item_q(prefix="record__item__"), authority_id__in=authority_ids
    )
    both = direct.filter(
        Exists(
            Contributor.objects.filter(
                authority_id=OuterRef("authority_id"), record__item_id=OuterRef("item_id")
            )
        )
    )
    counts: dict[int, int] = {}
    for queryset, item, sign in (
        (direct, "item_id", 1),
        (cited, "record__item_id", 1),
        (both, "item_id", -1),
    ):
        grouped = queryset.order_by().values("authority_id").annotate(n=Count(item, distinct=True))
        for row in grouped:
            counts[row["authority_id"]] = counts.get(row["authority_id"], 0) + sign * row["n"]
    return counts


def build_authority_documents(authority_ids: Iterable[int]) -> tuple[dict[int, dict], set[int]]:
    """Return documents of the public authorities among the ids, and the ids that must leave the
    index (private now, or deleted)."""
    ids = set(authority_ids)
    docs = authority_documents(ids)
    return docs, ids - set(docs)
