"""Celery queues of the search app: index updates on their own queue, rebuilds on a bulk queue."""

QUEUES = ["search", "search_bulk"]
ROUTES = {
    "search.tasks.drain_outbox": "search",
    "search.tasks.enqueue_ended_embargoes": "search",
    "search.tasks.purge_outbox": "search_bulk",
    "search.tasks.rebuild_index": "search_bulk",
}
# Celery beat entries (collected by config/celery.py). The outbox drain is also nudged on every
# commit; this is the safety net.
SCHEDULE = {
    "search-drain-outbox": {"task": "search.tasks.drain_outbox", "schedule": 60.0},
    "search-ended-embargoes": {"task": "search.tasks.enqueue_ended_embargoes", "schedule": 3600.0},
    "search-purge-outbox": {"task": "search.tasks.purge_outbox", "schedule": 86400.0},
}
