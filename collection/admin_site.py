"""The branded admin: the repository's name in the header, the archivist's work first on the index.

Kept out of the `collection.admin` package on purpose: the admin app's config names this module
in INSTALLED_APPS, so it is imported before the models are ready and must not import them at
module level (and the site class must not live in a package that registers on `admin.site` when
imported, or the lazy default site would be built twice).
"""

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _

# (app label, model class name) shown in each group of the archivist's work, in this order
# (a model not registered, or not permitted to the user, is left out).
CATALOGUE = [
    ("collection", "Item"),
    ("collection", "Authority"),
    ("collection", "Collection"),
    ("collection", "DescriptionTemplate"),
]
FILES = [("archive", "MediaFile"), ("archive", "FixityCheck")]


def repository_name() -> str:
    return getattr(settings, "REPOSITORY_NAME", "") or settings.OAI_REPOSITORY_NAME


class ArchiveAdminSite(admin.AdminSite):
    """The default admin site with the repository's name and the index grouped by work."""

    @property
    def site_header(self) -> str:  # type: ignore[override]
        return repository_name()

    @property
    def site_title(self) -> str:  # type: ignore[override]
        return _("%s admin") % repository_name()

    @property
    def index_title(self) -> str:  # type: ignore[override]
        return _("%s: cataloguing and administration") % repository_name()

    def get_urls(self):
        # before Django's own: its item URLs would read "bulk/<job>" as an object id
        status = path(
            "collection/item/bulk/<str:job>/",
            self.admin_view(self.bulk_status_view),
            name="bulk_status",
        )
        return [status, *super().get_urls()]

    def bulk_status_view(self, request, job: str):
        """The progress and summary of a bulk edit queued from the item list."""
        from collection.admin.bulk import bulk_status  # not at import time: see the docstring

        return bulk_status(self, request, job)

    def get_app_list(self, request, app_label: str | None = None) -> list[dict[str, Any]]:
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps  # an app's own index page lists that app as Django does
        models = {
            (app["app_label"], model["object_name"]): model
            for app in apps
            for model in app["models"]
        }
        catalogue = [models[key] for key in CATALOGUE if key in models]
        catalogue += _work_links(request, models)
        files = [models[key] for key in FILES if key in models]
        moved = {id(m) for m in catalogue + files}
        groups = []
        if catalogue:
            groups.append(_group("catalogue", _("Catalogue"), catalogue, apps, "collection"))
        if files:
            groups.append(_group("files", _("Files"), files, apps, "archive"))
        for app in apps:  # the technical models follow, without those shown above
            rest = [m for m in app["models"] if id(m) not in moved]
            if len(rest) < len(app["models"]):  # not a second "Catalogue" under the first
                app = {**app, "name": _("%s: other records") % app["name"]}
            if rest:
                groups.append({**app, "models": rest})
        return groups


def _group(label: str, name: str, models: list, apps: list, app_label: str) -> dict[str, Any]:
    url = next((a["app_url"] for a in apps if a["app_label"] == app_label), "")
    return {
        "name": name,
        "app_label": label,
        "app_url": url,
        "has_module_perms": True,
        "models": models,
    }


def _work_links(request, models: dict) -> list[dict[str, Any]]:
    """The CSV import and the review queue of drafts, as rows of the catalogue group."""
    item = models.get(("collection", "Item"))
    if item is None or not item.get("admin_url"):
        return []
    from collection.models import Item  # not at import time: see the module docstring

    links = []
    if item["perms"].get("add"):
        try:
            url = reverse("admin:collection_item_import_csv")
        except NoReverseMatch:
            url = ""
        if url:
            links.append(_link("import", _("Import items from CSV"), url))
    drafts = Item.objects.filter(status=Item.Status.DRAFT).count()
    review = _("Review queue: %(n)d draft(s)") % {"n": drafts}
    links.append(_link("drafts", review, f"{item['admin_url']}?status__exact=draft"))
    return links


def _link(name: str, label: str, url: str) -> dict[str, Any]:
    return {
        "name": label,
        "object_name": name,
        "admin_url": url,
        "add_url": None,
        "perms": {"view": True},
        "view_only": True,
    }


class ArchiveAdminConfig(AdminConfig):
    """`django.contrib.admin` with ArchiveAdminSite as `admin.site` (named in INSTALLED_APPS)."""

    default_site = "collection.admin_site.ArchiveAdminSite"
