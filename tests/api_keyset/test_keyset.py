"""api.keyset: row-value keyset pages, on their own and under the REST cursor."""

import base64
import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import keyset
from collection.models import Item

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)


@pytest.fixture
def items() -> list[Item]:
    """23 items, 20 of them sharing one `modified` (a bulk load), listed in keyset order."""
    Item.objects.bulk_create(Item(identifier=f"k{n:02d}", dcmi_type="Text") for n in range(23))
    for n, item in enumerate(Item.objects.order_by("identifier")):
        stamp = NOON if n < 20 else NOON - dt.timedelta(seconds=n - 19)  # k22 the earliest
        Item.objects.filter(pk=item.pk).update(modified=stamp)
    return list(Item.objects.order_by("modified", "id"))


def walk(queryset, ordering, size, key=None) -> list[keyset.Page]:
    pages = [keyset.page(queryset, ordering, None, size, key)]
    while pages[-1].next is not None:
        pages.append(keyset.page(queryset, ordering, pages[-1].next, size, key))
    return pages


@pytest.mark.parametrize("size", [1, 4, 7, 22, 23, 50])
def test_pages_cover_every_row_once_in_order_despite_ties(items, size):
    pages = walk(Item.objects.all(), ("modified", "id"), size)
    assert [i.pk for p in pages for i in p.rows] == [i.pk for i in items]
    assert all(len(p.rows) == size for p in pages[:-1])
    # The extra row read tells the last page it is last: no empty page to fetch after it.
    assert pages[-1].next is None and 1 <= len(pages[-1].rows) <= size
    for p in pages[:-1]:
        assert p.next == (p.rows[-1].modified, p.rows[-1].id)


def test_values_list_rows_with_a_key_and_a_bound(items):
    rows = Item.objects.values_list("pk", "identifier", "modified")
    pages = walk(rows, ("modified", "identifier"), 5, key=lambda r: (r[2], r[1]))
    identifiers = [r[1] for p in pages for r in p.rows]
    assert identifiers == ["k22", "k21", "k20", *(f"k{n:02d}" for n in range(20))]
    middle = keyset.seek(rows, ("modified", "identifier"), after=(NOON, "k04"), upto=(NOON, "k07"))
    assert [r[1] for r in middle] == ["k05", "k06", "k07"]


def test_values_dicts_carry_their_own_key(items):
    pages = walk(Item.objects.values("id", "modified"), ("modified", "id"), 10)
    assert [r["id"] for p in pages for r in p.rows] == [i.pk for i in items]


def test_empty_and_exhausted(items):
    assert keyset.page(Item.objects.none(), ("modified", "id"), None, 5) == keyset.Page([], None)
    last = items[-1]
    assert (
        keyset.page(Item.objects.all(), ("modified", "id"), (last.modified, last.pk), 5).rows == []
    )


@pytest.mark.parametrize("ordering", [(), ("-modified", "id"), ("modified", "-id")])
def test_only_ascending_orderings(ordering):
    with pytest.raises(ValueError, match="ascending"):
        keyset.seek(Item.objects.all(), ordering, None)


def test_page_size_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        keyset.page(Item.objects.all(), ("modified", "id"), None, 0)


def query_plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return " ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")
@pytest.mark.urls("tests.api_rest.urls")
def test_a_rest_page_seeks_the_modified_index_at_its_cursor(items, client):
    Item.objects.update(status="published", visibility="public")
    Item.objects.bulk_create(Item(identifier=f"d{n:03d}", dcmi_type="Text") for n in range(200))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as `PRAGMA optimize` keeps them
    first = client.get("/api/items/?page_size=5").json()
    with CaptureQueriesContext(connection) as queries:
        client.get(first["next"])
    (page_sql,) = [q["sql"] for q in queries if "LIMIT 6" in q["sql"]]
    # A row value, (modified, id) > (x, y), which SQLite seeks in the modified index; the OR of
    # the columns used before made it scan that index from its start, so page n cost O(n).
    assert '("collection_item"."modified", "collection_item"."id") > (' in page_sql
    plan = query_plan(page_sql)
    # the index on modified, or the one on (modified, id) that the keyset's order matches
    assert re.search(r"SEARCH collection_item USING INDEX \w+ \(modified>\?", plan), plan
    assert "(modified>?)" in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.urls("tests.api_rest.urls")
@pytest.mark.parametrize(
    "text",
    [
        "2026-01-01T00:00:00+00:00|99999999999999999999999",  # beyond a 64-bit id
        "2026-01-01T00:00:00+00:00|-5",
        "0001-01-01T00:00:00+05:00|1",  # before year 1 in UTC
        "2026-01-01T00:00:00|1",  # no time zone
    ],
)
def test_a_cursor_the_database_cannot_take_is_a_400(client, text):
    cursor = base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
    response = client.get(f"/api/items/?cursor={cursor}")
    assert response.status_code == 400
    assert "cursor" in response.json()
