"""Health: /health/ (this process answers) and /health/ready/ (what it depends on answers).

Each check is bounded (short timeouts, indexed counts), so a probe every few seconds from nginx,
a load balancer or a container runtime costs little. The answer is JSON with an overall status:
"ok", "degraded" (a warning: e.g. no worker answered, the outbox is lagging) or "fail"
(HTTP 503: this process cannot serve, e.g. the database is gone).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

OK, WARN, FAIL, SKIP = "ok", "warn", "fail", "skip"
# How long a change may wait in the search outbox before readiness warns (beat drains it each
# minute, and every change also asks for a drain on commit).
OUTBOX_LAG_WARN = dt.timedelta(minutes=5)
PING_TIMEOUT = 1.0  # seconds to wait for workers to answer a ping
# Beat sends the outbox drain every minute: a heartbeat older than this means no beat runs.
BEAT_STALE_AFTER = 180


def check_database() -> tuple[str, dict]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK, {"vendor": connection.vendor}


def check_broker() -> tuple[str, dict]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return SKIP, {"reason": "no broker configured: tasks run inline"}
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=PING_TIMEOUT)
    return OK, {}


def check_workers() -> tuple[str, dict]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return SKIP, {"reason": "no broker configured: tasks run inline"}
    from config.celery import app

    replies = app.control.ping(timeout=PING_TIMEOUT) or []
    names = sorted(name for reply in replies for name in reply)
    return (OK if names else WARN), {"workers": names}


def check_beat() -> tuple[str, dict]:
    """When beat last sent a scheduled task (config.celery writes it to Redis)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return SKIP, {"reason": "no broker configured: tasks run inline"}
    from config.celery import BEAT_HEARTBEAT_KEY, app

    with app.connection_for_read() as conn:
        conn.ensure_connection(max_retries=1, timeout=PING_TIMEOUT)
        client = getattr(conn.default_channel, "client", None)
        if client is None:
            return SKIP, {"reason": "this broker keeps no heartbeat"}
        raw = client.get(BEAT_HEARTBEAT_KEY)
    if raw is None:
        return WARN, {"seconds_since_last_sent": None}
    age = max(0, int(time.time() - float(raw)))
    return (WARN if age > BEAT_STALE_AFTER else OK), {"seconds_since_last_sent": age}


def check_search() -> tuple[str, dict]:
    from search.backends import get_backend

    backend = get_backend()
    return OK, {"backend": type(backend).__name__, "documents": backend.count()}


def check_storage() -> tuple[str, dict]:
    from archive import storage

    if not storage.originals().local_files:  # ARCHIVE_STORAGE=s3: is the bucket there?
        stores = {"originals": storage.originals(), "derivatives": storage.derivatives()}
        missing = [name for name, store in stores.items() if not store.reachable()]
        return (FAIL if missing else OK), {"not_writable": missing}
    roots = {"originals": settings.ARCHIVE_ORIGINALS_ROOT, "media": settings.MEDIA_ROOT}
    missing = [name for name, root in roots.items() if not os.access(root, os.W_OK)]
    return (FAIL if missing else OK), {"not_writable": missing}


def check_outbox() -> tuple[str, dict]:
    from search.models import IndexOutbox

    pending = IndexOutbox.objects.filter(done_at__isnull=True)
    oldest = pending.order_by("id").values_list("created", flat=True).first()
    lag = (timezone.now() - oldest) if oldest else dt.timedelta(0)
    status = WARN if lag > OUTBOX_LAG_WARN else OK
    return status, {"pending": pending.count(), "lag_seconds": int(lag.total_seconds())}


def check_derivatives() -> tuple[str, dict]:
    from archive.models import Derivative

    failed = Derivative.objects.filter(status=Derivative.Status.FAILED).count()
    return (WARN if failed else OK), {"failed": failed}


# name -> check; each returns (status, details) or raises, which counts as "fail".
CHECKS: dict[str, Callable[[], tuple[str, dict]]] = {
    "database": check_database,
    "broker": check_broker,
    "workers": check_workers,
    "beat": check_beat,
    "search": check_search,
    "storage": check_storage,
    "outbox": check_outbox,
    "derivatives": check_derivatives,
}
# A failure of these makes the process unready (503); the others only degrade it.
REQUIRED = frozenset({"database", "search", "storage"})


def run_checks() -> dict:
    results, overall = {}, OK
    for name, check in CHECKS.items():
        try:
            status, details = check()
        except Exception as exc:  # any failure of a dependency is its status, never a 500
            status, details = FAIL, {"error": f"{type(exc).__name__}: {exc}"[:300]}
        results[name] = {"status": status, **details}
        if status == FAIL and name in REQUIRED:
            overall = FAIL
        elif status in (FAIL, WARN) and overall == OK:
            overall = "degraded"
    return {"status": overall, "checks": results}


@never_cache
@require_GET
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": OK})


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    report = run_checks()
    return JsonResponse(report, status=503 if report["status"] == FAIL else 200)
