"""Build a new index version while the old one answers, replay what arrived meanwhile, swap."""

from concurrent.futures import Future, ThreadPoolExecutor

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
        # Rows pending now are committed changes the rebuild reads from the database: done once
        # the new index is live. (A row with a lower id whose transaction commits later is not
        # among them and is drained below.)
        covered = outbox.pending_ids(mark)
        target = backend.begin_rebuild()
        ids = list(public.items().order_by("pk").values_list("pk", flat=True))
        with tqdm(total=len(ids), desc="indexing", unit="item", disable=not progress) as bar:
            indexed = self._index_items(backend, ids, batch, target, bar)
        authorities = list(public.authorities().order_by("pk").values_list("pk", flat=True))
        written = 0
        for start in range(0, len(authorities), batch):
            docs, _ = build_authority_documents(authorities[start : start + batch])
            written += len(backend.index_authorities(docs, target))
        replayed = self._replay(backend, mark, target)
        backend.finish_rebuild(target)
        settled = outbox.settle(covered)
        outbox.drain_all()  # whatever arrived between the replay and the swap
        expected, actual = public.items().count(), backend.count()
        self.stdout.write(
            f"indexed {indexed}, replayed {replayed} outbox rows, settled {settled} pending "
            f"rows the rebuild covered, index {actual} documents, "
            f"database {expected} public items; authorities {written} of {len(authorities)}"
        )
        if expected != actual:
            raise CommandError(
                f"count mismatch: {actual} indexed, {expected} public; run search_drift --repair"
            )

    def _index_items(self, backend, ids: list[int], batch: int, target: str, bar: tqdm) -> int:
        """Index the items a batch at a time; return how many the engine acknowledged.

        Where the backend takes writes from another thread (Elasticsearch: the work is the
        engine's, in its own process), batch N+1 is built (database reads and Python here) while
        the engine indexes batch N, so the two use both cores instead of taking turns; one batch
        in flight keeps memory bounded. An engine error in that thread ends the command as it
        would have here. Other backends (SQLite) index each batch in turn on this thread.
        """
        indexed = 0
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending: tuple[Future, int] | None = None
            for start in range(0, len(ids), batch):
                chunk = ids[start : start + batch]
                docs, _ = build_documents(chunk)
                if pending is not None:
                    indexed += len(pending[0].result())
                    bar.update(pending[1])
                    pending = None
                if backend.writes_from_any_thread:
                    pending = (pool.submit(backend.index_documents, docs, target), len(chunk))
                else:
                    indexed += len(backend.index_documents(docs, target))
                    bar.update(len(chunk))
            if pending is not None:
                indexed += len(pending[0].result())
                bar.update(pending[1])
        return indexed

    def _replay(self, backend, mark: int, target: str) -> int:
        rows = list(IndexOutbox.objects.filter(id__gt=mark).order_by("id"))
        for start in range(0, len(rows), 500):
            outbox.apply_rows(rows[start : start + 500], target=target, mark=False)
        return len(rows)
