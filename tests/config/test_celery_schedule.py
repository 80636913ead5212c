"""Celery beat entries are declared per app beside its queues and collected by config/celery.py."""

from django.conf import settings

from archive import queues as archive_queues
from config.celery import app, declared_routes, declared_schedule
from search import queues as search_queues


def test_the_schedule_is_what_the_apps_declare():
    assert declared_schedule() == {**archive_queues.SCHEDULE, **search_queues.SCHEDULE}
    assert set(app.conf.beat_schedule) >= {
        "archive-audit-fixity",
        "search-drain-outbox",
        "search-ended-embargoes",
        "search-purge-outbox",
    }
    assert not hasattr(settings, "CELERY_BEAT_SCHEDULE")  # no second, central list


def test_every_scheduled_task_has_a_queue():
    _, routes = declared_routes()
    assert {entry["task"] for entry in declared_schedule().values()} <= set(routes)
