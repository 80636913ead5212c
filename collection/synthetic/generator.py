"""Write synthetic items in bulk, each with the "created" revision the history would have written.

Bulk inserts skip model signals, so this module records history itself: one revision per item
and per authority, whose snapshot has exactly the shape collection.snapshots produces. It also
sets Item.title, version (1) and modified directly, consistent with that revision.
"""

from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from .. import history, signals
from ..models import (
    Authority,
    AuthorityName,
    BibliographicRecord,
    Collection,
    Contributor,
    Item,
    MetadataValue,
    Revision,
)
from ..snapshots import diff
from .authorities import Pool, SyntheticAuthority, build_pool
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

    def run(self) -> Counter[str]:
        self.collections = self.ensure_collections()
        pool = self.ensure_pool()
        item_ids: list[int] = []
        with tqdm(total=self.count, unit="item", disable=not self.progress) as bar:
            for numbers in self._batches(bar):
                items = [build_item(self.seed, n, pool) for n in numbers]
                with transaction.atomic():
                    item_ids += self.insert(items)
                bar.update(len(numbers))
        signals.items_generated.send(
            sender=Item, item_ids=item_ids, with_images=self.images, seed=self.seed
        )
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
            Revision.objects.bulk_create(
                [
                    self._revision("authority", row.pk, a.slug, 0, _authority_snapshot(a))
                    for a, row in zip(missing, created, strict=True)
                ],
                batch_size=1000,
            )
        for record in records:
            record.pk = existing[record.slug]
        self.counts["authorities created"] += len(missing)
        return pool

    def insert(self, items: list[SyntheticItem]) -> list[int]:
        """Bulk-insert one batch of items with all their parts and revisions; return the ids."""
        rows = Item.objects.bulk_create([self._item(i) for i in items])
        ids = [row.pk for row in rows]
        ItemThrough.objects.bulk_create(
            [
                ItemThrough(item_id=pk, collection_id=self.collections[slug])
                for pk, item in zip(ids, items, strict=True)
                for slug in item.collections
            ]
        )
        MetadataValue.objects.bulk_create(
            [mv for pk, item in zip(ids, items, strict=True) for mv in _values(pk, item)],
            batch_size=5000,
        )
        self._bibliographic(ids, items)
        Revision.objects.bulk_create(
            [
                self._revision("item", pk, item.identifier, 1, self.snapshot(item))
                for pk, item in zip(ids, items, strict=True)
            ]
        )
        self.counts["items created"] += len(ids)
        self.counts["values created"] += sum(len(i.values) for i in items)
        return ids

    def _item(self, item: SyntheticItem) -> Item:
        published = item.status == "published"
        return Item(
            identifier=item.identifier,
            title=item.values[0].value[:500],
            dcmi_type=item.dcmi_type,
            kind=item.kind,
            status=item.status,
            visibility=item.visibility,
            embargo_until=item.embargo_until,
            created=self.now,
            modified=self.now,
            version=1,
            published_at=self.now if published else None,
        )

    def _bibliographic(self, ids: list[int], items: list[SyntheticItem]) -> None:
        pairs = [(pk, item) for pk, item in zip(ids, items, strict=True) if item.bibliographic]
        records = BibliographicRecord.objects.bulk_create(
            [BibliographicRecord(item_id=pk, **item.bibliographic) for pk, item in pairs]
        )
        Contributor.objects.bulk_create(
            [
                Contributor(
                    record_id=record.pk,
                    role=role,
                    position=pos,
                    family=family,
                    given=given,
                    authority_id=auth.pk,
                )
                for record, (_, item) in zip(records, pairs, strict=True)
                for pos, (role, family, given, auth) in enumerate(item.contributors)
            ]
        )

    def snapshot(self, item: SyntheticItem) -> dict[str, Any]:
        """What collection.snapshots.item_snapshot returns for this item once it is saved."""
        values: dict[str, list] = {}
        for v in sorted(item.values, key=lambda v: v.term):  # stable: positions stay in order
            slug = v.authority.slug if v.authority else ""
            values.setdefault(v.term, []).append([v.value, v.uri, slug, v.language])
        snap = {
            "identifier": item.identifier,
            "dcmi_type": item.dcmi_type,
            "kind": item.kind,
            "status": item.status,
            "visibility": item.visibility,
            "embargo_until": item.embargo_until.isoformat() if item.embargo_until else None,
            "collections": sorted(f"{self.root}-{slug}" for slug in item.collections),
            "values": values,
        }
        if item.bibliographic:
            contributors = [[role, family, given] for role, family, given, _ in item.contributors]
            snap["bibliographic"] = {**item.bibliographic, "contributors": contributors}
        return snap

    def _revision(self, target: str, pk: int, label: str, version: int, snap: dict) -> Revision:
        return Revision(
            target_type=target,
            target_id=pk,
            target_label=label,
            version=version,
            action=Revision.Action.CREATED,
            created=self.now,
            comment=self.comment,
            snapshot=snap,
            changes=diff({}, snap),
        )


def _values(item_id: int, item: SyntheticItem) -> Iterator[MetadataValue]:
    positions: Counter[str] = Counter()
    for v in item.values:
        yield MetadataValue(
            item_id=item_id,
            term=v.term,
            position=positions[v.term],
            value=v.value,
            uri=v.uri,
            authority_id=v.authority.pk if v.authority else None,
            language=v.language,
            date_lower=v.bounds.lower if v.bounds else None,
            date_upper=v.bounds.upper if v.bounds else None,
        )
        positions[v.term] += 1


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
        "names": [[name, lang] for name, lang in a.variants],
        "identifiers": [],
    }


def generate(count: int, seed: int = 0, **options) -> Counter[str]:
    """Generate `count` synthetic items for `seed`; see SyntheticGenerator for the options."""
    return SyntheticGenerator(count, seed, **options).run()
