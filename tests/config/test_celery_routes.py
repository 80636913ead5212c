"""Every project task has a queue; a worker refuses to start otherwise."""

import pytest

from config.celery import _refuse_unrouted_tasks, app, declared_routes, unrouted_tasks


def test_every_project_task_is_routed():
    app.loader.import_default_modules()
    assert unrouted_tasks() == []


def test_routes_name_declared_queues():
    queues, routes = declared_routes()
    assert set(routes.values()) <= set(queues)


def test_worker_refuses_to_start_with_an_unrouted_task():
    @app.task(name="archive.tasks.sneaky_unrouted_task")
    def sneaky() -> None:  # pragma: no cover - never run
        pass

    try:
        with pytest.raises(RuntimeError, match="sneaky_unrouted_task"):
            _refuse_unrouted_tasks()
    finally:
        app.tasks.unregister("archive.tasks.sneaky_unrouted_task")
