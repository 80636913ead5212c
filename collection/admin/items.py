"""Items: Dublin Core values inline in order, workflow fields guarded, bulk actions, CSV import."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _

from ..models import BibliographicRecord, Item, MetadataValue, Revision
from ..permissions import WORKFLOW_FIELDS, can_edit_item, can_publish, check_item_change
from . import editor_templates  # noqa: F401  (registers the description templates)
from .actions import export_items_csv, move_to_collection, publish_items, withdraw_items
from .bulk import add_value, remove_value, replace_value
from .csv_import import CsvImportMixin
from .display import isolated
from .editor import ValueInline, warn_recommended
from .history import RevisionHistoryMixin
from .paging import EstimatedCountPaginator
from .parts import ItemPartInlineMixin, LookupOnlyAdmin


class ItemForm(forms.ModelForm):
    """The item form, remembering the version it was shown at."""

    # Saving refuses when the item moved on since (another tab, the API, a CSV import).
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self) -> dict:
        cleaned = super().clean()
        seen = cleaned.get("seen_version")
        if self.instance.pk and seen is not None:
            current = Item.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            if current.first() != seen:
                raise forms.ValidationError(stale_message(self.instance.pk, seen))
        return cleaned


def stale_message(item_id: int, seen: int) -> str:
    """Say who changed the item since version `seen`, so the cataloguer knows what to redo."""
    later = Revision.objects.filter(
        target_type=Revision.Target.ITEM, target_id=item_id, version__gt=seen
    ).select_related("user")
    changes = [
        f"version {r.version} by {r.user or _('an import or script')} "
        f"at {r.created:%Y-%m-%d %H:%M} UTC ({', '.join(r.changes) or r.action})"
        for r in later.order_by("version")
    ]
    return _(
        "This item was changed after you opened it (you started from version %(seen)s): "
        "%(changes)s. Nothing was saved. Open the item again and redo your edits."
    ) % {"seen": seen, "changes": "; ".join(changes) or _("it was deleted or replaced")}


class BibliographicRecordInline(ItemPartInlineMixin, admin.StackedInline):
    model = BibliographicRecord
    # Contributors live on the record's own page: the admin has no nested inlines.
    show_change_link = True
    fields = ("type", "title", "subtitle", "container_title", "publisher", "place", "year")
    extra = 0


# Words shorter than this match identifiers and titles only: a substring of one or two letters
# of every value of every item is no search a trigram index can answer, only a full scan.
MIN_VALUE_WORD = 3


def search_items(queryset: QuerySet, search_term: str) -> QuerySet:
    """Items whose identifier, title or any value contains every word (case-insensitive).

    What the stock admin search over ("identifier", "title", "values__value") finds, written as
    `pk IN (items matching UNION values matching)` per word, so PostgreSQL answers each side from
    its trigram index (migration 0006) instead of walking every item and probing its values.
    """
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1] and len(bit) > 1:
            bit = unescape_string_literal(bit)
        if not bit:
            continue
        matching = Item.objects.filter(Q(identifier__icontains=bit) | Q(title__icontains=bit))
        matching = matching.order_by().values("pk")
        if len(bit) >= MIN_VALUE_WORD:
            values = MetadataValue.objects.filter(value__icontains=bit).order_by()
            matching = matching.union(values.values("item_id"))
        queryset = queryset.filter(pk__in=matching)
    return queryset


def distinct_languages() -> list[str]:
    """Every language tag of any value, read by skipping through the language index.

    A recursive query that asks for the next larger tag each step (a "loose index scan"): a
    few index probes, where SELECT DISTINCT would read every value of every item.
    """
    table = MetadataValue._meta.db_table
    sql = f"""
        WITH RECURSIVE tags(language) AS (
            SELECT MIN(language) FROM {table}
            UNION ALL
            SELECT (SELECT MIN(language) FROM {table} WHERE language > tags.language)
            FROM tags WHERE tags.language IS NOT NULL
        )
        SELECT language FROM tags WHERE language IS NOT NULL
    """  # noqa: S608 — the table name is the model's own, nothing from the request
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


class ValueLanguageFilter(admin.SimpleListFilter):
    """Items with a value in this language: choices from the language index, and the filter as
    `pk IN (values in that language)`, so the changelist needs no DISTINCT over the join (the
    stock filter on values__language makes Django add one, which sorts every match)."""

    title = _("language of a value")
    parameter_name = "values__language"  # the stock filter's parameter: old links keep working

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [(tag, tag or _("(no language)")) for tag in distinct_languages()]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        tag = self.value()
        if tag is None:
            return queryset
        return queryset.filter(pk__in=MetadataValue.objects.filter(language=tag).values("item_id"))


@admin.register(MetadataValue)
class MetadataValueAdmin(LookupOnlyAdmin, admin.ModelAdmin):
    list_display = ("item", "term", "position", "value", "language")
    search_fields = ("value",)


@admin.register(Item)
class ItemAdmin(CsvImportMixin, RevisionHistoryMixin, admin.ModelAdmin):
    history_target = Revision.Target.ITEM
    form = ItemForm
    list_display = (
        "identifier",
        isolated("title", _("title")),
        "dcmi_type",
        "kind",
        "status",
        "visibility",
        "modified",
    )
    list_filter = (
        "collections",
        "dcmi_type",
        "kind",
        "status",
        "visibility",
        ValueLanguageFilter,
    )
    search_fields = ("identifier", "title", "values__value")  # see get_search_results
    # No COUNT(*) of every item per page view: the paginator counts up to a bound, then
    # estimates (collection/admin/paging.py); "Show all" replaces the full total.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    autocomplete_fields = ("collections",)
    readonly_fields = ("version", "created", "modified", "published_at")
    fieldsets = [
        (None, {"fields": ("identifier", "dcmi_type", "kind", "collections")}),
        (_("Workflow"), {"fields": ("status", "visibility", "embargo_until", "published_at")}),
        (_("Record"), {"fields": ("version", "created", "modified")}),
    ]
    inlines = [ValueInline, BibliographicRecordInline]
    actions = [publish_items, withdraw_items, move_to_collection, export_items_csv]
    actions += [add_value, replace_value, remove_value]

    def get_search_results(self, request, queryset: QuerySet, search_term: str):
        return search_items(queryset, search_term), False

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

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        warn_recommended(request, form.instance)

    def save_model(self, request, obj: Item, form, change: bool) -> None:
        old = Item.objects.filter(pk=obj.pk).first() if change else None
        check_item_change(request.user, old, {f: getattr(obj, f) for f in WORKFLOW_FIELDS})
        super().save_model(request, obj, form, change)
