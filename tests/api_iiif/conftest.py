"""Fixtures for the IIIF tests: private storage roots, items with ingested images, the schema."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from collection import history
from collection.models import Collection, Item, MetadataValue
from tests.api_iiif.helpers import png

CONFORMANCE = Path(__file__).resolve().parents[2].parent / "shared" / "conformance"
SCHEMA_PATH = CONFORMANCE / "iiif" / "iiif_3_0.json"


@pytest.fixture(autouse=True)
def iiif_roots(settings, tmp_path):
    """Every test writes originals and derivatives under its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ARCHIVE_ORIGINALS_ROOT = tmp_path / "originals"
    settings.ARCHIVE_DERIVATIVES_ROOT = settings.MEDIA_ROOT / "derivatives"
    return settings


@pytest.fixture(autouse=True)
def tasks_inline(celery_eager):
    """Derivatives are made inline in both runs (with a broker, tasks are otherwise queued)."""
    yield


@pytest.fixture
def make_item():
    """An item with DC values; published and public unless told otherwise."""

    def make(
        identifier: str = "photo-1",
        *,
        status: str = Item.Status.PUBLISHED,
        visibility: str = Item.Visibility.PUBLIC,
        embargo_until: dt.date | None = None,
        values: list[tuple[str, str, str]] | None = None,
        collections: list[Collection] = (),
    ) -> Item:
        values = values or [("title", "Vlasov in Berlin", "en")]
        with history.changes(comment="iiif test item"):
            item = Item.objects.create(
                identifier=identifier,
                dcmi_type="StillImage",
                kind="photograph",
                status=status,
                visibility=visibility,
                embargo_until=embargo_until,
            )
            for position, (term, value, language) in enumerate(values):
                uri = value if value.startswith("http") else ""
                MetadataValue.objects.create(
                    item=item,
                    term=term,
                    position=position,
                    value="" if uri else value,
                    uri=uri,
                    language=language,
                )
            item.collections.set(collections)
        return item

    return make


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """ingest_file, with the on-commit derivative task run as if the transaction had committed."""
    from archive.ingest import ingest_file

    def run(item: Item, data: bytes, name: str = "image.png", **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return ingest_file(item, io.BytesIO(data), name, **kwargs)

    return run


@pytest.fixture
def image_item(make_item, ingest):
    """A public photograph with one ingested 600x400 image, tiles made."""
    item = make_item()
    media_file = ingest(item, png())
    return item, media_file


@pytest.fixture(scope="session")
def presentation_schema():
    if not SCHEMA_PATH.is_file():
        pytest.skip(f"conformance kit absent: {SCHEMA_PATH} not found")
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def validate_presentation(presentation_schema):
    """Validate a document against the Presentation 3.0 schema; fail with every error listed."""
    from jsonschema import Draft7Validator

    validator = Draft7Validator(presentation_schema, format_checker=Draft7Validator.FORMAT_CHECKER)

    def check(doc: dict) -> None:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
        assert not errors, "\n".join(errors)

    return check
