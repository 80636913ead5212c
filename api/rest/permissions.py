"""Who may read and write through the API: the admin's model permissions and workflow rules."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly

from collection import permissions as rules


def is_staff_reader(user, model: str = "item") -> bool:
    """True when the user may see unpublished records (drafts, private, embargoed)."""
    return bool(user and user.is_authenticated and user.has_perm(f"collection.view_{model}"))


class CataloguePermission(DjangoModelPermissionsOrAnonReadOnly):
    """Reads for anyone (visibility is the queryset's job); writes need the model permission."""


class ItemPermission(CataloguePermission):
    """Editing an item needs `collection.permissions.can_edit_item`: cataloguers, drafts only."""

    message = "Only curators may edit an item that is no longer a draft."

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if request.method == "DELETE":
            return True  # the model permission (curators) was checked in has_permission
        return rules.can_edit_item(request.user, obj)
