"""The Celery app: configured from Django settings, tasks found in each app's tasks module."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("archive_backend")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
