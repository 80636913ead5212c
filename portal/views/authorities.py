"""Authority pages (a person, place, event …) and a collection's timeline of dated events."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from collection.models import Authority

from ..labels import KIND_PLURALS
from ..public import authority_items, collection_items, collection_or_404
from ..thumbnails import cards

PER_PAGE = 24


def authority_page(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    authority = (
        Authority.objects.prefetch_related("names", "identifiers")
        .filter(kind=kind, slug=slug)
        .first()
    )
    if authority is None:
        raise Http404("no such authority")
    items = authority_items(authority).order_by("title", "identifier")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "authority": authority,
        "kind_label": KIND_PLURALS[kind],
        "page": page,
        "cards": cards(list(page.object_list)),
    }
    return render(request, "portal/authority.html", context)


def timeline(request: HttpRequest, slug: str) -> HttpResponse:
    """The dated events the collection's public items refer to, in date order, with those items."""
    collection = collection_or_404(slug)
    items = collection_items(collection)
    events = list(
        Authority.objects.filter(
            kind=Authority.Kind.EVENT, date_lower__isnull=False, values__item__in=items
        )
        .distinct()
        .order_by("date_lower", "date_upper", "preferred_name")
        .prefetch_related("names")
    )
    if not events:
        raise Http404("this collection has no dated events")
    years: dict[int, list] = {}
    for event in events:
        years.setdefault(event.date_lower.year, []).append(event)
    context = {"collection": collection, "path": collection.ancestors(), "years": years}
    return render(request, "portal/timeline.html", context)
