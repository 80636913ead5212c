"""Bulk editing on the item list: a form, a preview of every change, then apply or queue; moves too.

Large selections go to the bulk queue when a broker is configured; their status page shows the
progress and the summary (from the Celery result backend, when one is configured).
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import bulk, tasks
from ..dublin_core import PROPERTY_CHOICES
from ..models import Authority, Collection, Item, MetadataValue
from .history import show

# Up to this many items a bulk edit runs inline even when a broker is configured: the
# cataloguer sees the summary at once; larger selections go to the bulk queue.
INLINE_LIMIT = 100
LISTED = 50  # items the move page names; the rest of the selection is counted


class AddForm(forms.Form):
    term = forms.ChoiceField(choices=PROPERTY_CHOICES, label=gettext_lazy("Property"))
    value = forms.CharField(required=False, label=gettext_lazy("Value"))
    uri = forms.CharField(required=False, label=gettext_lazy("URI"))
    authority = forms.ModelChoiceField(
        Authority.objects.all(),
        required=False,
        label=gettext_lazy("Authority record"),
        help_text=gettext_lazy("The value may then stay empty"),
    )
    language = forms.CharField(required=False, label=gettext_lazy("Language (BCP 47)"))

    def __init__(self, *args, admin_site=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if admin_site is not None:  # the same name search as the value rows of the item form
            field = MetadataValue._meta.get_field("authority")
            widget = AutocompleteSelect(field, admin_site)
            widget.choices = self.fields["authority"].choices
            self.fields["authority"].widget = widget

    def edit_fields(self) -> dict:
        authority = self.cleaned_data.get("authority")
        return {**self.cleaned_data, "authority": authority.slug if authority else ""}


class RemoveForm(forms.Form):
    def __init__(self, *args, admin_site=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)

    def edit_fields(self) -> dict:
        return self.cleaned_data

    term = forms.ChoiceField(choices=PROPERTY_CHOICES, label=gettext_lazy("Property"))
    find = forms.CharField(
        label=gettext_lazy("Value to match"),
        strip=False,
        help_text=gettext_lazy("Exact text, URI or authority slug; or a pattern (below)"),
    )
    regex = forms.BooleanField(required=False, label=gettext_lazy("Match as a regular expression"))


class ReplaceForm(RemoveForm):
    replacement = forms.CharField(
        required=False,
        strip=False,
        label=gettext_lazy("Replace by"),
        help_text=gettext_lazy("With a pattern, \\1 etc. insert its groups"),
    )


class MoveForm(forms.Form):
    collection = forms.ModelChoiceField(
        Collection.objects.all(), label=gettext_lazy("Target collection")
    )


@admin.action(description=gettext_lazy("Add a value to selected items"), permissions=["change"])
def add_value(modeladmin, request, queryset: QuerySet):
    return _bulk_edit(modeladmin, request, queryset, bulk.ADD, AddForm, "add_value")


@admin.action(description=gettext_lazy("Replace a value in selected items"), permissions=["change"])
def replace_value(modeladmin, request, queryset: QuerySet):
    return _bulk_edit(modeladmin, request, queryset, bulk.REPLACE, ReplaceForm, "replace_value")


@admin.action(
    description=gettext_lazy("Remove a value from selected items"), permissions=["change"]
)
def remove_value(modeladmin, request, queryset: QuerySet):
    return _bulk_edit(modeladmin, request, queryset, bulk.REMOVE, RemoveForm, "remove_value")


def _bulk_edit(modeladmin, request, queryset: QuerySet, operation: str, form_class, action: str):
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    denied = bulk.refused(request.user, ids)
    if denied:
        modeladmin.message_user(request, str(bulk.BulkRefused(denied)), messages.ERROR)
        return None
    stage = request.POST.get("bulk_stage", "")
    form = form_class(request.POST if stage else None, admin_site=modeladmin.admin_site)
    page = _Page(modeladmin, request, ids, form, action)
    if not form.is_valid():
        return page.render()
    edit = bulk.BulkEdit(operation=operation, **form.edit_fields())
    try:
        plan = bulk.plan(ids, edit)
    except bulk.BulkError as exc:
        form.add_error(None, exc.messages)
        return page.render()
    expected = request.POST.get("fingerprint", "")
    if stage != "apply" or not expected:  # nothing is applied without its preview
        return page.render(plan)
    try:
        return _run(modeladmin, request, ids, plan, expected)
    except bulk.BulkError as exc:
        form.add_error(None, exc.messages)
        return page.render(plan)


def move_items(modeladmin, request, queryset: QuerySet):
    """Put the selected items into one collection (out of their others): the page names the
    selection and the target, and "Move" applies it like any bulk edit."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    denied = bulk.refused(request.user, ids)
    if denied:
        message = _("Only curators may edit non-draft items; nothing moved: ") + ", ".join(denied)
        modeladmin.message_user(request, message, messages.ERROR)
        return None
    form = MoveForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        slug = form.cleaned_data["collection"].slug
        try:
            plan = bulk.plan(ids, bulk.BulkEdit(operation=bulk.MOVE, term="", collection=slug))
            return _run(modeladmin, request, ids, plan, plan.fingerprint)
        except bulk.BulkError as exc:
            form.add_error(None, exc.messages)
    across = request.POST.get("select_across") == "1"
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Move items to a collection"),
        "opts": modeladmin.opts,
        "items": Item.objects.filter(pk__in=ids).order_by("pk")[:LISTED],
        "count": len(ids),
        "more": max(len(ids) - LISTED, 0),
        "ids": ids[:1] if across else ids,
        "select_across": across,
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "admin/collection/item/move_to_collection.html", context)


def _run(modeladmin, request, ids: list[int], plan: bulk.Plan, expected: str) -> None:
    """Apply the plan now, or queue it on the bulk queue (large selection, a broker configured).

    Raises BulkError when the plan cannot be applied (then nothing was saved).
    """
    if not plan.changes:
        modeladmin.message_user(request, _("Nothing to change: %s") % plan.summary())
        return None
    if len(ids) > INLINE_LIMIT and not settings.CELERY_TASK_ALWAYS_EAGER:
        job = tasks.bulk_edit.delay(ids, plan.edit.as_dict(), request.user.pk, expected)
        text = _("Queued: {what} on {n} item(s). The items' history shows each change once done.")
        if tracked():  # a result backend keeps the progress: link the status page
            text += ' <a href="{url}">{follow}</a>'
        url = reverse("admin:bulk_status", args=[job.id], current_app=modeladmin.admin_site.name)
        # format_html escapes the values; only the link is markup
        what, n, follow = plan.edit.describe(), len(plan.changes), _("Follow its progress")
        message = format_html(text, what=what, n=n, url=url, follow=follow)
        modeladmin.message_user(request, message)
        return None
    try:
        result = bulk.apply(ids, plan.edit, request.user, expected=expected)
    except bulk.BulkRefused as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return None
    modeladmin.message_user(request, result.summary())
    return None


def bulk_status(admin_site, request, job: str) -> TemplateResponse:
    """The progress of a queued bulk edit, then its summary (GET; reloads itself while running)."""
    if not request.user.has_perm("collection.change_item"):
        raise PermissionDenied
    context = {
        **admin_site.each_context(request),
        "title": _("Bulk edit progress"),
        "opts": Item._meta,
        "status": job_status(job),
    }
    request.current_app = admin_site.name
    return TemplateResponse(request, "admin/collection/item/bulk_status.html", context)


def tracked() -> bool:
    """True when Celery keeps task results, so a queued edit's progress can be shown."""
    from celery.backends.base import DisabledBackend

    return not isinstance(tasks.bulk_edit.backend, DisabledBackend)


def job_status(job: str, backend=None) -> dict:
    """What Celery knows of a bulk edit task: its state ("untracked" without a result backend),
    how many items are written, and the summary once done. `backend`: the task's by default."""
    from celery.backends.base import DisabledBackend
    from celery.result import AsyncResult

    result = AsyncResult(job, backend=backend or tasks.bulk_edit.backend)
    if isinstance(result.backend, DisabledBackend):  # no result backend: Celery keeps no state
        return {"state": "untracked", "finished": True}
    state = result.state
    if state == tasks.PROGRESS:
        info = result.info if isinstance(result.info, dict) else {}
        return {"state": "running", "done": info.get("done", 0), "total": info.get("total", 0)}
    if state == "SUCCESS":
        value = result.result if isinstance(result.result, dict) else {}
        applied = "done" if value.get("applied") else "refused"
        return {"state": applied, "summary": value.get("summary", ""), "finished": True}
    if state in ("FAILURE", "REVOKED"):
        return {"state": "failed", "finished": True}
    return {"state": "queued"}  # PENDING (also an unknown id), RECEIVED, STARTED, RETRY


class _Page:
    """The intermediate page: the form, and after "Preview" every change, item by item."""

    template = "admin/collection/item/bulk_edit.html"

    def __init__(self, modeladmin, request, ids: list[int], form, action: str) -> None:
        self.modeladmin = modeladmin
        self.request = request
        self.ids = ids
        self.form = form
        self.action = action

    def render(self, plan: bulk.Plan | None = None) -> TemplateResponse:
        admin_site = self.modeladmin.admin_site
        # "Select all N" selections are re-posted as such, not as thousands of hidden ids (one
        # id stays: the changelist only runs an action when at least one box is sent).
        across = self.request.POST.get("select_across") == "1"
        context = {
            **admin_site.each_context(self.request),
            "title": _("Bulk edit: %s") % _action_title(self.action),
            "opts": self.modeladmin.opts,
            "form": self.form,
            "count": len(self.ids),
            "ids": self.ids[:1] if across else self.ids,
            "select_across": across,
            "action": self.action,
            "plan": plan,
            "rows": _rows(plan) if plan else [],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        self.request.current_app = admin_site.name
        return TemplateResponse(self.request, self.template, context)


def _action_title(action: str) -> str:
    return {
        "add_value": _("add a value"),
        "replace_value": _("replace a value"),
        "remove_value": _("remove a value"),
    }[action]


def _rows(plan: bulk.Plan) -> list[tuple[str, str, str]]:
    return [(c.identifier, show(c.before), show(c.after)) for c in plan.changes]
