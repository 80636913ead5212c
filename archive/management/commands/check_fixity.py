"""Re-hash stored originals and record each check; report ok, mismatched and missing files."""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive import fixity
from archive.models import MediaFile
from archive.storage import StorageUnavailable


class Command(BaseCommand):
    help = (
        "Check the fixity of originals not checked within ARCHIVE_FIXITY_INTERVAL_HOURS "
        "(or --all, or one --item). Exits non-zero when a file is mismatched or missing."
    )

    def add_arguments(self, parser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--all", action="store_true", help="every file, however recent")
        group.add_argument("--item", help="only the files of the item with this identifier")

    def handle(self, all: bool, item: str | None, **options) -> None:
        if item:
            files = MediaFile.objects.filter(item__identifier=item).order_by("pk")
        else:
            files = MediaFile.objects.order_by("pk") if all else fixity.due()
        counts = Counter({"ok": 0, "mismatch": 0, "missing": 0})
        bar = tqdm(
            files.iterator(),
            total=files.count(),
            desc="checking",
            unit="file",
            disable=options["verbosity"] < 1,
        )
        for media_file in bar:
            try:
                result = fixity.check(media_file)
            except StorageUnavailable as exc:
                raise CommandError(
                    f"the file store is unavailable ({exc.message}); checks stopped, nothing "
                    "was recorded for the files not yet checked"
                ) from exc
            counts[result.result] += 1
            if result.result != "ok":
                self.stderr.write(
                    f"{result.result}: {media_file.pk} {media_file}: {result.message}"
                )
        self.stdout.write(", ".join(f"{n} {what}" for what, n in counts.items()))
        if counts["mismatch"] or counts["missing"]:
            raise CommandError("fixity problems found; they are listed in the admin")
