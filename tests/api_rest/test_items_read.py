"""Reading items: visibility, the representation, filters, bad parameters, keyset pages, 304s."""

import datetime as dt

import pytest
from django.contrib.auth.models import User

from collection import history
from collection.models import Item, MetadataValue

pytestmark = pytest.mark.django_db


def identifiers(response) -> set[str]:
    return {r["identifier"] for r in response.json()["results"]}


def test_anonymous_list_shows_only_public_items(api, catalogue):
    assert identifiers(api.get("/api/items/")) == {"pub-1", "emb-0", "book-1"}


@pytest.mark.parametrize("identifier", ["draft-1", "priv-1", "emb-1", "wd-1"])
def test_hidden_items_are_404_for_anonymous(api, catalogue, identifier):
    assert api.get(f"/api/items/{identifier}/").status_code == 404


def test_staff_see_drafts_and_filter_by_status(token_client, cataloguer, catalogue):
    client = token_client(cataloguer)
    assert client.get("/api/items/draft-1/").json()["status"] == "draft"
    assert identifiers(client.get("/api/items/?status=draft")) == {"draft-1"}


def test_user_without_view_permission_sees_public_only(token_client, catalogue):
    client = token_client(User.objects.create_user("reader"))
    assert client.get("/api/items/draft-1/").status_code == 404
    assert "status" not in client.get("/api/items/pub-1/").json()


def test_item_representation(api, catalogue):
    data = api.get("/api/items/pub-1/").json()
    assert data["url"] == "http://testserver/api/items/pub-1/"
    assert data["portal_url"] == "http://testserver/items/pub-1/"
    assert "status" not in data  # workflow fields are for staff
    # The private collection "secret" is not shown to the public; set specs are full paths.
    assert data["collections"] == [
        {
            "slug": "photos",
            "set_spec": "dossier:photos",
            "url": "http://testserver/api/collections/photos/",
        }
    ]
    metadata = data["metadata"]
    assert list(metadata)[:3] == ["title", "creator", "subject"]  # Dublin Core order
    assert metadata["title"]["uri"] == "http://purl.org/dc/elements/1.1/title"
    assert [(v["value"], v["language"]) for v in metadata["title"]["values"]] == [
        ("Proclamatie", "nl"),
        ("Proclamation", "en"),
    ]
    creator = metadata["creator"]["values"][0]["authority"]
    assert creator == {
        "slug": "vlasov",
        "kind": "person",
        "name": "Vlasov, Andrei",
        "url": "http://testserver/api/authorities/vlasov/",
    }
    date = metadata["date"]["values"][0]
    assert (date["date_lower"], date["date_upper"]) == ("1944-11-14", "1944-11-14")
    assert data["modified"].endswith("Z") and data["version"] >= 1


def test_bibliographic_record_is_included(api, catalogue):
    bib = api.get("/api/items/book-1/").json()["bibliographic"]
    assert bib["isbn"] == "9780333112632"
    assert bib["contributors"][0] == {
        "role": "author",
        "family": "Strik-Strikfeldt",
        "given": "Wilfried",
    }


def test_filters(api, catalogue):
    assert identifiers(api.get("/api/items/?kind=bibliographic")) == {"book-1"}
    assert identifiers(api.get("/api/items/?language=nl")) == {"pub-1"}
    assert identifiers(api.get("/api/items/?type=Image")) == set()
    # A collection includes its sub-collections: pub-1 is in dossier:photos.
    assert identifiers(api.get("/api/items/?collection=dossier")) == {"pub-1", "book-1"}
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert identifiers(api.get(f"/api/items/?modified_since={future}")) == set()
    assert len(identifiers(api.get(f"/api/items/?modified_until={future}"))) == 3
    assert len(identifiers(api.get("/api/items/?modified_since=2000-01-01"))) == 3


@pytest.mark.parametrize(
    "query, param",
    [
        ("modified_since=yesterday", "modified_since"),
        ("modified_until=2024-13-01", "modified_until"),
        ("kind=poster", "kind"),
        ("type=Picture", "type"),
        ("language=xx-!!", "language"),
        ("collection=nope", "collection"),
        ("collection=secret", "collection"),  # private: as unknown to the public
        ("page_size=lots", "page_size"),
        ("cursor=garbage", "cursor"),
        ("format=docx", "format"),
        ("modifed_since=2024-01-01", "modifed_since"),  # a typo must not return everything
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(api, catalogue, query, param):
    response = api.get(f"/api/items/?{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert param in response.json()


def test_keyset_pages_miss_nothing_while_records_change(api, make_item):
    for n in range(7):
        make_item(f"it-{n}", f"Item {n}")
    seen, url, changed = [], "/api/items/?page_size=3", False
    while url:
        page = api.get(url).json()
        seen += [r["identifier"] for r in page["results"]]
        if not changed:
            # An edit during the harvest moves a record to the end: it comes again, not lost.
            with history.changes():
                MetadataValue.objects.create(
                    item=Item.objects.get(identifier="it-0"), term="subject", value="x"
                )
            changed = True
        url = page["next"]
    assert set(seen) == {f"it-{n}" for n in range(7)}
    assert seen.count("it-0") == 2 and seen[-1] == "it-0"


def test_page_size_is_capped(api, make_item):
    for n in range(3):
        make_item(f"it-{n}")
    response = api.get("/api/items/?page_size=1")
    assert len(response.json()["results"]) == 1
    assert response["Link"] == f'<{response.json()["next"]}>; rel="next"'
    assert api.get("/api/items/?page_size=5000").status_code == 200


def test_conditional_get_on_list_and_detail(api, catalogue):
    for url in ("/api/items/", "/api/items/pub-1/"):
        first = api.get(url)
        etag, last_modified = first["ETag"], first["Last-Modified"]
        assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        assert api.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
        assert api.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    etag = api.get("/api/items/pub-1/")["ETag"]
    assert api.get("/api/items/pub-1/?format=jsonld", HTTP_IF_NONE_MATCH=etag).status_code == 200
    with history.changes():
        MetadataValue.objects.create(item=catalogue["items"]["public"], term="subject", value="y")
    assert api.get("/api/items/pub-1/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    list_etag = api.get("/api/items/")["ETag"]
    with history.changes():
        Item.objects.filter(identifier="emb-0").first().delete()
    assert api.get("/api/items/", HTTP_IF_NONE_MATCH=list_etag).status_code == 200


def test_collections_and_authorities(api, token_client, curator, catalogue):
    slugs = {c["slug"] for c in api.get("/api/collections/").json()["results"]}
    assert slugs == {"dossier", "photos"}
    assert api.get("/api/collections/secret/").status_code == 404
    assert token_client(curator).get("/api/collections/secret/").status_code == 200
    photos = api.get("/api/collections/photos/").json()
    assert (photos["set_spec"], photos["parent"]) == ("dossier:photos", "dossier")
    vlasov = api.get("/api/authorities/vlasov/").json()
    assert vlasov["identifiers"] == [
        {"scheme": "wikidata", "uri": "https://www.wikidata.org/wiki/Q313210"}
    ]
    assert api.get("/api/authorities/?kind=place").json()["results"] == []
    assert "kind" in api.get("/api/authorities/?kind=planet").json()


def test_a_public_collection_under_a_private_one_is_hidden_from_anonymous_clients(client):
    from collection.models import Collection

    private = Collection.objects.create(slug="closed", title="Closed", is_public=False)
    Collection.objects.create(slug="inside", title="Inside", parent=private)
    assert client.get("/api/collections/inside/").status_code == 404
    slugs = [c["slug"] for c in client.get("/api/collections/").json()["results"]]
    assert "inside" not in slugs
