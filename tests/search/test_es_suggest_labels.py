"""Autocomplete labels and matched names on Elasticsearch, computed from the engine's answer
(no node needed: these run on the embedded pass too)."""

from search.backends.es_authorities import _best_name, completes, label, suggestions


def test_label_marks_the_typed_beginning_of_each_word():
    assert label("Штрик-Штрикфельдт, Вильфрид", ["штрик"]) == (
        "<mark>Штрик</mark>-<mark>Штрик</mark>фельдт, Вильфрид"
    )
    assert label("Brief uit het opleidingskamp", ["brief", "op"]) == (
        "<mark>Brief</mark> uit het <mark>op</mark>leidingskamp"
    )


def test_label_escapes_html_and_folds():
    assert label("<b>Vlásov</b>", ["vlas"]) == "&lt;b&gt;<mark>Vlás</mark>ov&lt;/b&gt;"


def test_completes_needs_every_typed_word():
    assert completes("Bericht über einen Soldaten", ["uber", "sol"])
    assert not completes("Bericht über einen Soldaten", ["uber", "x"])


def test_best_name_prefers_the_spelling_typed():
    names = ["Andrej <mark>Vlasov</mark>", "<mark>Wlassow</mark>", "<mark>Власов</mark>"]
    assert _best_name(names, "Wlassow") == "<mark>Wlassow</mark>"
    assert _best_name(names, "Vlasow") == names[0]
    assert _best_name([], "x") is None


def test_suggestions_put_names_first_without_duplicates():
    people = {
        "hits": {
            "hits": [
                {
                    "_source": {
                        "kind": "person",
                        "slug": "andrej-vlasov",
                        "names": [{"name": "Andrej Vlasov"}, {"name": "Власов"}],
                    }
                }
            ]
        }
    }
    items = {
        "hits": {
            "hits": [
                {"_source": {"identifier": "a1", "title": ["Vlasov: het einde"]}},
                {"_source": {"identifier": "a2", "title": ["Andrej Vlasov"]}},
            ]
        }
    }
    subjects = {"aggregations": {"sample": {"subjects": {"buckets": [{"key": "Andrej Vlasov"}]}}}}
    found = suggestions([people, items, subjects], "vlas", 8)
    assert [(s.text, s.source) for s in found] == [
        ("Andrej Vlasov", "person"),
        ("Vlasov: het einde", "title"),
    ]
    assert found[0].slug == "andrej-vlasov" and found[1].identifier == "a1"
