"""Signals the archive sends, for search and others to follow without the archive knowing them."""

from django.dispatch import Signal

# Sent inside the transaction that records a derivative as done or failed.
# kwargs: media_file_id, item_id, kind, status ("done" or "failed")
derivative_finished = Signal()
# Sent inside the transaction that creates a media file. kwargs: media_file_id, item_id
file_ingested = Signal()
# Sent when derivatives of a file are wanted: after a new file's transaction commits, or when
# regenerate resets them. kwargs: media_file_id, kinds (list of kinds, or None for all pending),
# queue (a queue name, or None for the task's route). archive.receivers queues the task, so no
# service imports the tasks.
derivatives_requested = Signal()
