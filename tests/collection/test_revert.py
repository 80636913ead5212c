"""Revert from the admin history: a confirmation with the diff, then one new revision naming it."""

import pytest
from django.urls import reverse

from collection import history
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

pytestmark = pytest.mark.django_db


def item_revisions(item: Item) -> list[Revision]:
    return list(Revision.objects.filter(target_type="item", target_id=item.pk).order_by("id"))


def revert_url(item: Item, revision: Revision) -> str:
    return reverse("admin:collection_item_revert", args=[item.pk, revision.pk])


def retitle(item: Item, title: str, user=None) -> None:
    with history.changes(user=user, comment="retitle"):
        value = item.values.get(term="title")
        value.value = title
        value.save()
        MetadataValue.objects.create(item=item, term="subject", value=title, language="en")


def confirm(client, url: str):
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, {"seen": page.context["seen"]})


def test_get_shows_the_difference_and_changes_nothing(login, curator, make_item):
    item = make_item("v1", title="First")
    retitle(item, "Second")
    first = item_revisions(item)[0]
    page = login(curator).get(revert_url(item, first))
    assert page.status_code == 200
    rows = {field: (old, new) for field, old, new in page.context["changes"]}
    assert rows["values.title"] == ("Second @nl", "First @nl")
    assert rows["values.subject"] == ("Second @en", "—")
    assert "Reverted to revision 1 of" in page.content.decode()
    assert len(item_revisions(item)) == 2 and item.values.filter(term="subject").exists()


def test_post_restores_and_records_what_it_reverted(login, curator, make_item):
    item = make_item("v1", title="First")
    retitle(item, "Second", user=curator)
    first = item_revisions(item)[0]
    response = confirm(login(curator), revert_url(item, first))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "First" and not item.values.filter(term="subject").exists()
    latest = item_revisions(item)[-1]
    assert len(item_revisions(item)) == 3 and latest.user == curator and latest.version == 3
    assert latest.comment.startswith("Reverted to revision 1 of ")
    assert latest.comment.endswith("by an import or script")
    assert latest.snapshot["values"] == first.snapshot["values"]


def test_revert_sends_item_changed_for_search_and_oai(login, curator, make_item):
    from collection.signals import item_changed

    item = make_item("v1", title="First")
    retitle(item, "Second")
    seen = []

    def listener(sender, **kwargs):
        seen.append(kwargs["version"])

    item_changed.connect(listener)
    try:
        confirm(login(curator), revert_url(item, item_revisions(item)[0]))
    finally:
        item_changed.disconnect(listener)
    assert seen == [3]


def test_history_page_links_to_revert_older_revisions(login, curator, make_item):
    item = make_item("v1")
    retitle(item, "Second")
    first, newest = item_revisions(item)
    page = login(curator).get(reverse("admin:collection_item_history", args=[item.pk]))
    html = page.content.decode()
    assert revert_url(item, first) in html and revert_url(item, newest) not in html


def test_stale_confirmation_is_refused(login, curator, make_item):
    item = make_item("v1", title="First")
    retitle(item, "Second")
    client = login(curator)
    url = revert_url(item, item_revisions(item)[0])
    seen = client.get(url).context["seen"]
    retitle(item, "Third")  # someone else edits meanwhile
    response = client.post(url, {"seen": seen})
    assert response.status_code == 409
    item.refresh_from_db()
    assert item.title == "Third"


def test_post_without_csrf_token_is_refused(curator, make_item):
    from django.test import Client

    item = make_item("v1", title="First")
    retitle(item, "Second")
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)
    response = client.post(revert_url(item, item_revisions(item)[0]), {"seen": "x"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Second"


def test_cataloguer_reverts_a_draft(login, cataloguer, make_item):
    item = make_item("v1", title="First")
    retitle(item, "Second")
    response = confirm(login(cataloguer), revert_url(item, item_revisions(item)[0]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "First"


def test_cataloguer_cannot_revert_a_published_item(login, cataloguer, make_item):
    item = make_item("v1", title="First")
    retitle(item, "Second")
    with history.changes():
        Item.objects.filter(pk=item.pk).update(status="published")
        history.touch_item(item.pk)
    response = login(cataloguer).get(revert_url(item, item_revisions(item)[0]))
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Second"


def test_cataloguer_cannot_revert_into_a_workflow_change(login, cataloguer, curator, make_item):
    item = make_item("v1", title="First", status="published")
    with history.changes():
        item.status = "draft"  # a curator sends it back for more work
        item.save()
    retitle(item, "Second")
    published = item_revisions(item)[0]
    client = login(cataloguer)
    page = client.get(revert_url(item, published))
    assert "Only curators may change status" in page.context["refusal"]
    assert 'name="seen"' not in page.content.decode()  # no button to press
    response = client.post(revert_url(item, published), {"seen": page.context["seen"]})
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Only curators may change status" in m for m in messages)
    item.refresh_from_db()
    assert (item.status, item.title) == ("draft", "Second")
    assert len(item_revisions(item)) == 3


def test_curator_reverts_workflow_fields_too(login, curator, make_item):
    item = make_item("v1", title="First", status="published")
    with history.changes():
        item.status = "draft"
        item.save()
    confirm(login(curator), revert_url(item, item_revisions(item)[0]))
    item.refresh_from_db()
    assert item.status == "published"


def test_missing_authority_or_collection_saves_nothing(login, curator, make_item):
    item = make_item("v1", title="First")
    with history.changes():
        gone = Collection.objects.create(slug="gone", title="Gone")
        person = Authority.objects.create(kind="person", slug="ghost", preferred_name="Ghost")
        item.collections.add(gone)
        MetadataValue.objects.create(item=item, term="creator", authority=person)
    with_refs = item_revisions(item)[-1]
    with history.changes():
        item.values.filter(term="creator").delete()
        person.delete()
        gone.delete()
        value = item.values.get(term="title")
        value.value = "Later"
        value.save()
    response = confirm(login(curator), revert_url(item, with_refs))
    assert response.status_code == 302
    text = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "collection “gone” no longer exists" in text
    assert "authority record “ghost” no longer exists" in text
    assert "Nothing was saved" in text
    item.refresh_from_db()
    assert item.title == "Later" and len(item_revisions(item)) == 3


def test_deletion_revision_cannot_be_reverted_to(login, curator, make_item):
    item = make_item("v1")
    rev = item_revisions(item)[0]
    Revision.objects.filter(pk=rev.pk).update(action="deleted", snapshot={})
    response = login(curator).get(revert_url(item, rev))
    assert response.status_code == 302


def test_revision_of_another_object_is_404(login, curator, make_item):
    one, two = make_item("v1"), make_item("v2")
    response = login(curator).get(revert_url(one, item_revisions(two)[0]))
    assert response.status_code == 404


def authority_revisions(auth: Authority) -> list[Revision]:
    return list(Revision.objects.filter(target_type="authority", target_id=auth.pk).order_by("id"))


def test_authority_revert(login, curator, vlasov):
    with history.changes():
        vlasov.preferred_name = "A. A. Vlasov"
        vlasov.save()
        AuthorityName.objects.create(authority=vlasov, name="Wlassow", language="de")
    first = authority_revisions(vlasov)[0]
    url = reverse("admin:collection_authority_revert", args=[vlasov.pk, first.pk])
    response = confirm(login(curator), url)
    assert response.status_code == 302
    vlasov.refresh_from_db()
    assert vlasov.preferred_name == "Andrey Vlasov"
    assert [n.name for n in vlasov.names.all()] == ["Андрей Власов"]
    latest = authority_revisions(vlasov)[-1]
    assert latest.comment.startswith(f"Reverted to revision {first.pk} of ")


def test_cataloguer_cannot_revert_authority_visibility(login, cataloguer, vlasov):
    with history.changes():
        vlasov.is_public = False
        vlasov.save()
    url = reverse(
        "admin:collection_authority_revert", args=[vlasov.pk, authority_revisions(vlasov)[0].pk]
    )
    confirm(login(cataloguer), url)
    vlasov.refresh_from_db()
    assert vlasov.is_public is False


def test_an_old_value_todays_rules_refuse_is_a_message_not_an_error(login, curator, make_item):
    item = make_item("v1", title="First")
    first = item_revisions(item)[0]
    snapshot = dict(
        first.snapshot, values={**first.snapshot["values"], "date": [["1944-13", "", "", ""]]}
    )
    Revision.objects.filter(pk=first.pk).update(snapshot=snapshot)
    retitle(item, "Second")
    response = confirm(login(curator), revert_url(item, first))
    assert response.status_code == 302
    assert "Nothing was saved" in " ".join(str(m) for m in response.wsgi_request._messages)
    item.refresh_from_db()
    assert item.title == "Second" and not item.values.filter(term="date").exists()


# The bibliographic record (and its contributors, in order) is part of an item's description.


def add_record(item: Item, vlasov: Authority | None = None) -> BibliographicRecord:
    with history.changes(comment="record"):
        record = BibliographicRecord.objects.create(
            item=item, type="article-journal", title="Het einde", year=1944, publisher="Ons Volk"
        )
        for role, position, family, given, authority in [
            ("author", 0, "Vlasov", "Andrey", vlasov),
            ("author", 1, "Trukhin", "Fyodor", None),
            ("editor", 0, "Zhilenkov", "", None),
        ]:
            Contributor.objects.create(
                record=record,
                role=role,
                position=position,
                family=family,
                given=given,
                authority=authority,
            )
    return record


def people(item: Item) -> list[tuple]:
    rows = Contributor.objects.filter(record__item=item)
    return list(rows.values_list("role", "position", "family", "given", "authority__slug"))


def test_revert_restores_the_bibliographic_record_and_its_contributors(
    login, curator, make_item, vlasov
):
    item = make_item("b1", title="First")
    record = add_record(item, vlasov)
    before = people(item)
    with_record = item_revisions(item)[-1]
    with history.changes(comment="edit the record"):
        record.year, record.publisher, record.url = 1945, "Volya Naroda", "https://example.org/a"
        record.save()
        vlasov_row, trukhin, zhilenkov = record.contributors.all()
        vlasov_row.position = 2  # Trukhin is now the first author
        vlasov_row.save()
        zhilenkov.delete()
        Contributor.objects.create(record=record, role="translator", family="Malyshkin")
        trukhin.given = "F. I."
        trukhin.save()
    client = login(curator)
    page = client.get(revert_url(item, with_record))
    rows = {field: (old, new) for field, old, new in page.context["changes"]}
    assert rows["bibliographic.year"] == ("1945", "1944")
    assert rows["bibliographic.contributors"][1] == (
        "Vlasov, Andrey (author) authority:vlasov\nTrukhin, Fyodor (author)\nZhilenkov (editor)"
    )
    assert rows["bibliographic.contributors"][0].startswith("Trukhin, F. I. (author)\nVlasov")
    assert "bibliographic" not in rows  # the record stays: only its fields change

    response = client.post(revert_url(item, with_record), {"seen": page.context["seen"]})
    assert response.status_code == 302
    record = BibliographicRecord.objects.get(item=item)
    assert (record.year, record.publisher, record.url) == (1944, "Ons Volk", "")
    assert people(item) == before  # order, roles and names; Vlasov keeps his authority link
    revisions = item_revisions(item)
    assert len(revisions) == 4 and revisions[-1].comment.startswith("Reverted to revision 2 ")
    assert revisions[-1].snapshot["bibliographic"] == with_record.snapshot["bibliographic"]


def test_revert_to_a_revision_without_a_record_removes_it(login, superuser, make_item):
    # Removing a record needs delete_bibliographicrecord, as in the admin (no role has it).
    item = make_item("b1", title="First")
    add_record(item)
    first = item_revisions(item)[0]
    assert "bibliographic" not in first.snapshot
    client = login(superuser)
    page = client.get(revert_url(item, first))
    rows = {field: (old, new) for field, old, new in page.context["changes"]}
    assert rows["bibliographic"] == ("a bibliographic record", "—")
    assert rows["bibliographic.title"] == ("Het einde", "—")
    assert all(old != new for old, new in rows.values())  # no "—" → "—" rows
    client.post(revert_url(item, first), {"seen": page.context["seen"]})
    assert not BibliographicRecord.objects.filter(item=item).exists()
    assert not Contributor.objects.exists()
    assert len(item_revisions(item)) == 3
    assert "bibliographic" not in item_revisions(item)[-1].snapshot


def test_revert_brings_a_removed_record_back(login, curator, make_item):
    item = make_item("b1", title="First")
    record = add_record(item)
    before = people(item)
    with_record = item_revisions(item)[-1]
    with history.changes():
        record.delete()
    confirm(login(curator), revert_url(item, with_record))
    assert BibliographicRecord.objects.get(item=item).title == "Het einde"
    assert people(item) == before
    assert len(item_revisions(item)) == 4


@pytest.mark.parametrize("role", ["cataloguer", "curator"])
def test_a_role_without_the_delete_right_may_not_remove_a_record(login, role, request, make_item):
    # Neither role may delete bibliographic records in the admin: nor by a revert.
    item = make_item("b1", title="First")
    add_record(item)
    first = item_revisions(item)[0]
    client = login(request.getfixturevalue(role))
    page = client.get(revert_url(item, first))
    assert "delete_bibliographicrecord" in page.context["refusal"]
    client.post(revert_url(item, first), {"seen": page.context["seen"]})
    assert BibliographicRecord.objects.filter(item=item).exists()
    assert len(item_revisions(item)) == 2


def test_cataloguer_restores_a_draft_record(login, cataloguer, make_item):
    item = make_item("b1", title="First")
    record = add_record(item)
    with_record = item_revisions(item)[-1]
    with history.changes():
        record.title = "Later"
        record.save()
        record.contributors.filter(role="editor").delete()
    confirm(login(cataloguer), revert_url(item, with_record))
    record.refresh_from_db()
    assert record.title == "Het einde" and record.contributors.count() == 3


def test_a_record_changed_after_the_confirmation_is_refused(login, curator, make_item):
    item = make_item("b1", title="First")
    record = add_record(item)
    client = login(curator)
    url = revert_url(item, item_revisions(item)[0])
    seen = client.get(url).context["seen"]
    with history.changes():
        record.title = "Meanwhile"
        record.save()
    assert client.post(url, {"seen": seen}).status_code == 409
    assert BibliographicRecord.objects.get(item=item).title == "Meanwhile"


def test_an_old_record_todays_rules_refuse_saves_nothing(login, curator, make_item):
    item = make_item("b1", title="First")
    add_record(item)
    with_record = item_revisions(item)[-1]
    snapshot = dict(with_record.snapshot)
    snapshot["bibliographic"] = {**snapshot["bibliographic"], "language": "not a tag"}
    Revision.objects.filter(pk=with_record.pk).update(snapshot=snapshot)
    retitle(item, "Second")
    response = confirm(login(curator), revert_url(item, with_record))
    assert "Nothing was saved" in " ".join(str(m) for m in response.wsgi_request._messages)
    item.refresh_from_db()
    assert item.title == "Second" and BibliographicRecord.objects.get(item=item).language == ""


# A contributor's authority link is restored with it (revisions keep it since snapshots do).


def set_link(item: Item, family: str, authority: Authority | None) -> None:
    with history.changes(comment="link"):
        row = Contributor.objects.get(record__item=item, family=family)
        row.authority = authority
        row.save()


def test_revert_restores_a_contributors_authority_link(login, curator, make_item, vlasov):
    item = make_item("b1", title="First")
    add_record(item, vlasov)
    before = people(item)
    with_link = item_revisions(item)[-1]
    other = Authority.objects.create(kind="person", slug="other", preferred_name="Other")
    set_link(item, "Vlasov", None)
    set_link(item, "Trukhin", other)
    assert len(item_revisions(item)) == 4  # each link change is a revision of its own
    client = login(curator)
    page = client.get(revert_url(item, with_link))
    rows = {field: (old, new) for field, old, new in page.context["changes"]}
    assert list(rows) == ["bibliographic.contributors"]
    assert "Trukhin, Fyodor (author) authority:other" in rows["bibliographic.contributors"][0]
    assert "Vlasov, Andrey (author) authority:vlasov" in rows["bibliographic.contributors"][1]
    client.post(revert_url(item, with_link), {"seen": page.context["seen"]})
    assert people(item) == before
    revisions = item_revisions(item)
    assert len(revisions) == 5 and revisions[-1].comment.startswith("Reverted to revision 2 ")
    assert revisions[-1].snapshot["bibliographic"] == with_link.snapshot["bibliographic"]


def test_a_contributors_deleted_authority_refuses_the_revert(login, curator, make_item):
    item = make_item("b1", title="First")
    ghost = Authority.objects.create(kind="person", slug="ghost", preferred_name="Ghost")
    add_record(item, ghost)
    with_link = item_revisions(item)[-1]
    with history.changes():
        record = BibliographicRecord.objects.get(item=item)
        record.title = "Later"
        record.save()
        ghost.delete()  # the link goes with it (SET_NULL)
    after = people(item)
    count = len(item_revisions(item))
    client = login(curator)
    page = client.get(revert_url(item, with_link))
    assert "authority record “ghost” no longer exists" in page.context["refusal"]
    response = client.post(revert_url(item, with_link), {"seen": page.context["seen"]})
    text = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "authority record “ghost” no longer exists" in text and "Nothing was saved" in text
    assert BibliographicRecord.objects.get(item=item).title == "Later"
    assert people(item) == after and len(item_revisions(item)) == count


def test_a_revision_without_links_keeps_todays_links_by_name(login, curator, make_item, vlasov):
    # Revisions written before snapshots kept links hold [role, family, given]: a restored
    # contributor keeps the link of today's contributor with the same role and name.
    item = make_item("b1", title="First")
    add_record(item, vlasov)
    unlinked = item_revisions(item)[-1]
    snapshot = unlinked.snapshot
    snapshot["bibliographic"]["contributors"] = [
        p[:3] for p in snapshot["bibliographic"]["contributors"]
    ]
    Revision.objects.filter(pk=unlinked.pk).update(snapshot=snapshot)
    other = Authority.objects.create(kind="person", slug="other", preferred_name="Other")
    set_link(item, "Vlasov", other)
    with history.changes():
        record = BibliographicRecord.objects.get(item=item)
        record.title = "Later"
        record.save()
    client = login(curator)
    page = client.get(revert_url(item, unlinked))
    rows = {field: (old, new) for field, old, new in page.context["changes"]}
    assert list(rows) == ["bibliographic.title"]  # the links read as they are today
    client.post(revert_url(item, unlinked), {"seen": page.context["seen"]})
    assert BibliographicRecord.objects.get(item=item).title == "Het einde"
    assert ("author", 0, "Vlasov", "Andrey", "other") in people(item)
