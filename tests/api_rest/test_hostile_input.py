"""Hostile and mistaken input from the outside audit (issue 10): clear 4xx answers, nothing lost."""

import pytest

from archive.models import MediaFile
from collection.models import Authority, Item

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("endpoint", ["items", "collections", "authorities"])
@pytest.mark.parametrize("param", ["modified_since", "modified_until"])
@pytest.mark.parametrize("value", ["50%", "%s", "%(x)s", "100%d"])
def test_percent_in_a_date_filter_is_a_400_naming_the_value(api, catalogue, endpoint, param, value):
    """Row 2: the raw value went into a message django-filter %-formats: a 500."""
    response = api.get(f"/api/{endpoint}/", {param: value})
    assert response.status_code == 400, response.content
    assert value in response.json()[param][0]


def test_deleting_an_item_with_files_is_a_409_saying_why(token_client, curator, catalogue):
    """Row 4: the verbose names are lazy strings; joining them raised TypeError (a 500)."""
    item = catalogue["items"]["public"]
    MediaFile.objects.create(
        item=item,
        original_filename="a.jpg",
        sha256="0" * 64,
        size=1,
        mime_type="image/jpeg",
        family="image",
        storage_path="x",
    )
    response = token_client(curator).delete(f"/api/items/{item.identifier}/")
    assert response.status_code == 409, response.content
    assert response.json()["detail"] == "Cannot delete: still used by media file."
    assert Item.objects.filter(pk=item.pk).exists()


def test_authorities_without_a_slug_get_unique_ones(token_client, curator, catalogue):
    """Row 5: a second Cyrillic name slugified to "authority" again: an IntegrityError, 500."""
    client = token_client(curator)
    slugs = []
    for _ in range(3):
        response = client.post(
            "/api/authorities/",
            {"kind": "person", "preferred_name": "Гиммлер"},
            format="json",
        )
        assert response.status_code == 201, response.content
        slugs.append(response.json()["slug"])
    assert len(set(slugs)) == 3
    response = client.post(
        "/api/authorities/", {"kind": "person", "preferred_name": "Vlasov"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "vlasov-2"  # "vlasov" is the fixture's


def test_a_taken_slug_is_a_400(token_client, curator, catalogue):
    response = token_client(curator).post(
        "/api/authorities/",
        {"kind": "person", "preferred_name": "Someone", "slug": "vlasov"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "slug" in response.json()
    assert Authority.objects.filter(slug="vlasov").count() == 1


def test_model_save_makes_unique_slugs_for_admin_and_csv_too(db):
    first = Authority.objects.create(kind="person", preferred_name="Гиммлер")
    second = Authority.objects.create(kind="person", preferred_name="Гиммлер")
    assert first.slug and second.slug and first.slug != second.slug


@pytest.mark.parametrize("body", [{"valeus": [{"value": "x"}]}, {"uri": "x"}, {}])
def test_a_term_object_without_values_is_refused_and_wipes_nothing(
    token_client, curator, catalogue, body
):
    """Row 6: {"valeus": [...]} read as no values and deleted the term."""
    response = token_client(curator).patch(
        "/api/items/pub-1/", {"metadata": {"subject": body}}, format="json"
    )
    assert response.status_code == 400, response.content
    message = str(response.json()["metadata"]["subject"])
    assert "values" in message
    if "valeus" in body:
        assert "valeus" in message
    assert Item.objects.get(identifier="pub-1").values.filter(term="subject").exists()


def test_the_read_shape_of_a_term_is_still_accepted(token_client, curator, catalogue):
    body = {"uri": "http://purl.org/dc/elements/1.1/subject", "values": [{"value": "Nieuw"}]}
    response = token_client(curator).patch(
        "/api/items/pub-1/", {"metadata": {"subject": body}}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["metadata"]["subject"]["values"][0]["value"] == "Nieuw"


@pytest.mark.parametrize("page", ["9223372036854775807", "9223372036854775808", "9" * 50, "0"])
def test_an_out_of_range_search_page_is_a_400(api, page):
    """Row 8: a huge page number reached SQLite as an OFFSET: OverflowError, 500."""
    response = api.get("/api/search/", {"page": page})
    assert response.status_code == 400, response.content
    assert "page" in response.json()


def test_lookups_by_slug_refuse_non_slugs_before_the_database(token_client, curator, catalogue):
    """A NUL byte in a slug reached the query; PostgreSQL refuses it with an error (a 500)."""
    client = token_client(curator)
    body = {"metadata": {"subject": [{"authority": "vla\x00sov"}]}}
    response = client.patch("/api/items/pub-1/", body, format="json")
    assert response.status_code == 400, response.content
    assert "No authority record" in str(response.json())
    response = client.patch("/api/collections/photos/", {"parent": "dos\x00sier"}, format="json")
    assert response.status_code == 400, response.content
    assert "parent" in response.json()


@pytest.mark.parametrize(
    "value", ["0668-03-09T12:45:51+20:43", "2024-05-01T00:00:00-16:00", "0001-01-01T00:00:00+01:00"]
)
def test_offsets_postgresql_refuses_are_read_in_utc_or_refused(api, catalogue, value):
    """Found by schemathesis on PostgreSQL: an offset beyond ±15:59 was a 500 (DataError)."""
    for path in ("/api/items/", "/api/collections/", "/api/authorities/"):
        response = api.get(path, {"modified_since": value})
        assert response.status_code in (200, 400), (path, response.status_code)
