"""manage.py import_bag: validate a bag and restore its holdings, all or nothing."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from preservation.bags import BagError
from preservation.restore import import_bag


class Command(BaseCommand):
    help = "Validate a bag written by export_bag and restore it (refused whole on any problem)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("src", type=Path, help="the bag's folder")

    def handle(self, *args, src: Path, **options) -> None:
        try:
            with tqdm(unit="item", file=sys.stderr, disable=not sys.stderr.isatty()) as bar:
                summary = import_bag(src, bar)
        except BagError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(str(summary)))
