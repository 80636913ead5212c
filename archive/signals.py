"""Signals the archive sends, for search and others to follow without the archive knowing them."""

from django.dispatch import Signal

# Sent inside the transaction that records a derivative as done or failed.
# kwargs: media_file_id, item_id, kind, status ("done" or "failed")
derivative_finished = Signal()
# Sent inside the transaction that creates a media file. kwargs: media_file_id, item_id
file_ingested = Signal()
