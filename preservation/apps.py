"""The preservation app: BagIt packages of the holdings that export, validate and restore."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreservationConfig(AppConfig):
    name = "preservation"
    verbose_name = _("Preservation")
