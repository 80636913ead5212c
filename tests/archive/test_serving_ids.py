"""A file id too long for the database in a derivative or original URL is a 404 (issue 10, row 8)."""

import re

import pytest

from archive.serving import MAX_ID_DIGITS

pytestmark = pytest.mark.django_db

HUGE_IDS = {
    "5,000 digits": "9" * 5000,  # beyond Python's int-from-string limit: ValueError
    "20 digits": "9" * 20,  # beyond SQLite's 64-bit integer: OverflowError
    "19 digits": "9" * (MAX_ID_DIGITS + 1),
    "Arabic-Indic digits": "\u0663\u0664",  # \d matched them; they are no file id
}


@pytest.mark.parametrize("file_id", HUGE_IDS.values(), ids=HUGE_IDS.keys())
def test_derivative_url_with_a_huge_id_is_a_404(client, file_id):
    assert client.get(f"/media/derivatives/ab/{file_id}/thumbnail.jpg").status_code == 404


def test_derivative_url_with_an_unknown_id_within_the_cap_is_a_404(client):
    assert client.get(f"/media/derivatives/ab/{'9' * MAX_ID_DIGITS}/x.jpg").status_code == 404


@pytest.mark.parametrize("file_id", HUGE_IDS.values(), ids=HUGE_IDS.keys())
def test_original_url_with_a_huge_id_is_a_404(client, file_id):
    assert client.get(f"/items/some-item/original/{file_id}").status_code == 404


def test_the_derivative_pattern_still_matches_real_urls(item, ingest):
    from archive import public
    from collection import history
    from collection.models import Item
    from tests.archive.samples import image_bytes

    media_file = ingest(item, image_bytes(), "a.jpg")
    with history.changes():
        item.status, item.visibility = Item.Status.PUBLISHED, Item.Visibility.PUBLIC
        item.save()
    url = public.image_info(public.get_file(media_file.pk))["thumbnail_url"]
    assert re.search(rf"/derivatives/[0-9a-f]{{2}}/{media_file.pk}/", url)
