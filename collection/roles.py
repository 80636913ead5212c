"""The archivists' roles as auth groups, kept in step with the code after every migrate."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

# Model permissions per role, as "app_label.codename". Superusers need no group.
CATALOGUER = [
    "collection.view_item",
    "collection.add_item",
    "collection.change_item",
    *(
        f"collection.{action}_{model}"
        for model in (
            "metadatavalue",
            "authority",
            "authorityname",
            "authorityidentifier",
            "bibliographicrecord",
            "contributor",
        )
        for action in ("view", "add", "change")
    ),
    # Removing a value, variant name or contributor is part of editing a draft.
    "collection.delete_metadatavalue",
    "collection.delete_authorityname",
    "collection.delete_authorityidentifier",
    "collection.delete_contributor",
    "collection.view_collection",
    "collection.view_descriptiontemplate",
    "collection.view_templateelement",
]
CURATOR = [
    *CATALOGUER,
    "collection.publish_item",
    "collection.delete_item",
    "collection.add_collection",
    "collection.change_collection",
    "collection.view_revision",
    "collection.view_tombstone",
    # Description templates: which elements each kind expects.
    *(
        f"collection.{action}_{model}"
        for model in ("descriptiontemplate", "templateelement")
        for action in ("add", "change", "delete")
    ),
]
ROLES: dict[str, list[str]] = {"cataloguer": CATALOGUER, "curator": CURATOR}


def setup_roles(apps=global_apps, using: str = "default") -> dict[str, int]:
    """Create or update each role's group to hold exactly its permissions; return their counts."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # post_migrate may reach us before auth has created the collection permissions.
    create_permissions(
        global_apps.get_app_config("collection"), verbosity=0, apps=apps, using=using
    )
    counts = {}
    for name, codes in ROLES.items():
        wanted = set(codes)
        perms = [
            p
            for p in Permission.objects.using(using).select_related("content_type")
            if f"{p.content_type.app_label}.{p.codename}" in wanted
        ]
        missing = wanted - {f"{p.content_type.app_label}.{p.codename}" for p in perms}
        if missing:
            raise LookupError(f"role {name}: unknown permissions {sorted(missing)}")
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(perms)
        counts[name] = len(perms)
    return counts


def create_roles(sender, apps=global_apps, using: str = "default", **kwargs) -> None:
    """post_migrate receiver: keep the role groups current after each migrate."""
    if sender.name == "collection":
        setup_roles(apps, using)
