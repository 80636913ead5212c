"""Ingest a folder of files into the archive, to one item or to items named by the filenames."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.ingest import ingest_file, safe_filename
from archive.models import MediaFile
from archive.storage import hash_file
from collection.models import Item

# "photo-1__back.jpg" belongs to item "photo-1"; "photo-1.jpg" too.
PREFIX_SEPARATOR = "__"


class Command(BaseCommand):
    help = (
        "Ingest every file in PATH. With --item all go to that item; without it each file goes "
        f"to the item whose identifier is its name up to '{PREFIX_SEPARATOR}' or the extension. "
        "A file whose content the item already has is skipped, so reruns add nothing. Empty "
        "files are refused; a file that cannot be read is reported and the others go on."
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
        self.counts = dict.fromkeys(
            ("ingested", "already present", "no matching item", "empty", "failed"), 0
        )
        for file in tqdm(files, desc="ingesting", unit="file", disable=options["verbosity"] < 1):
            try:
                self.counts[self._one(file, target)] += 1
            except Exception as exc:  # one unreadable file must not stop the others
                self.counts["failed"] += 1
                self.stderr.write(f"{safe_filename(file.name)}: not ingested: {exc}")
        summary = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        if self.counts["failed"]:
            raise CommandError(summary)
        self.stdout.write(summary)

    def _one(self, file: Path, target: Item | None) -> str:
        """Ingest one file; return which count it adds to."""
        name = safe_filename(file.name)
        owner = target or Item.objects.filter(identifier=item_identifier_for(file)).first()
        if owner is None:
            self.stderr.write(f"no item for {name}")
            return "no matching item"
        sha256, size = hash_file(file)
        if size == 0:  # as the admin's upload form: an empty file is no original
            self.stderr.write(f"{name}: the file is empty; not ingested")
            return "empty"
        if MediaFile.objects.filter(item=owner, sha256=sha256).exists():
            return "already present"
        ingest_file(owner, file, name)
        if name != file.name:
            self.stderr.write(f"{name}: the file name is not valid UTF-8; stored under this name")
        return "ingested"

    def _item(self, identifier: str) -> Item:
        try:
            return Item.objects.get(identifier=identifier)
        except Item.DoesNotExist as exc:
            raise CommandError(f"no item with identifier {identifier!r}") from exc


def item_identifier_for(file: Path) -> str:
    return safe_filename(file.stem).split(PREFIX_SEPARATOR, 1)[0]
