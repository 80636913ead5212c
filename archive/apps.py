"""The archive app: originals, fixity and derivatives."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the demo and generator receivers)
