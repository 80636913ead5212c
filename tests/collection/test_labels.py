"""collection.labels: vocabulary and facet labels in the active language, names of visible records."""

import pytest
from django.utils import translation

from collection import history, labels
from collection.models import Authority, Collection


@pytest.fixture(autouse=True)
def _no_cached_names():
    labels.clear_names()
    yield
    labels.clear_names()


@pytest.mark.parametrize(
    "facet, value, dutch, english",
    [
        ("kind", "letter", "brief", "letter"),
        ("type", "Text", "Tekst", "Text"),
        ("type", "StillImage", "Stilstaand beeld", "Still image"),
        ("language", "nl", "Nederlands", "Dutch"),
    ],
)
def test_vocabulary_labels_follow_the_active_language_call_by_call(facet, value, dutch, english):
    # Alternating in one process: nothing translated may stick from the first call.
    for language, expected in (("nl", dutch), ("en", english), ("nl", dutch)):
        with translation.override(language):
            assert labels.facet_labels(facet, [value]) == {value: expected}


def test_unknown_codes_label_themselves():
    assert labels.facet_labels("kind", ["sculpture"]) == {"sculpture": "sculpture"}
    assert labels.facet_labels("type", ["Hologram"]) == {"Hologram": "Hologram"}
    assert labels.language_name("") == ""
    assert labels.language_name("xx-Latn") == "xx-Latn"
    assert labels.facet_value_label("decade", "1940") == "1940s"


@pytest.mark.django_db
def test_collection_titles_only_of_collections_the_public_may_see():
    parent = Collection.objects.create(slug="closed", title="Closed fonds", is_public=False)
    Collection.objects.create(slug="inner", title="Inner series", parent=parent, is_public=True)
    Collection.objects.create(slug="open", title="Open fonds", is_public=True)
    found = labels.facet_labels("collection", ["closed", "inner", "open", "nowhere"])
    # A hidden collection's title must not leak: its slug stands for itself, like an unknown one.
    assert found == {
        "closed": "closed",
        "inner": "inner",
        "open": "Open fonds",
        "nowhere": "nowhere",
    }


@pytest.mark.django_db
def test_a_private_authority_is_not_named():
    Authority.objects.create(
        kind="person", slug="living", preferred_name="Living P.", is_public=False
    )
    assert labels.facet_labels("person", ["living"]) == {"living": "living"}


@pytest.mark.django_db
def test_a_rename_shows_at_once_in_this_process(django_assert_num_queries):
    with history.changes():
        person = Authority.objects.create(kind="person", slug="vlasov", preferred_name="A. Vlasov")
    assert labels.facet_labels("person", ["vlasov"]) == {"vlasov": "A. Vlasov"}
    with django_assert_num_queries(0):  # names are cached (untranslated) between requests
        assert labels.facet_labels("person", ["vlasov"]) == {"vlasov": "A. Vlasov"}
    with history.changes():
        person.preferred_name = "Andrej Vlasov"
        person.save()
    assert labels.facet_labels("person", ["vlasov"]) == {"vlasov": "Andrej Vlasov"}
