"""The home page: the public collections and a few featured items."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from collection.public import CollectionTree

from ..public import public_children, public_items
from ..thumbnails import cards

FEATURED = 6  # how many items the home page shows


def featured_items() -> list:
    """The most recently published public items, those with pictures first."""
    from archive.models import Derivative

    with_images = Derivative.objects.filter(
        media_file__is_current=True, status=Derivative.Status.DONE, kind="thumbnail"
    ).values("media_file__item_id")
    recent = public_items().order_by("-published_at", "identifier")
    items = list(recent.filter(pk__in=with_images)[:FEATURED])
    if len(items) < FEATURED:
        items += list(recent.exclude(pk__in=[i.pk for i in items])[: FEATURED - len(items)])
    return items


def home(request: HttpRequest) -> HttpResponse:
    tree = CollectionTree.load()
    context = {"collections": public_children(tree, None), "featured": cards(featured_items())}
    return render(request, "portal/home.html", context)
