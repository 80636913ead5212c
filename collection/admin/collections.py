"""Collections: the hierarchy items are grouped in (OAI-PMH sets)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Collection, Revision
from .actions import export_collections_csv
from .display import isolated
from .history import RevisionHistoryMixin


@admin.register(Collection)
class CollectionAdmin(RevisionHistoryMixin, admin.ModelAdmin):
    history_target = Revision.Target.COLLECTION
    list_display = (
        isolated("title", _("title")),
        "slug",
        isolated("parent", _("parent"), ordering="parent__title"),
        "is_public",
        "modified",
    )
    list_filter = ("is_public",)
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("parent",)
    fields = ("title", "slug", "parent", "language", "description", "is_public")
    actions = [export_collections_csv]

    def get_readonly_fields(self, request, obj=None):
        # The slug is the OAI-PMH setSpec: harvesters key on it, so it never changes.
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "slug"] if obj is not None else readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else super().get_prepopulated_fields(request, obj)
