"""Our revisions in the admin: the History button of each catalogue object, and read-only lists."""

import hashlib
import json
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..editing import RevertError, RevertPlan, apply_revert, check_revert, plan_revert
from ..models import Revision, Tombstone
from .display import isolated

REVISIONS_PER_PAGE = 50


class RevisionHistoryMixin:
    """Show an object's Revision records (who, when, what changed) instead of the LogEntry list."""

    history_target: str = ""  # a Revision.Target value; subclasses set it
    history_template = "admin/collection/revision_history.html"
    revert_template = "admin/collection/revert_confirm.html"

    def get_urls(self):
        label, model = self.opts.app_label, self.opts.model_name
        revert = path(
            "<path:object_id>/history/<int:revision_id>/revert/",
            self.admin_site.admin_view(self.revert_view),
            name=f"{label}_{model}_revert",
        )
        return [revert, *super().get_urls()]

    def revert_view(self, request, object_id: str, revision_id: int):
        """GET shows what restoring the revision would change; POST (with CSRF) applies it."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        revision = get_object_or_404(
            Revision, pk=revision_id, target_type=self.history_target, target_id=obj.pk
        )
        history_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_history",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )
        try:
            plan = plan_revert(revision)
        except RevertError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(history_url)
        if request.method != "POST":
            return self._revert_page(request, obj, plan)
        if request.POST.get("seen") != fingerprint(plan):
            message = _("The object changed since you opened this page; review the changes again.")
            return self._revert_page(request, obj, plan, error=message, status=409)
        if not plan.changes:
            self.message_user(request, _("Nothing to restore: it already reads like that."))
            return HttpResponseRedirect(history_url)
        try:
            apply_revert(plan, request.user)
        except (RevertError, PermissionDenied) as exc:
            self.message_user(request, _reason(exc), messages.ERROR)
            return HttpResponseRedirect(history_url)
        self.message_user(request, plan.comment + ".")
        return HttpResponseRedirect(history_url)

    def _revert_page(self, request, obj, plan: RevertPlan, error: str = "", status: int = 200):
        try:
            check_revert(plan, request.user)
            refusal = ""
        except (RevertError, PermissionDenied) as exc:
            refusal = _reason(exc)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Restore %s") % obj,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "revision": plan.revision,
            "comment": plan.comment,
            "changes": changes_table(plan.changes),
            "seen": fingerprint(plan),
            "error": error,
            "refusal": refusal,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.revert_template, context, status=status)

    def history_view(self, request, object_id: str, extra_context: dict | None = None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        revisions = Revision.objects.filter(
            target_type=self.history_target, target_id=obj.pk
        ).select_related("user")
        page = Paginator(revisions.order_by("-id"), REVISIONS_PER_PAGE).get_page(
            request.GET.get("p")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %s") % obj,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "page": page,
            "revisions": [(rev, changes_table(rev.changes)) for rev in page],
            "can_revert": self.history_target != Revision.Target.COLLECTION
            and self.has_change_permission(request, obj),
            # the newest revision is the object as it is: nothing to restore
            "newest": revisions.order_by("-id").values_list("pk", flat=True).first(),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.history_template, context)


def _reason(exc: Exception) -> str:
    text = " ".join(exc.messages) if isinstance(exc, RevertError) else str(exc)
    return text or _("You may not do this.")


def fingerprint(plan: RevertPlan) -> str:
    """A digest of the object's state the confirmation page showed, to refuse a stale POST."""
    data = json.dumps(plan.current, sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()[:32]


def changes_table(changes: dict[str, list]) -> list[tuple[str, str, str]]:
    """Return (field, old, new) rows in readable text for a revision's changes.

    A row that reads the same on both sides (a field of a bibliographic record being created or
    removed: "" against no record) says nothing and is left out.
    """
    rows = []
    for name, (old, new) in sorted(changes.items()):
        render = _contributors if name.endswith(".contributors") else show
        row = (name, render(old), render(new))
        if row[1] != row[2]:
            rows.append(row)
    return rows


def _contributors(value: Any) -> str:
    """A bibliographic record's contributors, one per line: [role, family, given, authority
    slug] each ([role, family, given] in revisions written before links were kept)."""
    if not value:
        return "—"
    return "\n".join(_contributor(*person) for person in value)


def _contributor(role: str, family: str, given: str, slug: str = "") -> str:
    name = f"{family}, {given}" if given else family
    return f"{name} ({role})" + (f" authority:{slug}" if slug else "")


def show(value: Any) -> str:
    """Render a snapshot value; metadata values are [value, uri, authority slug, language]."""
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list) and all(_is_metadata(v) for v in value):
        return "\n".join(_metadata(v) for v in value)
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    return str(value)


def _is_metadata(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 4


def _metadata(value: list) -> str:
    text, uri, slug, language = value
    parts = [text] if text else []
    parts += [f"<{uri}>"] if uri else []
    parts += [f"authority:{slug}"] if slug else []
    return " ".join(parts) + (f" @{language}" if language else "")


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is written by the catalogue itself; nobody edits or deletes it by hand."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = (
        "created",
        "target_type",
        isolated("target_label", gettext_lazy("target")),
        "version",
        "action",
        "user",
    )
    list_filter = ("target_type", "action")
    search_fields = ("target_label", "comment", "user__username")
    date_hierarchy = "created"
    list_select_related = ("user",)


@admin.register(Tombstone)
class TombstoneAdmin(ReadOnlyAdmin):
    list_display = ("identifier", isolated("title", gettext_lazy("title")), "deleted")
    search_fields = ("identifier", "title")
