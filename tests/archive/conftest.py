"""Fixtures for the archive tests: private storage roots, items, and generated files good and bad."""

import pytest

from collection import history
from collection.models import Item, MetadataValue


@pytest.fixture(autouse=True)
def archive_roots(settings, tmp_path):
    """Every test writes originals and derivatives under its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ARCHIVE_ORIGINALS_ROOT = tmp_path / "originals"
    settings.ARCHIVE_DERIVATIVES_ROOT = settings.MEDIA_ROOT / "derivatives"
    return settings


@pytest.fixture
def make_item():
    def make(identifier: str = "photo-1", title: str = "Vlasov in Berlin") -> Item:
        with history.changes(comment="test item"):
            item = Item.objects.create(
                identifier=identifier, dcmi_type="StillImage", kind="photograph"
            )
            MetadataValue.objects.create(item=item, term="title", value=title, language="en")
        return item

    return make


@pytest.fixture
def item(make_item):
    return make_item()
