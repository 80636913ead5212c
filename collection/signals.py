"""Signals the catalogue sends inside the transaction of each change, for other apps to follow.

The catalogue knows nothing of its listeners: search writes its outbox rows from these, in the
same transaction, so a change and the record of work it causes commit or roll back together.
"""

from django.dispatch import Signal

# kwargs: item_id, identifier, version, action ("created", "changed" or "deleted")
item_changed = Signal()
# Sent once by a bulk writer (the CSV import) in place of one item_changed per item, inside its
# transaction, after the items' revisions. kwargs: changes, a list of dicts with item_changed's
# kwargs (item_id, identifier, version, action: "created" or "changed").
items_changed = Signal()
# kwargs: authority_id, action
authority_changed = Signal()
# kwargs: collection_id, action
collection_changed = Signal()
# Sent by generate_synthetic after its bulk insert. kwargs: item_ids (list[int]), with_images (bool),
# seed (int). The archive listens to attach generated images when with_images is true.
items_generated = Signal()
# Sent by load_demo after the demo collection is in place. kwargs: photographs, a list of dicts
# {"identifier", "caption", "width", "height"} for which placeholder images are wanted.
demo_loaded = Signal()
# Sent by an app that contributes content to an item's description (collection.sources) when
# that content changed, e.g. the archive once a file's text is extracted. kwargs: item_id, what
# (a short word naming the content, e.g. "text"). Search reindexes the item.
item_content_changed = Signal()
