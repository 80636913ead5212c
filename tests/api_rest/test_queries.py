"""The number of SQL queries for a list page does not grow with the number of items on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Derivative, MediaFile
from collection import history
from collection.models import (
    Authority,
    BibliographicRecord,
    Collection,
    Contributor,
    Item,
    MetadataValue,
)

pytestmark = pytest.mark.django_db


def make_items(count: int, start: int) -> None:
    """Items with everything a page shows: values, authorities, collections, records, files."""
    with history.changes():
        collection = Collection.objects.get_or_create(slug="c", defaults={"title": "C"})[0]
        for n in range(start, start + count):
            item = Item.objects.create(identifier=f"q-{n}", dcmi_type="Text", status="published")
            person = Authority.objects.create(kind="person", slug=f"p-{n}", preferred_name=f"P {n}")
            MetadataValue.objects.create(item=item, term="title", value=f"T {n}", language="en")
            MetadataValue.objects.create(item=item, term="creator", authority=person)
            MetadataValue.objects.create(item=item, term="date", value="1944-11")
            item.collections.add(collection)
            record = BibliographicRecord.objects.create(item=item, title=f"T {n}", year=1970)
            Contributor.objects.create(record=record, family="F", given="G")
    files = MediaFile.objects.bulk_create(
        MediaFile(
            item_id=pk,
            original_filename="a.jpg",
            sha256="0" * 64,
            size=1,
            mime_type="image/jpeg",
            family="image",
            storage_path="x",
        )
        for pk in Item.objects.filter(identifier__startswith="q-").values_list("pk", flat=True)
    )
    Derivative.objects.bulk_create(
        Derivative(media_file=f, kind="thumbnail", status="done", path=f"t/{f.pk}.jpg")
        for f in files
    )


def count_queries(client, url: str, expected_items: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    results = data if isinstance(data, list) else data.get("results", data.get("@graph"))
    assert len(results) == expected_items
    return len(queries)


def test_list_query_count_is_the_same_for_10_and_100_items(api):
    formats = ("json", "jsonld", "csl")  # BibTeX and RIS are built from the CSL item
    make_items(10, 0)
    small = {f: count_queries(api, f"/api/items/?page_size=100&format={f}", 10) for f in formats}
    make_items(90, 10)
    large = {f: count_queries(api, f"/api/items/?page_size=100&format={f}", 100) for f in formats}
    assert large == small


def test_page_shows_file_derivatives(api):
    make_items(1, 0)
    (item,) = api.get("/api/items/").json()["results"]
    assert item["files"][0]["thumbnail_url"].startswith("http://testserver/media/derivatives/t/")
    assert "iiif_tile_dir" not in item["files"][0]  # no paths on the server's disk


def test_a_list_page_counts_nothing_and_its_etag_follows_its_rows(api):
    """No COUNT over the whole list per page (or per 304): the validators come from the page."""
    make_items(5, 0)
    with CaptureQueriesContext(connection) as queries:
        first = api.get("/api/items/?page_size=2")
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    etag = first["ETag"]
    assert api.get("/api/items/?page_size=2", HTTP_IF_NONE_MATCH=etag).status_code == 304
    with history.changes():  # a newer item lands on a later page: this page is unchanged
        Item.objects.create(identifier="late", dcmi_type="Text", status="published")
    assert api.get("/api/items/?page_size=2", HTTP_IF_NONE_MATCH=etag).status_code == 304
    with history.changes():
        MetadataValue.objects.create(
            item=Item.objects.get(identifier=first.json()["results"][0]["identifier"]),
            term="subject",
            value="changed",
        )
    assert api.get("/api/items/?page_size=2", HTTP_IF_NONE_MATCH=etag).status_code == 200
