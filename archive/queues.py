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
