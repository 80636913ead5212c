"""`make run` on another port names that port in the links it writes (SITE_URL follows it)."""

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    # `make run` is the embedded default whatever this run was given: test it once, there.
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="runs in the embedded run"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_run_on_another_port_links_to_that_port(tmp_path):
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL", "SITE_URL")
    }
    env.update(DATA_DIR=str(tmp_path), PORT=str(port), ADMIN_PASSWORD="not-a-secret-pw-123")
    server = subprocess.Popen(
        ["bash", "scripts/run.sh"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        html = ""
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and server.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/items/vlasov-article-2023/"
                html = urllib.request.urlopen(url, timeout=5).read().decode()
                break
            except OSError:
                time.sleep(1)
        assert f'rel="canonical" href="http://127.0.0.1:{port}/items/vlasov-article-2023/"' in html
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
