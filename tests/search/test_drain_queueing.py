"""The outbox asks for a drain by signal after commit; search.receivers queues the task."""

import pytest

from search import outbox, receivers

pytestmark = pytest.mark.django_db


class Recorder:
    def __init__(self) -> None:
        self.count = 0

    def delay(self) -> None:
        self.count += 1


def test_a_nudge_queues_one_drain_after_commit(monkeypatch, django_capture_on_commit_callbacks):
    task = Recorder()
    monkeypatch.setattr(receivers, "drain_outbox", task)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outbox.nudge()
    assert task.count == 0  # nothing before the commit
    for callback in callbacks:
        callback()
    assert task.count == 1


def test_a_broker_failure_never_fails_the_change(monkeypatch, django_capture_on_commit_callbacks):
    class Down:
        def delay(self) -> None:
            raise ConnectionError("broker down")

    monkeypatch.setattr(receivers, "drain_outbox", Down())
    with django_capture_on_commit_callbacks(execute=True):
        outbox.nudge()  # robust on_commit: logged, not raised
