"""Authority documents follow the catalogue through the outbox: names, visibility, deletion and
the count of public items, which changes when items do."""

import datetime as dt

import pytest
from django.core.management import call_command

from collection import history
from collection.models import (
    Authority,
    AuthorityName,
    BibliographicRecord,
    Contributor,
    Item,
    MetadataValue,
)
from search import outbox
from search.documents import authority_documents
from search.drift import measure
from search.models import IndexOutbox
from search.tasks import enqueue_ended_embargoes
from tests.search.corpus import make_item

pytestmark = pytest.mark.django_db


def person(name: str, **fields) -> Authority:
    with history.changes():
        return Authority.objects.create(kind="person", preferred_name=name, **fields)


def hits(text: str) -> dict[str, int]:
    """slug -> item count of the authorities the index finds for `text`."""
    backend = outbox.get_backend()
    backend.refresh()
    return {h.slug: h.item_count for h in backend.search_authorities(text, size=20)}


def pending_authorities() -> set[int]:
    rows = IndexOutbox.objects.filter(done_at=None, authority_id__isnull=False)
    return set(rows.values_list("authority_id", flat=True))


def test_an_authority_is_indexed_renamed_and_found_by_a_new_variant():
    strik = person("Wilfried Strik-Strikfeldt", description="Liaison officer at Dabendorf.")
    assert pending_authorities() == {strik.pk}
    outbox.drain_all()
    assert hits("Strik-Strikfeldt") == {strik.slug: 0}
    with history.changes():
        AuthorityName.objects.create(authority=strik, name="Штрик-Штрикфельдт", language="ru")
    assert pending_authorities() == {strik.pk}
    assert outbox.drain_all().authorities == 1
    assert hits("Штрик-Штрикфельдт") == {strik.slug: 0}
    assert not pending_authorities()


def test_a_private_or_deleted_authority_leaves_the_index():
    hidden, gone = person("Sergej Bunjatschenko"), person("Georgi Zhilenkov")
    outbox.drain_all()
    assert set(hits("Bunjatschenko")) == {hidden.slug}
    with history.changes():
        hidden.is_public = False
        hidden.save()
    Authority.objects.filter(pk=gone.pk).delete()
    assert pending_authorities() == {hidden.pk, gone.pk}
    outbox.drain_all()
    assert hits("Bunjatschenko") == {} and hits("Zhilenkov") == {}
    assert measure().total == 0


def test_item_changes_recount_the_authorities_they_link_now_and_before():
    vlasov, malyshkin = person("Andrej Vlasov"), person("Vasili Malyshkin")
    item = make_item("Dabendorf", authorities=[("subject", vlasov)])
    assert pending_authorities() >= {vlasov.pk}
    outbox.drain_all()
    assert hits("Vlasov") == {vlasov.slug: 1}
    with history.changes():  # the link moves from Vlasov to Malyshkin
        MetadataValue.objects.filter(item=item, authority=vlasov).update(authority=malyshkin)
        history.touch_item(item.pk)
    assert pending_authorities() == {vlasov.pk, malyshkin.pk}
    outbox.drain_all()
    assert (hits("Vlasov"), hits("Malyshkin")) == ({vlasov.slug: 0}, {malyshkin.slug: 1})
    with history.changes():  # hidden: no public item links Malyshkin any more
        item.visibility = "private"
        item.save()
    outbox.drain_all()
    assert hits("Malyshkin") == {malyshkin.slug: 0}
    with history.changes():
        item.visibility = "public"
        item.save()
    outbox.drain_all()
    assert hits("Malyshkin") == {malyshkin.slug: 1}
    Item.objects.get(pk=item.pk).delete()
    assert malyshkin.pk in pending_authorities()
    outbox.drain_all()
    assert hits("Malyshkin") == {malyshkin.slug: 0}


def test_a_cited_contributor_counts_and_a_relinked_citation_recounts():
    vlasov, trukhin = person("Andrej Vlasov"), person("Fjodor Trukhin")
    item = make_item("Manifest")
    with history.changes():
        record = BibliographicRecord.objects.create(item=item, title="Manifest")
        cited = Contributor.objects.create(record=record, family="Vlasov", authority=vlasov)
    outbox.drain_all()
    assert hits("Vlasov") == {vlasov.slug: 1}
    with history.changes():
        cited.authority = trukhin
        cited.save()
    assert pending_authorities() >= {vlasov.pk, trukhin.pk}
    outbox.drain_all()
    assert (hits("Vlasov"), hits("Trukhin")) == ({vlasov.slug: 0}, {trukhin.slug: 1})
    with history.changes():
        cited.delete()
    outbox.drain_all()
    assert hits("Trukhin") == {trukhin.slug: 0}


def test_an_ended_embargo_recounts_the_linked_authorities():
    vlasov = person("Andrej Vlasov")
    item = make_item(
        "Report",
        visibility="embargoed",
        embargo_until=dt.date(2999, 1, 1),
        authorities=[("subject", vlasov)],
    )
    outbox.drain_all()
    assert hits("Vlasov") == {vlasov.slug: 0}
    Item.objects.filter(pk=item.pk).update(embargo_until=dt.date.today() - dt.timedelta(days=1))
    enqueue_ended_embargoes()
    assert vlasov.pk in pending_authorities()
    outbox.drain_all()
    assert hits("Vlasov") == {vlasov.slug: 1}


def test_the_count_is_bounded_queries_whatever_the_number_of_authorities(
    django_assert_max_num_queries,
):
    people = [person(f"Person {n}") for n in range(30)]
    for p in people[:10]:
        make_item(f"About {p.preferred_name}", authorities=[("subject", p)])
    with django_assert_max_num_queries(5):
        docs = authority_documents([p.pk for p in people])
    assert [docs[p.pk]["item_count"] for p in people] == [1] * 10 + [0] * 20
    assert docs[people[0].pk]["names"][0] == {"name": "Person 0", "language": ""}


def test_drift_reports_and_repairs_authorities(capsys):
    kept, lost = person("Andrej Vlasov"), person("Georgi Zhilenkov")
    outbox.drain_all()
    outbox.get_backend().delete_authorities([lost.pk])  # missing
    Authority.objects.filter(pk=kept.pk).update(is_public=False)  # extra (no signal)
    call_command("search_drift", progress=False)
    assert "authorities missing 1, extra 1" in capsys.readouterr().out
    call_command("search_drift", repair=True, progress=False)
    assert "drift now 0" in capsys.readouterr().out
    assert hits("Vlasov") == {} and set(hits("Zhilenkov")) == {lost.slug}


def test_reindex_writes_every_public_authority(capsys):
    person("Andrej Vlasov"), person("Hidden", is_public=False)
    IndexOutbox.objects.all().delete()  # as if the outbox had been lost
    call_command("search_reindex", progress=False)
    assert "authorities 1 of 1" in capsys.readouterr().out
    assert set(hits("Vlasov")) == {"andrej-vlasov"}
    assert measure().total == 0
