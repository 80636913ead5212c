"""Bibliographic records, each with its contributors; linked from the item's page."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from ..models import BibliographicRecord, Contributor
from ..permissions import can_edit_item
from .display import isolated
from .parts import ItemPartInlineMixin, LookupOnlyAdmin


class ContributorInline(ItemPartInlineMixin, admin.TabularInline):
    model = Contributor
    fields = ("role", "position", "family", "given", "authority")
    autocomplete_fields = ("authority",)
    extra = 1


@admin.register(Contributor)
class ContributorAdmin(LookupOnlyAdmin, admin.ModelAdmin):
    search_fields = ("family", "given")


@admin.register(BibliographicRecord)
class BibliographicRecordAdmin(admin.ModelAdmin):
    list_display = (isolated("title", _("title")), "item", "type", "year", "publisher")
    list_filter = ("type",)
    search_fields = ("title", "item__identifier", "contributors__family")
    autocomplete_fields = ("item",)
    inlines = [ContributorInline]

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit_item(request.user, obj.item))

    def has_delete_permission(self, request, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_edit_item(request.user, obj.item))

    def save_model(self, request, obj: BibliographicRecord, form, change: bool) -> None:
        old = BibliographicRecord.objects.filter(pk=obj.pk).select_related("item").first()
        for item in {obj.item, *([old.item] if old else [])}:
            if not can_edit_item(request.user, item):
                raise PermissionDenied(f"You may not edit item {item.identifier}.")
        super().save_model(request, obj, form, change)
