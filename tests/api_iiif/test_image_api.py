"""Image API 3.0 level 0: info.json as served, the 303 base URI, tiles, access and traversal."""

import datetime as dt
import io
import json

import pytest
from PIL import Image

from api.iiif.ids import image_id
from collection.models import Item
from tests.api_iiif.helpers import png

pytestmark = pytest.mark.django_db

LD_JSON = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'


def info_of(client, media_file):
    response = client.get(f"/iiif/{image_id(media_file)}/info.json")
    assert response.status_code == 200, response.content
    return response, json.loads(response.content)


def test_info_json_id_is_the_served_url(client, image_item):
    _, media_file = image_item
    response, info = info_of(client, media_file)
    assert response["Content-Type"] == LD_JSON
    assert response["Access-Control-Allow-Origin"] == "*"
    assert info["id"] == f"http://testserver/iiif/{image_id(media_file)}"
    assert info["type"] == "ImageService3"
    assert info["profile"] == "level0"
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert (info["width"], info["height"]) == (600, 400)


def test_info_json_id_follows_the_host_and_scheme_asked(client, image_item):
    _, media_file = image_item
    response = client.get(
        f"/iiif/{image_id(media_file)}/info.json", HTTP_HOST="localhost:8123", secure=True
    )
    assert (
        json.loads(response.content)["id"] == f"https://localhost:8123/iiif/{image_id(media_file)}"
    )


def test_base_uri_redirects_to_info_json(client, image_item):
    _, media_file = image_item
    response = client.get(f"/iiif/{image_id(media_file)}")
    assert response.status_code == 303
    assert response["Location"] == f"http://testserver/iiif/{image_id(media_file)}/info.json"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_every_advertised_size_and_tile_is_served(client, image_item):
    _, media_file = image_item
    _, info = info_of(client, media_file)
    base = f"/iiif/{image_id(media_file)}"
    urls = [f"{base}/full/max/0/default.jpg"]
    urls += [f"{base}/full/{s['width']},{s['height']}/0/default.jpg" for s in info["sizes"]]
    tile = info["tiles"][0]
    for sf in tile["scaleFactors"]:
        span = tile["width"] * sf
        for y in range(0, info["height"], span):
            for x in range(0, info["width"], span):
                w, h = min(span, info["width"] - x), min(span, info["height"] - y)
                size = f"{-(-w // sf)},{-(-h // sf)}"
                region = "full" if (w, h) == (info["width"], info["height"]) and sf > 1 else None
                urls.append(f"{base}/{region or f'{x},{y},{w},{h}'}/{size}/0/default.jpg")
    assert len(urls) > 4
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/jpeg"
        assert response["Access-Control-Allow-Origin"] == "*"
        expected = url.split("/")[-3]
        image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
        assert image.format == "JPEG"
        if expected != "max":
            assert image.size == tuple(int(n) for n in expected.split(",")), url
        else:
            assert image.size == (600, 400)


@pytest.mark.parametrize(
    "suffix",
    [
        "full/full/0/default.jpg",  # 2.x "full" size is not 3.0
        "full/max/90/default.jpg",
        "full/max/0/gray.jpg",
        "full/max/0/default.png",
        "full/1200,800/0/default.jpg",  # level 0: only listed sizes exist
        "0,0,10,10/10,10/0/default.jpg",
        "full/max/0/info.json",
        "full/max/0/..",
        "../../../../../etc/passwd",
        "..%2f..%2f..%2fetc/max/0/default.jpg",
        "full/..%2F..%2F/0/default.jpg",
        "%2e%2e/%2e%2e/0/default.jpg",
        "full/max/0/default.jpg%00.jpg",
    ],
)
def test_anything_but_a_made_file_is_a_404(client, image_item, suffix):
    _, media_file = image_item
    response = client.get(f"/iiif/{image_id(media_file)}/{suffix}")
    assert response.status_code == 404, suffix
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.get("Content-Type", "").startswith("image/")


@pytest.mark.parametrize(
    "image_path",
    ["/iiif/../config/settings.py", "/iiif/%2e%2e/%2e%2e/etc/passwd", "/iiif/not-an-id/info.json"],
)
def test_bad_ids_are_404(client, image_item, image_path):
    response = client.get(image_path)
    assert response.status_code == 404


def test_a_bare_media_file_id_is_not_an_image_id(client, image_item):
    _, media_file = image_item
    assert client.get(f"/iiif/{media_file.pk}/info.json").status_code == 404


HIDDEN = [
    {"status": Item.Status.DRAFT},
    {"status": Item.Status.WITHDRAWN},
    {"visibility": Item.Visibility.PRIVATE},
    {
        "visibility": Item.Visibility.EMBARGOED,
        "embargo_until": dt.date.today() + dt.timedelta(days=30),
    },
]


@pytest.mark.parametrize("state", HIDDEN, ids=["draft", "withdrawn", "private", "embargoed"])
def test_hidden_items_images_are_404(client, make_item, ingest, state):
    item = make_item("hidden-1", **state)
    media_file = ingest(item, png(300, 200))
    base = f"/iiif/{image_id(media_file)}"
    for url in [base, f"{base}/info.json", f"{base}/full/max/0/default.jpg"]:
        assert client.get(url).status_code == 404, url


def test_an_ended_embargo_shows_the_image(client, make_item, ingest):
    item = make_item(
        "embargo-over",
        visibility=Item.Visibility.EMBARGOED,
        embargo_until=dt.date.today() - dt.timedelta(days=1),
    )
    media_file = ingest(item, png(300, 200))
    assert client.get(f"/iiif/{image_id(media_file)}/info.json").status_code == 200


def test_withdrawing_an_item_hides_its_tiles_at_once(client, image_item):
    item, media_file = image_item
    url = f"/iiif/{image_id(media_file)}/full/max/0/default.jpg"
    assert client.get(url).status_code == 200
    Item.objects.filter(pk=item.pk).update(status=Item.Status.WITHDRAWN)
    assert client.get(url).status_code == 404


def test_a_replaced_version_is_no_longer_served(client, image_item, ingest):
    item, old = image_item
    new = ingest(item, png(300, 200, colour=(10, 90, 200)), replaces=old)
    assert client.get(f"/iiif/{image_id(old)}/info.json").status_code == 404
    assert client.get(f"/iiif/{image_id(new)}/info.json").status_code == 200


def test_same_bytes_in_a_public_and_a_private_item(client, make_item, ingest):
    """The public copy is served; making it private hides the shared id too."""
    data = png(300, 200, colour=(1, 2, 3))
    private = ingest(make_item("private-1", visibility=Item.Visibility.PRIVATE), data)
    shown = make_item("public-1")
    ingest(shown, data)
    url = f"/iiif/{image_id(private)}/info.json"
    assert client.get(url).status_code == 200
    Item.objects.filter(pk=shown.pk).update(visibility=Item.Visibility.PRIVATE)
    assert client.get(url).status_code == 404
