"""Import or update items from a CSV file (see docs/cataloguing.md for the column format)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, InterfaceError, OperationalError

from collection.csv_import import ImportFailed, ImportReport, run_import


class Command(BaseCommand):
    help = "Import items from a CSV file: all rows or none. --dry-run shows what would change."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check and report; save nothing")
        parser.add_argument("--collection", default="", help="also add every item to this slug")
        parser.add_argument("--user", default="", help="import as this user, with their rights")

    def handle(self, *args, file: Path, dry_run: bool, collection: str, user: str, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from None
        self.verbosity = options.get("verbosity", 1)
        account = self._user(user) if user else None
        try:
            report = run_import(
                data,
                user=account,
                dry_run=dry_run,
                collection=collection,
                comment=f"CSV import {file.name}",
                progress=options.get("verbosity", 1) > 0,
            )
        except ImportFailed as exc:
            self._write(exc.report)
            raise CommandError(exc.report.summary()) from None
        except (OperationalError, InterfaceError) as exc:
            # The server went away mid-import (a restart, a network cut): the import is one
            # transaction, so it was rolled back as a whole.
            raise CommandError(
                f"the database connection was lost during the import ({first_line(exc)}); "
                "nothing was saved: run the import again"
            ) from None
        self._write(report)
        if report.problems:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def _user(self, username: str):
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no active user {username!r}") from None

    def _write(self, report: ImportReport) -> None:
        for problem in report.problems:
            self.stderr.write(str(problem))
        for plan in report.plans:
            label = plan.identifier or "(new identifier)"
            self.stdout.write(f"row {plan.row}: {label} {plan.state}")
            if plan.state != "unchanged" and self.verbosity > 0:
                for name, (old, new) in plan.changes.items():
                    self.stdout.write(f"    {name}: {old!r} → {new!r}")


def first_line(exc: DatabaseError) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
