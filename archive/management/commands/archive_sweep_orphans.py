"""Remove stored originals that no media file record points to (see archive.orphans)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive import orphans
from archive.storage import StorageUnavailable


class Command(BaseCommand):
    help = (
        "Remove originals that no media file record points to (left when the store succeeded "
        "and the database then failed) and stale staging files, once older than --min-age-hours. "
        "--dry-run only counts them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, remove nothing")
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=24,
            help="leave files younger than this alone: their record may not be committed yet "
            "(default 24)",
        )

    def handle(self, dry_run: bool, min_age_hours: float, **options) -> None:
        if min_age_hours < 0:
            raise CommandError("--min-age-hours cannot be negative")
        bar = tqdm(desc="scanning", unit="file", disable=options["verbosity"] < 1)
        try:
            summary = orphans.sweep(timedelta(hours=min_age_hours), dry_run, lambda: bar.update())
        except StorageUnavailable as exc:
            raise CommandError(f"the file store is unavailable: {exc.message}") from exc
        finally:
            bar.close()
        self.stdout.write(summary.line(dry_run))
