"""The item page: labelled Dublin Core values, links, image, citations, JSON-LD and Open Graph."""

import json
import re

import bibtexparser
import rispy

from collection.models import MetadataValue

from .conftest import PUBLIC_ITEM


def head_jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_values_grouped_labelled_with_language_tags(portal):
    html = portal.get(f"/items/{PUBLIC_ITEM}/").content.decode()
    for label in ("Alternative title", "Creator", "Date issued", "Place", "Rights and provenance"):
        assert label in html, label
    assert '<dd lang="en"><bdi>A portrait of the Soviet general' in html
    assert '<h1><span lang="nl">Vlasov: het einde' in html
    assert 'href="/people/twan-van-den-brand/"' in html
    # relation values naming public items link to them
    assert '<a href="/items/vlasov-proclamation-1944/">vlasov-proclamation-1944</a>' in html


def test_collection_path_related_items_and_machine_links(portal):
    html = portal.get(f"/items/{PUBLIC_ITEM}/").content.decode()
    assert 'href="/collections/dossier-vlasov/"' in html
    assert "Related items" in html
    for link in (
        f"/api/items/{PUBLIC_ITEM}/?format=jsonld",
        f"/api/items/{PUBLIC_ITEM}/?format=dcxml",
        f"/iiif/manifests/{PUBLIC_ITEM}",
        f"/items/{PUBLIC_ITEM}/cite.bibtex",
    ):
        assert f'href="{link}"' in html, link


def test_head_has_canonical_open_graph_and_schema_org(portal, settings):
    html = portal.get(f"/items/{PUBLIC_ITEM}/").content.decode()
    canonical = f"{settings.SITE_URL}/items/{PUBLIC_ITEM}/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title"' in html
    data = head_jsonld(html)
    assert data["url"] == canonical and "ScholarlyArticle" in data["@type"]


def test_photograph_shows_its_image_with_alt_and_zoom(portal):
    html = portal.get("/items/vlasov-photo-himmler/").content.decode()
    img = re.search(r'<img id="item-image" src="(/media/[^"]+)" alt="([^"]+)"', html)
    assert img and img.group(2) == "Vlasov en Himmler"
    assert '<meta property="og:image" content="http' in html
    assert "openseadragon.min.js" in html


def test_zoom_points_at_the_image_service_that_serves_tiles(portal):
    from archive.models import MediaFile

    media_file = MediaFile.objects.filter(item__identifier="vlasov-photo-himmler").first()
    html = portal.get("/items/vlasov-photo-himmler/").content.decode()
    url = re.search(r'data-iiif-info="([^"]+)"', html).group(1)
    assert url == f"/iiif/{media_file.sha256[:32]}/info.json"
    info = portal.get(url).json()
    assert info["protocol"] == "http://iiif.io/api/image" and info["width"] > 0
    tile = info["sizes"][0]
    jpeg = portal.get(
        f"{url.removesuffix('info.json')}full/{tile['width']},{tile['height']}/0/default.jpg"
    )
    assert jpeg.status_code == 200 and jpeg["Content-Type"] == "image/jpeg"


def test_citation_downloads_parse(portal):
    csl = json.loads(portal.get(f"/items/{PUBLIC_ITEM}/cite.csl").content)
    assert csl[0]["id"] == PUBLIC_ITEM
    bib = bibtexparser.loads(portal.get(f"/items/{PUBLIC_ITEM}/cite.bibtex").content.decode())
    assert bib.entries and "Vlasov" in bib.entries[0]["title"]
    ris = rispy.loads(portal.get(f"/items/{PUBLIC_ITEM}/cite.ris").content.decode())
    assert ris and "Vlasov" in ris[0]["title"]
    html = portal.get(f"/items/{PUBLIC_ITEM}/").content.decode()
    assert "<dt>APA</dt>" in html and "(2023)" in html


def test_original_download_follows_the_rights(portal):
    from archive.models import MediaFile

    media_file = MediaFile.objects.filter(item__identifier="vlasov-photo-himmler").first()
    url = f"/items/vlasov-photo-himmler/original/{media_file.pk}"
    assert portal.get(url).status_code == 404  # "rights not assessed"
    MetadataValue.objects.create(
        item=media_file.item, term="license", uri="https://creativecommons.org/licenses/by/4.0/"
    )
    response = portal.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content)
    assert "attachment" in response["Content-Disposition"]
    assert portal.get(f"/items/{PUBLIC_ITEM}/original/{media_file.pk}").status_code == 404
