"""Write a BagIt 1.0 bag of items: originals, records, DC and METS per item, then the shared records.

Payload layout (all under data/):

    authorities.json  collections.json  tombstones.json
    items/<identifier>/record.json | dc.xml | mets.xml | files/<position>-v<version>-<hash><.ext>

The payload is deterministic (sorted, no run-dependent values); the bag's date and size live in
bag-info.txt. Items are read in batches and originals copied in chunks, so memory stays flat.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import bagit
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from lxml import etree

from archive import storage
from collection.exports.dcxml import QDC, record_of
from collection.models import Authority, Tombstone

from . import mets, records

BATCH = 200  # items read per round of queries
CHECKSUMS = ["sha256", "sha512"]


class BagError(Exception):
    """A bag cannot be written or read; the message says why."""


class Progress(Protocol):
    def update(self, n: int = 1) -> object: ...


@dataclass
class BagSummary:
    path: Path
    items: int = 0
    files: int = 0
    bytes: int = 0  # of the originals
    authorities: int = 0
    collections: int = 0
    tombstones: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"{self.path}: {self.items} items, {self.files} files ({self.bytes} bytes of "
            f"originals), {self.authorities} authorities, {self.collections} collections, "
            f"{self.tombstones} tombstones in {self.seconds:.1f} s"
        )


def item_url(identifier: str) -> str:
    return settings.SITE_URL + reverse("portal:item", kwargs={"identifier": identifier})


def write_bag(
    items_queryset: QuerySet,
    dest: Path,
    progress: Progress | None = None,
    *,
    tombstones: Iterable[Tombstone] = (),
    external_identifier: str = "",
) -> BagSummary:
    """Write the items (and these tombstones) as one bag at `dest`, a new or empty folder."""
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BagError(f"{dest} already exists and is not an empty folder")
    started = time.monotonic()
    dest.mkdir(parents=True, exist_ok=True)
    summary = BagSummary(dest)
    try:
        _write_payload(items_queryset, dest, progress, tombstones, summary)
        bagit.make_bag(str(dest), _bag_info(summary, external_identifier), 1, CHECKSUMS)
        _declare_bagit_1_0(dest)
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)  # never leave half a bag that looks like one
        raise
    summary.seconds = time.monotonic() - started
    return summary


def _declare_bagit_1_0(dest: Path) -> None:
    """Declare BagIt 1.0 (RFC 8493) and re-hash the tag files.

    bagit-python (1.9) writes "BagIt-Version: 0.97" whatever it is asked; what it writes already
    follows RFC 8493 (UTF-8 tag files, SHA-256/512 manifests, Payload-Oxum), so only the
    declaration, and the tag manifests that cover bagit.txt, change.
    """
    (dest / "bagit.txt").write_text(
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8"
    )
    tag_files = sorted(
        p.relative_to(dest).as_posix()
        for p in dest.rglob("*")
        if p.is_file()
        and p.relative_to(dest).parts[0] != "data"
        and not p.name.startswith("tagmanifest-")
    )
    for algorithm in CHECKSUMS:
        lines = [f"{_file_digest(dest / name, algorithm)} {name}\n" for name in tag_files]
        (dest / f"tagmanifest-{algorithm}.txt").write_text("".join(lines), encoding="utf-8")


def _file_digest(path: Path, algorithm: str) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, algorithm).hexdigest()


def _write_payload(items_queryset, dest: Path, progress, tombstones, summary: BagSummary) -> None:
    ids = list(items_queryset.order_by("identifier").values_list("pk", flat=True))
    authority_ids: set[int] = set()
    collection_ids: set[int] = set()
    people: set[str] = set()  # slugs of contributors' authorities
    for start in range(0, len(ids), BATCH):
        for row, record in records.item_records(ids[start : start + BATCH]):
            _write_item(dest / "items" / row.identifier, row, record, summary)
            authority_ids.update(v.authority.pk for v in row.values if v.authority)
            people.update(records.contributor_authorities(record))
            collection_ids.update(row.collection_ids)
            summary.items += 1
            if progress is not None:
                progress.update(1)
    authority_ids.update(Authority.objects.filter(slug__in=people).values_list("pk", flat=True))
    authorities = records.authority_records(authority_ids)
    collections = records.collection_records(collection_ids)
    dead = records.tombstone_records(tombstones)
    (dest / "authorities.json").write_bytes(records.dumps(authorities))
    (dest / "collections.json").write_bytes(records.dumps(collections))
    (dest / "tombstones.json").write_bytes(records.dumps(dead))
    summary.authorities, summary.collections = len(authorities), len(collections)
    summary.tombstones = len(dead)


def _write_item(folder: Path, row, record: dict, summary: BagSummary) -> None:
    folder.mkdir(parents=True)
    dc = QDC.build(record_of(row, item_url(row.identifier)))
    dc_bytes = etree.tostring(dc, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    document = mets.build(record, dc)
    mets.validate(document)
    (folder / "record.json").write_bytes(records.dumps(record))
    (folder / "dc.xml").write_bytes(dc_bytes)
    (folder / "mets.xml").write_bytes(mets.to_bytes(document))
    for file in record["files"]:
        _copy_original(file, folder / file["path"], record["identifier"])
        summary.files += 1
        summary.bytes += file["size"]


def _copy_original(file: dict, target: Path, identifier: str) -> None:
    """Copy in chunks, hashing on the way: a damaged original must stop the export, not hide
    inside a bag whose manifest would vouch for the damage."""
    source = storage.original_relpath(file["sha256"])
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        with storage.open_original(source) as src, open(target, "wb") as out:
            for chunk in storage.chunks(src):
                digest.update(chunk)
                out.write(chunk)
    except FileNotFoundError as exc:
        raise BagError(
            f"{identifier}: the original {file['original_filename']} is missing"
        ) from exc
    except storage.StorageUnavailable as exc:
        raise BagError(
            f"{identifier}: the file store is unavailable ({exc.message}); nothing was exported"
        ) from exc
    if digest.hexdigest() != file["sha256"]:
        raise BagError(
            f"{identifier}: the original {file['original_filename']} fails its SHA-256 "
            "(run check_fixity); nothing was exported"
        )


def _bag_info(summary: BagSummary, external_identifier: str) -> dict[str, str]:
    # bagit adds Bagging-Date and Payload-Oxum itself; Bag-Size counts the originals and records
    return {
        "Source-Organization": settings.OAI_REPOSITORY_NAME,
        "External-Identifier": external_identifier or f"{settings.OAI_IDENTIFIER_NAMESPACE}:bag",
        "Bag-Size": _human(sum(f.stat().st_size for f in summary.path.rglob("*") if f.is_file())),
    }


def _human(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1000 or unit == "TB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size} B"
