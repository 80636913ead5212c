"""Services ask for work by signal; archive.receivers alone queues the tasks."""

import io

import pytest

from archive import receivers, regenerate
from archive.ingest import ingest_file
from archive.queues import BULK_QUEUE
from archive.signals import derivatives_requested
from collection.signals import item_content_changed
from tests.archive.samples import image_bytes

pytestmark = pytest.mark.django_db


class Recorder:
    """Stands in for a task: records apply_async calls instead of running anything."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def apply_async(self, args, **options) -> None:
        self.calls.append((args, options))


@pytest.fixture
def task(monkeypatch) -> Recorder:
    recorder = Recorder()
    monkeypatch.setattr(receivers, "make_derivatives", recorder)
    return recorder


def test_ingest_asks_for_derivatives_only_once_the_file_is_committed(
    item, task, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    derivatives_requested.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            media_file = ingest_file(item, io.BytesIO(image_bytes()), "a.png", queue=BULK_QUEUE)
        assert heard == [] and task.calls == []
        for callback in callbacks:
            callback()
    finally:
        derivatives_requested.disconnect(listener)
    assert heard == [
        {
            "signal": derivatives_requested,
            "media_file_id": media_file.pk,
            "kinds": None,
            "queue": BULK_QUEUE,
        }
    ]
    assert task.calls == [((media_file.pk,), {"queue": BULK_QUEUE})]


def test_regenerate_queues_the_chosen_kinds_on_the_given_queue(task):
    regenerate.enqueue({7: ["thumbnail", "access"]}, BULK_QUEUE)
    assert task.calls == [((7, ["thumbnail", "access"]), {"queue": BULK_QUEUE})]


def test_a_file_without_a_queue_goes_to_the_tasks_own_route(task):
    derivatives_requested.send(sender=None, media_file_id=3, kinds=None, queue=None)
    assert task.calls == [((3,), {})]


def test_extracted_text_is_announced_as_item_content(item):
    heard = []

    def listener(sender, **kwargs):
        heard.append((kwargs["item_id"], kwargs["what"]))

    item_content_changed.connect(listener)
    try:
        receivers.text_extracted(None, item_id=item.pk, kind="text", status="done")
        receivers.text_extracted(None, item_id=item.pk, kind="text", status="failed")
        receivers.text_extracted(None, item_id=item.pk, kind="thumbnail", status="done")
    finally:
        item_content_changed.disconnect(listener)
    assert heard == [(item.pk, "text")]
