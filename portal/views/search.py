"""The search page: query box, facets with counts, date range, sort, pages; works without JS.

Above the items: the people, places, events and organisations whose names match, as cards
linking to their pages; and, when the text was corrected, a link to search it as typed.
"""

import logging
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.formats import localize
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe
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


class Toggles:
    """The links of a page's facet values: the current query string with one value added, or
    removed when already chosen, page reset; the same strings as QueryDict.urlencode.

    The page links up to 50 values per facet (about 300 on a broad search): a template tag copied
    and encoded the whole query string for each (about 0.1 ms each, the largest part of the
    page's rendering), here the current parameters are encoded once and only the value
    toggled is encoded per link.
    """

    def __init__(self, get: QueryDict) -> None:
        # (name, values, their encoded pairs) in QueryDict order, as QueryDict.urlencode
        self.params = [
            (key, values, [urlencode({key: v}) for v in values])
            for key, values in get.lists()
            if key != "page"
        ]

    def url(self, facet: str, value: str) -> str:
        parts, found = [], False
        for key, values, encoded in self.params:
            if key != facet:
                parts.extend(encoded)
                continue
            found = True
            if value in values:  # removing it
                parts.extend(e for v, e in zip(values, encoded, strict=True) if v != value)
            else:
                parts.extend([*encoded, urlencode({facet: value})])
        if not found:
            parts.append(urlencode({facet: value}))
        return "?" + "&".join(parts)


def sidebar(results, toggles: Toggles) -> list[dict]:
    """The facets to show, labelled in the interface language, with chosen values first; each
    value as (bucket, link)."""
    facets = []
    for name in SIDEBAR_FACETS:
        buckets = results.facets.get(name) or []  # labelled by the search in this language
        if name == "decade":
            buckets = sorted(buckets, key=lambda b: b.value)
        if buckets:
            items = [facet_item(b, toggles.url(name, b.value)) for b in buckets]
            facets.append(
                {
                    "name": name,
                    "label": FACET_LABELS[name],
                    "shown": mark_safe(
                        "".join(items[:FACET_SHOWN])
                    ),  # every part escaped in facet_item
                    "more": mark_safe(
                        "".join(items[FACET_SHOWN:])
                    ),  # every part escaped in facet_item
                    "open": any(b.selected for b in buckets),
                }
            )
    return facets


def facet_item(bucket, href: str) -> str:
    """One value of the sidebar, as the template wrote it (`{% for %}<li>…</li>{% endfor %}`):
    a page shows up to 50 per facet (about 300), which cost the template engine about 0.1 ms
    each, a third of a broad search page; here an f-string of escaped parts."""
    selected = ' aria-current="true" class="selected"' if bucket.selected else ""
    return (
        f'<li><a href="{conditional_escape(href)}" dir="auto"{selected}>'
        f"{conditional_escape(bucket.label)}</a> "
        f'<span class="count">{conditional_escape(localize(bucket.count))}</span></li>'
    )


def chosen_filters(query, results, toggles: Toggles) -> list[tuple[str, str, str, str]]:
    """(facet, value, label, link removing it) of every chosen filter, labelled like its
    bucket when there is one."""
    labels = {(f, b.value): b.label for f in query.filters for b in results.facets.get(f, ())}
    return [
        (f, v, f"{FACET_LABELS[f]}: {labels.get((f, v), v)}", toggles.url(f, v))
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
    toggles = Toggles(request.GET)
    context = {
        "query": query,
        "errors": parsed.errors,
        "results": results,
        "authorities": authority_cards(results),
        "facets": sidebar(results, toggles),
        "chosen": chosen_filters(query, results, toggles),
        "pages": page_numbers(query.page, last_page) if results.total else [],
        "last_page": last_page,
        "first_index": query.offset + 1,
        "last_index": query.offset + len(results.hits),
        "sorts": SORT_CHOICES,
        "has_filters": bool(query.filters or query.date_from or query.date_to),
    }
    return render(request, "portal/search.html", context, status=status)
