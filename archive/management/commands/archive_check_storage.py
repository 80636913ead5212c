"""Say where originals and derivatives are stored, and prove each storage can write and read."""

from django.core.management.base import BaseCommand, CommandError

from archive import storage


class Command(BaseCommand):
    help = (
        "Check the archive's storages (ARCHIVE_STORAGE): write, read back and delete a probe "
        "file in each. --create-bucket first creates the S3 bucket (or local folder) if missing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--create-bucket", action="store_true", help="create the bucket or folder if missing"
        )

    def handle(self, create_bucket: bool, **options) -> None:
        for label, store in (
            ("originals", storage.originals()),
            ("derivatives", storage.derivatives()),
        ):
            try:
                if create_bucket:
                    store.create_root()
                store.probe()
            except (storage.StorageUnavailable, OSError) as exc:
                raise CommandError(f"{label}: {store.describe()}: {exc}") from exc
            self.stdout.write(f"{label}: {store.describe()}: ok")
