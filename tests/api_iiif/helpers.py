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
