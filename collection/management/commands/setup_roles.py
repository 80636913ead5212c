"""Create or refresh the cataloguer and curator groups (migrate does this too)."""

from django.core.management.base import BaseCommand

from collection.roles import setup_roles


class Command(BaseCommand):
    help = "Create or update the cataloguer and curator groups with their permissions."

    def handle(self, *args, **options) -> None:
        for name, count in setup_roles().items():
            self.stdout.write(f"{name}: {count} permissions")
