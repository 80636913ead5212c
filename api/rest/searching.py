"""/api/search/: the search service behind the portal, as JSON with facets and highlights."""

from dataclasses import asdict

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from search.query import SearchQuery

from .negotiation import FormatParamNegotiation
from .representation import url_pattern
from .schema import ApiAutoSchema

Q_DESCRIPTION = (
    'Words to search for; `word*` is a prefix, `"two words"` a phrase. At most '
    f"{SearchQuery.max_text_length} characters, {SearchQuery.max_terms} words and "
    f"{SearchQuery.max_prefixes} prefixes of at least {SearchQuery.min_prefix_length} letters; "
    "beyond, a 400 naming q."
)
PARAMS = ("q", "page", "page_size", "sort", "date_from", "date_to", "highlight", "format")
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
        highlight=params.get("highlight", "true").lower() not in ("0", "false", "no"),
    )


class SearchView(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FormatParamNegotiation
    schema = ApiAutoSchema()

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
        """Search published items: hits with highlights, facets with counts, a suggestion."""
        from search.query import InvalidQuery
        from search.service import search

        try:
            results = search(build_query(request.query_params))
        except InvalidQuery as exc:
            raise ValidationError({exc.param: [exc.message]}) from None
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
            "hits": hits,
            "facets": {
                name: [asdict(b) for b in buckets] for name, buckets in results.facets.items()
            },
        }
