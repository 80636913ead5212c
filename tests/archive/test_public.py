"""The read API other apps use: current files, image info, thumbnail URLs, extracted text."""

import pytest

from archive import public
from tests.archive.samples import image_bytes, text_pdf

pytestmark = pytest.mark.django_db


def test_files_for_item_lists_current_versions_in_order(item, ingest):
    first = ingest(item, image_bytes(), "a.jpg")
    second = ingest(item, image_bytes("PNG"), "b.png")
    newer = ingest(item, image_bytes("PNG", (100, 80)), "a2.png", replaces=first)
    assert [f.pk for f in public.files_for_item(item)] == [newer.pk, second.pk]


def test_image_info_has_sizes_urls_and_the_tile_directory(item, ingest, settings):
    media_file = ingest(item, image_bytes("JPEG", (1800, 1200)), "a.jpg")
    info = public.image_info(public.get_file(media_file.pk))
    assert (info["width"], info["height"]) == (1800, 1200)
    assert info["thumbnail_url"].startswith(settings.MEDIA_URL + "derivatives/")
    assert info["thumbnail_url"].endswith("/thumbnail.jpg")
    assert public.read_iiif_info(info["iiif_tile_dir"])["width"] == 1800
    assert info["technical_metadata"]["format"] == "JPEG"
    with public.open_original(media_file) as fh:
        assert fh.read() == image_bytes("JPEG", (1800, 1200))


def test_thumbnail_urls_for_a_result_list_in_one_query(
    make_item, ingest, django_assert_num_queries
):
    a, b, c = make_item("a"), make_item("b"), make_item("c")
    ingest(a, image_bytes(), "a.jpg")
    ingest(b, text_pdf(), "b.pdf")
    with django_assert_num_queries(1):
        urls = public.thumbnail_urls([a.pk, b.pk, c.pk])
    assert set(urls) == {a.pk, b.pk}
    assert urls[b.pk].endswith("pdf_thumbnail.jpg")
    assert public.thumbnail_url_for_item(c.pk) is None


def test_extracted_text_joins_the_items_files(item, ingest):
    ingest(item, text_pdf("first page text"), "a.pdf")
    ingest(item, b"second file text\n", "b.txt")
    text = public.extracted_text(item.pk)
    assert text.index("first page text") < text.index("second file text")


def test_extracted_texts_for_a_batch_in_one_query(make_item, ingest, django_assert_num_queries):
    a, b, c = make_item("a"), make_item("b"), make_item("c")
    ingest(a, b"alpha text\n", "a.txt")
    ingest(b, text_pdf("beta text"), "b.pdf")
    ingest(c, image_bytes(), "c.jpg")
    with django_assert_num_queries(1):
        texts = public.extracted_texts([a.pk, b.pk, c.pk])
    assert set(texts) == {a.pk, b.pk} and "beta text" in texts[b.pk]
