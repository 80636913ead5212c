"""The archive app: originals, fixity and derivatives."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive")

    def ready(self) -> None:
        from collection import sources

        from . import public, receivers  # noqa: F401  (connects the receivers)

        # Full text and thumbnails reach search and others through the catalogue's registry.
        sources.register_text_source(public.extracted_texts)
        sources.register_thumbnail_source(public.thumbnail_urls)
