"""What the IIIF documents are made from: public items' pictures and public collections."""

import json
from dataclasses import dataclass

from django.db.models import Prefetch

from archive import public as archive_public
from archive.models import Derivative, MediaFile
from collection import public
from collection.models import Collection, Item, MetadataValue

from .ids import image_id


@dataclass(frozen=True)
class Picture:
    """One current image file with tiles on disk: its IIIF id and its stored info.json."""

    media_file: MediaFile
    image_id: str
    info: dict


def pictures_of(item: Item) -> list[Picture]:
    """The item's current image files whose tiles are made, in file order, one per content."""
    out, seen = [], set()
    for media_file in archive_public.files_for_item(item):
        tile_dir = archive_public.iiif_tile_dir(media_file)
        if media_file.family != MediaFile.Family.IMAGE or tile_dir is None:
            continue
        try:
            info = json.loads((tile_dir / "info.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # recorded as done but not on disk (restored database): no canvas for it
        # The same bytes twice would give two canvases with one id; show the picture once.
        if image_id(media_file) not in seen:
            seen.add(image_id(media_file))
            out.append(Picture(media_file, image_id(media_file), info))
    return out


def values_prefetch() -> Prefetch:
    return Prefetch("values", queryset=MetadataValue.objects.select_related("authority"))


def public_item(identifier: str) -> Item | None:
    found = public.items().prefetch_related(values_prefetch()).filter(identifier=identifier)
    item = found.first()
    if item is not None:
        public.mask_prefetched([item])  # a private authority's name is shown nowhere
    return item


def public_collection(slug: str) -> Collection | None:
    """The collection, if it and every collection above it are public."""
    node = public.CollectionTree.load().visible_by_slug(slug)
    return Collection.objects.filter(pk=node.pk).first() if node else None


def image_items(collection: Collection) -> list[Item]:
    """Public items filed directly in the collection that have at least one tiled image."""
    found = list(
        public.items()
        .filter(
            collections=collection,
            files__is_current=True,
            files__family=MediaFile.Family.IMAGE,
            files__derivatives__kind=Derivative.Kind.IIIF,
            files__derivatives__status=Derivative.Status.DONE,
        )
        .distinct()
        .order_by("identifier")
        .prefetch_related(values_prefetch())
    )
    public.mask_prefetched(found)
    return found


def public_children(collection: Collection):
    visible = public.CollectionTree.load().visible_ids()
    return collection.children.filter(pk__in=visible).order_by("title", "slug")


def public_parents(item: Item) -> list[Collection]:
    """The visible collections an item is filed in."""
    visible = public.CollectionTree.load().visible_ids()
    return list(item.collections.filter(pk__in=visible).order_by("title", "slug"))
