"""Permission rules shared by everything edited as part of an item (values, bibliography)."""

from ..models import Item
from ..permissions import can_edit_item


class ItemPartInlineMixin:
    """An inline on an item (or its record) is editable only when the item is."""

    def _item(self, obj) -> Item | None:
        return obj if isinstance(obj, Item) or obj is None else obj.item

    def has_add_permission(self, request, obj=None) -> bool:
        item = self._item(obj)
        return super().has_add_permission(request, obj) and (
            item is None or can_edit_item(request.user, item)
        )

    def has_change_permission(self, request, obj=None) -> bool:
        item = self._item(obj)
        return super().has_change_permission(request, obj) and (
            item is None or can_edit_item(request.user, item)
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        item = self._item(obj)
        return super().has_delete_permission(request, obj) and (
            item is None or can_edit_item(request.user, item)
        )


class LookupOnlyAdmin:
    """Registered so autocomplete may start from this model; hidden and read-only otherwise."""

    def get_model_perms(self, request) -> dict:
        return {}

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
