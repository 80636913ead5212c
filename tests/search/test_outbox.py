"""Catalogue changes reach the index through the outbox, in the same transaction, idempotently."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction

from collection import history
from collection.models import AuthorityName, Item
from collection.signals import items_generated
from search import outbox
from search.drift import measure
from search.models import IndexOutbox
from search.query import SearchQuery
from search.service import search
from search.tasks import enqueue_ended_embargoes
from tests.search.corpus import build_corpus, make_item

pytestmark = pytest.mark.django_db


def found(text: str) -> set[str]:
    outbox.get_backend().refresh()
    return {h.identifier for h in search(SearchQuery(text=text, page_size=100)).hits}


def test_a_change_writes_its_outbox_row_in_the_same_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        make_item("Rolled back")
        assert IndexOutbox.objects.filter(done_at=None).exists()
        raise RuntimeError
    assert not IndexOutbox.objects.exists()
    item = make_item("Kept")
    row = IndexOutbox.objects.get(item_id=item.pk)
    assert (row.version, row.done_at) == (item.version, None)


def test_drain_indexes_and_marks_done_only_then():
    item = make_item("Dabendorf camp")
    assert found("Dabendorf") == set()
    result = outbox.drain_all()
    assert (result.indexed, result.failed) == (1, 0)
    assert not IndexOutbox.objects.filter(done_at=None).exists()
    assert found("Dabendorf") == {item.identifier}


def test_draining_twice_or_stale_rows_change_nothing():
    item = make_item("Dabendorf camp")
    outbox.drain_all()
    IndexOutbox.objects.create(item_id=item.pk, identifier=item.identifier, version=0)
    outbox.drain_all()
    assert found("Dabendorf") == {item.identifier}
    assert measure().total == 0


def test_private_withdrawn_and_deleted_items_leave_the_index():
    items = [make_item(f"Dabendorf {n}") for n in ("one", "two", "three")]
    outbox.drain_all()
    with history.changes():
        a = Item.objects.get(pk=items[0].pk)
        a.visibility = "private"
        a.save()
        b = Item.objects.get(pk=items[1].pk)
        b.status = "withdrawn"
        b.save()
        Item.objects.get(pk=items[2].pk).delete()
    outbox.drain_all()
    assert found("Dabendorf") == set()


def test_an_authority_variant_reindexes_the_items_that_show_it():
    c = build_corpus()
    outbox.drain_all()
    assert c["nl"].identifier not in found("弗拉索夫")
    with history.changes():
        AuthorityName.objects.create(authority=c["vlasov"], name="弗拉索夫", language="pl")
    assert outbox.drain_all().indexed >= 2
    assert {c["nl"].identifier, c["photo"].identifier} <= found("弗拉索夫")


def test_an_ended_embargo_makes_the_item_appear():
    item = make_item("Dabendorf report", visibility="embargoed", embargo_until=dt.date(2999, 1, 1))
    outbox.drain_all()
    assert found("Dabendorf") == set()
    Item.objects.filter(pk=item.pk).update(embargo_until=dt.date.today() - dt.timedelta(days=1))
    assert enqueue_ended_embargoes() == 1
    outbox.drain_all()
    assert found("Dabendorf") == {item.identifier}
    assert enqueue_ended_embargoes() == 0


def test_generated_items_are_enqueued_in_bulk():
    items = [make_item(f"Generated {n}") for n in range(3)]
    IndexOutbox.objects.all().delete()
    items_generated.send(sender=None, item_ids=[i.pk for i in items], with_images=False, seed=1)
    assert IndexOutbox.objects.filter(done_at=None).count() == 3


def test_drift_is_reported_and_repaired(capsys):
    items = [make_item(f"Dabendorf {n}") for n in range(3)]
    outbox.drain_all()
    backend = outbox.get_backend()
    backend.delete_documents({items[0].pk: items[0].version})  # missing
    Item.objects.filter(pk=items[1].pk).update(version=items[1].version + 5)  # stale
    Item.objects.filter(pk=items[2].pk).update(status="draft")  # extra
    call_command("search_drift", progress=False)
    assert "missing 1, stale 1, extra 1" in capsys.readouterr().out
    call_command("search_drift", repair=True, progress=False)
    assert "drift now 0" in capsys.readouterr().out
    assert found("Dabendorf") == {items[0].identifier, items[1].identifier}


def test_reindex_builds_a_new_version_and_verifies_counts(capsys):
    c = build_corpus()
    outbox.drain_all()
    call_command("search_reindex", progress=False)
    out = capsys.readouterr().out
    assert "index 8 documents, database 8 public items" in out
    assert c["nl"].identifier in found("Vlasov")
    assert measure().total == 0


def test_reindex_settles_the_pending_rows_it_covered_instead_of_indexing_them_again(capsys):
    c = build_corpus()
    pending = IndexOutbox.objects.filter(done_at=None)
    assert pending.count() >= 8  # the corpus's writes, not drained
    call_command("search_reindex", progress=False)
    out = capsys.readouterr().out
    assert "index 8 documents, database 8 public items" in out
    settled = int(out.split("settled ")[1].split()[0])
    assert settled == IndexOutbox.objects.filter(attempts=0).count() > 0
    assert not pending.exists()
    assert c["nl"].identifier in found("Vlasov")
    assert measure().total == 0


def test_a_row_committed_after_the_rebuild_read_its_pending_rows_is_still_drained():
    c = build_corpus()
    covered = outbox.pending_ids(outbox.high_water_mark())
    late = make_item("Kaminski brigade")  # after the rebuild took its list of pending rows
    assert outbox.settle(covered) == len(covered)
    assert IndexOutbox.objects.filter(done_at=None, item_id=late.pk).count() == 1
    outbox.drain_all()
    assert found("Kaminski") == {late.identifier}
    assert c["nl"].identifier not in found("Kaminski")


def test_a_renamed_authority_shows_its_new_label_in_facets():
    c = build_corpus()
    outbox.drain_all()

    def person_labels() -> dict[str, str]:
        outbox.get_backend().refresh()
        return {b.value: b.label for b in search(SearchQuery(text="Vlasov")).facets["person"]}

    assert person_labels() == {"andrej-vlasov": "Andrej Vlasov"}  # now cached in the process
    with history.changes():
        c["vlasov"].preferred_name = "Andrei Andreyevich Vlasov"
        c["vlasov"].save()
    outbox.drain_all()
    assert person_labels() == {"andrej-vlasov": "Andrei Andreyevich Vlasov"}
