"""Admin for originals: upload, checksum, fixity history and derivative statuses; no deleting."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from collection.admin.display import isolated

from . import regenerate
from .forms import UploadForm
from .ingest import ingest_file
from .models import Derivative, FixityCheck, MediaFile
from .queues import BULK_QUEUE
from .storage import StorageUnavailable, WriteOnceError
from .tasks import check_fixity_of_file

STATUS_MARKS = {"done": "✓", "failed": "✗", "pending": "…", "running": "⟳"}


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class DerivativeInline(ReadOnlyInline):
    model = Derivative
    fields = ("kind", "status", "attempts", "error", "duration", "checksum", "path", "finished_at")
    readonly_fields = fields


@admin.register(FixityCheck)
class FixityCheckAdmin(admin.ModelAdmin):
    """The full, read-only fixity history; a file's page shows only its latest checks."""

    list_display = ("checked_at", "media_file", "result", "actual_sha256", "message")
    list_filter = ("result",)
    search_fields = ("media_file__original_filename", "expected_sha256", "actual_sha256")
    list_select_related = ("media_file",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class FixityProblemFilter(admin.SimpleListFilter):
    title = _("fixity problems")
    parameter_name = "fixity_problem"

    def lookups(self, request, model_admin):
        return [("yes", _("mismatch or missing")), ("no", _("no problem found"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.fixity_problems()
        if self.value() == "no":
            return queryset.exclude(pk__in=MediaFile.objects.fixity_problems().values("pk"))
        return queryset


@admin.register(MediaFile)
class MediaFileAdmin(admin.ModelAdmin):
    list_display = (
        isolated("original_filename", _("original file name")),  # a name may hold U+202E
        "item_link",
        "version",
        "is_current",
        "short_sha256",
        "size",
        "mime_type",
        "fixity_status",
        "derivative_statuses",
        "created",
    )
    list_filter = (FixityProblemFilter, "fixity_status", "family", "is_current")
    search_fields = ("original_filename", "sha256", "item__identifier", "label")
    list_select_related = ("item",)
    fields = (
        "item_link",
        "original_filename",
        "label",
        "position",
        "sha256",
        "size",
        "mime_type",
        "family",
        "storage_path",
        "version_list",
        "created",
        "ingested_by",
        "fixity_status",
        "fixity_checked_at",
        "fixity_history",
    )
    readonly_fields = tuple(f for f in fields if f not in ("label", "position"))
    inlines = [DerivativeInline]
    # A daily audit adds hundreds of checks a year: the page shows the latest, a link the rest.
    fixity_history_rows = 20
    actions = ["check_fixity_now", "regenerate_derivatives"]
    upload_template = "admin/archive/mediafile/upload.html"

    def get_queryset(self, request):
        derivatives = Prefetch("derivatives", queryset=Derivative.objects.order_by("kind"))
        return super().get_queryset(request).prefetch_related(derivatives)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # originals are never deleted through the admin

    @admin.display(description=_("item"), ordering="item__identifier")
    def item_link(self, obj: MediaFile):
        try:
            url = reverse("admin:collection_item_change", args=[obj.item_id])
        except NoReverseMatch:
            return str(obj.item)
        return format_html('<a href="{}">{}</a>', url, obj.item.identifier)

    @admin.display(description=_("SHA-256"), ordering="sha256")
    def short_sha256(self, obj: MediaFile) -> str:
        return format_html('<code title="{}">{}…</code>', obj.sha256, obj.sha256[:12])

    @admin.display(description=_("derivatives"))
    def derivative_statuses(self, obj: MediaFile):
        rows = [
            (d.status, d.error, d.kind, STATUS_MARKS.get(d.status, ""))
            for d in obj.derivatives.all()
        ]
        return (
            format_html_join(" ", '<span class="derivative-{}" title="{}">{}&nbsp;{}</span>', rows)
            or "-"
        )

    @admin.display(description=_("versions"))
    def version_list(self, obj: MediaFile):
        rows = [
            (
                reverse("admin:archive_mediafile_change", args=[v.pk]),
                v.version,
                v.sha256[:12],
                _("current") if v.is_current else _("replaced"),
            )
            for v in obj.versions()
        ]
        upload = reverse("admin:archive_mediafile_add") + f"?item={obj.item_id}&replaces={obj.pk}"
        listing = format_html_join(
            mark_safe("<br>"), '<a href="{}">v{}</a> <code>{}…</code> {}', rows
        )
        if not obj.is_current:
            return listing
        return format_html('{}<br><a href="{}">{}</a>', listing, upload, _("Upload a new version"))

    @admin.display(description=_("fixity history"))
    def fixity_history(self, obj: MediaFile):
        checks = obj.fixity_checks.order_by("-checked_at", "-id")[: self.fixity_history_rows]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            ((c.checked_at, c.get_result_display(), c.actual_sha256, c.message) for c in checks),
        )
        url = reverse("admin:archive_fixitycheck_changelist") + f"?media_file__id__exact={obj.pk}"
        return format_html(
            '<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>'
            '<a href="{}">{}</a>',
            _("checked"), _("result"), _("SHA-256 found"), _("message"),
            rows or mark_safe("<tr><td colspan=4>-</td></tr>"),
            url, _("All checks of this file"),
        )  # fmt: skip

    def add_view(self, request, form_url="", extra_context=None):
        """Adding a media file means uploading: the record is made from the bytes."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        initial = {k: request.GET[k] for k in ("item", "replaces") if k in request.GET}
        form = UploadForm(
            request.POST or None, request.FILES or None, initial=initial, admin_site=self.admin_site
        )
        made = self._ingest(request, form) if request.method == "POST" and form.is_valid() else []
        if made:
            self.message_user(request, _("%d file(s) stored; derivatives are queued.") % len(made))
            if len(made) == 1:
                return HttpResponseRedirect(
                    reverse("admin:archive_mediafile_change", args=[made[0].pk])
                )
            return HttpResponseRedirect(
                reverse("admin:archive_mediafile_changelist")
                + f"?item__id__exact={made[0].item_id}"
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Upload files"),
            "form": form,
            "media": self.media + form.media,
            "has_view_permission": self.has_view_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.upload_template, context)

    def _ingest(self, request, form: UploadForm) -> list[MediaFile]:
        """Ingest every file or none: a failing store leaves no record (its form error says why;
        files already stored before it failed are left to archive_sweep_orphans)."""
        data = form.cleaned_data
        files = data["files"]
        label = data["label"] if len(files) == 1 else ""
        try:
            with transaction.atomic():
                return [
                    ingest_file(
                        data["item"],
                        f,
                        f.name,
                        request.user,
                        label=label,
                        replaces=data["replaces"],
                    )
                    for f in files
                ]
        except (StorageUnavailable, WriteOnceError) as exc:
            form.add_error(None, _("Nothing was saved: %(error)s") % {"error": exc})
            return []

    @admin.action(description=_("Check fixity now"))
    def check_fixity_now(self, request, queryset):
        for media_file_id in queryset.values_list("pk", flat=True):
            check_fixity_of_file.apply_async((media_file_id,), queue=BULK_QUEUE)
        self.message_user(request, _("Fixity check queued for %d file(s).") % queryset.count())

    @admin.action(description=_("Regenerate derivatives"))
    def regenerate_derivatives(self, request, queryset):
        chosen = regenerate.select(queryset.order_by("pk"), None, {regenerate.ALL})
        regenerate.enqueue(chosen, BULK_QUEUE)
        self.message_user(
            request, _("Derivatives queued for %d file(s).") % len(chosen), messages.SUCCESS
        )
