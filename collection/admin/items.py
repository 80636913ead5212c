"""Items: Dublin Core values inline in order, workflow fields guarded, bulk actions, CSV import."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from ..models import BibliographicRecord, Item, MetadataValue, Revision
from ..permissions import WORKFLOW_FIELDS, can_edit_item, can_publish, check_item_change
from .actions import move_to_collection, publish_items, withdraw_items
from .csv_import import CsvImportMixin
from .history import RevisionHistoryMixin
from .parts import ItemPartInlineMixin, LookupOnlyAdmin


class MetadataValueInline(ItemPartInlineMixin, admin.TabularInline):
    model = MetadataValue
    fields = ("term", "position", "value", "uri", "authority", "language")
    ordering = ("term", "position", "id")
    autocomplete_fields = ("authority",)
    extra = 1


class BibliographicRecordInline(ItemPartInlineMixin, admin.StackedInline):
    model = BibliographicRecord
    # Contributors live on the record's own page: the admin has no nested inlines.
    show_change_link = True
    fields = ("type", "title", "subtitle", "container_title", "publisher", "place", "year")
    extra = 0


@admin.register(MetadataValue)
class MetadataValueAdmin(LookupOnlyAdmin, admin.ModelAdmin):
    list_display = ("item", "term", "position", "value", "language")
    search_fields = ("value",)


@admin.register(Item)
class ItemAdmin(CsvImportMixin, RevisionHistoryMixin, admin.ModelAdmin):
    history_target = Revision.Target.ITEM
    list_display = ("identifier", "title", "dcmi_type", "kind", "status", "visibility", "modified")
    list_filter = (
        "collections",
        "dcmi_type",
        "kind",
        "status",
        "visibility",
        ("values__language", admin.AllValuesFieldListFilter),
    )
    search_fields = ("identifier", "title", "values__value")
    autocomplete_fields = ("collections",)
    readonly_fields = ("title", "version", "created", "modified", "published_at")
    fieldsets = [
        (None, {"fields": ("identifier", "title", "dcmi_type", "kind", "collections")}),
        (_("Workflow"), {"fields": ("status", "visibility", "embargo_until", "published_at")}),
        (_("Record"), {"fields": ("version", "created", "modified")}),
    ]
    inlines = [MetadataValueInline, BibliographicRecordInline]
    actions = [publish_items, withdraw_items, move_to_collection]

    def get_readonly_fields(self, request, obj=None) -> tuple:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ("identifier",)  # identifiers never change once issued
        if not can_publish(request.user):
            fields += WORKFLOW_FIELDS
        return fields

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit_item(request.user, obj))

    def has_publish_permission(self, request) -> bool:
        return can_publish(request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Those fields are read-only for this user, so only a forged form can send them.
        if request.method == "POST" and not can_publish(request.user):
            sent = [f for f in WORKFLOW_FIELDS if f in request.POST]
            if sent:
                raise PermissionDenied(f"Only curators may change {', '.join(sent)}.")
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj: Item, form, change: bool) -> None:
        old = Item.objects.filter(pk=obj.pk).first() if change else None
        check_item_change(request.user, old, {f: getattr(obj, f) for f in WORKFLOW_FIELDS})
        super().save_model(request, obj, form, change)
