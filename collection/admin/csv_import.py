"""The admin's CSV import page: upload, preview (a dry run), then confirm the very same file."""

import hashlib
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from ..csv_import import ImportFailed, ImportReport, run_import
from ..models import Collection, Item
from ..permissions import can_add_item, can_edit_item
from .history import changes_table

MAX_BYTES = 50 * 1024 * 1024
SESSION_KEY = "collection_csv_import"
# Previews never confirmed are swept after this long.
STALE_SECONDS = 24 * 3600


def upload_dir() -> Path:
    """Where previewed files wait for their confirmation, named by their SHA-256."""
    folder = Path(settings.DATA_DIR) / "csv-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file (UTF-8, comma-separated)"))
    collection = forms.ModelChoiceField(
        Collection.objects.all(),
        required=False,
        to_field_name="slug",
        label=_("Also add every item to collection"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB; split it."))
        return upload


class CsvImportMixin:
    """Adds /admin/collection/item/import-csv/ to the item admin."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_csv_view)
        return [path("import-csv/", view, name="collection_item_import_csv")] + super().get_urls()

    def import_csv_view(self, request):
        if not (can_add_item(request.user) or can_edit_item(request.user)):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            return self._preview(request, form)
        return self._render(request, form=form)

    def _preview(self, request, form: UploadForm):
        data = form.cleaned_data["file"].read()
        digest = hashlib.sha256(data).hexdigest()
        _sweep()
        (upload_dir() / f"{digest}.csv").write_bytes(data)
        slug = form.cleaned_data["collection"].slug if form.cleaned_data["collection"] else ""
        name = form.cleaned_data["file"].name
        return self._show_preview(request, data, digest, name, slug)

    def _show_preview(self, request, data: bytes, digest: str, name: str, slug: str, **extra):
        report = run_import(data, user=request.user, dry_run=True, collection=slug)
        request.session[SESSION_KEY] = {
            "sha256": digest,
            "name": name,
            "collection": slug,
            "versions": seen_versions(report),
        }
        return self._render(request, report=report, digest=digest, name=name, **extra)

    def _confirm(self, request):
        pending = request.session.get(SESSION_KEY) or {}
        digest = request.POST.get("sha256", "")
        file = upload_dir() / f"{digest}.csv"
        if not digest or pending.get("sha256") != digest or not file.exists():
            messages.error(request, _("That preview has expired; upload the file again."))
            return redirect(reverse("admin:collection_item_import_csv"))
        data = file.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise PermissionDenied("The previewed file was altered on disk.")
        changed = changed_since(pending.get("versions", {}))
        if changed:
            # Applying now would overwrite those edits unseen: preview again against today's
            # catalogue, so the cataloguer sees (and confirms) what the file would now change.
            return self._show_preview(
                request, data, digest, pending["name"], pending.get("collection", ""), stale=changed
            )
        try:
            report = run_import(
                data,
                user=request.user,
                dry_run=False,
                collection=pending.get("collection", ""),
                comment=f"CSV import {pending.get('name', '')}"[:300],
            )
        except ImportFailed as exc:
            return self._render(request, report=exc.report, digest=digest, name=pending["name"])
        file.unlink(missing_ok=True)
        del request.session[SESSION_KEY]
        messages.success(request, _("CSV import: ") + report.summary())
        return redirect(reverse("admin:collection_item_changelist"))

    def _render(self, request, *, form=None, report: ImportReport | None = None, **extra):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import items from CSV"),
            "opts": self.opts,
            "form": form,
            "report": report,
            "previews": [(p, changes_table(p.changes)) for p in report.plans] if report else [],
            **extra,
        }
        return TemplateResponse(request, "admin/collection/item/import_csv.html", context)


def seen_versions(report: ImportReport) -> dict[str, int]:
    """The version of every item the file names, as the preview saw it (0: does not exist yet).

    Read after the dry run: an edit landing during the dry run itself is not caught, a window of
    the preview's own duration.
    """
    named = [plan.identifier for plan in report.plans if plan.identifier]
    versions = dict(Item.objects.filter(identifier__in=named).values_list("identifier", "version"))
    return {identifier: versions.get(identifier, 0) for identifier in named}


def changed_since(seen: dict[str, int]) -> list[str]:
    """Identifiers whose item was created, changed or deleted since the preview."""
    now = dict(Item.objects.filter(identifier__in=list(seen)).values_list("identifier", "version"))
    return sorted(i for i, version in seen.items() if now.get(i, 0) != version)


def _sweep() -> None:
    cutoff = time.time() - STALE_SECONDS
    for old in upload_dir().glob("*.csv"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
