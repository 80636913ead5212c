"""The Elasticsearch analysis plugin (search/es_plugin) on the running node, and the backend parts
that depend on it: the plugin is loaded, the index analyzers fold, stem, expand synonyms and build
edge n-grams, and authority writes are versioned and rebuilt beside the items.

The plugin's components have their own JUnit tests (search/es_plugin/src/test, run by Maven in
scripts/elasticsearch.sh); these check what the node does with the index settings the app sends.
"""

import uuid

import pytest

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.es_mapping import PLUGIN, synonym_rules

pytestmark = pytest.mark.elasticsearch


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    backend = ElasticsearchBackend({"prefix": f"test-es-{uuid.uuid4().hex[:8]}"})
    backend.ensure_index()
    yield backend
    backend.drop()


def tokens(backend, analyzer: str, text: str) -> list[str]:
    body = backend.client.indices.analyze(index=backend.alias, analyzer=analyzer, text=text)
    return [t["token"] for t in body["tokens"]]


def test_the_node_has_the_plugin(backend):
    nodes = backend.client.nodes.info(metric="plugins")["nodes"]
    names = {p["name"] for node in nodes.values() for p in node["plugins"]}
    assert PLUGIN in names
    assert backend.has_plugin()


def test_index_time_folding_keeps_the_original(backend):
    assert tokens(backend, "archive_text", "Vlásov Žižkov") == [
        "vlasov",
        "vlásov",
        "zizkov",
        "žižkov",
    ]


def test_search_time_synonyms_cover_scripts_and_spellings(backend):
    assert set(tokens(backend, "archive_search", "Wlassow")) >= {"vlasov", "wlassow", "власов"}
    assert set(tokens(backend, "archive_search", "Прага")) >= {"praha", "praag", "prague", "prag"}
    # the suggester's analyzer has no synonyms: it must see the words as typed
    assert tokens(backend, "archive_plain", "Wlassow Vlásov") == ["wlassow", "vlasov"]


@pytest.mark.parametrize(
    ("language", "one", "other"),
    [
        ("nl", "opleidingskamp", "opleidingskampen"),
        ("en", "camp", "camps"),
        ("de", "Soldat", "Soldaten"),
        ("ru", "манифест", "манифеста"),
        ("cs", "armáda", "armády"),
    ],
)
def test_each_language_stems_its_inflections_together(backend, language, one, other):
    assert tokens(backend, f"archive_{language}", one) == tokens(
        backend, f"archive_{language}", other
    )


def test_prefix_analyzer_indexes_every_beginning(backend):
    assert tokens(backend, "archive_prefix", "Vlá") == ["v", "vl", "vla"]


def test_every_synonym_rule_is_loaded(backend):
    rules = synonym_rules()
    assert rules and not any(r.startswith("#") for r in rules)
    for rule in rules:
        words = [w.strip() for w in rule.replace("=>", ",").split(",")]
        expanded = set(tokens(backend, "archive_search", words[0]))
        plain = set(tokens(backend, "archive_plain", words[-1]))
        assert plain <= expanded, rule


def authority(pk: int, version: int, name: str) -> dict:
    return {
        "id": pk,
        "version": version,
        "kind": "person",
        "slug": f"p{pk}",
        "name": name,
        "names": [{"name": name, "language": "en"}],
        "description": "",
        "item_count": 0,
    }


def test_authority_writes_are_versioned(backend):
    assert backend.index_authorities({1: authority(1, 20, "Zdenka Newer")}) == {1}
    # an older document arriving later is acknowledged and changes nothing
    assert backend.index_authorities({1: authority(1, 10, "Zdenka Older")}) == {1}
    backend.refresh()
    (hit,) = backend.search_authorities("Zdenka")
    assert hit.name == "Zdenka Newer"
    assert backend.indexed_authorities()[1] == 20
    # removing one that is not there is acknowledged too
    assert backend.delete_authorities([1, 999]) == {1, 999}
    backend.refresh()
    assert backend.search_authorities("Zdenka") == []


def test_a_rebuild_swaps_items_and_authorities_together(backend):
    backend.index_authorities({2: authority(2, 1, "Old Ottokar")})
    target = backend.begin_rebuild()
    backend.index_authorities({3: authority(3, 1, "New Ottokar")}, target)
    backend.index_documents({}, target)
    backend.finish_rebuild(target)
    assert [h.name for h in backend.search_authorities("Ottokar")] == ["New Ottokar"]
    assert backend.live_indices() == [target]


def test_a_rebuild_fills_without_refreshes_and_goes_live_with_them(backend):
    def intervals(target: str) -> set[str]:
        names = [target, backend._authority_index(target)]
        found = backend.client.indices.get_settings(index=names, name="index.refresh_interval")
        return {s["settings"]["index"]["refresh_interval"] for s in found.body.values()}

    target = backend.begin_rebuild()
    assert intervals(target) == {"-1"}
    backend.finish_rebuild(target)
    assert intervals(target) == {"1s"}


@pytest.mark.django_db
def test_a_bulk_action_sends_what_the_document_class_would(backend):
    import json

    from elasticsearch.serializer import JsonSerializer

    from search.backends.es_mapping import ItemDocument
    from search.documents import build_documents
    from tests.search.corpus import build_corpus

    corpus = build_corpus()
    docs, _ = build_documents([item.pk for item in corpus.values() if hasattr(item, "identifier")])
    assert docs
    as_json = JsonSerializer().dumps
    for item_id, doc in docs.items():
        sent = backend.action(item_id, doc, "any")["_source"]
        expected = ItemDocument(**doc).to_dict(skip_empty=False)
        assert json.loads(as_json(sent)) == json.loads(as_json(expected))
