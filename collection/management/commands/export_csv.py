"""Export items as CSV in the import's columns (see docs/cataloguing.md and docs/preservation.md)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet
from tqdm import tqdm

from collection import csv_export
from collection.models import Collection, Item


class Command(BaseCommand):
    help = (
        "Write items (all, of collections with their sub-collections, or named) as CSV that "
        "import_csv reads back unchanged. DEST is a file or - (standard output)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("dest", help="file to write, or - for standard output")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="every item")
        which.add_argument(
            "--collection", action="append", metavar="SLUG", help="a collection (repeatable)"
        )
        which.add_argument("--item", action="append", metavar="ID", help="an item (repeatable)")

    def handle(self, *args, dest: str, all: bool, collection, item, **options):
        items = self._items(all, collection or [], item or [])
        total = items.count()
        to_stdout = dest == "-"
        # Progress goes to stderr, and only on a terminal, so piped CSV stays clean.
        bar = tqdm(
            total=total,
            unit="item",
            file=sys.stderr,
            disable=options["verbosity"] == 0 or not sys.stderr.isatty(),
        )
        try:
            if to_stdout:
                report = csv_export.write(items, self.stdout, progress=bar.update)
            else:
                with Path(dest).open("w", encoding="utf-8", newline="") as out:
                    report = csv_export.write(items, out, progress=bar.update, bom=True)
        except OSError as exc:
            raise CommandError(f"cannot write {dest}: {exc.strerror}") from None
        finally:
            bar.close()
        for message in report.inexact:
            self.stderr.write(message)
        self.stderr.write(report.summary() + ("" if to_stdout else f" to {dest}"))

    def _items(self, all: bool, slugs: list[str], identifiers: list[str]) -> QuerySet:
        if all:
            return Item.objects.all()
        if slugs:
            found = dict(Collection.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            missing = set(slugs) - set(found)
            if missing:
                raise CommandError(f"unknown collection(s): {', '.join(sorted(missing))}")
            return csv_export.in_collections(found.values())
        missing = set(identifiers) - set(
            Item.objects.filter(identifier__in=identifiers).values_list("identifier", flat=True)
        )
        if missing:
            raise CommandError(f"unknown item(s): {', '.join(sorted(missing))}")
        return Item.objects.filter(identifier__in=identifiers)
