"""The stack's tests: they run against `make stack` (nginx, gunicorn, workers, beat, PostgreSQL,
Redis, Elasticsearch as separate processes), never in the ordinary passes.

Run them in the stack's environment, which sets STACK_URL and points this process's settings at
the stack's database, broker and index:

    make stack
    bash scripts/stack.sh exec .venv/bin/python -m pytest -p no:cacheprovider tests/stack

Without STACK_URL every test here is skipped. The tests read the stack's database through the
ORM (no test database: the point is the data the processes wrote) and drive the processes
through scripts/stack.sh (proc-stop, proc-start, service-stop, service-start).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# Playwright's sync API keeps an event loop in this thread; the ORM calls here are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
SKIP_REASON = (
    "needs the running stack: `make stack`, then "
    "`bash scripts/stack.sh exec .venv/bin/python -m pytest tests/stack` (sets STACK_URL)"
)


def pytest_collection_modifyitems(config, items):
    if os.environ.get("STACK_URL"):
        return
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@dataclass
class Stack:
    url: str
    dir: Path

    @property
    def logs(self) -> Path:
        return self.dir / "logs"

    @property
    def admin_password(self) -> str:
        return (self.dir / "admin-password").read_text().strip()

    def script(self, *args: str, timeout: float = 240, env: dict | None = None) -> str:
        """Run scripts/stack.sh with the stack's own settings (ports, folders), plus `env`."""
        done = subprocess.run(
            ["bash", str(ROOT / "scripts" / "stack.sh"), *args],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"stack.sh {' '.join(args)}: {done.stdout}{done.stderr}"
        return done.stdout

    def manage(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """`manage.py ARGS` as a separate process in the stack's environment."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def get(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return requests.get(self.url + path, **kwargs)

    def pid(self, name: str) -> int:
        return int((self.dir / "run" / f"{name}.pid").read_text().strip())

    def wait_ready(self, timeout: float = 90, workers: bool = True) -> dict:
        """Wait until /health/ready/ answers 200 (and, by default, some worker answered)."""
        deadline, body = time.monotonic() + timeout, {}
        while time.monotonic() < deadline:
            try:
                response = self.get("/health/ready/", timeout=10)
                body = response.json()
                if response.status_code == 200 and (
                    not workers or body["checks"]["workers"]["status"] == "ok"
                ):
                    return body
            except (requests.RequestException, ValueError):
                pass
            time.sleep(0.5)
        raise AssertionError(f"the stack did not become ready within {timeout} s: {body}")


def wait_for(predicate, timeout: float, what: str, interval: float = 0.5):
    """Poll `predicate` until it returns something true; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


@pytest.fixture(scope="session")
def stack() -> Stack:
    from django.conf import settings

    url, directory = os.environ["STACK_URL"], Path(os.environ["STACK_DIR"])
    # This process must read and write what the stack's processes do.
    assert Path(settings.DATA_DIR) == directory / "data", "run through `scripts/stack.sh exec`"
    assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    found = Stack(url, directory)
    found.wait_ready()
    return found


@pytest.fixture(scope="session", autouse=True)
def stack_database(django_db_blocker):
    """The stack's own database, read and written as the processes do: no test database."""
    if not os.environ.get("STACK_URL"):
        yield
        return
    with django_db_blocker.unblock():
        yield


@pytest.fixture(autouse=True)
def _fresh_connections():
    # A fault test restarts PostgreSQL: the next test must not inherit a dead connection.
    from django.db import close_old_connections, connections

    yield
    close_old_connections()
    for conn in connections.all():
        conn.close_if_unusable_or_obsolete()
