"""Control characters in catalogued text never unbalance the highlights (issue 10, row 13).

\\x02 and \\x03 were the FTS5 backend's highlight sentinels: a title holding them became stray
<mark> and </mark> tags around the page.
"""

import re

import pytest

from collection.models import Item
from search.backends import get_backend, reset_backend
from search.documents import build_documents
from search.query import SearchQuery
from search.service import search
from tests.search.corpus import isolated_settings, make_item

pytestmark = pytest.mark.django_db

BACKENDS = [
    pytest.param("search.backends.sqlite_fts.SQLiteFTSBackend", id="sqlite_fts"),
    pytest.param(
        "search.backends.elasticsearch.ElasticsearchBackend",
        id="elasticsearch",
        marks=pytest.mark.elasticsearch,
    ),
]


@pytest.fixture(params=BACKENDS)
def backend(request, settings, tmp_path):
    for name, value in isolated_settings(str(tmp_path), request.param).items():
        setattr(settings, name, value)
    reset_backend()
    yield get_backend()
    get_backend().drop()
    reset_backend()


def test_sentinel_characters_in_text_give_balanced_marks(backend):
    make_item(
        "Brief \x03 aan\x02 Vlasov \x02\x03 uit Praag\x03",
        description="Over \x02Vlasov\x03 en \x03 zijn leger \x02",
    )
    docs, _ = build_documents(Item.objects.values_list("pk", flat=True))
    backend.index_documents(docs)
    backend.refresh()
    (hit,) = search(SearchQuery(text="vlasov")).hits
    snippets = [s for values in hit.highlights.values() for s in values]
    assert snippets and any("<mark>" in s for s in snippets)
    for snippet in snippets:
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", snippet), snippet
        tags = re.findall(r"</?mark>", snippet)
        assert tags == ["<mark>", "</mark>"] * (len(tags) // 2), snippet
        assert re.sub(r"</?mark>", "", snippet).count("<") == 0, snippet


def test_elasticsearch_indexes_the_text_without_control_characters():
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend({"url": "http://127.0.0.1:9"})  # builds the action only
    doc = {"identifier": "i1", "version": 1, "title": ["Brief \x02aan\x03 Vlasov"], "names": []}
    source = backend.action(1, doc, "index")["_source"]
    assert source["title"] == ["Brief  aan  Vlasov"]
