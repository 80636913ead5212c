"""Write synthetic items in bulk, each with the "created" revision the history would have written.

Bulk inserts skip model signals, so this module records history itself: one revision per item
and per authority, whose snapshot has exactly the shape collection.snapshots produces. It also
sets Item.title, version (1) and modified directly, consistent with that revision.
"""

import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from collection import history, signals
from collection.models import (
    Authority,
    AuthorityName,
    BibliographicRecord,
    Collection,
    Contributor,
    Item,
    MetadataValue,
    Revision,
)
from collection.snapshots import build_item_snapshot, diff

from .authorities import Pool, SyntheticAuthority, build_pool
from .bulk import date_adapter, db_datetime, db_json, insert_rows
from .items import SyntheticItem, build_item, identifier
from .vocabularies import COLLECTION_TREE

ItemThrough = Item.collections.through


class SyntheticGenerator:
    """Generate `count` items for a seed under the root collection `root`."""

    batch_size = 1000  # items per transaction; each brings ~15 values and a revision

    def __init__(
        self,
        count: int,
        seed: int = 0,
        images: bool = False,
        root: str = "synthetic",
        batch_size: int | None = None,
        progress: bool = True,
    ) -> None:
        self.count, self.seed, self.images, self.root = count, seed, images, root
        self.batch_size = batch_size or self.batch_size
        self.progress = progress
        self.comment = f"synthetic data, seed {seed}"
        self.counts: Counter[str] = Counter()
        self.collections: dict[str, int] = {}
        self.now = timezone.now()
        self.db_now = db_datetime(self.now)
        self.db_date = date_adapter()
        self.seconds: dict[str, float] = {}  # time spent inserting, and in the signal's listeners

    def run(self) -> Counter[str]:
        started = time.monotonic()
        self.collections = self.ensure_collections()
        pool = self.ensure_pool()
        item_ids: list[int] = []
        with tqdm(total=self.count, unit="item", disable=not self.progress) as bar:
            for numbers in self._batches(bar):
                items = [build_item(self.seed, n, pool) for n in numbers]
                with transaction.atomic():
                    item_ids += self.insert(items)
                bar.update(len(numbers))
        self.seconds["insert"] = time.monotonic() - started
        signals.items_generated.send(
            sender=Item, item_ids=item_ids, with_images=self.images, seed=self.seed
        )
        self.seconds["listeners"] = time.monotonic() - started - self.seconds["insert"]
        return self.counts

    def _batches(self, bar: tqdm) -> Iterator[list[int]]:
        """Numbers of the items still to make, a batch at a time; existing ones are skipped."""
        for start in range(0, self.count, self.batch_size):
            numbers = list(range(start, min(start + self.batch_size, self.count)))
            wanted = {identifier(self.seed, n): n for n in numbers}
            done = set(
                Item.objects.filter(identifier__in=wanted).values_list("identifier", flat=True)
            )
            if done:
                self.counts["items already there"] += len(done)
                bar.update(len(done))
            todo = [n for ident, n in wanted.items() if ident not in done]
            if todo:
                yield todo

    def ensure_collections(self) -> dict[str, int]:
        """Create the collection tree (few rows, so through the ORM and its history)."""
        slugs: dict[str, int] = {}
        with history.changes(comment=self.comment):
            root, created = Collection.objects.get_or_create(
                slug=self.root,
                defaults={"title": "Synthetic collection", "description": "Generated test data."},
            )
            self.counts["collections created"] += created
            for suffix, title, parent in COLLECTION_TREE:
                col, created = Collection.objects.get_or_create(
                    slug=f"{self.root}-{suffix}",
                    defaults={
                        "title": title,
                        "parent_id": slugs[parent] if parent else root.pk,
                        "description": "Generated test data.",
                    },
                )
                self.counts["collections created"] += created
                slugs[suffix] = col.pk
        return slugs

    def ensure_pool(self) -> Pool:
        """Insert the seed's authorities that are missing; fill in every record's pk."""
        pool = build_pool(self.seed)
        records = pool.all()
        existing = dict(
            Authority.objects.filter(slug__in=[a.slug for a in records]).values_list("slug", "pk")
        )
        missing = [a for a in records if a.slug not in existing]
        with transaction.atomic():
            created = Authority.objects.bulk_create(
                [_authority(a) for a in missing], batch_size=500
            )
            for record, row in zip(missing, created, strict=True):
                existing[record.slug] = row.pk
            AuthorityName.objects.bulk_create(
                [
                    AuthorityName(authority_id=row.pk, name=name, language=lang, position=pos)
                    for record, row in zip(missing, created, strict=True)
                    for pos, (name, lang) in enumerate(record.variants)
                ],
                batch_size=2000,
            )
            insert_rows(
                Revision,
                REVISION_FIELDS,
                (
                    self._revision("authority", row.pk, a.slug, 0, _authority_snapshot(a))
                    for a, row in zip(missing, created, strict=True)
                ),
            )
        for record in records:
            record.pk = existing[record.slug]
        self.counts["authorities created"] += len(missing)
        return pool

    def insert(self, items: list[SyntheticItem]) -> list[int]:
        """Bulk-insert one batch of items with all their parts and revisions; return the ids."""
        insert_rows(Item, ITEM_FIELDS, (self._item(i) for i in items))
        # Raw inserts return no ids; the identifiers are unique, so ask for them back.
        found = dict(
            Item.objects.filter(identifier__in=[i.identifier for i in items]).values_list(
                "identifier", "pk"
            )
        )
        ids = [found[i.identifier] for i in items]
        pairs = list(zip(ids, items, strict=True))
        insert_rows(
            ItemThrough,
            ["item", "collection"],
            ((pk, self.collections[slug]) for pk, item in pairs for slug in item.collections),
        )
        insert_rows(
            MetadataValue,
            VALUE_FIELDS,
            (r for pk, item in pairs for r in _values(pk, item, self.db_date)),
        )
        self._bibliographic(ids, items)
        insert_rows(
            Revision,
            REVISION_FIELDS,
            (self._revision("item", pk, i.identifier, 1, self.snapshot(i)) for pk, i in pairs),
        )
        self.counts["items created"] += len(ids)
        self.counts["values created"] += sum(len(i.values) for i in items)
        return ids

    def _item(self, item: SyntheticItem) -> tuple:
        now, embargo = self.db_now, item.embargo_until
        # A withdrawn item was published before it was withdrawn: harvesters knew it, so it
        # stays visible to them as a deleted record.
        published = now if item.status in ("published", "withdrawn") else None
        title = item.values[0].value[:500]
        embargo = self.db_date(embargo) if embargo else None
        head = (item.identifier, title, item.dcmi_type, item.kind, item.status, item.visibility)
        return (*head, embargo, now, now, 1, published)

    def _bibliographic(self, ids: list[int], items: list[SyntheticItem]) -> None:
        pairs = [(pk, item) for pk, item in zip(ids, items, strict=True) if item.bibliographic]
        records = BibliographicRecord.objects.bulk_create(
            [BibliographicRecord(item_id=pk, **item.bibliographic) for pk, item in pairs]
        )
        insert_rows(
            Contributor,
            ["record", "role", "position", "family", "given", "authority"],
            (
                (record.pk, role, pos, family, given, auth.pk)
                for record, (_, item) in zip(records, pairs, strict=True)
                for pos, (role, family, given, auth) in enumerate(item.contributors)
            ),
        )

    def snapshot(self, item: SyntheticItem) -> dict[str, Any]:
        """What collection.snapshots.item_snapshot returns for this item once it is saved."""
        values = [
            (v.term, v.value, v.uri, v.authority.slug if v.authority else "", v.language)
            for v in sorted(item.values, key=lambda v: v.term)  # stable: positions stay in order
        ]
        bibliographic = None
        if item.bibliographic:
            contributors = [
                [role, family, given, auth.slug if auth else ""]
                for role, family, given, auth in item.contributors
            ]
            bibliographic = {**item.bibliographic, "contributors": contributors}
        slugs = (f"{self.root}-{slug}" for slug in item.collections)
        return build_item_snapshot(item, slugs, values, bibliographic)

    def _revision(self, target: str, pk: int, label: str, version: int, snap: dict) -> tuple:
        """A "created" revision row, as collection.history would have written it."""
        changes = db_json(Revision, "changes", diff({}, snap))
        snapshot = db_json(Revision, "snapshot", snap)
        return (target, pk, label, version, "created", self.db_now, self.comment, snapshot, changes)


ITEM_FIELDS = ["identifier", "title", "dcmi_type", "kind", "status", "visibility"]
ITEM_FIELDS += ["embargo_until", "created", "modified", "version", "published_at"]
VALUE_FIELDS = ["item", "term", "position", "value", "uri", "authority", "language"]
VALUE_FIELDS += ["date_lower", "date_upper"]
REVISION_FIELDS = ["target_type", "target_id", "target_label", "version", "action", "created"]
REVISION_FIELDS += ["comment", "snapshot", "changes"]


def _values(item_id: int, item: SyntheticItem, db_date) -> Iterator[tuple]:
    positions: Counter[str] = Counter()
    for v in item.values:
        lower, upper = (v.bounds.lower, v.bounds.upper) if v.bounds else (None, None)
        auth = v.authority.pk if v.authority else None
        position = positions[v.term]
        positions[v.term] += 1
        yield (
            item_id,
            v.term,
            position,
            v.value,
            v.uri,
            auth,
            v.language,
            db_date(lower),
            db_date(upper),
        )


def _authority(a: SyntheticAuthority) -> Authority:
    return Authority(
        kind=a.kind,
        slug=a.slug,
        preferred_name=a.name,
        language=a.language,
        dates=a.dates.text if a.dates else "",
        date_lower=a.dates.lower if a.dates else None,
        date_upper=a.dates.upper if a.dates else None,
    )


def _authority_snapshot(a: SyntheticAuthority) -> dict[str, Any]:
    """What collection.snapshots.authority_snapshot returns for this record once saved."""
    return {
        "kind": a.kind,
        "slug": a.slug,
        "preferred_name": a.name,
        "language": a.language,
        "dates": a.dates.text if a.dates else "",
        "description": "",
        "is_public": True,
        "names": [[name, lang] for name, lang in a.variants],
        "identifiers": [],
    }


def generate(count: int, seed: int = 0, **options) -> Counter[str]:
    """Generate `count` synthetic items for `seed`; see SyntheticGenerator for the options."""
    return SyntheticGenerator(count, seed, **options).run()
