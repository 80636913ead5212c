"""Celery queues of the search app: index updates on their own queue, rebuilds on a bulk queue."""

QUEUES = ["search", "search_bulk"]
ROUTES = {
    "search.tasks.drain_outbox": "search",
    "search.tasks.enqueue_ended_embargoes": "search",
    "search.tasks.purge_outbox": "search_bulk",
    "search.tasks.rebuild_index": "search_bulk",
}
