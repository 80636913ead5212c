"""Demo and generated items get deterministic placeholder images, once."""

import pytest
from PIL import Image

from archive import placeholders, storage
from archive.models import MediaFile
from collection.models import Item
from collection.signals import demo_loaded, items_generated

pytestmark = pytest.mark.django_db(transaction=True)


def test_placeholders_are_deterministic_and_labelled():
    one = placeholders.placeholder_jpeg("photo-1", "Vlasov in Berlin", 800, 600)
    assert one == placeholders.placeholder_jpeg("photo-1", "Vlasov in Berlin", 800, 600)
    assert one != placeholders.placeholder_jpeg("photo-2", "Vlasov in Berlin", 800, 600)


def test_demo_loaded_attaches_one_placeholder_per_photograph_once(make_item):
    make_item("demo-photo-1")
    make_item("demo-photo-2")
    photographs = [
        {
            "identifier": "demo-photo-1",
            "caption": "Vlasov in Berlin",
            "width": 1600,
            "height": 1100,
        },
        {"identifier": "demo-photo-2", "caption": "Himmler", "width": 1200, "height": 1600},
        {"identifier": "not-loaded", "caption": "skipped", "width": 10, "height": 10},
    ]
    demo_loaded.send(sender=Item, photographs=photographs)
    demo_loaded.send(sender=Item, photographs=photographs)  # make run does this every time
    files = list(MediaFile.objects.order_by("item__identifier"))
    assert [f.item.identifier for f in files] == ["demo-photo-1", "demo-photo-2"]
    with Image.open(storage.original_path(files[1].storage_path)) as im:
        assert im.size == (1200, 1600)
    assert {d.status for f in files for d in f.derivatives.all()} == {"done"}


def test_generated_items_get_small_images_only_when_asked(make_item):
    ids = [make_item(f"gen-{n}").pk for n in range(3)]
    items_generated.send(sender=Item, item_ids=ids, with_images=False, seed=7)
    assert not MediaFile.objects.exists()
    items_generated.send(sender=Item, item_ids=ids, with_images=True, seed=7)
    items_generated.send(sender=Item, item_ids=ids, with_images=True, seed=7)
    assert MediaFile.objects.count() == 3
    assert MediaFile.objects.filter(derivatives__status="done").distinct().count() == 3
