"""The archive's Celery queues: fresh uploads on one, bulk backfills and fixity audits on another."""

QUEUE = "archive"
BULK_QUEUE = "archive_bulk"

QUEUES = [QUEUE, BULK_QUEUE]
ROUTES = {
    "archive.tasks.make_derivatives": QUEUE,
    "archive.tasks.check_fixity_of_file": BULK_QUEUE,
    "archive.tasks.audit_fixity": BULK_QUEUE,
    "archive.tasks.attach_generated_images": BULK_QUEUE,
}
# Celery beat entries (collected by config/celery.py). The fixity audit runs hourly and queues a
# check of every original not checked within ARCHIVE_FIXITY_INTERVAL_HOURS, on the bulk queue.
SCHEDULE = {
    "archive-audit-fixity": {"task": "archive.tasks.audit_fixity", "schedule": 3600.0},
}
