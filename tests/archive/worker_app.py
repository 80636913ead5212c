"""The project's Celery app for test workers, with broker transport options from the environment.

The worker tests need a short visibility timeout, a fast restore sweep and their own unacked
keys (so a test worker never restores messages of other suites sharing the Redis database).
"""

import json
import os

from config.celery import app

app.conf.broker_transport_options = {
    **(app.conf.broker_transport_options or {}),
    **json.loads(os.environ.get("ARCHIVE_TEST_TRANSPORT_OPTIONS", "{}")),
}
