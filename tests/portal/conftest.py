"""Fixtures of the portal tests: the demo collection loaded once per module, indexed and illustrated."""

import pytest
from django.db import transaction
from django.test import TestCase, override_settings

PUBLIC_ITEM = "vlasov-article-2023"
DRAFT_ITEM = "vlasov-demo-draft-vienna-1943"
EMBARGOED_ITEM = "vlasov-demo-embargoed-pamphlets"


def isolated_settings(root) -> override_settings:
    """Media, originals and the FTS index in a throw-away folder, never the developer's data/."""
    return override_settings(
        MEDIA_ROOT=root / "media",
        ARCHIVE_DERIVATIVES_ROOT=root / "media" / "derivatives",
        ARCHIVE_ORIGINALS_ROOT=root / "originals",
        SEARCH_FTS_PATH=root / "search.sqlite3",
        SEARCH_INDEX_PREFIX=f"test-portal-{root.name}",
    )


def load_demo_inline() -> None:
    """Load the demo with every on-commit task (search indexing, derivatives) run inline."""
    from django.core.management import call_command

    from config.celery import app
    from search.backends import reset_backend

    reset_backend()
    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", verbosity=0)
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo collection for a whole module, rolled back after it (loading takes seconds)."""
    settings_override = isolated_settings(tmp_path_factory.mktemp("portal"))
    settings_override.enable()
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        load_demo_inline()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    settings_override.disable()
    from search.backends import reset_backend

    reset_backend()


@pytest.fixture
def portal(demo, db, client):
    """A test client on the demo collection, in English."""
    client.cookies["django_language"] = "en"
    return client
