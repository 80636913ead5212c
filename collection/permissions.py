"""Who may do what to an item: the rules behind the admin, the CSV import and the REST API.

Cataloguers create and edit drafts; only holders of `collection.publish_item` (curators and
superusers) move an item out of draft, change its visibility or embargo, or edit it once it is
no longer a draft. Every writer checks these here, so hiding a button is never the only guard.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied

from .models import Item

PUBLISH_PERMISSION = "collection.publish_item"
# Item fields that decide whether and when the public sees an item.
WORKFLOW_FIELDS = ("status", "visibility", "embargo_until")
# What a new item gets when its creator may not choose.
WORKFLOW_DEFAULTS = {
    "status": Item.Status.DRAFT,
    "visibility": Item.Visibility.PUBLIC,
    "embargo_until": None,
}


# The groups whose members catalogue (collection.roles creates them).
CATALOGUING_GROUPS = ("cataloguer", "curator")


def is_cataloguing_staff(user) -> bool:
    """True for who may write to the catalogue by any door: what the admin login needs (an
    active staff account) and a cataloguing role (or superuser). REST writes check this too, so a
    token cannot do what the account could not do in the admin."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name__in=CATALOGUING_GROUPS).exists()


def can_publish(user) -> bool:
    """True when the user may publish, withdraw and change visibility or embargo."""
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def can_edit_item(user, item: Item | None = None) -> bool:
    """True when the user may change this item (or items in general when `item` is None)."""
    if not (user and user.is_active and user.has_perm("collection.change_item")):
        return False
    return item is None or item.status == Item.Status.DRAFT or can_publish(user)


def can_add_item(user) -> bool:
    return bool(user and user.is_active and user.has_perm("collection.add_item"))


def workflow_of(item: Item | Mapping[str, Any] | None) -> dict[str, Any]:
    """Return the workflow fields of an item, a snapshot-like mapping, or the defaults (None)."""
    if item is None:
        return dict(WORKFLOW_DEFAULTS)
    get = item.get if isinstance(item, Mapping) else lambda f: getattr(item, f)
    return {field: get(field) for field in WORKFLOW_FIELDS}


def forbidden_changes(user, old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[str]:
    """Return the workflow fields the user would change without the right to (old None: new item).

    Dates may be given as date objects or ISO strings; both compare by their ISO text.
    """
    if can_publish(user):
        return []
    before = workflow_of(old)
    return [f for f in WORKFLOW_FIELDS if f in new and not _same(before[f], new[f])]


def check_item_change(user, old: Item | Mapping[str, Any] | None, new: Mapping[str, Any]) -> None:
    """Raise PermissionDenied, naming the reason, unless the user may make this change."""
    if old is None:
        if not can_add_item(user):
            raise PermissionDenied("You may not create items.")
    else:
        status = old.get("status") if isinstance(old, Mapping) else old.status
        if not (user and user.has_perm("collection.change_item")):
            raise PermissionDenied("You may not change items.")
        if status != Item.Status.DRAFT and not can_publish(user):
            raise PermissionDenied(f"Only curators may edit an item that is {status}.")
    fields = forbidden_changes(user, None if old is None else workflow_of(old), new)
    if fields:
        raise PermissionDenied(f"Only curators may change {', '.join(fields)}.")


def _same(a: Any, b: Any) -> bool:
    return _iso(a) == _iso(b)


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else (value or None)
