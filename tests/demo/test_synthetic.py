"""Synthetic data is repeatable for a seed, varied, valid, and its bulk history matches the catalogue's."""

import random
from collections import Counter

import pytest
from django.db import transaction

from collection import public
from collection.models import (
    Authority,
    AuthorityName,
    BibliographicRecord,
    Collection,
    Contributor,
    Item,
    MetadataValue,
    Revision,
)
from collection.public import CollectionTree
from collection.signals import items_generated
from collection.snapshots import authority_snapshot, item_snapshot
from collection.validators import parse_date, validate_language_tag
from demo.synthetic.generator import generate

pytestmark = pytest.mark.django_db
N = 300


def catalogue() -> dict[str, tuple]:
    """Every item's identifier with its workflow fields and values, without database ids."""
    rows = MetadataValue.objects.values_list(
        "item__identifier", "term", "position", "value", "uri", "authority__slug", "language"
    )
    values: dict[str, list] = {}
    for identifier, *rest in rows.order_by("item__identifier", "term", "position"):
        values.setdefault(identifier, []).append(tuple(rest))
    items = Item.objects.values_list("identifier", "kind", "status", "visibility", "embargo_until")
    return {i[0]: (i[1:], tuple(values[i[0]])) for i in items}


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """Generate once for the module; each test runs in a savepoint inside this transaction."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            generate(N, seed=7, progress=False)
            yield catalogue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def wipe() -> None:
    """Remove every generated row without signals, as if the database were new."""
    for model in [Contributor, BibliographicRecord, MetadataValue, Item.collections.through]:
        model.objects.all()._raw_delete(model.objects.db)
    for model in [Item, Revision, AuthorityName, Authority]:
        model.objects.all()._raw_delete(model.objects.db)


def test_same_seed_gives_the_same_items_and_values(generated):
    wipe()
    assert catalogue() == {}
    generate(N, seed=7, progress=False)
    assert catalogue() == generated


def test_another_seed_gives_other_data(generated):
    generate(20, seed=8, progress=False)
    ours = {k: v for k, v in catalogue().items() if k.startswith("syn8-")}
    assert len(ours) == 20
    assert [v[1] for v in ours.values()] != [v[1] for v in list(generated.values())[:20]]


def test_rerun_adds_nothing_and_growing_keeps_the_first_items(generated):
    revisions = Revision.objects.count()
    counts = generate(N, seed=7, progress=False)
    assert counts["items already there"] == N and Revision.objects.count() == revisions
    generate(N + 10, seed=7, progress=False)
    grown = catalogue()
    assert len(grown) == N + 10
    assert {k: grown[k] for k in generated} == generated


def test_values_are_multilingual_and_valid(generated):
    languages = Counter(
        MetadataValue.objects.exclude(language="").values_list("language", flat=True)
    )
    assert {"nl", "en", "de", "fr", "ru", "cs"} <= set(languages)
    for tag in languages:
        validate_language_tag(tag)
    titles = MetadataValue.objects.filter(term="title").values_list("value", flat=True)
    assert any("а" <= ch <= "я" for t in titles for ch in t)  # Cyrillic
    assert any(ch in "řěčšž" for t in titles for ch in t)  # Czech diacritics
    kinds = set(Item.objects.values_list("kind", flat=True))
    assert {"photograph", "letter", "article", "bibliographic"} <= kinds
    assert len(set(Item.objects.values_list("dcmi_type", flat=True))) >= 3


def test_dates_are_varied_edtf_with_the_parsers_bounds(generated):
    dates = MetadataValue.objects.filter(term__in=["created", "issued", "temporal"])
    texts = {v.value: (v.date_lower, v.date_upper) for v in dates}
    forms = {("~" in t or "?" in t or "%" in t, "/" in t, "X" in t, t.count("-")) for t in texts}
    assert len(forms) >= 6
    years = [lower.year for lower, _ in texts.values()]
    assert min(years) < 1900 and max(years) >= 2000
    for text in random.Random(1).sample(sorted(texts), 25):
        bounds = parse_date(text)
        assert (bounds.lower, bounds.upper) == texts[text], text


def test_some_items_are_hidden_from_the_public(generated):
    shown = public.items().count()
    assert N * 0.7 < shown < N
    assert Item.objects.filter(status="draft").exists()
    assert Item.objects.filter(visibility="private").exists()
    assert Item.objects.filter(visibility="embargoed").exists()


def test_stored_revisions_match_the_catalogues_snapshots(generated):
    items = list(Item.objects.all())
    assert all(i.version == 1 and i.title for i in items)
    for item in random.Random(2).sample(items, 40):
        [revision] = Revision.objects.filter(target_type="item", target_id=item.pk)
        assert revision.action == "created" and revision.version == 1
        assert revision.snapshot == item_snapshot(item.pk)
        assert revision.snapshot["values"]["title"][0][0] == item.title
    assert any("bibliographic" in item_snapshot(i.pk) for i in items)
    for auth in Authority.objects.filter(slug__startswith="syn7-")[:40]:
        [revision] = Revision.objects.filter(target_type="authority", target_id=auth.pk)
        assert revision.snapshot == authority_snapshot(auth.pk)


def test_creators_and_subjects_link_to_authorities_with_variant_names(generated):
    linked = MetadataValue.objects.filter(term__in=["creator", "subject", "spatial"])
    assert linked.exclude(authority=None).count() > N
    cyrillic = MetadataValue.objects.filter(term="creator", language="ru").exclude(authority=None)
    assert cyrillic.exists()
    value = cyrillic.first()
    assert (
        value.value in value.authority.all_names() and value.value != value.authority.preferred_name
    )


def test_collections_are_nested(generated):
    generate(50, seed=3, progress=False, root="bench")
    portraits = Collection.objects.get(slug="bench-photographs-portraits")
    spec = CollectionTree.load().nodes[portraits.pk].set_spec
    assert spec == "bench:bench-photographs:bench-photographs-portraits"
    assert not Item.objects.filter(collections__isnull=True).exists()
    assert Item.objects.filter(collections=portraits).exists()


def test_items_generated_is_sent_once_with_the_new_ids(generated):
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    items_generated.connect(listener)
    try:
        generate(25, seed=4, images=True, progress=False)
    finally:
        items_generated.disconnect(listener)
    [sent] = received
    assert sent["with_images"] is True and sent["seed"] == 4
    new = Item.objects.filter(identifier__startswith="syn4-").values_list("pk", flat=True)
    assert sorted(sent["item_ids"]) == sorted(new) and len(new) == 25


@pytest.mark.django_db(transaction=True)
def test_a_database_failure_mid_run_says_how_to_go_on_and_keeps_whole_batches(monkeypatch):
    from django.core.management import CommandError, call_command
    from django.db import OperationalError

    from demo.synthetic.generator import SyntheticGenerator

    real_insert = SyntheticGenerator.insert
    calls = []

    def failing_insert(self, items):
        calls.append(len(items))
        if len(calls) == 2:  # the second batch meets a database that went away
            raise OperationalError("terminating connection due to administrator command")
        return real_insert(self, items)

    monkeypatch.setattr(SyntheticGenerator, "insert", failing_insert)
    with pytest.raises(CommandError) as failed:
        call_command("generate_synthetic", "6", "--batch-size", "3", verbosity=0)
    message = str(failed.value)
    assert "after 3 new items" in message and "run the same command again" in message
    assert "search_drift --repair" in message
    assert Item.objects.filter(identifier__startswith="syn0-").count() == 3

    monkeypatch.setattr(SyntheticGenerator, "insert", real_insert)
    call_command("generate_synthetic", "6", "--batch-size", "3", verbosity=0)
    assert Item.objects.filter(identifier__startswith="syn0-").count() == 6
