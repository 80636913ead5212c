"""Fixtures for the archive tests: private storage roots, items, and generated files good and bad."""

import io

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


@pytest.fixture(autouse=True)
def tasks_inline(request):
    """Run tasks inline except in the real-worker tests (marked redis), in both suite runs."""
    if "redis" in request.node.keywords:
        yield
        return
    request.getfixturevalue("celery_eager")
    yield


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """ingest_file, with the on-commit task enqueue run as if the transaction had committed."""
    from archive.ingest import ingest_file

    def run(item, data: bytes, name: str, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return ingest_file(item, io.BytesIO(data), name, **kwargs)

    return run
