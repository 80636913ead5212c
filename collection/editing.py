"""Revert: restore an item's or an authority record's description as a past revision saved it."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import history
from .models import (
    Authority,
    AuthorityIdentifier,
    AuthorityName,
    BibliographicRecord,
    Collection,
    Contributor,
    Item,
    Revision,
)
from .permissions import WORKFLOW_FIELDS, can_publish, check_item_change
from .readmodel import BIB_FIELDS
from .snapshots import (
    authority_snapshot,
    contributors_with_links,
    diff,
    has_unlinked_shape,
    item_snapshot,
    write_values,
)

# What a revert restores of an item: its description, kind, collections, workflow fields and
# bibliographic record with its contributors and their authority links. The identifier never
# changes.
ITEM_KEYS = ("dcmi_type", "kind", *WORKFLOW_FIELDS, "collections", "values", "bibliographic")
AUTHORITY_KEYS = (
    "kind",
    "slug",
    "preferred_name",
    "language",
    "dates",
    "description",
    "is_public",
    "names",
    "identifiers",
)


class RevertError(ValidationError):
    """The revision cannot be restored (a record it names is gone, the object moved on...)."""


@dataclass
class RevertPlan:
    """What restoring `revision` would change on its object: shown, then applied."""

    revision: Revision
    current: dict[str, Any]
    target: dict[str, Any]

    @property
    def changes(self) -> dict[str, list]:
        changes = diff(self.current, self.target)
        now, then = self.current.get("bibliographic"), self.target.get("bibliographic")
        if (now is None) != (then is None):  # the record itself is created or removed
            record = _("a bibliographic record")
            changes["bibliographic"] = [record if now else None, record if then else None]
        return changes

    @property
    def comment(self) -> str:
        return revert_comment(self.revision)


def revert_comment(revision: Revision) -> str:
    """'Reverted to revision N of <date> by <user>' (N: the item's version, else the record id)."""
    who = revision.user.get_username() if revision.user else _("an import or script")
    text = _("Reverted to revision %(n)s of %(date)s by %(user)s") % {
        "n": revision.version or revision.pk,
        "date": f"{revision.created:%Y-%m-%d %H:%M} UTC",
        "user": who,
    }
    return text[:300]


def plan_revert(revision: Revision) -> RevertPlan:
    """Compare the object now with the revision's snapshot; raise RevertError if impossible."""
    if revision.action == Revision.Action.DELETED or not revision.snapshot:
        raise RevertError(_("This revision records a deletion; there is nothing to restore."))
    if revision.target_type == Revision.Target.ITEM:
        current = item_snapshot(revision.target_id)
        keys = ITEM_KEYS
    elif revision.target_type == Revision.Target.AUTHORITY:
        current = authority_snapshot(revision.target_id)
        keys = AUTHORITY_KEYS
    else:
        raise RevertError(_("Only items and authority records can be reverted here."))
    if current is None:
        raise RevertError(_("The object of this revision no longer exists."))
    old = revision.snapshot
    target = {key: (old[key] if key in old else current.get(key)) for key in keys}
    if revision.target_type == Revision.Target.ITEM:
        # An item's snapshot has no "bibliographic" key when the item had no record then.
        target["bibliographic"] = _with_links(
            old.get("bibliographic"), current.get("bibliographic")
        )
    current = {key: current.get(key) for key in keys}
    return RevertPlan(revision, current, target)


def _with_links(then: dict | None, now: dict | None) -> dict | None:
    """The revision's record; if it predates contributors' links ([role, family, given]), each
    contributor takes the link of a current contributor with the same role and name, if any."""
    if not has_unlinked_shape(then):
        return then
    people = contributors_with_links(then["contributors"], (now or {}).get("contributors", []))
    return {**then, "contributors": people}


def apply_revert(plan: RevertPlan, user) -> None:
    """Write the plan through the models in one unit of work: one revision saying what it reverted.

    Checks the user's rights and every record the revision names first, so a refusal saves nothing.
    """
    check_revert(plan, user)
    item = plan.revision.target_type == Revision.Target.ITEM
    write = _write_item if item else _write_authority
    with history.changes(user=user, comment=plan.comment) as changeset:
        # Inside a request the middleware's unit of work is the one used: name the revert there.
        changeset.comment = plan.comment
        try:
            with transaction.atomic():
                write(plan.revision.target_id, plan.target)
        except RevertError:
            raise
        except ValidationError as exc:  # an old value today's rules refuse (a date, a language)
            message = _("Cannot restore this revision: %s Nothing was saved.")
            raise RevertError(message % " ".join(exc.messages)) from exc


def check_revert(plan: RevertPlan, user) -> None:
    """Raise PermissionDenied or RevertError, naming why, unless the user may apply the plan."""
    if plan.revision.target_type == Revision.Target.ITEM:
        check_item_change(user, plan.current, plan.target)
        _check_bibliographic(user, plan.current["bibliographic"], plan.target["bibliographic"])
        _check_item_references(plan.target)
    else:
        _check_authority(user, plan)


def _check_item_references(target: dict[str, Any]) -> None:
    slugs = set(target["collections"])
    found = set(Collection.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    problems = [_("collection “%s” no longer exists") % s for s in sorted(slugs - found)]
    wanted = {v[2] for values in target["values"].values() for v in values if v[2]}
    wanted |= {p[3] for p in (target["bibliographic"] or {}).get("contributors", []) if p[3]}
    have = set(Authority.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    problems += [_("authority record “%s” no longer exists") % s for s in sorted(wanted - have)]
    if problems:
        raise RevertError(
            _("Cannot restore this revision: %s. Nothing was saved.") % "; ".join(problems)
        )


def _check_bibliographic(user, now: dict | None, then: dict | None) -> None:
    """The model rights the admin asks for the same change to the record and its contributors."""
    if now == then:
        return
    needed = set()
    if now is None or then is None:
        needed.add("add_bibliographicrecord" if now is None else "delete_bibliographicrecord")
    elif {f: now[f] for f in BIB_FIELDS} != {f: then[f] for f in BIB_FIELDS}:
        needed.add("change_bibliographicrecord")
    people_now = now["contributors"] if now else []
    people_then = then["contributors"] if then else []
    if then is not None and people_now != people_then:
        kept = min(len(people_now), len(people_then))
        if people_now[:kept] != people_then[:kept]:
            needed.add("change_contributor")
        if len(people_then) > kept:
            needed.add("add_contributor")
        if len(people_now) > kept:
            needed.add("delete_contributor")
    missing = sorted(p for p in needed if not user.has_perm(f"collection.{p}"))
    if missing:
        raise PermissionDenied(
            _("You may not restore this revision's bibliographic record (needs %s).")
            % ", ".join(missing)
        )


def _write_bibliographic(
    item: Item, now: dict[str, Any] | None, target: dict[str, Any] | None
) -> None:
    """Make the item's bibliographic record and contributors read as `target` (None: no record);
    `now` is the record as the item's snapshot reads it.

    Contributors are [role, family, given, authority slug] (plan_revert gives those of older
    revisions, which did not keep links, the links of today's contributors by name); the
    authorities were checked to exist by _check_item_references.
    """
    record = BibliographicRecord.objects.filter(item=item).first()
    if target is None:
        if record is not None:
            record.delete()  # its contributors go with it (CASCADE, each a model delete)
        return
    fields = {f: target[f] for f in BIB_FIELDS}
    if record is None or any(getattr(record, f) != v for f, v in fields.items()):
        record = record or BibliographicRecord(item=item)
        for name, value in fields.items():
            setattr(record, name, value)
        record.full_clean(exclude=["item"])
        record.save()
    if now is not None and now["contributors"] == target["contributors"]:
        return
    rows = list(record.contributors.all())  # by role, position, as the snapshot lists them
    slugs = {person[3] for person in target["contributors"] if person[3]}
    authorities = Authority.objects.in_bulk(slugs, field_name="slug")
    if slugs - set(authorities):  # deleted since check_revert looked: the same refusal
        gone = [
            _("authority record “%s” no longer exists") % s
            for s in sorted(slugs - set(authorities))
        ]
        raise RevertError(
            _("Cannot restore this revision: %s. Nothing was saved.") % "; ".join(gone)
        )
    places: dict[str, int] = {}
    for index, (role, family, given, slug) in enumerate(target["contributors"]):
        wanted = {
            "role": role,
            "family": family,
            "given": given,
            "position": places.setdefault(role, 0),
            "authority_id": authorities[slug].pk if slug else None,
        }
        places[role] += 1
        row = rows[index] if index < len(rows) else Contributor(record=record)
        if row.pk is None or any(getattr(row, f) != v for f, v in wanted.items()):
            for name, value in wanted.items():
                setattr(row, name, value)
            row.full_clean(exclude=["record", "authority"])
            row.save()
    for row in rows[len(target["contributors"]) :]:
        row.delete()


def _write_item(item_id: int, target: dict[str, Any]) -> None:
    item = Item.objects.select_for_update().get(pk=item_id)
    fields = {f: target[f] for f in ("dcmi_type", "kind", *WORKFLOW_FIELDS)}
    if fields["embargo_until"]:
        fields["embargo_until"] = dt.date.fromisoformat(fields["embargo_until"])
    for name, value in fields.items():
        setattr(item, name, value)
    try:
        item.full_clean(exclude=["identifier", "title", "collections"])
    except ValidationError as exc:
        raise RevertError(_("Cannot restore this revision: %s") % " ".join(exc.messages)) from exc
    item.save()
    current = sorted(item.collections.values_list("slug", flat=True))
    if current != sorted(target["collections"]):
        item.collections.set(Collection.objects.filter(slug__in=target["collections"]))
    now = item_snapshot(item_id) or {}
    for term in sorted(set(now.get("values", {})) | set(target["values"])):
        wanted = target["values"].get(term, [])
        if now.get("values", {}).get(term, []) != wanted:
            write_values(item, term, wanted)
    if now.get("bibliographic") != target["bibliographic"]:
        _write_bibliographic(item, now.get("bibliographic"), target["bibliographic"])


def _check_authority(user, plan: RevertPlan) -> None:
    if not (user and user.is_active and user.has_perm("collection.change_authority")):
        raise PermissionDenied(_("You may not change authority records."))
    if plan.current["is_public"] != plan.target["is_public"] and not can_publish(user):
        raise PermissionDenied(_("Only curators may change is_public."))
    taken = Authority.objects.filter(slug=plan.target["slug"]).exclude(pk=plan.revision.target_id)
    if taken.exists():
        raise RevertError(
            _("Cannot restore this revision: another authority record now has the slug “%s”.")
            % plan.target["slug"]
        )


def _write_authority(authority_id: int, target: dict[str, Any]) -> None:
    auth = Authority.objects.select_for_update().get(pk=authority_id)
    for name in ("kind", "slug", "preferred_name", "language", "dates", "description", "is_public"):
        setattr(auth, name, target[name])
    auth.save()
    if [[n.name, n.language] for n in auth.names.all()] != target["names"]:
        auth.names.all().delete()
        for position, (name, language) in enumerate(target["names"]):
            AuthorityName.objects.create(
                authority=auth, name=name, language=language, position=position
            )
    if [[i.scheme, i.uri] for i in auth.identifiers.all()] != target["identifiers"]:
        auth.identifiers.all().delete()
        for scheme, uri in target["identifiers"]:
            AuthorityIdentifier.objects.create(authority=auth, scheme=scheme, uri=uri)
