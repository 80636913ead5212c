"""Celery queues of the catalogue: bulk edits of large selections run on their own bulk queue."""

BULK_QUEUE = "collection_bulk"

QUEUES = [BULK_QUEUE]
ROUTES = {
    "collection.tasks.bulk_edit": BULK_QUEUE,
}
