"""/api/search/ and /api/suggest/: the search service behind the portal, as JSON with facets,
highlights, matching authorities and autocomplete."""

from collections.abc import Callable
from dataclasses import asdict
from typing import TypeVar

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from search.backends import BackendUnavailable
from search.query import SearchQuery

from .negotiation import FormatParamNegotiation
from .representation import url_pattern
from .schema import ApiAutoSchema

T = TypeVar("T")


class SearchUnavailable(APIException):
    """The search engine cannot be reached: a 503 saying so, not a 500."""

    status_code = 503
    default_detail = "Search is unavailable for a moment; try again shortly."
    default_code = "search_unavailable"


Q_DESCRIPTION = (
    'Words to search for; `word*` is a prefix, `"two words"` a phrase. At most '
    f"{SearchQuery.max_text_length} characters, {SearchQuery.max_terms} words and "
    f"{SearchQuery.max_prefixes} prefixes of at least {SearchQuery.min_prefix_length} letters; "
    "beyond, a 400 naming q."
)
PARAMS = (
    "q",
    "page",
    "page_size",
    "sort",
    "date_from",
    "date_to",
    "highlight",
    "exact",
    "format",
)
FALSE = ("0", "false", "no")
FILTER_PREFIX = "filter."


def _int(params, name: str, default: int | None) -> int | None:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValidationError({name: ["Must be a whole number."]}) from None


# Elasticsearch's default index.max_result_window: deeper pages fail there, and a huge page
# number overflows SQLite's OFFSET, so both backends refuse them the same way.
MAX_RESULT_DEPTH = 10_000


def _page(params) -> int:
    from search.query import MAX_PAGE_SIZE

    page = _int(params, "page", 1)
    size = min(max(_int(params, "page_size", 20), 1), MAX_PAGE_SIZE)
    if page > 1 and (page - 1) * size >= MAX_RESULT_DEPTH:
        raise ValidationError(
            {
                "page": [
                    f"Only the first {MAX_RESULT_DEPTH:,} results can be paged; refine the search."
                ]
            }
        )
    return page


def build_query(params):
    """Turn query parameters into a SearchQuery; unknown names and bad values are 400s."""
    from search.query import FACETS, SearchQuery

    filters: dict[str, list[str]] = {}
    for name in params:
        facet = name.removeprefix(FILTER_PREFIX)
        if facet in FACETS:
            filters.setdefault(facet, []).extend(v for v in params.getlist(name) if v)
        elif name not in PARAMS:
            allowed = ", ".join([*PARAMS, *FACETS, "filter.<facet>"])
            raise ValidationError({name: [f"Unknown parameter; use {allowed}."]})
    return SearchQuery(
        text=params.get("q", ""),
        filters={k: v for k, v in filters.items() if v},
        date_from=_int(params, "date_from", None),
        date_to=_int(params, "date_to", None),
        sort=params.get("sort") or "relevance",
        page=_page(params),
        page_size=_int(params, "page_size", 20),
        highlight=params.get("highlight", "true").lower() not in FALSE,
    )


class SearchServiceView(APIView):
    """A public JSON face of the search service: a refused query is a 400 naming the parameter,
    an unreachable engine a 503."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FormatParamNegotiation
    schema = ApiAutoSchema()

    def ask(self, call: Callable[[], T]) -> T:
        from search.query import InvalidQuery

        try:
            return call()
        except InvalidQuery as exc:
            raise ValidationError({exc.param: [exc.message]}) from None
        except BackendUnavailable:
            raise SearchUnavailable() from None


class SearchView(SearchServiceView):
    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description=Q_DESCRIPTION),
            OpenApiParameter("sort", str, enum=["relevance", "date", "-date", "title"]),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int, description="At most 100"),
            OpenApiParameter("date_from", int, description="Year"),
            OpenApiParameter("date_to", int, description="Year"),
            OpenApiParameter("highlight", bool),
            OpenApiParameter(
                "exact",
                bool,
                description="Search the text exactly as typed: no spelling correction when "
                "nothing matches (the `corrected_from` answer's link back).",
            ),
            OpenApiParameter(
                "filter.type",
                str,
                many=True,
                description="Facet filter; likewise filter.kind, filter.collection, "
                "filter.language, filter.subject, filter.person, filter.place, filter.creator, "
                "filter.decade (or the facet name without the prefix). Repeat to OR values.",
            ),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        """Search published items: hits with highlights, facets with counts, the people, places,
        events and organisations whose names match, and a spelling correction: when nothing
        matched as typed and a close spelling does, the results are those of the corrected
        text and `corrected_from` is the text as typed."""
        from search.service import search

        params = request.query_params
        exact = params.get("exact", "false").lower() not in FALSE
        results = self.ask(lambda: search(build_query(params), correct=not exact))
        return Response(self.results_data(results))

    def results_data(self, results) -> dict:
        item_url = url_pattern(self.request, "rest:item-detail", identifier="x")
        portal_url = url_pattern(self.request, "portal:item", identifier="x")
        hits = []
        for hit in results.hits:
            data = asdict(hit)
            data.pop("item_id", None)  # a database id: the identifier is the public key
            data["url"] = item_url.format(hit.identifier)
            data["portal_url"] = portal_url.format(hit.identifier) if portal_url else None
            if data.get("thumbnail_url"):
                data["thumbnail_url"] = self.request.build_absolute_uri(data["thumbnail_url"])
            hits.append(data)
        return {
            "total": results.total,
            "page": results.page,
            "page_size": results.page_size,
            "suggestion": results.suggestion,
            "corrected_from": results.corrected_from,
            "authorities": [self.authority_data(a) for a in results.authorities],
            "hits": hits,
            "facets": {
                name: [asdict(b) for b in buckets] for name, buckets in results.facets.items()
            },
        }

    def authority_data(self, hit) -> dict:
        """An authority hit without its database id (the slug is the public key)."""
        return {
            "kind": hit.kind,
            "slug": hit.slug,
            "name": hit.name,
            "matched": hit.matched,
            "item_count": hit.item_count,
            "url": self.request.build_absolute_uri(
                reverse("rest:authority-detail", kwargs={"slug": hit.slug})
            ),
            "portal_url": self.request.build_absolute_uri(hit.url) if hit.url else None,
        }


SUGGEST_PARAMS = ("q", "size", "format")


class SuggestView(SearchServiceView):
    """Autocomplete for search boxes: throttled like /api/search/ (the anonymous rate)."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                str,
                required=True,
                description="The text typed so far; the last word may be incomplete. At most "
                f"{SearchQuery.max_text_length} characters and {SearchQuery.max_terms} words "
                "(beyond, a 400 naming q); fewer than 2 characters answer no suggestions.",
            ),
            OpenApiParameter("size", int, description="Suggestions wanted: 1 to 20 (default 8)"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        """Completions of what has been typed: item titles, names of people, places, events
        and organisations in any script, and subjects, whose words start with the typed words
        (diacritics ignored), best first, without duplicates. Each has `text` (what goes in the
        box), `source` (title, subject or the authority's kind), `label` (HTML-escaped text with
        the typed words in `<mark>`) and, when it names one item or authority, its pages."""
        from search.service import SUGGESTIONS, suggest

        params = request.query_params
        for name in params:
            if name not in SUGGEST_PARAMS:
                raise ValidationError(
                    {name: [f"Unknown parameter; use {', '.join(SUGGEST_PARAMS)}."]}
                )
        if "q" not in params:
            raise ValidationError({"q": ["Required: the text typed so far."]})
        found = self.ask(lambda: suggest(params["q"], size=_int(params, "size", SUGGESTIONS)))
        return Response({"q": params["q"], "suggestions": [self.entry(s) for s in found]})

    def entry(self, suggestion) -> dict:
        if suggestion.identifier:
            url = reverse("rest:item-detail", kwargs={"identifier": suggestion.identifier})
        elif suggestion.slug:
            url = reverse("rest:authority-detail", kwargs={"slug": suggestion.slug})
        else:
            url = None
        return {
            "text": suggestion.text,
            "source": suggestion.source,
            "label": suggestion.label,
            "url": self.request.build_absolute_uri(url) if url else None,
            "portal_url": (
                self.request.build_absolute_uri(suggestion.url) if suggestion.url else None
            ),
        }
