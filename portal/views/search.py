"""The search page: query box, facets with counts, date range, sort, pages; works without JS.

Above the items: the people, places, events and organisations whose names match, as cards
linking to their pages; and, when the text was corrected, a link to search it as typed.
"""

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from collection.models import Authority
from search.backends import BackendUnavailable
from search.service import search

from ..forms import parse_search
from ..labels import FACET_LABELS

log = logging.getLogger(__name__)
# Facets in the order the sidebar shows them.
SIDEBAR_FACETS = ("type", "kind", "collection", "language", "subject", "person", "place", "decade")
FACET_SHOWN = 12  # values shown per facet before "more" (the rest stay in a <details>)
PAGES_AROUND = 3
SORT_CHOICES = (
    ("relevance", _("Relevance")),
    ("date", _("Date, oldest first")),
    ("-date", _("Date, newest first")),
    ("title", _("Title")),
)


def page_numbers(page: int, last: int) -> list[int | None]:
    """Pages to link: the first, the last, a few around the current one; None marks a gap."""
    shown = sorted(
        {1, last, *range(max(1, page - PAGES_AROUND), min(last, page + PAGES_AROUND) + 1)}
    )
    out: list[int | None] = []
    for number in shown:
        if out and number - (out[-1] or 0) > 1:
            out.append(None)
        out.append(number)
    return out


def sidebar(results) -> list[dict]:
    """The facets to show, labelled in the interface language, with chosen values first."""
    facets = []
    for name in SIDEBAR_FACETS:
        buckets = results.facets.get(name) or []  # labelled by the search in this language
        if name == "decade":
            buckets = sorted(buckets, key=lambda b: b.value)
        if buckets:
            facets.append(
                {
                    "name": name,
                    "label": FACET_LABELS[name],
                    "shown": buckets[:FACET_SHOWN],
                    "more": buckets[FACET_SHOWN:],
                    "open": any(b.selected for b in buckets),
                }
            )
    return facets


def chosen_filters(query, results) -> list[tuple[str, str, str]]:
    """(facet, value, label) of every chosen filter, labelled like its bucket when there is one."""
    labels = {(f, b.value): b.label for f, buckets in results.facets.items() for b in buckets}
    return [
        (f, v, f"{FACET_LABELS[f]}: {labels.get((f, v), v)}")
        for f, values in query.filters.items()
        for v in values
    ]


def authority_cards(results) -> list[dict]:
    """The matching authorities as the template shows them: the matched name or sentence only
    when it says more than the preferred name."""
    kinds = dict(Authority.Kind.choices)
    return [
        {
            "hit": hit,
            "kind_label": kinds.get(hit.kind, hit.kind),
            "show_matched": strip_tags(hit.matched).strip() != hit.name.strip(),
        }
        for hit in results.authorities
        if hit.url
    ]


def search_page(request: HttpRequest) -> HttpResponse:
    parsed = parse_search(request.GET)
    query, status = parsed.query, 400 if parsed.errors else 200
    # exact=1: the "search instead for …" link of a corrected search runs the text as typed
    exact = request.GET.get("exact") == "1"
    try:
        results = search(query, correct=not exact)
    except BackendUnavailable:
        log.exception("search backend unavailable")
        return render(request, "portal/search_unavailable.html", status=503)
    last_page = max(1, -(-results.total // query.size))
    context = {
        "query": query,
        "errors": parsed.errors,
        "results": results,
        "authorities": authority_cards(results),
        "facets": sidebar(results),
        "chosen": chosen_filters(query, results),
        "pages": page_numbers(query.page, last_page) if results.total else [],
        "last_page": last_page,
        "first_index": query.offset + 1,
        "last_index": query.offset + len(results.hits),
        "sorts": SORT_CHOICES,
        "has_filters": bool(query.filters or query.date_from or query.date_to),
    }
    return render(request, "portal/search.html", context, status=status)
