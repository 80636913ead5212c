from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectionConfig(AppConfig):
    name = "collection"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from . import handlers  # noqa: F401  (connects the history receivers)
