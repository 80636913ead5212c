"""Bulk actions on items; each checks the user's rights itself and leaves a revision per item."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import csv_export, history
from ..models import Item
from ..permissions import can_publish
from .bulk import move_items


@admin.action(description=_("Publish selected items"), permissions=["publish"])
def publish_items(modeladmin, request, queryset: QuerySet) -> None:
    _set_status(modeladmin, request, queryset, Item.Status.PUBLISHED)


@admin.action(description=_("Withdraw selected items"), permissions=["publish"])
def withdraw_items(modeladmin, request, queryset: QuerySet) -> None:
    _set_status(modeladmin, request, queryset, Item.Status.WITHDRAWN)


def _set_status(modeladmin, request, queryset: QuerySet, status: str) -> None:
    if not can_publish(request.user):
        raise PermissionDenied("Only curators may publish or withdraw items.")
    items = [item for item in queryset.order_by("pk") if item.status != status]
    problems = _invalid(items, status)
    if problems:
        modeladmin.message_user(
            request, _("Nothing changed: ") + "; ".join(problems), messages.ERROR
        )
        return
    with history.changes(user=request.user, comment=f"bulk action: {status}") as changeset:
        changeset.comment = changeset.comment or f"bulk action: {status}"
        for item in Item.objects.select_for_update().filter(pk__in=[i.pk for i in items]):
            item.status = status
            item.save(update_fields=["status", "published_at"])
    modeladmin.message_user(
        request, _("%(n)d item(s) now %(status)s.") % {"n": len(items), "status": status}
    )


def _invalid(items: list[Item], status: str) -> list[str]:
    """Check every item first, so a bad one stops the whole action before anything is written."""
    problems = []
    for item in items:
        item.status = status
        try:
            item.clean()
        except ValidationError as exc:
            problems.append(f"{item.identifier}: {' '.join(exc.messages)}")
    return problems


@admin.action(description=_("Move selected items to a collection"), permissions=["change"])
def move_to_collection(modeladmin, request, queryset: QuerySet):
    return move_items(modeladmin, request, queryset)


@admin.action(description=_("Export selected items as CSV"), permissions=["view"])
def export_items_csv(modeladmin, request, queryset: QuerySet) -> StreamingHttpResponse:
    return csv_response(queryset, "items")


@admin.action(
    description=_("Export the items of selected collections as CSV"), permissions=["view"]
)
def export_collections_csv(modeladmin, request, queryset: QuerySet) -> StreamingHttpResponse:
    items = csv_export.in_collections(queryset.values_list("pk", flat=True))
    slugs = list(queryset.order_by("slug").values_list("slug", flat=True)[:3])
    return csv_response(items, "-".join(slugs) if len(slugs) < 3 else "collections")


def csv_response(items: QuerySet, name: str) -> StreamingHttpResponse:
    """Stream the items as import-ready CSV, row by row: no copy of the file is held."""
    response = StreamingHttpResponse(
        csv_export.stream(items), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response
