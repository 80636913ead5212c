"""Fixtures of the portal tests: the demo collection loaded once per module, indexed and illustrated."""

import pytest

from tests.conftest import module_catalogue

PUBLIC_ITEM = "vlasov-article-2023"
DRAFT_ITEM = "vlasov-demo-draft-vienna-1943"
EMBARGOED_ITEM = "vlasov-demo-embargoed-pamphlets"


def load_demo() -> None:
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo collection for a whole module, rolled back after it (loading takes seconds)."""
    with module_catalogue(django_db_blocker, tmp_path_factory, "portal", load_demo):
        yield


@pytest.fixture
def portal(demo, db, client):
    """A test client on the demo collection, in English."""
    client.cookies["django_language"] = "en"
    return client
