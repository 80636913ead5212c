"""Signals the catalogue sends inside the transaction of each change, for other apps to follow.

The catalogue knows nothing of its listeners: search writes its outbox rows from these, in the
same transaction, so a change and the record of work it causes commit or roll back together.
"""

from django.dispatch import Signal

# kwargs: item_id, identifier, version, action ("created", "changed" or "deleted")
item_changed = Signal()
# kwargs: authority_id, action
authority_changed = Signal()
# kwargs: collection_id, action
collection_changed = Signal()
