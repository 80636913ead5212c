"""Celery tasks of the catalogue: thin, id-taking; the work is in collection.bulk."""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model

from . import bulk

log = logging.getLogger(__name__)

PROGRESS = "PROGRESS"  # the state of a running bulk edit; its meta is {"done": n, "total": m}


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=False)
def bulk_edit(self, item_ids: list[int], edit: dict, user_id: int, expected: str = "") -> dict:
    """Apply a bulk edit queued from the admin; return (and log) whether it applied, and its summary.

    All or nothing, as inline: a refusal or an invalid result saves nothing. With a result
    backend the admin's status page shows the progress and this summary.
    """
    user = get_user_model().objects.filter(pk=user_id).first()

    def progress(done: int, total: int) -> None:
        if self.request.id:  # called directly (tests, a shell) there is no task to report on
            self.update_state(state=PROGRESS, meta={"done": done, "total": total})

    try:
        result = bulk.apply(
            item_ids, bulk.BulkEdit(**edit), user, expected=expected, progress=progress
        )
    except (bulk.BulkError, bulk.BulkRefused) as exc:
        text = " ".join(getattr(exc, "messages", [str(exc)]))
        log.warning("bulk edit by user %s refused: %s", user_id, text)
        return {"applied": False, "summary": text, "user": user_id}
    summary = result.summary()
    log.info("bulk edit by user %s: %s", user_id, summary)
    return {"applied": True, "summary": summary, "user": user_id}
