"""What a search asks for and what it answers: the contract shared by every backend, the API and the portal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from django.utils.translation import gettext as _

from .text import parse_text

FACETS = (
    "type",
    "kind",
    "collection",
    "language",
    "subject",
    "person",
    "place",
    "creator",
    "decade",
)
SORTS = ("relevance", "date", "-date", "title")
MAX_PAGE_SIZE = 100


class InvalidQuery(ValueError):
    """A search parameter the caller got wrong; `param` names it so the API can answer 400."""

    def __init__(self, param: str, message: str):
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


def check_text(text: object) -> list:
    """Refuse search text that is not text, too long or too many words (InvalidQuery on `q`);
    return its parsed parts. The one rule for every text a visitor types: searches and
    autocomplete alike."""
    if not isinstance(text, str):
        raise InvalidQuery("q", _("The search text must be text."))
    if len(text) > SearchQuery.max_text_length:
        raise InvalidQuery(
            "q",
            _("The search text is too long: use at most %(n)d characters.")
            % {"n": SearchQuery.max_text_length},
        )
    parts = parse_text(text)
    if sum(len(p.words) for p in parts) > SearchQuery.max_terms:
        raise InvalidQuery(
            "q",
            _("The search has too many words: use at most %(n)d.") % {"n": SearchQuery.max_terms},
        )
    return parts


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    # facet name -> values; OR within a facet, AND across facets
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # years; an item matches when its EDTF bounds overlap [date_from, date_to]
    date_from: int | None = None
    date_to: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    highlight: bool = True

    # Caps on the text, so that one anonymous request costs at most a small multiple of an
    # ordinary one on every backend (issue 10: 2,000 × `a*` held a worker for 100 s).
    max_text_length: ClassVar[int] = 500
    # Distinct words, counting those inside phrases (repeats are dropped by parse_text).
    max_terms: ClassVar[int] = 32
    # Prefix terms (`word*`): each expands to every indexed word it starts.
    max_prefixes: ClassVar[int] = 5
    # FTS5 keeps a prefix index for 2 and 3 letters; one letter scans the whole vocabulary.
    min_prefix_length: ClassVar[int] = 2
    # The years an index can hold: documents carry EDTF bounds as calendar dates (years 1 to
    # 9999), and Elasticsearch refuses to parse a range bound outside them (a 400, once a 500).
    min_year: ClassVar[int] = 1
    max_year: ClassVar[int] = 9999

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise InvalidQuery naming the first bad parameter."""
        self.validate_text()
        for name in self.filters:
            if name not in FACETS:
                raise InvalidQuery(name, f"unknown facet; use one of {', '.join(FACETS)}")
        if self.sort not in SORTS:
            raise InvalidQuery("sort", f"unknown sort; use one of {', '.join(SORTS)}")
        if not isinstance(self.page, int) or self.page < 1:
            raise InvalidQuery("page", "must be a whole number of at least 1")
        if not isinstance(self.page_size, int) or self.page_size < 1:
            raise InvalidQuery("page_size", "must be a whole number of at least 1")
        for name in ("date_from", "date_to"):
            year = getattr(self, name)
            if year is not None and not (
                isinstance(year, int) and self.min_year <= year <= self.max_year
            ):
                raise InvalidQuery(
                    name,
                    _("Give a year between %(low)d and %(high)d.")
                    % {"low": self.min_year, "high": self.max_year},
                )
        if (
            self.date_from is not None
            and self.date_to is not None
            and self.date_from > self.date_to
        ):
            raise InvalidQuery("date_from", "must not be later than date_to")

    def validate_text(self) -> None:
        """Refuse text beyond the caps, under the API's name for it (`q`)."""
        parts = check_text(self.text)
        prefixes = [p.words[-1] for p in parts if p.prefix]
        if len(prefixes) > self.max_prefixes:
            raise InvalidQuery(
                "q",
                _("The search has too many prefix searches (word*): use at most %(n)d.")
                % {"n": self.max_prefixes},
            )
        short = [w for w in prefixes if len(w) < self.min_prefix_length]
        if short:
            raise InvalidQuery(
                "q",
                _("“%(word)s*”: a prefix search needs at least %(n)d letters before the *.")
                % {"word": short[0], "n": self.min_prefix_length},
            )

    @property
    def size(self) -> int:
        """The page size actually used: capped so one request cannot ask for the whole index."""
        return min(self.page_size, MAX_PAGE_SIZE)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def selected(self, facet: str) -> list[str]:
        """The values asked for in one facet, as strings."""
        return [str(v) for v in self.filters.get(facet, ())]


@dataclass
class Hit:
    identifier: str
    title: str
    dcmi_type: str
    kind: str
    date: str  # display EDTF text or ""
    year: int | None
    score: float
    # field -> snippets, HTML-escaped except for <mark>…</mark>
    highlights: dict[str, list[str]] = field(default_factory=dict)
    thumbnail_url: str | None = None
    item_id: int | None = None  # catalogue id, for the portal's links and the thumbnails


@dataclass
class FacetBucket:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class AuthorityHit:
    """A person, place, event or organisation whose names or description match the query."""

    authority_id: int
    kind: str  # Authority.Kind value: person, place, event, organisation
    slug: str
    name: str  # preferred name, plain text
    # the name (preferred or variant, any script) that matched, HTML-escaped except <mark>…</mark>;
    # the matched sentence of the description when no name matched
    matched: str
    item_count: int  # public items linked to it
    score: float
    url: str = ""  # the authority's public page; filled in by the service


@dataclass
class Suggestion:
    """One autocomplete entry for what has been typed so far."""

    text: str  # what goes into the search box when chosen
    source: str  # "title", "subject", or an authority kind (person, place, event, organisation)
    # `text` HTML-escaped with the typed prefix marked <mark>…</mark>
    label: str
    url: str = ""  # an item or authority page to go to directly, when there is one (service)
    # what the service builds `url` from: the item's identifier for a title (one item), the
    # authority's slug for a name (`source` is then its kind); "" for a subject without a page
    identifier: str = ""
    slug: str = ""


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetBucket]]
    page: int
    page_size: int
    # a spelling or broader-query suggestion when nothing matched
    suggestion: str | None = None
    backend: str = ""
    # authorities matching the text (first page only; empty for an empty query)
    authorities: list[AuthorityHit] = field(default_factory=list)
    # set when nothing matched the text as typed and the service ran `suggestion` instead:
    # the text the user typed ("Showing results for <suggestion>; search for <corrected_from>")
    corrected_from: str | None = None
