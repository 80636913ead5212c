"""Bulk value edits from the item list: preview, one revision per item, all or nothing, roles."""

from unittest import mock

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from collection import bulk, history
from collection.admin import bulk as bulk_admin
from collection.models import Item, MetadataValue, Revision

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:collection_item_changelist")


def post(client, action: str, items, stage: str = "", **fields):
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [i.pk for i in items], **fields}
    if stage:
        data["bulk_stage"] = stage
    return client.post(CHANGELIST, data)


def preview_then_apply(client, action: str, items, **fields):
    preview = post(client, action, items, "preview", **fields)
    assert preview.status_code == 200, preview.content
    plan = preview.context["plan"]
    assert plan is not None, preview.context["form"].errors
    return post(client, action, items, "apply", fingerprint=plan.fingerprint, **fields)


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


def revisions(item: Item) -> int:
    return Revision.objects.filter(target_type="item", target_id=item.pk).count()


def subjects(item: Item) -> list[str]:
    return list(
        item.values.filter(term="subject").order_by("position").values_list("value", flat=True)
    )


@pytest.fixture
def items(make_item):
    return [make_item(f"v{n}", title=f"Letter {n}") for n in range(1, 6)]


def test_first_post_shows_the_form(login, curator, items):
    page = post(login(curator), "add_value", items)
    assert page.status_code == 200
    assert "form" in page.context and page.context["plan"] is None
    assert page.context["count"] == 5


def test_add_a_subject_to_all(login, curator, items):
    response = preview_then_apply(
        login(curator), "add_value", items, term="subject", value="collaboration", language="EN"
    )
    assert response.status_code == 302
    assert "Added subject “collaboration” on 5 item(s)" in messages_of(response)
    for item in items:
        value = item.values.get(term="subject")
        assert (value.value, value.language) == ("collaboration", "en")
        assert revisions(item) == 2
    latest = Revision.objects.filter(target_id=items[0].pk).order_by("id").last()
    assert latest.user.username == "cur" and latest.comment.startswith("bulk edit: Added subject")


def test_add_an_authority_and_skip_items_that_have_it(login, curator, items, vlasov):
    with history.changes():
        MetadataValue.objects.create(item=items[0], term="subject", authority=vlasov)
    response = preview_then_apply(
        login(curator), "add_value", items, term="subject", authority=vlasov.pk
    )
    assert "on 4 item(s) (1 unchanged)" in messages_of(response)
    assert all(i.values.filter(term="subject", authority=vlasov).count() == 1 for i in items)
    assert revisions(items[0]) == 2  # created + the fixture's change, nothing from the bulk edit


def test_preview_lists_every_change_and_saves_nothing(login, curator, items):
    page = post(
        login(curator),
        "replace_value",
        items,
        "preview",
        term="title",
        find=r"Letter (\d)",
        regex="on",
        replacement=r"Brief \1",
    )
    rows = page.context["rows"]
    assert [r[0] for r in rows] == ["v1", "v2", "v3", "v4", "v5"]
    assert rows[0][1:] == ("Letter 1 @nl", "Brief 1 @nl")
    assert all(revisions(i) == 1 for i in items)
    assert Item.objects.get(pk=items[0].pk).title == "Letter 1"


def test_replace_by_pattern(login, curator, items):
    response = preview_then_apply(
        login(curator),
        "replace_value",
        items,
        term="title",
        find=r"Letter (\d)",
        regex="on",
        replacement=r"Brief \1",
    )
    assert response.status_code == 302
    assert sorted(Item.objects.values_list("title", flat=True)) == [
        f"Brief {n}" for n in range(1, 6)
    ]


def test_replace_exact_only_touches_matching_items(login, curator, items):
    preview_then_apply(
        login(curator), "replace_value", items, term="title", find="Letter 2", replacement="Brief"
    )
    assert Item.objects.get(pk=items[1].pk).title == "Brief"
    assert revisions(items[1]) == 2 and revisions(items[0]) == 1


def test_remove_a_value(login, curator, items):
    with history.changes():
        for item in items[:3]:
            MetadataValue.objects.create(item=item, term="subject", value="war", language="en")
            MetadataValue.objects.create(item=item, term="subject", value="exile", language="en")
    response = preview_then_apply(login(curator), "remove_value", items, term="subject", find="war")
    assert "Removed subject “war” on 3 item(s) (2 unchanged)" in messages_of(response)
    assert [subjects(i) for i in items[:3]] == [["exile"]] * 3


def test_removing_the_last_title_is_refused_for_all(login, curator, items):
    page = post(login(curator), "remove_value", items, "preview", term="title", find="Letter 3")
    assert page.context["plan"] is None
    assert "v3: an item needs a title" in str(page.context["form"].non_field_errors())
    assert Item.objects.get(pk=items[2].pk).title == "Letter 3"


def test_invalid_date_in_one_item_refuses_the_whole_edit(login, curator, items):
    with history.changes():
        for n, item in enumerate(items):
            MetadataValue.objects.create(item=item, term="date", value=f"194{n}")
    # "1944" becomes "1944-13", not a date: that item would be invalid, so none is changed
    page = post(
        login(curator),
        "replace_value",
        items,
        "preview",
        term="date",
        find="^(194[4])$",
        regex="on",
        replacement=r"\1-13",
    )
    assert page.context["plan"] is None and "v5" in str(page.context["form"].non_field_errors())
    assert sorted(MetadataValue.objects.filter(term="date").values_list("value", flat=True)) == [
        "1940",
        "1941",
        "1942",
        "1943",
        "1944",
    ]


def test_apply_is_all_or_nothing_when_a_write_fails(login, curator, items):
    original = bulk.write_values
    calls = []

    def failing(item, term, values):
        calls.append(item.pk)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        original(item, term, values)

    with mock.patch.object(bulk, "write_values", failing), pytest.raises(RuntimeError):
        bulk.apply([i.pk for i in items], bulk.BulkEdit("add", "subject", value="x"), curator)
    assert not MetadataValue.objects.filter(term="subject").exists()
    assert all(revisions(i) == 1 for i in items)


def test_apply_without_a_preview_only_previews(login, curator, items):
    page = post(login(curator), "add_value", items, "apply", term="subject", value="x")
    assert page.status_code == 200 and page.context["plan"] is not None
    assert not MetadataValue.objects.filter(term="subject").exists()


def test_bad_pattern_is_a_form_error(login, curator, items):
    page = post(
        login(curator), "replace_value", items, "preview", term="title", find="(", regex="on"
    )
    assert page.status_code == 200
    assert "not a valid regular expression" in str(page.context["form"].non_field_errors())


def test_bad_group_reference_is_a_form_error(login, curator, items):
    page = post(
        login(curator),
        "replace_value",
        items,
        "preview",
        term="title",
        find="Letter (1)",
        regex="on",
        replacement=r"\2",
    )
    assert page.status_code == 200
    assert "invalid group reference" in str(page.context["form"].non_field_errors())


def test_too_long_uri_is_a_form_error(login, curator, items):
    uri = "https://example.org/" + "a" * 600
    page = post(login(curator), "add_value", items, "preview", term="subject", uri=uri)
    assert "longer than 500" in str(page.context["form"].non_field_errors())


def test_unknown_authority_is_a_form_error(login, curator, items):
    page = post(login(curator), "add_value", items, "preview", term="subject", authority="999")
    assert page.context["plan"] is None and "authority" in page.context["form"].errors


def test_the_service_refuses_an_unknown_authority_slug(curator, items):
    with pytest.raises(bulk.BulkError, match="No authority record has the slug “nobody”"):
        bulk.plan([items[0].pk], bulk.BulkEdit("add", "subject", authority="nobody"))


def test_the_add_form_searches_authorities_like_the_item_form(login, curator, items):
    html = post(login(curator), "add_value", items).content.decode()
    assert "admin-autocomplete" in html and "autocomplete.js" in html


def test_changed_since_preview_is_refused(login, curator, items):
    client = login(curator)
    fields = {"term": "title", "find": "Letter 1", "replacement": "Brief"}
    plan = post(client, "replace_value", items, "preview", **fields).context["plan"]
    with history.changes():
        MetadataValue.objects.create(item=items[1], term="title", value="Letter 1")
    response = post(client, "replace_value", items, "apply", fingerprint=plan.fingerprint, **fields)
    assert response.status_code == 200
    assert "changed since the preview" in str(response.context["form"].non_field_errors())
    assert Item.objects.get(pk=items[0].pk).title == "Letter 1"


def test_cataloguer_selection_with_a_published_item_is_refused_whole(login, cataloguer, make_item):
    drafts = [make_item("d1"), make_item("d2")]
    published = make_item("p1", status="published")
    response = post(
        login(cataloguer),
        "add_value",
        [*drafts, published],
        "apply",
        term="subject",
        value="x",
    )
    assert response.status_code == 302
    text = messages_of(response)
    assert "Refused: p1" in text and "d1" not in text
    assert not MetadataValue.objects.filter(term="subject").exists()


def test_cataloguer_edits_drafts(login, cataloguer, items):
    response = preview_then_apply(login(cataloguer), "add_value", items, term="subject", value="x")
    assert "on 5 item(s)" in messages_of(response)


def test_service_refuses_too(cataloguer, make_item):
    item = make_item("p1", status="published")
    with pytest.raises(bulk.BulkRefused) as caught:
        bulk.apply([item.pk], bulk.BulkEdit("add", "subject", value="x"), cataloguer)
    assert caught.value.identifiers == ["p1"]


def test_large_selection_is_queued_when_a_broker_is_configured(
    login, curator, items, settings, monkeypatch
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(bulk_admin, "INLINE_LIMIT", 2)
    with mock.patch("collection.tasks.bulk_edit.delay") as delay:
        response = preview_then_apply(login(curator), "add_value", items, term="subject", value="x")
    assert "Queued: Added subject “x” on 5 item(s)" in messages_of(response)
    # the link to its status page, where a result backend keeps the progress
    assert ("Follow its progress" in messages_of(response)) == bulk_admin.tracked()
    ids, edit, user_id, fingerprint = delay.call_args.args
    assert ids == [i.pk for i in items] and user_id == curator.pk and fingerprint
    assert not MetadataValue.objects.filter(term="subject").exists()


def test_without_a_broker_a_large_selection_runs_inline(
    login, curator, items, monkeypatch, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the embedded default, whatever this run was given
    monkeypatch.setattr(bulk_admin, "INLINE_LIMIT", 2)
    with mock.patch("collection.tasks.bulk_edit.delay") as delay:
        response = preview_then_apply(login(curator), "add_value", items, term="subject", value="x")
    assert not delay.called and "Added subject" in messages_of(response)
    assert MetadataValue.objects.filter(term="subject").count() == 5


def test_the_task_applies_and_summarises(curator, items):
    from collection import tasks

    edit = bulk.BulkEdit("add", "subject", value="x").as_dict()
    result = tasks.bulk_edit([i.pk for i in items], edit, curator.pk)
    assert result["applied"] and result["summary"].startswith("Added subject “x” on 5 item(s)")
    assert MetadataValue.objects.filter(term="subject").count() == 5


def test_the_task_is_routed_to_the_bulk_queue():
    from config.celery import declared_routes

    queues, routes = declared_routes()
    assert routes["collection.tasks.bulk_edit"] == "collection_bulk" and "collection_bulk" in queues


def test_select_all_is_reposted_as_select_across(login, curator, items, make_item):
    make_item("p1", status="published")  # outside the filter: not part of the selection
    client = login(curator)
    url = CHANGELIST + "?status__exact=draft"
    first = {
        "action": "add_value",
        helpers.ACTION_CHECKBOX_NAME: [items[0].pk],
        "select_across": "1",
    }
    page = client.post(url, first)
    assert page.context["count"] == 5 and page.context["ids"] == [items[0].pk]
    html = page.content.decode()
    assert 'name="select_across" value="1"' in html and 'name="index"' not in html
    fields = {**first, "term": "subject", "value": "x"}
    plan = client.post(url, {**fields, "bulk_stage": "preview"}).context["plan"]
    assert len(plan.changes) == 5
    response = client.post(url, {**fields, "bulk_stage": "apply", "fingerprint": plan.fingerprint})
    assert "on 5 item(s)" in messages_of(response)
    assert MetadataValue.objects.filter(term="subject").count() == 5


def test_the_task_reports_a_refusal_and_saves_nothing(cataloguer, make_item):
    from collection import tasks

    item = make_item("p1", status="published")
    edit = bulk.BulkEdit("add", "subject", value="x").as_dict()
    result = tasks.bulk_edit([item.pk], edit, cataloguer.pk)
    assert not result["applied"] and "Refused: p1" in result["summary"]
    assert not MetadataValue.objects.filter(term="subject").exists()


def test_apply_reports_progress_while_writing(curator, make_item, monkeypatch):
    monkeypatch.setattr(bulk, "PROGRESS_EVERY", 2)
    items = [make_item(f"v{n}") for n in range(5)]
    heard = []
    edit = bulk.BulkEdit("add", "subject", value="x")
    bulk.apply([i.pk for i in items], edit, curator, progress=lambda *p: heard.append(p))
    assert heard == [(0, 5), (2, 5), (4, 5), (5, 5)]


# Celery warns that an eager app stores no results; this backend is filled by hand.
@pytest.mark.filterwarnings("ignore:Results are not stored in backend")
def test_status_of_a_queued_edit_from_a_result_backend():
    from celery.backends.cache import CacheBackend

    from collection.tasks import PROGRESS
    from config.celery import app

    backend = CacheBackend(app=app, url="memory://")
    backend.store_result("job-1", {"done": 25, "total": 120}, PROGRESS)
    assert bulk_admin.job_status("job-1", backend) == {"state": "running", "done": 25, "total": 120}
    backend.store_result("job-1", {"applied": True, "summary": "Added subject"}, "SUCCESS")
    done = bulk_admin.job_status("job-1", backend)
    assert done == {"state": "done", "summary": "Added subject", "finished": True}
    backend.store_result("job-2", {"applied": False, "summary": "Refused: p1"}, "SUCCESS")
    assert bulk_admin.job_status("job-2", backend)["state"] == "refused"
    assert bulk_admin.job_status("job-3", backend) == {"state": "queued"}


def test_status_page(login, curator, cataloguer):
    url = reverse("admin:bulk_status", args=["no-such-job"])
    page = login(curator).get(url)
    assert page.status_code == 200
    state = page.context["status"]["state"]
    assert state in ("untracked", "queued")  # the embedded default keeps no task results
    text = page.content.decode()
    assert ("keeps no task results" if state == "untracked" else "Waiting for a worker") in text
    assert login(cataloguer).get(url).status_code == 200
    assert login(cataloguer).get(url).context["title"] == "Bulk edit progress"


def test_status_page_needs_the_change_permission(client, db):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get(reverse("admin:bulk_status", args=["x"])).status_code == 403


def move(client, items, collection, **extra):
    data = {"action": "move_to_collection", "apply": "1", "collection": collection.pk, **extra}
    return client.post(CHANGELIST, {helpers.ACTION_CHECKBOX_NAME: [i.pk for i in items], **data})


def test_move_gives_one_revision_per_moved_item(login, curator, items, archive_collections):
    photos = archive_collections["photos"]
    with history.changes():
        items[0].collections.set([photos])
    response = move(login(curator), items, photos)
    assert "Moved to collection “photos” on 4 item(s) (1 unchanged)" in messages_of(response)
    assert all(list(i.collections.all()) == [photos] for i in items)
    assert [revisions(i) for i in items] == [2, 2, 2, 2, 2]  # v1: the fixture's set, not a move
    last = Revision.objects.filter(target_id=items[1].pk).latest("id")
    assert last.comment == "bulk edit: Moved to collection “photos”"
    assert last.changes["collections"] == [[], ["photos"]]


def test_move_page_names_a_bounded_part_of_a_select_all(login, curator, make_item, monkeypatch):
    monkeypatch.setattr(bulk_admin, "LISTED", 2)
    items = [make_item(f"v{n}") for n in range(5)]
    page = login(curator).post(
        CHANGELIST,
        {
            "action": "move_to_collection",
            helpers.ACTION_CHECKBOX_NAME: [items[0].pk],
            "select_across": "1",
        },
    )
    assert page.context["count"] == 5 and len(page.context["items"]) == 2
    html = page.content.decode()
    assert "and 3 more items" in html and 'name="select_across" value="1"' in html
    assert html.count(f'name="{helpers.ACTION_CHECKBOX_NAME}"') == 1


def test_large_move_is_queued_when_a_broker_is_configured(
    login, curator, items, archive_collections, settings, monkeypatch
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(bulk_admin, "INLINE_LIMIT", 2)
    with mock.patch("collection.tasks.bulk_edit.delay") as delay:
        response = move(login(curator), items, archive_collections["photos"])
    assert "Queued: Moved to collection “photos” on 5 item(s)" in messages_of(response)
    edit = delay.call_args.args[1]
    assert (edit["operation"], edit["collection"]) == ("move", "photos")
    assert not Item.objects.filter(collections__isnull=False).exists()


def test_move_is_all_or_nothing(login, curator, items, archive_collections, monkeypatch):
    calls = []

    def fail_on_third(self, objs, *args, **kwargs):
        calls.append(self.instance.pk)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(self, objs, *args, **kwargs)

    manager = type(items[0].collections)
    original = manager.set
    monkeypatch.setattr(manager, "set", fail_on_third)
    with pytest.raises(RuntimeError):
        move(login(curator), items, archive_collections["photos"])
    assert not Item.objects.filter(collections__isnull=False).exists()
    assert all(revisions(i) == 1 for i in items)
