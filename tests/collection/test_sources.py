"""collection.sources: other apps contribute full text and thumbnails without being imported."""

import pytest

from collection import sources


@pytest.fixture
def registered(monkeypatch):
    """Register into empty registries (the archive's own sources need a database)."""
    monkeypatch.setattr(sources, "_text_sources", [])
    monkeypatch.setattr(sources, "_thumbnail_sources", [])

    def _register(kind, source):
        return getattr(sources, f"register_{kind}_source")(source)

    return _register


def test_texts_of_every_source_are_joined_per_item(registered):
    registered("text", lambda ids: {i: f"one {i}" for i in ids if i != 2})
    registered("text", lambda ids: {i: "" if i == 1 else f"two {i}" for i in ids})
    texts = sources.item_texts([1, 2, 99_999])
    assert texts[1].startswith("one 1") and "two 1" not in texts[1]
    assert texts[2] == "two 2"
    assert "one 99999\n\ntwo 99999" in texts[99_999]


def test_the_first_source_with_a_thumbnail_wins_and_a_source_counts_once(registered):
    def first(ids):
        return {1: "/a.jpg"}

    registered("thumbnail", first)
    registered("thumbnail", first)
    registered("thumbnail", lambda ids: {1: "/b.jpg", 2: "/c.jpg"})
    urls = sources.thumbnails([1, 2])
    assert urls[1] == "/a.jpg" and urls[2] == "/c.jpg"
    assert sources._thumbnail_sources.count(first) == 1


def test_the_archive_registers_its_text_and_thumbnails_at_start_up():
    from archive import public

    assert public.extracted_texts in sources._text_sources
    assert public.thumbnail_urls in sources._thumbnail_sources
