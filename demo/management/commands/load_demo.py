"""Catalogue the demo collection "Dossier Vlasov"; safe to run again and again."""

from django.core.management.base import BaseCommand

from demo.dossier.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo collection Dossier Vlasov (idempotent; keeps archivists' edits)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--update",
            action="store_true",
            help="Bring existing demo records back to the shipped text (each change is a revision).",
        )

    def handle(self, *args, update: bool = False, **options) -> None:
        counts = load_demo(update=update)
        summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo collection Dossier Vlasov: {summary}."))
