"""Home, collections, browse, authorities, the timeline, the sitemap, robots.txt and the language."""

import re

from lxml import etree


def test_home_lists_public_collections_and_featured_items(portal):
    html = portal.get("/").content.decode()
    assert 'href="/collections/dossier-vlasov/"' in html
    assert "Featured items" in html and 'href="/items/vlasov-photo' in html
    assert '<main id="main"' in html and 'role="banner"' in html and 'role="contentinfo"' in html


def test_collection_page_lists_children_items_and_timeline(portal):
    html = portal.get("/collections/dossier-vlasov/").content.decode()
    assert 'href="/collections/vlasov-photographs/"' in html
    assert "vlasov-demo-extras" not in html
    assert 'href="/timeline/dossier-vlasov/"' in html


def test_browse_lists_facet_values_with_counts(portal):
    html = portal.get("/browse/person/").content.decode()
    assert 'href="/search/?person=andrej-vlasov"' in html
    assert portal.get("/browse/nonsense/").status_code == 404


def test_authority_page_shows_names_dates_identifiers_and_items(portal):
    html = portal.get("/people/andrej-vlasov/").content.decode()
    assert 'lang="ru"' in html and "Власов" in html
    assert 'href="/items/vlasov-article-2023/"' in html
    assert "wikidata.org/wiki/Q1085" in portal.get("/places/prague/").content.decode()
    assert portal.get("/places/andrej-vlasov/").status_code == 404


def test_timeline_tells_1942_to_1946_in_order(portal):
    html = portal.get("/timeline/dossier-vlasov/").content.decode()
    years = [int(y) for y in re.findall(r'<h2 id="year-(\d{4})">', html)]
    assert years == sorted(years) and years[0] == 1942 and 1946 in years
    dates = re.findall(r'<time datetime="([\d-]+)">', html)
    assert dates == sorted(dates) and "12 July 1942" in html
    assert (
        html.index("Capture of Vlasov") < html.index("Prague Manifesto") < html.index("Execution")
    )


def test_sitemap_index_and_items(portal, settings):
    index = etree.fromstring(portal.get("/sitemap.xml").content)
    locs = [e.text for e in index.iter("{*}loc")]
    assert f"{settings.SITE_URL}/sitemap-items.xml" in locs
    items = portal.get("/sitemap-items.xml").content.decode()
    assert f"{settings.SITE_URL}/items/vlasov-article-2023/" in items


def test_robots_points_at_the_sitemap(portal, settings):
    text = portal.get("/robots.txt").content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text and "Disallow: /admin/" in text


def test_language_switch_to_dutch(portal):
    response = portal.post(
        "/i18n/setlang/", {"language": "nl", "next": "/items/vlasov-article-2023/"}
    )
    assert response.status_code == 302
    html = portal.get("/items/vlasov-article-2023/").content.decode()
    assert '<html lang="nl">' in html
    assert "Zoeken" in html and "Alternatieve titel" in html
    assert 'lang="en"' in html  # values keep their own language tags
