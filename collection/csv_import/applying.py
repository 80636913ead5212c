"""Write planned rows to the catalogue, touching only what differs, and prove the result."""

import datetime as dt

from django.db import transaction

from ..models import Collection, Item
from ..snapshots import item_snapshot, write_values
from .diffing import UNCHANGED, RowPlan
from .problems import Problem

ITEM_FIELDS = ("dcmi_type", "kind", "status", "visibility", "embargo_until")


class Mismatch(Exception):
    """The saved item differs from its plan: something changed it meanwhile."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def apply_plan(plan: RowPlan) -> str:
    """Save one planned row; return the item's identifier. Run inside history.changes()."""
    if plan.state == UNCHANGED:
        return plan.identifier
    old = plan.old or {}
    item = _save_item(plan)
    if old.get("collections") != plan.new["collections"]:
        item.collections.set(Collection.objects.filter(slug__in=plan.new["collections"]))
    for term in sorted(set(old.get("values", {})) | set(plan.new["values"])):
        wanted = plan.new["values"].get(term, [])
        if old.get("values", {}).get(term, []) != wanted:
            write_values(item, term, wanted)
    _verify(plan, item)
    return item.identifier


def _save_item(plan: RowPlan) -> Item:
    if plan.item_id is None:
        item = Item(**({"identifier": plan.identifier} if plan.identifier else {}))
    else:
        item = Item.objects.select_for_update().get(pk=plan.item_id)
    fields = {f: plan.new[f] for f in ITEM_FIELDS}
    if fields["embargo_until"]:
        fields["embargo_until"] = dt.date.fromisoformat(fields["embargo_until"])
    changed = [f for f, v in fields.items() if getattr(item, f) != v]
    for name, value in fields.items():
        setattr(item, name, value)
    if plan.item_id is None or changed:
        item.save()
    return item


def _verify(plan: RowPlan, item: Item) -> None:
    # The preview promised this snapshot; anything else (a concurrent edit) must not commit.
    saved = item_snapshot(item.pk)
    expected = dict(plan.new, identifier=item.identifier)
    if saved != expected:
        raise Mismatch(Problem(plan.row, "", "the item changed while importing; nothing was saved"))


def apply_all(plans: list[RowPlan], progress) -> list[str]:
    """Save every plan in one transaction (the caller's history.changes() makes it atomic)."""
    with transaction.atomic():
        return [apply_plan(plan) for plan in progress(plans)]
