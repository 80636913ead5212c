from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CollectionConfig(AppConfig):
    name = "collection"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from django.db.models import ForeignObject, IntegerField

        from . import handlers  # noqa: F401  (connects the history receivers)
        from .lookups import Among
        from .roles import create_roles

        # column__among=ids (collection/lookups.py), for integer keys: primary keys are integer
        # fields, foreign keys keep lookups of their own
        IntegerField.register_lookup(Among)
        ForeignObject.register_lookup(Among)
        post_migrate.connect(create_roles, sender=self, dispatch_uid="collection.create_roles")
