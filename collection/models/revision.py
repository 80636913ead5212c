"""The history of every change to items, authority records and collections: who, when, what."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Revision(models.Model):
    class Target(models.TextChoices):
        ITEM = "item", "item"
        AUTHORITY = "authority", "authority record"
        COLLECTION = "collection", "collection"

    class Action(models.TextChoices):
        CREATED = "created", "created"
        CHANGED = "changed", "changed"
        DELETED = "deleted", "deleted"

    target_type = models.CharField(max_length=16, choices=Target.choices)
    # Plain ids, not foreign keys: the history outlives the object it describes.
    target_id = models.BigIntegerField()
    target_label = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=0)
    action = models.CharField(max_length=16, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(default=timezone.now, db_index=True)
    comment = models.CharField(max_length=300, blank=True)
    snapshot = models.JSONField(default=dict)
    # {field: [old, new]} against the previous revision of the same object.
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "-id"]),
            # OAI-PMH proves a tombstone's item was public by its revisions, found by identifier
            models.Index(fields=["target_type", "target_label"], name="revision_target_label"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.target_type} {self.target_label} {self.action} at {self.created:%Y-%m-%d %H:%M}"
        )
