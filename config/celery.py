"""The Celery app: configured from Django settings, with queues and routes declared by each app.

Each app that has tasks declares them in `<app>/queues.py` as `QUEUES` (queue names) and `ROUTES`
(task name -> queue). A worker refuses to start when one of the project's tasks has no route, so
a new task can never land silently on the default queue.
"""

import importlib
import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

PROJECT_APPS = ("collection", "archive", "search", "api", "portal")

app = Celery("archive_backend")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def declared_routes() -> tuple[list[str], dict[str, str]]:
    """Collect QUEUES and ROUTES from every project app that has a queues module."""
    queues, routes = ["default"], {}
    for name in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{name}.queues")
        except ModuleNotFoundError as exc:
            if exc.name != f"{name}.queues":
                raise
            continue
        queues += [q for q in getattr(module, "QUEUES", []) if q not in queues]
        routes.update(getattr(module, "ROUTES", {}))
    return queues, routes


def unrouted_tasks() -> list[str]:
    """Return the names of the project's registered tasks that no app routes to a queue."""
    _, routes = declared_routes()
    return sorted(
        name for name in app.tasks if name.split(".", 1)[0] in PROJECT_APPS and name not in routes
    )


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
