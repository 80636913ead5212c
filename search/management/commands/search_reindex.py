"""Build a new index version while the old one answers, replay what arrived meanwhile, swap."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from collection import public
from search import outbox
from search.backends import get_backend
from search.documents import build_authority_documents, build_documents
from search.models import IndexOutbox


class Command(BaseCommand):
    help = (
        "Rebuild the search index (items and authorities) blue-green: new version, replay the "
        "outbox, atomic swap, verify."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)
        parser.add_argument("--no-progress", dest="progress", action="store_false")

    def handle(self, batch: int = 500, progress: bool = True, **options):
        backend = get_backend()
        mark = outbox.high_water_mark()  # rows after this are replayed into the new index
        target = backend.begin_rebuild()
        ids = list(public.items().order_by("pk").values_list("pk", flat=True))
        indexed = 0
        with tqdm(total=len(ids), desc="indexing", unit="item", disable=not progress) as bar:
            for start in range(0, len(ids), batch):
                docs, _ = build_documents(ids[start : start + batch])
                indexed += len(backend.index_documents(docs, target))
                bar.update(len(ids[start : start + batch]))
        authorities = list(public.authorities().order_by("pk").values_list("pk", flat=True))
        written = 0
        for start in range(0, len(authorities), batch):
            docs, _ = build_authority_documents(authorities[start : start + batch])
            written += len(backend.index_authorities(docs, target))
        replayed = self._replay(backend, mark, target)
        backend.finish_rebuild(target)
        outbox.drain_all()  # whatever arrived between the replay and the swap
        expected, actual = public.items().count(), backend.count()
        self.stdout.write(
            f"indexed {indexed}, replayed {replayed} outbox rows, index {actual} documents, "
            f"database {expected} public items; authorities {written} of {len(authorities)}"
        )
        if expected != actual:
            raise CommandError(
                f"count mismatch: {actual} indexed, {expected} public; run search_drift --repair"
            )

    def _replay(self, backend, mark: int, target: str) -> int:
        rows = list(IndexOutbox.objects.filter(id__gt=mark).order_by("id"))
        for start in range(0, len(rows), 500):
            outbox.apply_rows(rows[start : start + 500], target=target, mark=False)
        return len(rows)
