"""The JSON records a bag carries: items with files and history, authorities, collections, tombstones.

Built from the catalogue's read model and snapshots (collection.readmodel, collection.snapshots)
and the archive's tables; no database ids appear in them, only identifiers, slugs and paths in the
bag, so the same holdings give the same bytes on any instance.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from archive.models import Derivative, FixityCheck, MediaFile
from collection import readmodel, snapshots
from collection.dublin_core import PROPERTIES
from collection.models import Authority, Collection, Contributor, Revision, Tombstone

from .models import EarlierDerivation

SYSTEM_AGENT = "archive"  # the software itself: fixity checks, derivatives, unattributed edits
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,10}$")


def stamp(value: dt.datetime | dt.date | None) -> str | None:
    """ISO 8601, datetimes in UTC, so the text does not depend on the instance's time zone."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    return value.isoformat()


def dumps(data: Any) -> bytes:
    """The one JSON encoding of the bag: sorted keys, UTF-8, one line and a final newline (an
    indented dump goes through json's pure-Python encoder, which took half an export's time)."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n").encode()


def file_path(position: int, version: int, sha256: str, original_filename: str) -> str:
    """A safe name on disk: position, version, hash prefix and a plain suffix; never user text."""
    suffix = PurePosixPath(original_filename).suffix.lower()
    suffix = suffix if _SUFFIX.match(suffix) else ""
    return f"files/{position:04d}-v{version}-{sha256[:16]}{suffix}"


def agent_of(user) -> str:
    return f"user:{user.username}" if user is not None else SYSTEM_AGENT


def history(target_type: str, ids: Iterable[int]) -> dict[int, list[dict]]:
    """Every revision of these objects, oldest first, with the user who made it."""
    found: dict[int, list[dict]] = {pk: [] for pk in ids}
    revisions = (
        Revision.objects.filter(target_type=target_type, target_id__in=list(found))
        .select_related("user")
        .order_by("created", "id")
    )
    for rev in revisions:
        found[rev.target_id].append(
            {
                "version": rev.version,
                "action": rev.action,
                "created": stamp(rev.created),
                "agent": agent_of(rev.user),
                "label": rev.target_label,
                "comment": rev.comment,
                "snapshot": rev.snapshot,
                "changes": rev.changes,
            }
        )
    return found


def item_records(item_ids: list[int]) -> list[tuple[readmodel.ItemRows, dict]]:
    """The full record of each item (ordered by identifier), in a fixed number of queries."""
    rows = readmodel.load(item_ids, public=False, names=True, uris=True)
    files = _files(item_ids)
    revisions = history(Revision.Target.ITEM, item_ids)
    people: dict[int, list[str | None]] = {}
    # the read model leaves out a contributor's authority; read it in the read model's order
    for item_id, slug in (
        Contributor.objects.filter(record__item_id__in=item_ids)
        .order_by("record_id", "role", "position", "id")
        .values_list("record__item_id", "authority__slug")
    ):
        people.setdefault(item_id, []).append(slug)
    out = []
    for row in sorted(rows.values(), key=lambda r: r.identifier):
        record = {
            "identifier": row.identifier,
            "title": row.title,
            "dcmi_type": row.dcmi_type,
            "kind": row.kind,
            "status": row.status,
            "visibility": row.visibility,
            "embargo_until": stamp(row.embargo_until),
            "created": stamp(row.created),
            "modified": stamp(row.modified),
            "published_at": stamp(row.published_at),
            "version": row.version,
            "collections": sorted(row.collection_slugs),
            "values": [_value(v) for v in row.values],
            "bibliographic": _bibliographic(row, people.get(row.pk, [])),
            "files": files.get(row.pk, []),
            "history": revisions[row.pk],
        }
        out.append((row, record))
    return out


def _bibliographic(row: readmodel.ItemRows, authorities: list[str | None]) -> dict | None:
    if row.bibliographic is None:
        return None
    data = row.bibliographic.as_dict()
    for person, slug in zip(data["contributors"], authorities, strict=True):
        person["authority"] = slug
    return data


def contributor_authorities(record: dict) -> set[str]:
    """Slugs of the authorities the record's bibliographic contributors are linked to."""
    people = (record["bibliographic"] or {}).get("contributors", [])
    return {p["authority"] for p in people if p.get("authority")}


def _value(v: readmodel.ValueRow) -> dict:
    prop = PROPERTIES.get(v.term)
    return {
        "term": v.term,
        "term_uri": prop.uri if prop else "",
        "position": v.position,
        "value": v.value,
        "language": v.language,
        "uri": v.uri,
        "authority": v.authority.slug if v.authority else None,
        "date_lower": stamp(v.date_lower),
        "date_upper": stamp(v.date_upper),
    }


def _files(item_ids: list[int]) -> dict[int, list[dict]]:
    """Every version of every file of these items, with fixity checks and derivative events."""
    media = list(
        MediaFile.objects.filter(item_id__in=item_ids)
        .select_related("ingested_by")
        .order_by("item_id", "position", "version", "id")
    )
    paths = {m.pk: file_path(m.position, m.version, m.sha256, m.original_filename) for m in media}
    checks: dict[int, list[dict]] = {m.pk: [] for m in media}
    for c in FixityCheck.objects.filter(media_file_id__in=paths).order_by("checked_at", "id"):
        checks[c.media_file_id].append(
            {
                "checked_at": stamp(c.checked_at),
                "result": c.result,
                "expected_sha256": c.expected_sha256,
                "actual_sha256": c.actual_sha256,
                "actual_size": c.actual_size,
                "message": c.message,
            }
        )
    derivations = _derivations(media)
    out: dict[int, list[dict]] = {}
    for m in media:
        out.setdefault(m.item_id, []).append(
            {
                "path": paths[m.pk],
                "original_filename": m.original_filename,
                "label": m.label,
                "position": m.position,
                "version": m.version,
                "replaces": paths.get(m.replaces_id) if m.replaces_id else None,
                "is_current": m.is_current,
                "sha256": m.sha256,
                "size": m.size,
                "mime_type": m.mime_type,
                "family": m.family,
                "ingested": stamp(m.created),
                "ingested_by": agent_of(m.ingested_by),
                "fixity_status": m.fixity_status,
                "fixity_checked_at": stamp(m.fixity_checked_at),
                "fixity_checks": checks[m.pk],
                "derivations": derivations.get(m.pk, []),
            }
        )
    return out


def _derivations(media: list[MediaFile]) -> dict[int, list[dict]]:
    """Finished derivative creations per file; an earlier instance's record (from an imported
    bag) wins over the remake of the same kind from the same bytes here."""
    earlier = {
        (e.sha256, e.kind): e
        for e in EarlierDerivation.objects.filter(sha256__in={m.sha256 for m in media})
    }
    sha_of = {m.pk: m.sha256 for m in media}
    finished = (Derivative.Status.DONE, Derivative.Status.FAILED)
    out: dict[int, list[dict]] = {}
    for d in Derivative.objects.filter(media_file_id__in=sha_of, status__in=finished).order_by(
        "media_file_id", "kind"
    ):
        before = earlier.get((sha_of[d.media_file_id], d.kind))
        happened, outcome = (
            (before.happened, before.outcome) if before else (d.finished_at, d.status)
        )
        out.setdefault(d.media_file_id, []).append(
            {"kind": d.kind, "created": stamp(happened), "outcome": outcome}
        )
    return out


def authority_records(ids: Iterable[int]) -> list[dict]:
    """The authority records, sorted by slug: collection.snapshots.authority_snapshot's fields
    (read in bulk here: hundreds of authorities, three queries each, were most of an export),
    with their dates' bounds and history."""
    ids = sorted(set(ids))
    revisions = history(Revision.Target.AUTHORITY, ids)
    found = Authority.objects.filter(pk__in=ids).prefetch_related("names", "identifiers")
    out = []
    for auth in found.order_by("slug"):
        record = snapshots.authority_data(auth)
        record["identifiers"] = sorted(record["identifiers"])
        record |= {
            "date_lower": stamp(auth.date_lower),
            "date_upper": stamp(auth.date_upper),
            "created": stamp(auth.created),
            "modified": stamp(auth.modified),
            "history": revisions[auth.pk],
        }
        out.append(record)
    return out


def collection_records(ids: Iterable[int]) -> list[dict]:
    """These collections and all their ancestors, parents before children, with visibility."""
    parents = dict(Collection.objects.values_list("pk", "parent_id"))
    wanted: set[int] = set()
    for pk in ids:
        while pk is not None and pk not in wanted:
            wanted.add(pk)
            pk = parents.get(pk)
    revisions = history(Revision.Target.COLLECTION, wanted)
    depth = {pk: _depth(pk, parents) for pk in wanted}
    out = []
    for col in sorted(
        Collection.objects.filter(pk__in=wanted), key=lambda c: (depth[c.pk], c.slug)
    ):
        record = snapshots.collection_snapshot(col.pk)
        record.update(
            created=stamp(col.created), modified=stamp(col.modified), history=revisions[col.pk]
        )
        out.append(record)
    return out


def _depth(pk: int, parents: dict[int, int | None]) -> int:
    depth = 0
    while parents.get(pk) is not None:
        pk, depth = parents[pk], depth + 1
    return depth


def tombstone_records(tombstones: Iterable[Tombstone]) -> list[dict]:
    return [
        {
            "identifier": t.identifier,
            "title": t.title,
            "set_specs": sorted(t.set_specs),
            "deleted": stamp(t.deleted),
        }
        for t in sorted(tombstones, key=lambda t: t.identifier)
    ]
