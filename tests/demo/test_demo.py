"""The demo collection loads completely, validly and only once, and asks for placeholder images."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from collection import public
from collection.models import Authority, Collection, Item, MetadataValue, Revision
from collection.public import CollectionTree
from collection.signals import demo_loaded
from collection.validators import parse_date, validate_language_tag
from demo.dossier.authorities import AUTHORITIES, TIMELINE
from demo.dossier.items import PHOTOGRAPHS
from demo.dossier.loader import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

EXPECTED_ITEMS = {
    "vlasov-article-2023",
    "vlasov-photo-signal-1943",
    "vlasov-photo-training-camp-1943",
    "vlasov-photo-himmler",
    "vlasov-photo-monument-2020",
    "vlasov-proclamation-1944",
    "vlasov-book-andreyev-1989",
    "vlasov-book-hoffmann-2003",
    "vlasov-book-beyda-petrov-2023",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module (dates parse slowly); each test runs in a savepoint."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def counts() -> tuple[int, ...]:
    models = [Item, MetadataValue, Authority, Collection, Revision]
    return tuple(m.objects.count() for m in models)


def test_demo_catalogues_the_article_its_pictures_manifesto_and_books():
    identifiers = set(Item.objects.values_list("identifier", flat=True))
    assert identifiers >= EXPECTED_ITEMS
    article = Item.objects.get(identifier="vlasov-article-2023")
    assert article.title == "Vlasov: het einde van een Russische overloper"
    values = {(v.term, v.value) for v in article.values.all()}
    assert {("issued", "2023-04-25"), ("modified", "2023-05-05"), ("language", "nl")} <= values
    assert ("isPartOf", "Historisch Nieuwsblad 5-2023") in values
    assert article.bibliographic.contributors.get().family == "Brand"
    photo_types = set(Item.objects.filter(kind="photograph").values_list("dcmi_type", flat=True))
    assert photo_types == {"StillImage"}
    manifesto = Item.objects.get(identifier="vlasov-proclamation-1944")
    assert manifesto.values.get(term="created").value == "1944-11-14"
    assert len([v for v in manifesto.values.all() if v.term == "tableOfContents"]) == 10
    books = Item.objects.filter(kind="bibliographic")
    assert books.count() == 3 and all(b.bibliographic.year for b in books)


def test_collection_tree_gives_hierarchical_sets():
    photos = Collection.objects.get(slug="vlasov-photographs")
    assert CollectionTree.load().nodes[photos.pk].set_spec == "dossier-vlasov:vlasov-photographs"
    assert not Collection.objects.get(slug="vlasov-demo-extras").is_public


def test_only_the_labelled_demonstration_records_are_hidden():
    hidden = set(Item.objects.exclude(pk__in=public.items()).values_list("identifier", flat=True))
    assert hidden == {"vlasov-demo-draft-vienna-1943", "vlasov-demo-embargoed-pamphlets"}


def test_every_date_is_edtf_and_every_language_tag_valid():
    dates = MetadataValue.objects.filter(term__in=["created", "issued", "modified", "temporal"])
    assert dates.count() > 10
    for text in set(dates.values_list("value", flat=True)):
        assert parse_date(text).lower is not None
    assert not dates.filter(date_lower=None).exists()
    for tag in MetadataValue.objects.exclude(language="").values_list("language", flat=True):
        validate_language_tag(tag)
    languages = set(MetadataValue.objects.values_list("language", flat=True))
    assert {"nl", "en", "ru", "cs"} <= languages


def test_authorities_carry_names_in_other_scripts_and_links_from_items():
    vlasov = Authority.objects.get(slug="andrej-vlasov")
    assert {"Власов, Андрей Андреевич", "Wlassow, Andrei Andrejewitsch"} <= set(vlasov.all_names())
    assert vlasov.dates == "1901-09-14/1946-08-01"
    assert "Praha" in Authority.objects.get(slug="prague").all_names()
    assert MetadataValue.objects.filter(authority=vlasov, term="subject").count() >= 3


def test_every_authority_is_linked_from_a_shown_item_that_names_it():
    """No demo authority is an orphan: a visitor reaches each from an item that names it."""
    demonstration = {"vlasov-demo-draft-vienna-1943", "vlasov-demo-embargoed-pamphlets"}
    shown = MetadataValue.objects.exclude(item__identifier__in=demonstration)
    linked = set(shown.exclude(authority=None).values_list("authority__slug", flat=True))
    assert set(Authority.objects.values_list("slug", flat=True)) - linked == set()
    assert {a.slug for a in AUTHORITIES} <= linked
    strik = shown.filter(authority__slug="wilfried-strik-strikfeldt")
    assert set(strik.values_list("item__identifier", "term")) == {
        ("vlasov-article-2023", "subject")
    }
    places = shown.filter(term="spatial", item__identifier="vlasov-article-2023")
    assert {"vienna", "lubyanka", "yalta"} <= set(places.values_list("authority__slug", flat=True))


def test_timeline_events_fall_between_1942_and_1946_in_order():
    events = [Authority.objects.get(slug=slug) for slug in TIMELINE]
    assert len(events) >= 8
    assert all(e.kind == "event" and e.date_lower.year >= 1942 for e in events)
    assert all(e.date_upper.year <= 1946 for e in events)
    lowers = [e.date_lower for e in events]
    assert lowers == sorted(lowers)


def test_every_photograph_says_its_image_is_a_placeholder():
    for photo in Item.objects.filter(kind="photograph"):
        provenance = " ".join(v.value for v in photo.values.all() if v.term == "provenance")
        assert "Placeholder image" in provenance and "Plaatsvervangende" in provenance


def test_second_run_changes_nothing():
    before = counts()
    modified = dict(Item.objects.values_list("identifier", "modified"))
    second = load_demo()
    assert counts() == before
    assert dict(Item.objects.values_list("identifier", "modified")) == modified
    assert not any(k.endswith("created") or k.endswith("updated") for k in second)
    load_demo(update=True)
    assert counts() == before


def test_archivists_edits_are_kept_unless_updating():
    value = MetadataValue.objects.get(
        item__identifier="vlasov-photo-himmler", term="title", language="en"
    )
    value.value = "Vlasov and Himmler, 1944"
    value.save()
    load_demo()
    value.refresh_from_db()
    assert value.value == "Vlasov and Himmler, 1944"
    revisions = Revision.objects.count()
    assert load_demo(update=True)["items updated"] == 1
    title = Item.objects.get(identifier="vlasov-photo-himmler").values.get(
        term="title", language="en"
    )
    assert title.value == "Vlasov and Himmler"
    assert Revision.objects.count() == revisions + 1


def test_demo_loaded_names_the_photographs_with_sizes():
    received = []

    def listener(sender, photographs, **kwargs):
        received.append(photographs)

    demo_loaded.connect(listener)
    try:
        call_command("load_demo", stdout=io.StringIO())
    finally:
        demo_loaded.disconnect(listener)
    [photographs] = received
    assert {p["identifier"] for p in photographs} == {p.identifier for p in PHOTOGRAPHS}
    assert len(photographs) == 4
    assert all(p["caption"] and p["width"] > 0 and p["height"] > 0 for p in photographs)
