"""Who sees what: full records, persistent deleted headers, and never-public items: DEL-*."""

import datetime as dt

import pytest
from django.utils import timezone

from collection.models import Item, Tombstone
from tests.api_oai.conftest import make_item, oai_id, set_modified, update_item

pytestmark = pytest.mark.django_db


def everything(oai) -> tuple[set[str], set[str]]:
    """Return (live, deleted) identifiers of a full ListIdentifiers harvest."""
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    if r.errors:
        return set(), set()
    deleted = {i.rsplit(":", 1)[1] for i in r.deleted}
    return {i.rsplit(":", 1)[1] for i in r.identifiers} - deleted, deleted


def get(oai, identifier: str, prefix: str = "oai_dc"):
    return oai(verb="GetRecord", identifier=oai_id(identifier), metadataPrefix=prefix)


def test_DEL_01_deleted_record_is_persistent(oai):
    assert oai(verb="Identify").text("//oai:deletedRecord") == "persistent"


def test_never_public_items_never_appear(oai):
    future = timezone.localdate() + dt.timedelta(days=30)
    make_item("draft", status="draft")
    make_item("private", visibility="private")
    make_item("embargoed", visibility="embargoed", embargo_until=future)
    # Private, then withdrawn: published once, but never public.
    update_item(make_item("priv-withdrawn", visibility="private"), status="withdrawn")
    # Deleted while a draft.
    make_item("draft-deleted", status="draft").delete()
    assert everything(oai) == (set(), set())
    for name in ("draft", "private", "embargoed", "priv-withdrawn", "draft-deleted"):
        assert get(oai, name).errors == ["idDoesNotExist"], name
        assert oai(verb="ListMetadataFormats", identifier=oai_id(name)).errors == ["idDoesNotExist"]


def test_DEL_03_DEL_05_DEL_06_once_public_items_stay_as_deleted_headers(oai):
    update_item(make_item("withdrawn"), status="withdrawn")
    update_item(make_item("privatised"), visibility="private")
    future = timezone.localdate() + dt.timedelta(days=30)
    update_item(make_item("re-embargoed"), visibility="embargoed", embargo_until=future)
    make_item("deleted").delete()
    make_item("live")
    live, deleted = everything(oai)
    assert live == {"live"}
    assert deleted == {"withdrawn", "privatised", "re-embargoed", "deleted"}
    for name in deleted:
        for prefix in ("oai_dc", "qdc"):
            r = get(oai, name, prefix)  # DEL-06: the header, not idDoesNotExist
            assert r.xpath("//oai:record/oai:header/@status") == ["deleted"]
            assert not r.xpath("//oai:metadata") and not r.xpath("//oai:about")  # DEL-05
    r = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert len(r.xpath("//oai:record[oai:header/@status='deleted']/oai:metadata")) == 0
    assert len(r.xpath("//oai:record[not(oai:header/@status)]/oai:metadata")) == 1


def test_DEL_05_deleted_datestamp_is_the_deletion_time(oai):
    item = set_modified(make_item("gone"), dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    item.delete()
    stamp = Tombstone.objects.get(identifier="gone").deleted
    r = get(oai, "gone")
    assert r.text("//oai:datestamp") == stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_withdrawn_bulk_loaded_item_without_history_is_deleted(oai):
    """Current state alone proves it: withdrawn while its visibility was public."""
    Item.objects.create(
        identifier="bulk", dcmi_type="Text", status="withdrawn", published_at=timezone.now()
    )
    assert everything(oai) == (set(), {"bulk"})


def test_embargo_end_moves_the_datestamp_forward(oai):
    """An embargo that ends without an edit: datestamp = the local midnight it lifted."""
    ended = timezone.localdate() - dt.timedelta(days=2)
    item = make_item("lifted", visibility="embargoed", embargo_until=ended)
    set_modified(item, timezone.now() - dt.timedelta(days=30))
    midnight = timezone.make_aware(dt.datetime.combine(ended, dt.time.min))
    stamp = midnight.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert get(oai, "lifted").text("//oai:datestamp") == stamp
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": stamp})
    assert r.identifiers == [oai_id("lifted")]
    day_before = (ended - dt.timedelta(days=2)).isoformat()
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", until=day_before)
    assert r.errors == ["noRecordsMatch"]


def test_embargo_that_ran_out_then_private_is_deleted(oai):
    """Public through an expired embargo, then made private: harvesters must drop it."""
    ended = timezone.localdate() - dt.timedelta(days=2)
    item = make_item("was-lifted", visibility="embargoed", embargo_until=ended)
    update_item(item, visibility="private")
    assert everything(oai) == (set(), {"was-lifted"})


def test_embargo_changed_to_private_before_it_ended_never_appears(oai):
    future = timezone.localdate() + dt.timedelta(days=30)
    item = make_item("never", visibility="embargoed", embargo_until=future)
    update_item(item, visibility="private")
    assert everything(oai) == (set(), set())


def test_DEL_07_date_selective_lists_include_deletions(oai):
    old = set_modified(make_item("old"), dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    update_item(old, status="withdrawn")
    today = timezone.now().astimezone(dt.UTC).date().isoformat()
    r = oai(verb="ListRecords", metadataPrefix="oai_dc", **{"from": today})
    assert r.deleted == [oai_id("old")]
    r = oai(verb="ListRecords", metadataPrefix="oai_dc", until="2020-01-01")
    assert r.errors == ["noRecordsMatch"]


def test_DEL_08_formats_are_withdrawn_together(oai):
    """DEL-08: no format is ever withdrawn alone here; both go deleted with the item."""
    update_item(make_item("w"), status="withdrawn")
    for prefix in ("oai_dc", "qdc"):
        assert get(oai, "w", prefix).xpath("//oai:header/@status") == ["deleted"]


def test_DEL_02_DEL_04_no_transient_behaviour(oai):
    """DEL-02/DEL-04 describe the other two policies; persistent never forgets a deletion."""
    make_item("x").delete()
    Item.objects.create(identifier="unrelated", dcmi_type="Text")
    assert everything(oai)[1] == {"x"}


def test_reused_identifier_follows_the_new_item(oai):
    make_item("again").delete()
    make_item("again")
    assert everything(oai) == ({"again"}, set())
