"""A large bulk edit through a real Celery worker on Redis: the admin queues it on the bulk queue,
the worker applies it all at once, and its status page (from the result backend) ends in the summary."""

import os
import re

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from collection.admin import bulk as bulk_admin
from collection.models import MetadataValue, Revision
from collection.queues import BULK_QUEUE
from tests.archive.test_worker import purge, wait_for, workers  # noqa: F401  (a fixture)

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

CHANGELIST = reverse("admin:collection_item_changelist")
COUNT = 12


def test_a_large_bulk_edit_runs_on_the_bulk_queue_and_reports(
    workers,  # noqa: F811
    login,
    curator,
    make_item,
    monkeypatch,
    request,
):
    from celery.backends.redis import RedisBackend

    from collection import tasks
    from config.celery import app

    results = os.environ["CELERY_BROKER_URL"]  # the same Redis keeps the task results
    # This process reads the results where the worker writes them (CELERY_RESULT_BACKEND there).
    tasks.bulk_edit.backend = RedisBackend(app=app, url=results)
    request.addfinalizer(lambda: setattr(tasks.bulk_edit, "backend", None))  # the app's again
    purge(BULK_QUEUE)
    worker = workers([BULK_QUEUE], CELERY_RESULT_BACKEND=results)
    items = [make_item(f"w{n}", title=f"Letter {n}") for n in range(COUNT)]
    monkeypatch.setattr(bulk_admin, "INLINE_LIMIT", COUNT - 1)
    client = login(curator)
    fields = {
        "action": "add_value",
        helpers.ACTION_CHECKBOX_NAME: [i.pk for i in items],
        "term": "subject",
        "value": "collaboration",
    }
    plan = client.post(CHANGELIST, {**fields, "bulk_stage": "preview"}).context["plan"]
    answer = client.post(
        CHANGELIST, {**fields, "bulk_stage": "apply", "fingerprint": plan.fingerprint}
    )
    message = " ".join(str(m) for m in answer.wsgi_request._messages)
    assert f"Queued: Added subject “collaboration” on {COUNT} item(s)" in message
    status_url = re.search(r'href="([^"]*/bulk/[^/"]+/)"', message).group(1)

    def finished():
        page = client.get(status_url)
        return page.context["status"].get("finished") and page

    page = wait_for(finished, 60, "the bulk edit on the worker", worker)
    assert page.context["status"]["state"] == "done", page.context["status"]
    summary = f"Added subject “collaboration” on {COUNT} item(s)"
    assert summary in page.content.decode()
    assert MetadataValue.objects.filter(term="subject", value="collaboration").count() == COUNT
    for item in items:
        assert Revision.objects.filter(target_type="item", target_id=item.pk).count() == 2
