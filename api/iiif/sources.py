"""What the IIIF documents are made from: public items' pictures and public collections."""

from dataclasses import dataclass

from archive import public as archive_public
from archive.models import Derivative, MediaFile
from collection import public, readmodel
from collection.models import Collection

from .ids import image_id


@dataclass(frozen=True)
class Picture:
    """One current image file with tiles on disk: its IIIF id and its stored info.json."""

    media_file: MediaFile
    image_id: str
    info: dict


def pictures_of(item: readmodel.ItemRows) -> list[Picture]:
    """The item's current image files whose tiles are made, in file order, one per content."""
    out, seen = [], set()
    for media_file in archive_public.files_for_item(item):
        tile_dir = archive_public.iiif_tile_dir(media_file)
        if media_file.family != MediaFile.Family.IMAGE or tile_dir is None:
            continue
        info = archive_public.read_iiif_info(tile_dir)
        if info is None:
            continue  # recorded as done but not in the store (restored database): no canvas
        # The same bytes twice would give two canvases with one id; show the picture once.
        if image_id(media_file) not in seen:
            seen.add(image_id(media_file))
            out.append(Picture(media_file, image_id(media_file), info))
    return out


def public_item(identifier: str) -> readmodel.ItemRows | None:
    """The public item with this identifier, as the catalogue's read model."""
    return readmodel.load_public(identifier)


def public_collection(slug: str) -> Collection | None:
    """The collection, if it and every collection above it are public."""
    node = public.CollectionTree.load().visible_by_slug(slug)
    return Collection.objects.filter(pk=node.pk).first() if node else None


def image_items(collection: Collection) -> list[readmodel.ItemRows]:
    """Public items filed directly in the collection that have at least one tiled image."""
    ids = (
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
        .values_list("pk", flat=True)
    )
    rows = readmodel.load(list(ids), bibliographic=False)
    return sorted(rows.values(), key=lambda row: row.identifier)


def public_children(collection: Collection):
    visible = public.CollectionTree.load().visible_ids()
    return collection.children.filter(pk__in=visible).order_by("title", "slug")


def public_parents(item: readmodel.ItemRows) -> list[Collection]:
    """The visible collections an item is filed in (the read model lists only those)."""
    return list(Collection.objects.filter(pk__in=item.collection_ids).order_by("title", "slug"))
