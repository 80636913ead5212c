"""Celery tasks of the catalogue: thin, id-taking; the work is in collection.bulk."""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model

from . import bulk

log = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def bulk_edit(item_ids: list[int], edit: dict, user_id: int, expected: str = "") -> str:
    """Apply a bulk edit queued from the admin; return (and log) its summary.

    All or nothing, as inline: a refusal or an invalid result raises and nothing is saved.
    """
    user = get_user_model().objects.filter(pk=user_id).first()
    try:
        result = bulk.apply(item_ids, bulk.BulkEdit(**edit), user, expected=expected)
    except (bulk.BulkError, bulk.BulkRefused) as exc:
        text = " ".join(getattr(exc, "messages", [str(exc)]))
        log.warning("bulk edit by user %s refused: %s", user_id, text)
        return text
    summary = result.summary()
    log.info("bulk edit by user %s: %s", user_id, summary)
    return summary
