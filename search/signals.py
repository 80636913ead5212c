"""Signals of the search app, so its services never import its tasks."""

from django.dispatch import Signal

# Sent after a transaction that wrote outbox rows commits: index work is waiting. No kwargs.
# search.receivers queues the drain task.
outbox_written = Signal()
