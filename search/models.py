"""The search outbox: index work recorded in the same transaction as the catalogue change."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class IndexOutbox(models.Model):
    """One unit of pending index work for one item or one authority; done only after the engine
    acknowledged it. Exactly one of item_id and authority_id is set."""

    item_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    # An authority's document: its names, or its count of public items, changed.
    authority_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    identifier = models.CharField(max_length=64, blank=True)
    # The item's version when the row was written; a deleted item's row is its last word.
    # Authority rows carry 0: their documents are versioned by build time (search.documents).
    version = models.PositiveIntegerField(default=0)
    action = models.CharField(max_length=16, default="changed")
    created = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["done_at", "id"], name="outbox_pending")]
        constraints = [
            models.CheckConstraint(
                condition=Q(item_id__isnull=False, authority_id__isnull=True)
                | Q(item_id__isnull=True, authority_id__isnull=False),
                name="outbox_item_or_authority",
            )
        ]

    def __str__(self) -> str:
        state = "done" if self.done_at else "pending"
        if self.authority_id is not None:
            return f"{self.action} authority {self.authority_id} ({state})"
        return f"{self.action} item {self.item_id} v{self.version} ({state})"
