"""/health/ answers while the process runs; /health/ready/ reports each dependency, bounded."""

import datetime as dt
import os

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def roots(settings, tmp_path):
    settings.ARCHIVE_ORIGINALS_ROOT = tmp_path / "originals"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SEARCH_FTS_PATH = tmp_path / "search.sqlite3"
    settings.SEARCH_INDEX_PREFIX = f"test-health-{tmp_path.name}"
    for root in (settings.ARCHIVE_ORIGINALS_ROOT, settings.MEDIA_ROOT):
        root.mkdir()
    from search.backends import reset_backend

    reset_backend()
    yield settings
    reset_backend()


def test_liveness(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_reports_every_dependency(client, roots):
    report = client.get("/health/ready/").json()
    checks = report["checks"]
    assert set(checks) == {
        "database", "broker", "workers", "beat", "search", "storage", "outbox", "derivatives"
    }  # fmt: skip
    for name in ("database", "search", "storage", "outbox", "derivatives"):
        assert checks[name]["status"] == "ok", (name, checks[name])
    if os.environ.get("CELERY_BROKER_URL"):
        assert checks["broker"]["status"] == "ok"
    else:
        assert checks["broker"]["status"] == checks["workers"]["status"] == "skip"
        assert checks["beat"]["status"] == "skip"


def test_unwritable_storage_makes_the_process_unready(client, roots, tmp_path):
    roots.ARCHIVE_ORIGINALS_ROOT = tmp_path / "not-there"
    response = client.get("/health/ready/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["storage"] == {"status": "fail", "not_writable": ["originals"]}


def test_a_lagging_outbox_and_failed_derivatives_degrade(client, roots):
    from search.models import IndexOutbox

    IndexOutbox.objects.create(item_id=1, created=timezone.now() - dt.timedelta(hours=1))
    response = client.get("/health/ready/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["outbox"]["status"] == "warn"
    assert body["checks"]["outbox"]["pending"] == 1
    assert body["checks"]["outbox"]["lag_seconds"] >= 3600


def test_a_failing_check_is_reported_not_raised(client, roots, monkeypatch):
    from config import health

    def broken():
        raise ConnectionError("search node down")

    monkeypatch.setitem(health.CHECKS, "search", broken)
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["search"] == {
        "status": "fail",
        "error": "ConnectionError: search node down",
    }
