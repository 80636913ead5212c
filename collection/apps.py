from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CollectionConfig(AppConfig):
    name = "collection"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from . import handlers  # noqa: F401  (connects the history receivers)
        from .roles import create_roles

        post_migrate.connect(create_roles, sender=self, dispatch_uid="collection.create_roles")
