"""Text extracted from an item's files reaches its search document once the derivative is done."""

import io

import pytest

from search import outbox
from search.query import SearchQuery
from search.service import search
from tests.search.corpus import make_item

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def archive_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ARCHIVE_ORIGINALS_ROOT = tmp_path / "originals"
    settings.ARCHIVE_DERIVATIVES_ROOT = tmp_path / "media" / "derivatives"


def identifiers(text: str) -> list[str]:
    return [hit.identifier for hit in search(SearchQuery(text=text)).hits]


def test_words_only_in_a_file_are_found_after_extraction(celery_eager):
    from archive.ingest import ingest_file

    item = make_item("Transcript of a speech")
    outbox.drain_all()
    assert identifiers("Quixotrafel") == []
    ingest_file(item, io.BytesIO(b"Een toespraak over Quixotrafel en Praag."), "speech.txt")
    outbox.drain_all()
    assert identifiers("Quixotrafel") == [item.identifier]
