"""Report (and with --repair, fix through the outbox) drift between the database and the index."""

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from search import outbox
from search.drift import measure
from search.models import IndexOutbox


class Command(BaseCommand):
    help = (
        "Report item and authority documents missing from, stale in or extra in the search "
        "index; --repair fixes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true")
        parser.add_argument("--no-progress", dest="progress", action="store_false")

    def handle(self, repair: bool = False, progress: bool = True, **options):
        drift = measure()
        self.stdout.write(
            f"missing {len(drift.missing)}, stale {len(drift.stale)}, extra {len(drift.extra)}; "
            f"authorities missing {len(drift.missing_authorities)}, "
            f"extra {len(drift.extra_authorities)}"
        )
        if not (repair and drift.total):
            return
        with transaction.atomic():
            outbox.enqueue_items(drift.missing | drift.stale, action="repair")
            # extra documents may belong to deleted items: the drain removes what is not public
            IndexOutbox.objects.bulk_create(
                [
                    IndexOutbox(item_id=i, version=v, action="repair")
                    for i, v in drift.extra.items()
                ],
                batch_size=1000,
            )
            outbox.enqueue_authorities(
                drift.missing_authorities | drift.extra_authorities,
                action="repair",
                nudge_drain=False,
            )
        with tqdm(total=drift.total, desc="repairing", unit="row", disable=not progress) as bar:
            result = outbox.drain_all()
            bar.update(result.rows)
        after = measure()
        self.stdout.write(
            f"repaired: indexed {result.indexed}, removed {result.deleted}, "
            f"authorities {result.authorities}, failed {result.failed}; drift now {after.total}"
        )
