"""Test images and checks shared by the IIIF tests."""

import io
import re

from PIL import Image

# BCP 47 tags as the catalogue stores them, or "none" (IIIF's key for no language).
LANGUAGE_KEY_RE = re.compile(r"^(none|[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*)$")


def png(width: int = 600, height: int = 400, colour=(120, 60, 30)) -> bytes:
    """A small image with a lighter left half, so tiles differ from one another."""
    im = Image.new("RGB", (width, height), colour)
    im.paste((230, 210, 90), (0, 0, width // 2, height))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def validator_grid() -> bytes:
    """The iiif-validator's test image: 1000x1000, 10x10 squares of 100px in its colours.

    Its id_squares test crops the 74px centre of square (column x, row y) from full/max and
    compares the commonest colour with ValidationInfo.colorInfo[x][y].
    """
    from iiif_validator.validator import ValidationInfo

    colours = ValidationInfo().colorInfo
    im = Image.new("RGB", (1000, 1000))
    for x in range(10):
        for y in range(10):
            im.paste(colours[x][y], (x * 100, y * 100, x * 100 + 100, y * 100 + 100))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def assert_language_map(value) -> None:
    """A IIIF language map: {tag or "none": [non-empty strings]}, at least one entry."""
    assert isinstance(value, dict) and value, value
    for key, texts in value.items():
        assert LANGUAGE_KEY_RE.match(key), key
        assert isinstance(texts, list) and texts, value
        assert all(isinstance(t, str) and t.strip() for t in texts), value


def assert_manifest_types(doc: dict) -> None:
    """The schema's type patterns are unanchored ("^Manifest"): check every type exactly."""
    assert doc["type"] == "Manifest"
    for thumb in doc.get("thumbnail", []):
        assert thumb["type"] == "Image"
        assert [s["type"] for s in thumb["service"]] == ["ImageService3"]
    assert all(p["type"] == "Collection" for p in doc.get("partOf", []))
    assert all(h["type"] == "Text" for h in doc.get("homepage", []))
    assert all(s["type"] == "Dataset" for s in doc.get("seeAlso", []))
    assert doc["items"], "a manifest of an image item has canvases"
    for canvas in doc["items"]:
        assert canvas["type"] == "Canvas"
        for page in canvas["items"]:
            assert page["type"] == "AnnotationPage"
            for annotation in page["items"]:
                assert annotation["type"] == "Annotation"
                assert annotation["motivation"] == "painting"
                assert annotation["target"] == canvas["id"]
                body = annotation["body"]
                assert body["type"] == "Image"
                assert [s["type"] for s in body["service"]] == ["ImageService3"]
                assert [s["profile"] for s in body["service"]] == ["level0"]


def assert_collection_types(doc: dict) -> None:
    assert doc["type"] == "Collection"
    for entry in doc["items"]:
        assert entry["type"] in ("Collection", "Manifest"), entry
        assert "items" not in entry  # references only
        assert_language_map(entry["label"])


def assert_language_maps(doc: dict) -> None:
    """Every label, summary and metadata pair below ``doc`` is a well-formed language map."""
    if isinstance(doc, list):
        for entry in doc:
            assert_language_maps(entry)
    elif isinstance(doc, dict):
        for key, value in doc.items():
            if key in ("label", "summary", "value") and not isinstance(value, str):
                assert_language_map(value)
            else:
                assert_language_maps(value)
