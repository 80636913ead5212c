"""Read the search page's query string into a SearchQuery; mistakes become messages, not 500s."""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext as _

from search.query import FACETS, SORTS, InvalidQuery, SearchQuery
from search.service import unknown_collections

PAGE_SIZE = 20
MAX_PAGE = 500  # deep pages cost the engine more than any reader needs


@dataclass
class ParsedSearch:
    query: SearchQuery
    errors: list[str] = field(default_factory=list)


def _year(params: QueryDict, name: str, errors: list[str]) -> int | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        errors.append(_("“%(value)s” is not a year.") % {"value": raw})
        return None


def _page(params: QueryDict) -> int:
    try:
        return max(1, min(int(params.get("page", "1")), MAX_PAGE))
    except ValueError:
        return 1


def parse_search(params: QueryDict) -> ParsedSearch:
    """Build the query from ?q=&<facet>=…&from=&to=&sort=&page=; drop what cannot be used."""
    errors: list[str] = []
    filters = {f: params.getlist(f) for f in FACETS if params.getlist(f)}
    unknown = unknown_collections(filters.get("collection", []))
    if unknown:
        errors.append(_("There is no collection “%s”.") % unknown[0])
        filters["collection"] = [s for s in filters["collection"] if s not in unknown]
        filters = {f: values for f, values in filters.items() if values}
    date_from, date_to = _year(params, "from", errors), _year(params, "to", errors)
    if date_from is not None and date_to is not None and date_from > date_to:
        errors.append(_("The start year is after the end year; they have been swapped."))
        date_from, date_to = date_to, date_from
    sort = params.get("sort", "relevance")
    if sort not in SORTS:
        sort = "relevance"
    text = params.get("q", "").strip()
    try:
        query = SearchQuery(
            text=text,
            filters=filters,
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            page=_page(params),
            page_size=PAGE_SIZE,
        )
    except InvalidQuery as exc:
        errors.append(exc.message)
        # SearchQuery caps the text (length, words, prefixes): a refused text is not searched
        query = SearchQuery(text="" if exc.param == "q" else text, page_size=PAGE_SIZE)
    return ParsedSearch(query, errors)
