"""manage.py export_bag: write the holdings, a collection or some items as one BagIt bag."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from preservation.bags import BagError, write_bag
from preservation.selection import Selection, SelectionError


class Command(BaseCommand):
    help = "Write a BagIt 1.0 bag of all items, of collections (with sub-collections) or of items."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="every item and every tombstone")
        which.add_argument(
            "--collection", action="append", metavar="SLUG", help="a collection (repeatable)"
        )
        which.add_argument(
            "--item", action="append", metavar="IDENTIFIER", help="an item (repeatable)"
        )
        parser.add_argument("dest", type=Path, help="a new (or empty) folder for the bag")

    def handle(self, *args, dest: Path, **options) -> None:
        try:
            selection = Selection.of(
                everything=options["all"],
                collections=options["collection"] or (),
                identifiers=options["item"] or (),
            )
            items = selection.items()
            with tqdm(
                total=items.count(), unit="item", file=sys.stderr, disable=not sys.stderr.isatty()
            ) as bar:
                summary = write_bag(
                    items,
                    dest,
                    bar,
                    tombstones=selection.tombstones(),
                    external_identifier=selection.external_identifier(),
                )
        except (SelectionError, BagError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(str(summary)))
