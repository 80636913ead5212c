"""column__among=ids (collection/lookups.py): IN with one array parameter on PostgreSQL."""

import pytest
from django.db import connection

from collection.models import Item, MetadataValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    made = [Item.objects.create(identifier=f"among-{n}", dcmi_type="Text") for n in range(3)]
    for item in made:
        MetadataValue.objects.create(item=item, term="title", value=item.identifier, position=0)
    return made


def test_among_keeps_the_rows_whose_key_is_listed(items):
    a, b, _c = items
    found = Item.objects.filter(pk__among=[a.pk, None, b.pk, a.pk, 10**9])
    assert set(found.values_list("identifier", flat=True)) == {"among-0", "among-1"}
    values = MetadataValue.objects.filter(item_id__among={b.pk})
    assert list(values.values_list("value", flat=True)) == ["among-1"]
    through = MetadataValue.objects.filter(item__pk__among=(str(a.pk),))
    assert list(through.values_list("value", flat=True)) == ["among-0"]


def test_an_empty_list_matches_nothing(items):
    assert list(Item.objects.filter(pk__among=[])) == []
    assert Item.objects.exclude(pk__among=[]).count() == 3


def test_a_subquery_is_left_to_in(items):
    titled = MetadataValue.objects.filter(value="among-2").values("item_id")
    assert list(Item.objects.filter(pk__among=titled).values_list("identifier", flat=True)) == [
        "among-2"
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array form is PostgreSQL's")
def test_postgresql_gets_one_array_parameter_however_long_the_list(items):
    ids = [items[0].pk, *range(10**9, 10**9 + 500)]
    sql, params = Item.objects.filter(pk__among=ids).query.sql_with_params()
    assert "= ANY(%s)" in sql and "IN (" not in sql
    assert params == (ids,)
    assert Item.objects.filter(pk__among=ids).count() == 1
