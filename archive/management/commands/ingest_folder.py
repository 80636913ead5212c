"""Ingest a folder of files into the archive, to one item or to items named by the filenames."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.ingest import ingest_file
from archive.models import MediaFile
from archive.storage import hash_file
from collection.models import Item

# "photo-1__back.jpg" belongs to item "photo-1"; "photo-1.jpg" too.
PREFIX_SEPARATOR = "__"


class Command(BaseCommand):
    help = (
        "Ingest every file in PATH. With --item all go to that item; without it each file goes "
        f"to the item whose identifier is its name up to '{PREFIX_SEPARATOR}' or the extension. "
        "A file whose content the item already has is skipped, so reruns add nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--item", help="identifier of the item every file belongs to")
        parser.add_argument("--recursive", action="store_true", help="descend into subfolders")

    def handle(self, path: Path, item: str | None, recursive: bool, **options) -> None:
        if not path.is_dir():
            raise CommandError(f"{path} is not a folder")
        target = self._item(item) if item else None
        files = sorted(p for p in (path.rglob("*") if recursive else path.iterdir()) if p.is_file())
        counts = {"ingested": 0, "already present": 0, "no matching item": 0}
        for file in tqdm(files, desc="ingesting", unit="file", disable=options["verbosity"] < 1):
            owner = target or Item.objects.filter(identifier=item_identifier_for(file)).first()
            if owner is None:
                counts["no matching item"] += 1
                self.stderr.write(f"no item for {file.name}")
            elif MediaFile.objects.filter(item=owner, sha256=hash_file(file)[0]).exists():
                counts["already present"] += 1
            else:
                ingest_file(owner, file, file.name)
                counts["ingested"] += 1
        self.stdout.write(", ".join(f"{n} {what}" for what, n in counts.items()))

    def _item(self, identifier: str) -> Item:
        try:
            return Item.objects.get(identifier=identifier)
        except Item.DoesNotExist as exc:
            raise CommandError(f"no item with identifier {identifier!r}") from exc


def item_identifier_for(file: Path) -> str:
    return file.stem.split(PREFIX_SEPARATOR, 1)[0]
