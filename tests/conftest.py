"""Fixtures shared by the whole suite, and markers that skip tests whose service is absent."""

import os
from contextlib import contextmanager

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


def isolated_settings(root, prefix: str):
    """Media, originals and the search index in a throw-away folder, never the developer's data/."""
    from django.test import override_settings

    return override_settings(
        MEDIA_ROOT=root / "media",
        ARCHIVE_DERIVATIVES_ROOT=root / "media" / "derivatives",
        ARCHIVE_ORIGINALS_ROOT=root / "originals",
        SEARCH_FTS_PATH=root / "search.sqlite3",
        SEARCH_INDEX_PREFIX=f"test-{prefix}-{root.name}",
    )


def run_inline(build):
    """Run `build()` with Celery tasks and on-commit callbacks (search indexing, derivatives)
    executed inline, as a broker and a worker would after the commit; return what it returns."""
    from django.test import TestCase

    from config.celery import app
    from search.backends import reset_backend

    reset_backend()
    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return build()
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@contextmanager
def module_catalogue(django_db_blocker, tmp_path_factory, prefix: str, build):
    """Run `build()` once for a module (run_inline, isolated folders); yield what it returns,
    and roll everything back after."""
    from django.db import transaction

    from search.backends import reset_backend

    override = isolated_settings(tmp_path_factory.mktemp(prefix), prefix)
    override.enable()
    atomic = transaction.atomic()
    try:
        with django_db_blocker.unblock():
            atomic.__enter__()
            data = run_inline(build)
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        override.disable()
        reset_backend()
