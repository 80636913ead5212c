"""Authority pages (a person, place, event …) and a collection's timeline of dated events."""

from django.core.paginator import Paginator
from django.db.models import Max, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from collection import public
from collection.models import Authority, MetadataValue

from ..labels import KIND_PLURALS
from ..public import (
    authority_items,
    authority_or_404,
    collection_items,
    collection_or_404,
    public_items,
)
from ..thumbnails import cards

PER_PAGE = 24


def authority_page(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    authority = authority_or_404(kind, slug)
    items = authority_items(authority).order_by("title", "identifier")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "authority": authority,
        "kind_label": KIND_PLURALS[kind],
        "page": page,
        "cards": cards(list(page.object_list)),
    }
    return render(request, "portal/authority.html", context)


def timeline_events(items) -> list[Authority]:
    """Dated events the items refer to, plus events no public item refers to that fall in the
    items' temporal coverage (dcterms:temporal): catalogued for the story but not yet linked."""
    events = public.authorities().filter(kind=Authority.Kind.EVENT, date_lower__isnull=False)
    span = MetadataValue.objects.filter(item__in=items, term="temporal").aggregate(
        lower=Min("date_lower"), upper=Max("date_upper")
    )
    linked = Q(values__item__in=items)
    if span["lower"] and span["upper"]:
        referenced = MetadataValue.objects.filter(
            authority__isnull=False, item__in=public_items()
        ).values("authority_id")
        orphans = ~Q(pk__in=referenced) & Q(
            date_lower__gte=span["lower"], date_upper__lte=span["upper"]
        )
        linked |= orphans
    return list(
        events.filter(linked)
        .distinct()
        .order_by("date_lower", "date_upper", "preferred_name")
        .prefetch_related("names")
    )


def timeline(request: HttpRequest, slug: str) -> HttpResponse:
    """A collection's dated events in date order, grouped by year."""
    collection, tree = collection_or_404(slug)
    events = timeline_events(collection_items(tree, collection))
    if not events:
        raise Http404("this collection has no dated events")
    years: dict[int, list] = {}
    for event in events:
        years.setdefault(event.date_lower.year, []).append(event)
    context = {"collection": collection, "path": tree.ancestors(collection.pk), "years": years}
    return render(request, "portal/timeline.html", context)
