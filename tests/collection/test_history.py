"""Every change to an item, its metadata or an authority leaves one revision with who and what."""

import pytest
from django.contrib.auth.models import User

from collection import history
from collection.models import Authority, Item, MetadataValue, Revision, Tombstone
from collection.signals import item_changed

pytestmark = pytest.mark.django_db


def make_item(**kwargs) -> Item:
    with history.changes():
        item = Item.objects.create(dcmi_type="Text", kind="article", **kwargs)
        MetadataValue.objects.create(item=item, term="title", value="Vlasov", language="nl")
        MetadataValue.objects.create(item=item, term="issued", value="2023-04-25")
    return item


def revisions(item: Item) -> list[Revision]:
    return list(Revision.objects.filter(target_type="item", target_id=item.pk).order_by("id"))


def test_one_revision_per_unit_of_work_with_user_and_version():
    user = User.objects.create_user("archivist")
    item = make_item()
    with history.changes(user=user, comment="fix title"):
        value = item.values.get(term="title")
        value.value = "Vlasov: het einde"
        value.save()
        MetadataValue.objects.create(
            item=item, term="subject", value="collaboration", language="en"
        )
    revs = revisions(item)
    assert [r.action for r in revs] == ["created", "changed"]
    assert revs[1].user == user and revs[1].comment == "fix title"
    assert revs[1].changes["values.title"] == [
        [["Vlasov", "", "", "nl"]],
        [["Vlasov: het einde", "", "", "nl"]],
    ]
    assert "values.subject" in revs[1].changes
    item.refresh_from_db()
    assert item.version == 2 and item.title == "Vlasov: het einde"


def test_saving_without_a_difference_changes_nothing():
    item = make_item()
    item.refresh_from_db()
    before = (item.version, item.modified)
    with history.changes():
        item.save()
    item.refresh_from_db()
    assert (item.version, item.modified) == before
    assert len(revisions(item)) == 1


def test_edit_moves_modified_forward():
    item = make_item()
    item.refresh_from_db()
    first = item.modified
    with history.changes():
        item.status = Item.Status.PUBLISHED
        item.save()
    item.refresh_from_db()
    assert item.modified > first
    assert revisions(item)[-1].changes["status"] == ["draft", "published"]


def test_changes_outside_a_unit_of_work_are_still_recorded():
    item = Item.objects.create(dcmi_type="Text")
    MetadataValue.objects.create(item=item, term="title", value="Losse wijziging")
    assert len(revisions(item)) == 2


def test_rolled_back_work_leaves_no_revision():
    item = make_item()
    with pytest.raises(RuntimeError), history.changes():
        MetadataValue.objects.create(item=item, term="subject", value="x")
        raise RuntimeError("abort")
    assert len(revisions(item)) == 1
    assert not item.values.filter(term="subject").exists()


def test_delete_keeps_history_and_a_tombstone_and_announces_it():
    item = make_item(identifier="doomed-1")
    seen = []

    def listener(**kwargs):
        seen.append((kwargs["identifier"], kwargs["action"]))

    item_changed.connect(listener)
    try:
        with history.changes():
            item.delete()
    finally:
        item_changed.disconnect(listener)
    revs = Revision.objects.filter(target_label="doomed-1").order_by("id")
    assert [r.action for r in revs] == ["created", "deleted"]
    assert revs.last().snapshot["values"]["title"][0][0] == "Vlasov"
    assert Tombstone.objects.filter(identifier="doomed-1").exists()
    assert seen == [("doomed-1", "deleted")]


def test_authority_changes_are_recorded():
    auth = Authority.objects.create(
        kind="person", preferred_name="Andrej Vlasov", dates="1901/1946"
    )
    auth.names.create(name="Власов", language="ru")
    revs = Revision.objects.filter(target_type="authority", target_id=auth.pk).order_by("id")
    assert [r.action for r in revs] == ["created", "changed"]
    assert revs.last().changes["names"] == [[], [["Власов", "ru"]]]


def test_renaming_an_authority_moves_the_modified_time_of_items_that_show_it():
    auth = Authority.objects.create(kind="person", preferred_name="A. Vlasov")
    shown, other = make_item(identifier="shows-it"), make_item(identifier="does-not")
    MetadataValue.objects.create(item=shown, term="subject", authority=auth)
    shown.refresh_from_db()
    other.refresh_from_db()
    before = (shown.modified, other.modified, shown.version)
    with history.changes():
        auth.preferred_name = "Andrej Vlasov"
        auth.save()
    shown.refresh_from_db()
    other.refresh_from_db()
    assert shown.modified > before[0]
    assert other.modified == before[1]
    assert shown.version == before[2]  # the change is the authority's, recorded there


def test_renaming_a_collection_moves_items_in_it_and_below_it():
    from collection.models import Collection

    root = Collection.objects.create(slug="root", title="Root")
    child = Collection.objects.create(slug="child", title="Child", parent=root)
    below, outside = make_item(identifier="below"), make_item(identifier="outside")
    below.collections.add(child)
    below.refresh_from_db()
    outside.refresh_from_db()
    before = (below.modified, outside.modified)
    with history.changes():
        root.title = "Renamed root"  # the set name harvesters see; slugs never change
        root.save()
    below.refresh_from_db()
    outside.refresh_from_db()
    assert below.modified > before[0] and outside.modified == before[1]


# A bibliographic contributor's authority link is part of the item's description too.


def record_with_contributor(item: Item, authority: Authority | None = None):
    from collection.models import BibliographicRecord, Contributor

    with history.changes():
        record = BibliographicRecord.objects.create(item=item, title="Het einde", year=1944)
        person = Contributor.objects.create(
            record=record, family="Vlasov", given="Andrey", authority=authority
        )
    return record, person


def strip_links(revision: Revision) -> None:
    """Make a stored revision read as those written before snapshots kept contributors' links."""
    snapshot = revision.snapshot
    bib = snapshot["bibliographic"]
    bib["contributors"] = [person[:3] for person in bib["contributors"]]
    Revision.objects.filter(pk=revision.pk).update(snapshot=snapshot)


def relink(person, authority: Authority | None) -> None:
    with history.changes(comment="link"):
        person.authority = authority
        person.save()


def test_changing_only_a_contributors_link_writes_one_revision_naming_it():
    item = make_item()
    vlasov = Authority.objects.create(kind="person", slug="vlasov", preferred_name="Vlasov")
    _, person = record_with_contributor(item)
    assert revisions(item)[-1].snapshot["bibliographic"]["contributors"] == [
        ["author", "Vlasov", "Andrey", ""]
    ]
    count = len(revisions(item))
    relink(person, vlasov)
    assert len(revisions(item)) == count + 1
    assert revisions(item)[-1].changes == {
        "bibliographic.contributors": [
            [["author", "Vlasov", "Andrey", ""]],
            [["author", "Vlasov", "Andrey", "vlasov"]],
        ]
    }
    relink(person, None)
    assert len(revisions(item)) == count + 2
    assert revisions(item)[-1].changes["bibliographic.contributors"][1] == [
        ["author", "Vlasov", "Andrey", ""]
    ]


def test_saving_an_unchanged_record_and_contributor_writes_nothing():
    item = make_item()
    vlasov = Authority.objects.create(kind="person", slug="vlasov", preferred_name="Vlasov")
    record, person = record_with_contributor(item, vlasov)
    count = len(revisions(item))
    with history.changes():
        record.save()
        person.save()
        item.save()
    assert len(revisions(item)) == count


def test_a_revision_written_before_links_were_kept_gives_no_spurious_revision():
    # Stored revisions hold [role, family, given]: a save that changes nothing writes nothing
    # (inside and outside a unit of work), and a real change writes one in today's shape.
    item = make_item()
    vlasov = Authority.objects.create(kind="person", slug="vlasov", preferred_name="Vlasov")
    record, person = record_with_contributor(item, vlasov)
    strip_links(revisions(item)[-1])
    count = len(revisions(item))
    with history.changes():
        record.save()
        person.save()
    person.save()  # outside a unit of work
    assert len(revisions(item)) == count
    with history.changes():
        record.year = 1945
        record.save()
    last = revisions(item)[-1]
    assert len(revisions(item)) == count + 1 and list(last.changes) == ["bibliographic.year"]
    assert last.snapshot["bibliographic"]["contributors"] == [
        ["author", "Vlasov", "Andrey", "vlasov"]
    ]


@pytest.mark.parametrize("in_unit", [True, False])
def test_a_link_changed_after_a_revision_without_links_is_recorded(in_unit):
    item = make_item()
    vlasov = Authority.objects.create(kind="person", slug="vlasov", preferred_name="Vlasov")
    other = Authority.objects.create(kind="person", slug="other", preferred_name="Other")
    _, person = record_with_contributor(item, vlasov)
    strip_links(revisions(item)[-1])
    count = len(revisions(item))
    if in_unit:
        relink(person, other)
    else:
        person.authority = other
        person.save()
    assert len(revisions(item)) == count + 1
    assert revisions(item)[-1].changes == {
        "bibliographic.contributors": [
            [["author", "Vlasov", "Andrey", "vlasov"]],
            [["author", "Vlasov", "Andrey", "other"]],
        ]
    }
