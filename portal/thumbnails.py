"""Thumbnails for lists of items, in one query, and the card data the list templates show."""

from dataclasses import dataclass

from collection.models import Item


@dataclass
class Card:
    identifier: str
    title: str
    kind: str
    url: str
    thumbnail_url: str | None


def cards(items: list[Item]) -> list[Card]:
    """Cards for items (title, link, thumbnail) with one thumbnail query for all of them."""
    try:
        from archive.public import thumbnail_urls
    except ImportError:  # the portal still renders lists without the archive
        thumbs = {}
    else:
        thumbs = thumbnail_urls([i.pk for i in items])
    return [
        Card(i.identifier, str(i), i.get_kind_display(), i.get_absolute_url(), thumbs.get(i.pk))
        for i in items
    ]
