"""The Celery app: configured from Django settings, with queues and routes declared by each app.

Each app that has tasks declares them in `<app>/queues.py` as `QUEUES` (queue names), `ROUTES`
(task name -> queue) and, for periodic work, `SCHEDULE` (celery beat entries). A worker refuses
to start when one of the project's tasks has no route, so a new task can never land silently on
the default queue.
"""

import importlib
import logging
import os
import time

from celery import Celery
from celery.signals import beat_init, before_task_publish, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

PROJECT_APPS = ("collection", "archive", "search", "api", "portal", "demo")
# Beat writes the time it last sent a task here (in Redis, beside the queues); /health/ready/
# reads it (config.health.check_beat).
BEAT_HEARTBEAT_KEY = "archive:beat:last-sent"
log = logging.getLogger(__name__)

app = Celery("archive_backend")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def queue_modules() -> list:
    """The `<app>.queues` modules of the project apps that have one."""
    modules = []
    for name in PROJECT_APPS:
        try:
            modules.append(importlib.import_module(f"{name}.queues"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{name}.queues":
                raise
    return modules


def declared_routes() -> tuple[list[str], dict[str, str]]:
    """Collect QUEUES and ROUTES from every project app that has a queues module."""
    queues, routes = ["default"], {}
    for module in queue_modules():
        queues += [q for q in getattr(module, "QUEUES", []) if q not in queues]
        routes.update(getattr(module, "ROUTES", {}))
    return queues, routes


def declared_schedule() -> dict[str, dict]:
    """Collect the celery beat entries every project app declares as SCHEDULE in its queues.py."""
    schedule: dict[str, dict] = {}
    for module in queue_modules():
        schedule.update(getattr(module, "SCHEDULE", {}))
    return schedule


def unrouted_tasks() -> list[str]:
    """Return the names of the project's registered tasks that no app routes to a queue."""
    _, routes = declared_routes()
    return sorted(
        name for name in app.tasks if name.split(".", 1)[0] in PROJECT_APPS and name not in routes
    )


@app.on_after_configure.connect
def _apply_schedule(sender: Celery, **kwargs) -> None:
    # On configure, not finalize: beat reads its schedule before any task is looked up.
    sender.conf.beat_schedule = {**declared_schedule(), **(sender.conf.beat_schedule or {})}


@app.on_after_configure.connect
def _apply_reliability(sender: Celery, **kwargs) -> None:
    """Redelivery and publishing settings that survive a dead worker or a restarting broker.

    A task whose worker died unacknowledged (acks_late) is handed out again once it has waited
    visibility_timeout seconds; kombu looks for such tasks every unacked_restore_interval x
    unacked_restore_throttle seconds (10 x 10 by default), so a lost task could wait minutes past
    the timeout. Here the sweep runs every tenth of the timeout, at most every 10 s (one cheap
    ZRANGEBYSCORE). Publishing while the broker restarts keeps trying for about 12 s (kombu's
    default gives up after 3 quick tries, well inside a Redis restart), so an upload or an ingest
    that commits during the restart still queues its derivatives. docs/reliability.md.
    """
    transport = dict(sender.conf.broker_transport_options or {})
    visibility = int(transport.get("visibility_timeout", 3600))
    transport.setdefault("unacked_restore_interval", max(1, min(10, visibility // 10)))
    transport.setdefault("unacked_restore_throttle", 1)
    sender.conf.broker_transport_options = transport
    sender.conf.task_publish_retry = True
    sender.conf.task_publish_retry_policy = {
        "max_retries": 12,
        "interval_start": 0.2,
        "interval_step": 0.5,
        "interval_max": 1.0,
    }


@app.on_after_finalize.connect
def _apply_routes(sender: Celery, **kwargs) -> None:
    queues, routes = declared_routes()
    sender.conf.task_routes = {task: {"queue": queue} for task, queue in routes.items()}
    sender.conf.task_create_missing_queues = True


@worker_init.connect
def _refuse_unrouted_tasks(sender=None, **kwargs) -> None:
    missing = unrouted_tasks()
    if missing:
        raise RuntimeError(
            "these tasks have no queue; add them to ROUTES in their app's queues.py: "
            + ", ".join(missing)
        )


_in_beat = False


@beat_init.connect
def _mark_beat(sender=None, **kwargs) -> None:
    global _in_beat
    _in_beat = True


@before_task_publish.connect
def _beat_heartbeat(sender=None, **kwargs) -> None:
    """In the beat process: note when it last sent a scheduled task (its heartbeat)."""
    if not _in_beat:
        return
    try:
        with app.connection_for_write() as conn:
            client = getattr(conn.default_channel, "client", None)
            if client is not None:  # Redis; other brokers keep no heartbeat
                client.set(BEAT_HEARTBEAT_KEY, f"{time.time():.0f}")
    except Exception:  # the heartbeat must never stop the schedule
        log.warning("could not record beat's heartbeat", exc_info=True)
