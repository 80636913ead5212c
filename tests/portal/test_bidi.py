"""Bidirectional text: a right-to-left override in one value cannot reorder the page around it."""

import pytest
from django.template.loader import render_to_string

from collection import history
from collection.models import Collection, Item, MetadataValue

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: without isolation it flips everything after it


def test_item_cards_isolate_titles():
    html = render_to_string(
        "portal/includes/cards.html",
        {"cards": [{"title": f"{RLO}Brief", "url": "/items/x/", "kind": "letter"}]},
    )
    assert f"<bdi>{RLO}Brief</bdi>" in html


@pytest.mark.django_db
def test_collection_lists_and_item_page_isolate_user_text(client):
    with history.changes():
        root = Collection.objects.create(slug="root", title=f"{RLO}Papers")
        Collection.objects.create(slug="child", title=f"{RLO}Letters", parent=root)
        item = Item.objects.create(identifier="x1", dcmi_type="Text", status="published")
        MetadataValue.objects.create(item=item, term="title", value=f"{RLO}Brief")
        MetadataValue.objects.create(item=item, term="subject", value=f"{RLO}Oorlog")
    assert f"<bdi>{RLO}Papers</bdi>" in client.get("/collections/").content.decode()
    assert f"<bdi>{RLO}Letters</bdi>" in client.get("/collections/root/").content.decode()
    page = client.get("/items/x1/").content.decode()
    assert f"<bdi>{RLO}Oorlog</bdi>" in page


def test_facet_links_are_isolated():
    html = render_to_string(
        "portal/browse.html",
        {"facet": "subject", "label": "subject", "buckets": [{"value": "x", "label": f"{RLO}x"}]},
    )
    assert f'dir="auto">{RLO}x</a>' in html
