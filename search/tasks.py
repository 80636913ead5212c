"""Celery tasks of the search app: thin wrappers, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.core.management import call_command
from django.utils import timezone

from collection import public
from collection.models import Item

from . import outbox
from .backends import BackendUnavailable, get_backend


@shared_task(bind=True, max_retries=None)
def drain_outbox(self) -> dict:
    """Apply pending index work; if the engine is away, the rows wait and we retry with backoff."""
    result = outbox.drain_all()
    if result.failed and not self.request.is_eager:
        raise self.retry(countdown=min(300, 5 * 2 ** min(self.request.retries, 6)))
    return vars(result)


@shared_task
def enqueue_ended_embargoes() -> int:
    """Queue items whose embargo has ended but whose document is not in the index yet."""
    today = timezone.localdate()
    ended = set(
        public.items()
        .filter(visibility=Item.Visibility.EMBARGOED, embargo_until__lte=today)
        .values_list("pk", flat=True)
    )
    if not ended:
        return 0
    try:
        indexed = set(get_backend().indexed_versions(ended))
    except BackendUnavailable:
        indexed = set()  # queue them all; the versioned writes make the extra work harmless
    # counts=True: the authorities these items link gain a public item
    return outbox.enqueue_items(ended - indexed, action="embargo-ended", counts=True)


@shared_task
def purge_outbox() -> int:
    return outbox.purge_done()


@shared_task
def rebuild_index() -> None:
    call_command("search_reindex", progress=False)
