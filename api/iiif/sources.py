"""What the IIIF documents are made from: public items' pictures and public collections."""

import json
from dataclasses import dataclass

from django.db.models import Prefetch

from archive import public
from archive.models import Derivative, MediaFile
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
    for media_file in public.files_for_item(item):
        tile_dir = public.iiif_tile_dir(media_file)
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
    return (
        Item.objects.public()
        .prefetch_related(values_prefetch())
        .filter(identifier=identifier)
        .first()
    )


def public_collection(slug: str) -> Collection | None:
    """The collection, if it and every collection above it are public."""
    found = Collection.objects.filter(slug=slug, is_public=True).first()
    if found is None or not found.is_visible():
        return None
    return found


def image_items(collection: Collection):
    """Public items filed directly in the collection that have at least one tiled image."""
    return (
        Item.objects.public()
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


def public_children(collection: Collection):
    return collection.children.filter(is_public=True).order_by("title", "slug")


def public_parents(item: Item) -> list[Collection]:
    """The public collections an item is filed in (each with public ancestors)."""
    found = item.collections.filter(is_public=True).order_by("title", "slug")
    return [c for c in found if c.is_visible()]
