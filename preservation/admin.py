"""Bag exports in the admin: curators download items or collections as a zipped bag; the log."""

import shutil
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import collection.admin  # noqa: F401  (registers the item and collection admins we add to)
from collection.models import Collection, Item
from collection.permissions import can_publish

from .bags import BagError, write_bag
from .models import BagExport
from .selection import Selection, SelectionError
from .zipped import ZipStream

# A bag whose download never started is not removed by the stream; the next export sweeps it.
STALE_SECONDS = 24 * 3600


def work_dir() -> Path:
    """Where bags wait, unzipped, while they are streamed; each is removed once sent."""
    folder = Path(settings.DATA_DIR) / "bag-exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sweep_stale(now: float | None = None) -> None:
    cutoff = (now or time.time()) - STALE_SECONDS
    for folder in work_dir().iterdir():
        if folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


@admin.action(description=_("Export selected items as a bag (zip)"), permissions=["publish"])
def export_items_bag(modeladmin, request: HttpRequest, queryset: QuerySet):
    identifiers = sorted(queryset.values_list("identifier", flat=True))
    return bag_response(modeladmin, request, {"items": identifiers})


# Collections have no "publish" permission of their own: "change" hides the action from
# cataloguers, and bag_response checks the curator's right itself.
@admin.action(description=_("Export selected collections as a bag (zip)"), permissions=["change"])
def export_collections_bag(modeladmin, request: HttpRequest, queryset: QuerySet):
    slugs = sorted(queryset.values_list("slug", flat=True))
    return bag_response(modeladmin, request, {"collections": slugs})


def bag_response(modeladmin, request: HttpRequest, chosen: dict[str, list[str]]):
    """Write the bag to a work folder, then stream it as a zip and record the export."""
    if not can_publish(request.user):
        raise PermissionDenied("Only curators may export bags.")
    try:
        selection = Selection.of(
            collections=chosen.get("collections", ()), identifiers=chosen.get("items", ())
        )
    except SelectionError as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return None
    sweep_stale()
    items = selection.items()
    name = f"bag-{timezone.now():%Y%m%d-%H%M%S}"
    export = BagExport.objects.create(
        user=request.user, selection=chosen, item_count=items.count(), filename=f"{name}.zip"
    )
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work_dir()))
    try:
        write_bag(
            items,
            folder,
            tombstones=selection.tombstones(),
            external_identifier=selection.external_identifier(),
        )
    except BagError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        _finish(export, BagExport.Status.FAILED, str(exc))
        modeladmin.message_user(request, _("No bag was made: ") + str(exc), messages.ERROR)
        return None
    response = StreamingHttpResponse(
        _streamed(export, folder, name), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def _streamed(export: BagExport, folder: Path, name: str):
    """Yield the zip; record its size and SHA-256 once the last byte is sent."""
    stream = ZipStream(folder, name)
    try:
        yield from stream
    except GeneratorExit:
        _finish(export, BagExport.Status.FAILED, "the download was interrupted")
        raise
    except Exception as exc:
        _finish(export, BagExport.Status.FAILED, f"zipping failed: {exc}")
        raise
    else:
        export.size, export.sha256 = stream.size, stream.sha256
        _finish(export, BagExport.Status.COMPLETE)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _finish(export: BagExport, status: str, message: str = "") -> None:
    export.status, export.message, export.finished = status, message, timezone.now()
    export.save()


def _add_action(model, action) -> None:
    model_admin = admin.site.get_model_admin(model)
    model_admin.actions = [*model_admin.actions, action]


# The catalogue's admins cannot import this app (it sits above them), so it adds its actions.
_add_action(Item, export_items_bag)
_add_action(Collection, export_collections_bag)


@admin.register(BagExport)
class BagExportAdmin(admin.ModelAdmin):
    """Read-only log of the bags curators exported."""

    list_display = (
        "started",
        "user",
        "describe_selection",
        "item_count",
        "size",
        "status",
        "filename",
    )
    list_filter = ("status",)
    readonly_fields = (
        "user",
        "started",
        "finished",
        "selection",
        "item_count",
        "filename",
        "size",
        "sha256",
        "status",
        "message",
    )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_publish(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return can_publish(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
