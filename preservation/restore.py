"""Restore holdings from a bag: validate it, refuse conflicts, then write everything in one transaction.

The rows are inserted as they were (identifiers, dates, versions, history), without going through
the catalogue's model signals: a restore is not an edit, so it writes no new revision and the
second export of the restored holdings is byte-identical to the first. Search learns of the items
through `items_generated` (drained in bulk); the derivatives are queued through the archive.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import bagit
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from archive import derivatives, storage
from archive.models import FixityCheck, MediaFile
from collection import signals
from collection.models import (
    Authority,
    AuthorityIdentifier,
    AuthorityName,
    BibliographicRecord,
    Collection,
    Contributor,
    Item,
    MetadataValue,
    Revision,
    Tombstone,
)
from collection.validators import validate_identifier

from . import records
from .bags import BATCH, BagError, Progress
from .models import EarlierDerivation


class BagConflict(BagError):
    """The instance already holds different objects under the bag's identifiers or slugs."""

    def __init__(self, conflicts: list[str]) -> None:
        self.conflicts = conflicts
        shown = "\n  ".join(conflicts[:50])
        more = f"\n  … and {len(conflicts) - 50} more" if len(conflicts) > 50 else ""
        super().__init__(
            f"{len(conflicts)} conflict(s) with this instance; nothing was imported:\n  {shown}{more}"
        )


@dataclass
class ImportSummary:
    path: Path
    items: int = 0
    unchanged: int = 0
    files: int = 0
    bytes: int = 0
    authorities: int = 0
    collections: int = 0
    tombstones: int = 0
    media_file_ids: list[int] = field(default_factory=list, repr=False)

    def __str__(self) -> str:
        return (
            f"{self.path}: {self.items} items restored, {self.unchanged} already here and "
            f"identical, {self.files} files ({self.bytes} bytes), {self.authorities} "
            f"authorities, {self.collections} collections, {self.tombstones} tombstones"
        )


def parse_stamp(text: str | None):
    if text is None:
        return None
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def open_bag(src: Path) -> bagit.Bag:
    """The bag at `src`, fully validated (every checksum, every manifest), or BagError."""
    try:
        bag = bagit.Bag(str(src))
        bag.validate(processes=1)
    except bagit.BagValidationError as exc:
        details = "; ".join(str(d) for d in (exc.details or [])[:10])
        raise BagError(
            f"{src} is not a valid bag: {exc.message}{': ' + details if details else ''}"
        ) from exc
    except bagit.BagError as exc:
        raise BagError(f"{src} is not a valid bag: {exc}") from exc
    for name in ("authorities.json", "collections.json", "tombstones.json"):
        if not (Path(bag.path) / "data" / name).is_file():
            raise BagError(f"{src} is a bag, but not one of this archive: data/{name} is missing")
    return bag


def _read(path: Path):
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise BagError(f"cannot read {path.name}: {exc}") from exc


def import_bag(src: Path, progress: Progress | None = None) -> ImportSummary:
    """Restore a bag into this instance; refuse it whole if invalid or in conflict."""
    bag = open_bag(Path(src))
    data = Path(bag.path) / "data"
    folders = (
        sorted(p for p in (data / "items").iterdir() if p.is_dir())
        if (data / "items").is_dir()
        else []
    )
    authorities = _read(data / "authorities.json")
    collections = _read(data / "collections.json")
    tombstones = _read(data / "tombstones.json")
    summary = ImportSummary(Path(src))
    try:
        _restore(folders, authorities, collections, tombstones, summary, progress)
    except (
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        ValidationError,
        IntegrityError,
    ) as exc:
        # a valid bag, but not of records this archive wrote: nothing was kept (one transaction)
        raise BagError(
            f"{src} holds a record this archive cannot read ({exc!r}); nothing was imported"
        ) from exc
    return summary


def _restore(folders, authorities, collections, tombstones, summary, progress) -> None:
    with transaction.atomic():
        new_items = _check(folders, authorities, collections, tombstones, summary)
        users = _Users()
        collection_pks = _restore_collections(collections, users, summary)
        authority_pks = _restore_authorities(authorities, users, summary)
        file_queue: list[tuple] = []  # small: the file entries of the records, no content
        for start in range(0, len(new_items), BATCH):
            batch = [
                _read(f / "record.json") | {"_folder": f} for f in new_items[start : start + BATCH]
            ]
            _restore_items(batch, collection_pks, authority_pks, users, summary, file_queue)
            if progress is not None:
                progress.update(len(batch))
        _restore_files(file_queue, users, summary)
        _restore_tombstones(tombstones, summary)
        ids = summary.media_file_ids
        transaction.on_commit(lambda: [derivatives.request(pk) for pk in ids], robust=True)


def _check(folders, authorities, collections, tombstones, summary: ImportSummary) -> list[Path]:
    """Compare the bag with what is here: the new item folders, or BagConflict."""
    conflicts: list[str] = []
    new: list[Path] = []
    for start in range(0, len(folders), BATCH):
        batch = {f.name: f for f in folders[start : start + BATCH]}
        here = dict(Item.objects.filter(identifier__in=batch).values_list("identifier", "pk"))
        gone = set(
            Tombstone.objects.filter(identifier__in=batch).values_list("identifier", flat=True)
        )
        current = {row.identifier: rec for row, rec in records.item_records(list(here.values()))}
        for identifier, folder in batch.items():
            if identifier in gone:
                conflicts.append(
                    f"item {identifier}: deleted here (a tombstone holds the identifier)"
                )
            elif identifier not in here:
                validate_identifier(identifier)
                new.append(folder)
            elif _same(current[identifier], _read(folder / "record.json")):
                summary.unchanged += 1
            else:
                conflicts.append(f"item {identifier}: a different item holds this identifier here")
    by_slug = {
        a["slug"]: a
        for a in records.authority_records(
            Authority.objects.filter(slug__in=[a["slug"] for a in authorities]).values_list(
                "pk", flat=True
            )
        )
    }
    for auth in authorities:
        if auth["slug"] in by_slug and not _same(by_slug[auth["slug"]], auth):
            conflicts.append(f"authority {auth['slug']}: a different record holds this slug here")
    cols = {c.slug: c for c in Collection.objects.filter(slug__in=[c["slug"] for c in collections])}
    here_cols = {c["slug"]: c for c in records.collection_records([c.pk for c in cols.values()])}
    for col in collections:
        if col["slug"] in cols and not _same(here_cols[col["slug"]], col):
            conflicts.append(
                f"collection {col['slug']}: a different collection holds this slug here"
            )
    dead = {
        t["identifier"]: t
        for t in records.tombstone_records(
            Tombstone.objects.filter(identifier__in=[t["identifier"] for t in tombstones])
        )
    }
    live = set(
        Item.objects.filter(identifier__in=[t["identifier"] for t in tombstones]).values_list(
            "identifier", flat=True
        )
    )
    for t in tombstones:
        if t["identifier"] in live:
            conflicts.append(f"tombstone {t['identifier']}: the item exists here")
        elif t["identifier"] in dead and dead[t["identifier"]] != t:
            conflicts.append(f"tombstone {t['identifier']}: a different tombstone is here")
    if conflicts:
        raise BagConflict(conflicts)
    return new


def _same(here: dict, bag: dict) -> bool:
    return json.loads(records.dumps(here)) == bag


class _Users:
    """Agents named in the bag, as accounts here: found by user name, or created inactive
    (no password, no staff status) so the history keeps its names without granting access."""

    def __init__(self) -> None:
        self.cache: dict[str, object] = {}

    def __call__(self, agent: str | None):
        if not agent or not agent.startswith("user:"):
            return None
        name = agent.removeprefix("user:")
        if name not in self.cache:
            model = get_user_model()
            user = model.objects.filter(**{model.USERNAME_FIELD: name}).first()
            if user is None:
                user = model(**{model.USERNAME_FIELD: name}, is_active=False)
                user.set_unusable_password()
                user.save()
            self.cache[name] = user
        return self.cache[name]


def _revisions(target_type: str, target_id: int, history: list[dict], users: _Users) -> list:
    return [
        Revision(
            target_type=target_type,
            target_id=target_id,
            target_label=rev["label"],
            version=rev["version"],
            action=rev["action"],
            user=users(rev["agent"]),
            created=parse_stamp(rev["created"]),
            comment=rev["comment"],
            snapshot=rev["snapshot"],
            changes=rev["changes"],
        )
        for rev in history
    ]


def _restore_collections(collections: list[dict], users: _Users, summary) -> dict[str, int]:
    pks = dict(
        Collection.objects.filter(slug__in=[c["slug"] for c in collections]).values_list(
            "slug", "pk"
        )
    )
    for col in collections:  # parents come first in the bag
        if col["slug"] in pks:
            continue
        pk = _insert(
            Collection,
            {"slug": col["slug"]},
            _stamps(col),
            parent_id=pks.get(col["parent"]) if col["parent"] else None,
            title=col["title"],
            description=col["description"],
            language=col["language"],
            is_public=col["is_public"],
        )
        Revision.objects.bulk_create(_revisions("collection", pk, col["history"], users))
        pks[col["slug"]] = pk
        summary.collections += 1
    return pks


def _insert(model, key: dict, stamps: dict | None, **fields) -> int:
    """Insert one row without model signals (a restore is not an edit) and return its id; then
    give it the recorded created/modified times, which auto_now fields overwrite on insert."""
    obj = model.objects.bulk_create([model(**key, **fields)])[0]
    pk = obj.pk if obj.pk is not None else model.objects.get(**key).pk  # no RETURNING: look up
    if stamps:
        model.objects.filter(pk=pk).update(**stamps)
    return pk


def _stamps(record: dict) -> dict:
    return {"created": parse_stamp(record["created"]), "modified": parse_stamp(record["modified"])}


def _restore_authorities(authorities: list[dict], users: _Users, summary) -> dict[str, int]:
    pks = dict(
        Authority.objects.filter(slug__in=[a["slug"] for a in authorities]).values_list(
            "slug", "pk"
        )
    )
    for auth in authorities:
        if auth["slug"] in pks:
            continue
        pk = _insert(
            Authority,
            {"slug": auth["slug"]},
            _stamps(auth),
            kind=auth["kind"],
            preferred_name=auth["preferred_name"],
            language=auth["language"],
            dates=auth["dates"],
            description=auth["description"],
            is_public=auth["is_public"],
            date_lower=parse_stamp(auth["date_lower"]),
            date_upper=parse_stamp(auth["date_upper"]),
        )
        AuthorityName.objects.bulk_create(
            AuthorityName(authority_id=pk, name=n, language=lang, position=i)
            for i, (n, lang) in enumerate(auth["names"])
        )
        AuthorityIdentifier.objects.bulk_create(
            AuthorityIdentifier(authority_id=pk, scheme=s, uri=u) for s, u in auth["identifiers"]
        )
        Revision.objects.bulk_create(_revisions("authority", pk, auth["history"], users))
        pks[auth["slug"]] = pk
        summary.authorities += 1
    return pks


ITEM_FIELDS = ("identifier", "title", "dcmi_type", "kind", "status", "visibility", "version")
ITEM_STAMPS = ("embargo_until", "created", "modified", "published_at")


def _restore_items(
    batch: list[dict], collection_pks, authority_pks, users, summary, file_queue: list
) -> None:
    Item.objects.bulk_create(
        Item(**{f: r[f] for f in ITEM_FIELDS}, **{f: parse_stamp(r[f]) for f in ITEM_STAMPS})
        for r in batch
    )
    pks = dict(
        Item.objects.filter(identifier__in=[r["identifier"] for r in batch]).values_list(
            "identifier", "pk"
        )
    )
    values, links, revisions = [], [], []
    for r in batch:
        if r["identifier"] != r["_folder"].name:
            raise ValueError(f"items/{r['_folder'].name} holds the record of {r['identifier']}")
        pk = pks[r["identifier"]]
        values += [
            MetadataValue(
                item_id=pk,
                term=v["term"],
                position=v["position"],
                value=v["value"],
                uri=v["uri"],
                language=v["language"],
                authority_id=authority_pks[v["authority"]] if v["authority"] else None,
                date_lower=parse_stamp(v["date_lower"]),
                date_upper=parse_stamp(v["date_upper"]),
            )
            for v in r["values"]
        ]
        links += [
            Item.collections.through(item_id=pk, collection_id=collection_pks[slug])
            for slug in r["collections"]
        ]
        revisions += _revisions("item", pk, r["history"], users)
        if r["bibliographic"]:
            _restore_bibliographic(pk, r["bibliographic"], authority_pks)
    MetadataValue.objects.bulk_create(values)
    Item.collections.through.objects.bulk_create(links)
    Revision.objects.bulk_create(revisions)
    for r in batch:
        for file in r["files"]:
            file_queue.append(
                (
                    file["ingested"],
                    r["identifier"],
                    file["path"],
                    pks[r["identifier"]],
                    r["_folder"],
                    file,
                )
            )
    summary.items += len(batch)
    signals.items_generated.send(
        sender=Item, item_ids=list(pks.values()), with_images=False, seed=0
    )


def _restore_bibliographic(item_id: int, bib: dict, authority_pks: dict[str, int]) -> None:
    people = bib.pop("contributors")
    record_id = _insert(BibliographicRecord, {"item_id": item_id}, None, **bib)
    positions: dict[str, int] = {}
    contributors = []
    for person in people:
        position = positions[person["role"]] = positions.get(person["role"], -1) + 1
        slug = person.pop("authority", None)
        contributors.append(
            Contributor(
                record_id=record_id,
                position=position,
                authority_id=authority_pks[slug] if slug else None,
                **person,
            )
        )
    Contributor.objects.bulk_create(contributors)


def _restore_files(file_queue: list, users: _Users, summary: ImportSummary) -> None:
    """Store and record the files in the order they were first ingested (a new version always
    after the one it replaces); on an empty instance their ids, which derivative URLs show,
    then come out as on the instance that wrote the bag."""
    made: dict[tuple[str, str], int] = {}
    for _when, identifier, path, item_id, folder, file in sorted(file_queue, key=lambda f: f[:3]):
        relpath = _store(folder / path, file, identifier)
        media = MediaFile.objects.create(
            item_id=item_id,
            original_filename=file["original_filename"],
            label=file["label"],
            position=file["position"],
            sha256=file["sha256"],
            size=file["size"],
            mime_type=file["mime_type"],
            family=file["family"],
            storage_path=relpath,
            version=file["version"],
            replaces_id=made.get((identifier, file["replaces"])),
            is_current=file["is_current"],
            created=parse_stamp(file["ingested"]),
            ingested_by=users(file["ingested_by"]),
            fixity_status=file["fixity_status"],
            fixity_checked_at=parse_stamp(file["fixity_checked_at"]),
        )
        made[(identifier, path)] = media.pk
        FixityCheck.objects.bulk_create(
            FixityCheck(media_file=media, **{**c, "checked_at": parse_stamp(c["checked_at"])})
            for c in file["fixity_checks"]
        )
        for d in file["derivations"]:
            EarlierDerivation.objects.get_or_create(
                sha256=file["sha256"],
                kind=d["kind"],
                defaults={"happened": parse_stamp(d["created"]), "outcome": d["outcome"]},
            )
        derivatives.ensure_records(media)
        summary.media_file_ids.append(media.pk)
        summary.files += 1
        summary.bytes += file["size"]


def _store(path: Path, file: dict, identifier: str) -> str:
    """Stage the bag's copy into the write-once store, checking its SHA-256 on arrival."""
    with open(path, "rb") as fh:
        staged = storage.stage(fh)
    if staged.sha256 != file["sha256"]:
        staged.path.unlink(missing_ok=True)
        raise BagError(f"{identifier}: {file['path']} does not match its recorded SHA-256")
    try:
        return storage.commit(staged)
    except (storage.StorageUnavailable, storage.WriteOnceError) as exc:
        raise BagError(f"{identifier}: {file['path']} could not be stored: {exc}") from exc


def _restore_tombstones(tombstones: list[dict], summary: ImportSummary) -> None:
    here = set(
        Tombstone.objects.filter(identifier__in=[t["identifier"] for t in tombstones]).values_list(
            "identifier", flat=True
        )
    )
    fresh = [
        Tombstone(
            identifier=t["identifier"],
            title=t["title"],
            set_specs=t["set_specs"],
            deleted=parse_stamp(t["deleted"]),
        )
        for t in tombstones
        if t["identifier"] not in here
    ]
    Tombstone.objects.bulk_create(fresh)
    summary.tombstones = len(fresh)
