"""The public sees published, public items only: drafts, private and embargoed items answer 404."""

import datetime as dt

import pytest

from collection.models import Item

from .conftest import DRAFT_ITEM, EMBARGOED_ITEM, PUBLIC_ITEM


def test_public_item_page_is_shown(portal):
    response = portal.get(f"/items/{PUBLIC_ITEM}/")
    assert response.status_code == 200
    assert "Vlasov: het einde van een Russische overloper" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        f"/items/{DRAFT_ITEM}/",
        f"/items/{EMBARGOED_ITEM}/",
        f"/items/{EMBARGOED_ITEM}/cite.bibtex",
        "/collections/vlasov-demo-extras/",
        "/items/no-such-item/",
    ],
)
def test_hidden_things_answer_404(portal, url):
    assert portal.get(url).status_code == 404


def test_private_item_answers_404(portal):
    Item.objects.filter(identifier=PUBLIC_ITEM).update(visibility=Item.Visibility.PRIVATE)
    assert portal.get(f"/items/{PUBLIC_ITEM}/").status_code == 404
    assert portal.get(f"/items/{PUBLIC_ITEM}/cite.ris").status_code == 404


def test_ended_embargo_shows_the_item(portal):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    Item.objects.filter(identifier=EMBARGOED_ITEM).update(embargo_until=yesterday)
    assert portal.get(f"/items/{EMBARGOED_ITEM}/").status_code == 200


def test_hidden_items_stay_out_of_search_lists_and_sitemap(portal):
    pages = ["/search/?q=Vlasov", "/collections/dossier-vlasov/", "/people/andrej-vlasov/"]
    pages += ["/sitemap-items.xml", "/"]
    for url in pages:
        html = portal.get(url).content.decode()
        assert DRAFT_ITEM not in html, url
        assert EMBARGOED_ITEM not in html, url
        assert "Demonstration records" not in html, url
