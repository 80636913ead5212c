"""The pipeline through a real Celery worker on Redis: uploads, demo placeholders, a killed worker."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from archive import storage
from archive.models import Derivative, MediaFile
from archive.queues import BULK_QUEUE, QUEUE
from archive.tasks import make_derivatives
from config.celery import app
from tests.archive import samples

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
IMAGE_KINDS = {"thumbnail", "access", "iiif", "techmd"}


def database_url() -> str:
    """The URL of the test database this run created, so the worker writes where we read."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Worker:
    """A `celery worker` subprocess in its own process group, on the test's database and folders."""

    def __init__(self, settings, tmp_path: Path, queues: list[str], tag: str, **env) -> None:
        # Workers of one test share `tag`, hence the unacked keys: the second restores the first's.
        self.queues, self.log = queues, tmp_path / f"worker-{tag}-{uuid.uuid4().hex[:6]}.log"
        options = {
            "visibility_timeout": 8,
            "unacked_restore_interval": 1,
            "unacked_restore_throttle": 1,
            "unacked_key": f"archive-test-unacked-{tag}",
            "unacked_index_key": f"archive-test-unacked-index-{tag}",
            "unacked_mutex_key": f"archive-test-unacked-mutex-{tag}",
        }
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DATA_DIR": str(tmp_path / "data"),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "ARCHIVE_ORIGINALS_ROOT": str(settings.ARCHIVE_ORIGINALS_ROOT),
            "ARCHIVE_MAX_IMAGE_PIXELS": str(settings.ARCHIVE_MAX_IMAGE_PIXELS),
            "ARCHIVE_TEST_TRANSPORT_OPTIONS": json.dumps(options),
            **env,
        }
        self.proc: subprocess.Popen | None = None

    def start(self) -> "Worker":
        command = [
            str(Path(sys.executable).parent / "celery"),
            "-A", "tests.archive.worker_app", "worker",
            "-Q", ",".join(self.queues), "-c", "1", "--pool", "prefork",
            "-l", "info", "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-n", f"archive-test-{uuid.uuid4().hex[:8]}@%h",
        ]  # fmt: skip
        log = open(self.log, "ab")  # noqa: SIM115  (the worker writes it until stopped)
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        return self

    def kill(self) -> None:
        """SIGKILL the main process and its pool children at once: nobody acks or rejects."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def workers(settings, tmp_path):
    started: list[Worker] = []

    tag = uuid.uuid4().hex[:8]

    def start(queues: list[str], **env) -> Worker:
        worker = Worker(settings, tmp_path, queues, tag, **env).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def purge(*queues: str) -> None:
    with app.connection_for_write() as conn:
        for queue in queues:
            conn.default_channel.client.delete(queue)


def wait_for(predicate, timeout: float, what: str, worker: Worker | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    log = worker.output()[-3000:] if worker else ""
    raise AssertionError(f"timed out waiting for {what}\n{log}")


def statuses(media_file_id: int) -> dict[str, str]:
    return dict(
        Derivative.objects.filter(media_file_id=media_file_id).values_list("kind", "status")
    )


def assert_done_once_with_right_files(media_file_id: int) -> list[Derivative]:
    rows = list(Derivative.objects.filter(media_file_id=media_file_id))
    assert sorted(d.kind for d in rows) == sorted(IMAGE_KINDS)  # one record per kind
    for d in rows:
        assert d.status == "done", d.error
        target = storage.derivatives_root() / d.path
        checked = target / "info.json" if d.kind == "iiif" else target
        assert storage.hash_file(checked)[0] == d.checksum
    return rows


def test_demo_placeholders_get_every_derivative_through_a_real_worker(workers, settings):
    purge(QUEUE, BULK_QUEUE)
    worker = workers([QUEUE, BULK_QUEUE])
    call_command("load_demo", verbosity=0)
    files = list(MediaFile.objects.all())
    assert files, "the demo should have photographs"
    for media_file in files:
        wait_for(
            lambda m=media_file: set(statuses(m.pk).values()) == {"done"},
            45,
            f"derivatives of {media_file}",
            worker,
        )
        rows = assert_done_once_with_right_files(media_file.pk)
        assert all(d.attempts == 1 for d in rows)
    assert "archive.tasks.make_derivatives" in worker.output()


def test_a_worker_killed_mid_task_is_redone_exactly_once_by_the_next(
    workers, settings, item, ingest
):
    queue = f"archive-test-{uuid.uuid4().hex[:8]}"
    # Ingest inline (eager), then reset so only the worker run below makes the derivatives.
    app.conf.task_always_eager = True
    try:
        media_file = ingest(item, samples.image_bytes("JPEG", (1800, 1200)), "slow.jpg")
    finally:
        app.conf.task_always_eager = False
    Derivative.objects.filter(media_file=media_file).update(status="pending", attempts=0)
    purge(queue)
    first = workers([queue], ARCHIVE_TEST_TASK_DELAY="3")
    make_derivatives.apply_async((media_file.pk,), queue=queue)
    wait_for(lambda: "running" in statuses(media_file.pk).values(), 40, "a running task", first)
    first.kill()
    assert "done" not in statuses(media_file.pk).values()
    second = workers([queue], ARCHIVE_TEST_TASK_DELAY="1")
    wait_for(
        lambda: set(statuses(media_file.pk).values()) == {"done"}, 50, "the redone task", second
    )
    rows = assert_done_once_with_right_files(media_file.pk)
    # The killed run had claimed the first step (access copy and thumbnail) but not the tiles.
    expected = {"access": 2, "thumbnail": 2, "techmd": 1, "iiif": 1}
    assert {d.kind: d.attempts for d in rows} == expected
    assert "Restoring" in second.output() or "make_derivatives" in second.output()


def test_a_pool_process_killed_mid_task_is_requeued_by_its_worker(workers, item, ingest):
    """The OOM-killer case: only the child dies; reject_on_worker_lost requeues at once."""
    queue = f"archive-test-{uuid.uuid4().hex[:8]}"
    app.conf.task_always_eager = True
    try:
        media_file = ingest(item, samples.image_bytes("PNG", (900, 600)), "child.png")
    finally:
        app.conf.task_always_eager = False
    Derivative.objects.filter(media_file=media_file).update(status="pending", attempts=0)
    purge(queue)
    worker = workers([queue], ARCHIVE_TEST_TASK_DELAY="1")
    make_derivatives.apply_async((media_file.pk,), queue=queue)
    wait_for(lambda: "running" in statuses(media_file.pk).values(), 40, "a running task", worker)
    children = subprocess.run(
        ["pgrep", "-P", str(worker.proc.pid)], capture_output=True, text=True
    ).stdout.split()
    assert children, worker.output()[-2000:]
    for pid in children:
        os.kill(int(pid), signal.SIGKILL)
    wait_for(
        lambda: set(statuses(media_file.pk).values()) == {"done"}, 40, "the requeued task", worker
    )
    rows = assert_done_once_with_right_files(media_file.pk)
    assert max(d.attempts for d in rows) == 2
    assert "WorkerLostError" in worker.output()  # requeued by the parent, not by a timeout
