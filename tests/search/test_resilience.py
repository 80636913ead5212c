"""With the Elasticsearch node stopped, saving still works and no index update is lost."""

import os
import subprocess
from urllib.parse import urlparse

import pytest

from search import outbox
from search.models import IndexOutbox
from search.query import SearchQuery
from search.service import search
from tests.search.corpus import make_item

pytestmark = [pytest.mark.elasticsearch, pytest.mark.slow, pytest.mark.django_db]
SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "elasticsearch.sh")


def node(command: str) -> None:
    """Stop or start the suite's own node (the port comes from ELASTICSEARCH_URL), keeping its data."""
    port = str(urlparse(os.environ["ELASTICSEARCH_URL"]).port or 9200)
    env = {**os.environ, "ES_PORT": port, "ES_KEEP_DATA": "1"}
    subprocess.run(["bash", SCRIPT, command], env=env, check=True, capture_output=True, timeout=300)


@pytest.fixture
def stopped_node():
    node("stop")
    try:
        yield
    finally:
        node("start")  # even when the test fails, the rest of the suite gets its node back


def test_saving_with_the_node_stopped_loses_nothing(
    search_index, stopped_node, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the nudge runs and must not raise
        item = make_item("Dabendorf while the node was down")
    result = outbox.drain_all()
    assert (result.indexed, result.failed) == (0, 1)
    row = IndexOutbox.objects.get(item_id=item.pk)
    assert row.done_at is None and row.attempts >= 1 and "unavailable" in row.last_error

    node("start")
    result = outbox.drain_all()
    assert (result.indexed, result.failed) == (1, 0)
    search_index.refresh()
    hits = search(SearchQuery(text="Dabendorf")).hits
    assert [h.identifier for h in hits] == [item.identifier]
