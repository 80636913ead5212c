"""Fixtures shared by the whole suite, and markers that skip tests whose service is absent."""

import os

import pytest

SERVICE_ENV = {
    "postgres": ("DATABASE_URL", "postgres"),
    "redis": ("CELERY_BROKER_URL", "redis"),
    "elasticsearch": ("ELASTICSEARCH_URL", "http"),
}


def pytest_collection_modifyitems(config, items):
    """Skip tests marked for a service that this run was not given (the embedded-default run)."""
    for item in items:
        for marker, (var, scheme) in SERVICE_ENV.items():
            if marker in item.keywords and not os.environ.get(var, "").startswith(scheme):
                item.add_marker(pytest.mark.skip(reason=f"needs {marker}: set {var}"))


@pytest.fixture
def celery_eager():
    """Run Celery tasks inline even in the run that has a real broker."""
    from config.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved
