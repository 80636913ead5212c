"""The search outbox: index work recorded in the same transaction as the catalogue change."""

from django.db import models
from django.utils import timezone


class IndexOutbox(models.Model):
    """One unit of pending index work for one item; done only after the engine acknowledged it."""

    item_id = models.BigIntegerField(db_index=True)
    identifier = models.CharField(max_length=64, blank=True)
    # The item's version when the row was written; a deleted item's row is its last word.
    version = models.PositiveIntegerField(default=0)
    action = models.CharField(max_length=16, default="changed")
    created = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["done_at", "id"], name="outbox_pending")]

    def __str__(self) -> str:
        state = "done" if self.done_at else "pending"
        return f"{self.action} item {self.item_id} v{self.version} ({state})"
