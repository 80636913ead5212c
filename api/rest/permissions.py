"""Who may read and write through the API: the admin's model permissions and workflow rules."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly

from collection import permissions as rules


def is_staff_reader(user, model: str = "item") -> bool:
    """True when the user may see unpublished records (drafts, private, embargoed)."""
    return bool(user and user.is_authenticated and user.has_perm(f"collection.view_{model}"))


class CataloguePermission(DjangoModelPermissionsOrAnonReadOnly):
    """Reads for anyone (visibility is the queryset's job); writes need what the admin needs:
    an active staff account in a cataloguing role, and the model permission."""

    message = "Writing needs an active staff account in the cataloguer or curator group."

    def has_permission(self, request, view) -> bool:
        if request.method not in SAFE_METHODS and not rules.is_cataloguing_staff(request.user):
            return False
        return super().has_permission(request, view)


class ItemPermission(CataloguePermission):
    """Editing an item needs `collection.permissions.can_edit_item`: cataloguers, drafts only."""

    message = "Only curators may edit an item that is no longer a draft."

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if request.method == "DELETE":
            return True  # the model permission (curators) was checked in has_permission
        return rules.can_edit_item(request.user, obj)
