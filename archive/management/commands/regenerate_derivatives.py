"""Redo missing or failed derivatives (all files, one item, some kinds), with a summary."""

from collections import Counter

from django.core.management.base import BaseCommand
from tqdm import tqdm

from archive import derivatives, regenerate
from archive.models import Derivative
from archive.queues import BULK_QUEUE


class Command(BaseCommand):
    help = (
        "Reset failed and missing derivatives to pending and make them again: queued on the "
        "bulk queue (run inline when Celery is eager), or in this process with --now."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--item", help="only the files of the item with this identifier")
        parser.add_argument(
            "--kind", action="append", choices=Derivative.Kind.values, help="repeatable"
        )
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--failed-only", action="store_true")
        which.add_argument("--missing-only", action="store_true")
        which.add_argument("--all", action="store_true", help="every derivative, done or not")
        parser.add_argument("--now", action="store_true", help="work here instead of queueing")

    def handle(self, item, kind, failed_only, missing_only, all, now, **options) -> None:
        modes = {regenerate.ALL} if all else {regenerate.FAILED, regenerate.MISSING}
        if failed_only or missing_only:
            modes = {regenerate.FAILED if failed_only else regenerate.MISSING}
        chosen = regenerate.select(regenerate.files_for(item), kind, modes)
        quiet = options["verbosity"] < 1
        for media_file_id, kinds in tqdm(
            chosen.items(), desc="derivatives", unit="file", disable=quiet
        ):
            if now:
                derivatives.make(media_file_id, kinds=kinds)
            else:
                regenerate.enqueue({media_file_id: kinds}, BULK_QUEUE)
        self.stdout.write(self._summary(chosen))

    def _summary(self, chosen: dict[int, list[str]]) -> str:
        counts = Counter()
        for media_file_id, kinds in chosen.items():
            statuses = Derivative.objects.filter(media_file_id=media_file_id, kind__in=kinds)
            counts.update(statuses.values_list("status", flat=True))
        done = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        return f"{len(chosen)} file(s), {sum(counts.values())} derivative(s): {done or 'nothing to do'}"
