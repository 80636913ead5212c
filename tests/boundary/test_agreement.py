"""One agreement test for the public boundary: every state against every public surface.

The table of states is the catalogue built in conftest.py; SURFACES lists every public URL the
crawl visits and MUST_HIDE every URL that must not answer. test_every_public_route_is_crawled
walks the URL resolver, so a new public URL pattern fails here until it is added to the table.
"""

import datetime as dt
import itertools
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from collection import public
from collection.models import Item

pytestmark = pytest.mark.django_db

# Hidden things: none of these may appear in any public response (case-insensitive).
SECRETS = (
    "zqdraft",
    "zqprivate",
    "zqembargo",
    "zqwithdrawn",
    "zqdeleted",
    "zqclosedbox",
    "zqinner",
    "zqprivatus",
    "Зкприватус",
    "zqsecret",
    "zqold.png",
)
FORMATS = ("json", "jsonld", "dcxml", "csl", "bibtex", "ris")


def surfaces(data) -> dict[str, list[str]]:
    """Every public surface, by the route it exercises; the shown item must appear on most."""
    current = data["files"]["current"]
    image = _image_id(current)
    return {
        "portal": [
            "/",
            "/collections/",
            "/collections/open-root/",
            "/items/pub-visible/",
            "/items/inbox-visible/",
            "/items/pub-visible/cite.csl",
            "/items/pub-visible/cite.bibtex",
            "/items/pub-visible/cite.ris",
            f"/items/pub-visible/original/{current.pk}",
            "/people/publicus-visible/",
            "/timeline/open-root/",
            "/browse/",
            *(f"/browse/{f}/" for f in ("type", "kind", "collection", "subject", "person")),
            *(f"/browse/{f}/" for f in ("place", "decade", "language")),
            "/search/",
            "/search/?q=photograph",
            "/search/?q=Name",  # the private record's second name: no hit may show it
            "/search/?collection=open-root",
            "/sitemap.xml",
            *(f"/sitemap-{s}.xml" for s in ("items", "collections", "authorities")),
            "/robots.txt",
        ],
        "rest": [
            *(f"/api/items/?format={f}" for f in FORMATS),
            *(f"/api/items/pub-visible/?format={f}" for f in FORMATS),
            "/api/items/?collection=open-root",
            "/api/collections/",
            "/api/collections/open-root/",
            "/api/authorities/",
            "/api/authorities/publicus-visible/",
            "/api/search/?q=photograph",
            "/api/search/?q=Name",
            "/api/search/?q=Publicus",
            "/api/search/",
            # autocomplete: prefixes of public and hidden names (never the whole secret: q is echoed)
            *(
                f"/api/suggest/?q={q}"
                for q in ("Publicus", "pub", "zqpri", "Зкпри", "zqdr", "zqcl")
            ),
        ],
        "oai": [
            "/oai?verb=Identify",
            "/oai?verb=ListSets",
            "/oai?verb=ListMetadataFormats",
            *(f"/oai?verb=ListRecords&metadataPrefix={p}" for p in ("oai_dc", "qdc")),
            "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
            "/oai?verb=ListRecords&metadataPrefix=oai_dc&set=open-root",
            "/oai?verb=GetRecord&metadataPrefix=qdc&identifier=oai:archive.example.org:pub-visible",
        ],
        "iiif": [
            "/iiif/manifests/pub-visible",
            "/iiif/collections/open-root",
            f"/iiif/{image}/info.json",
            f"/iiif/{image}",
            f"/iiif/{image}/full/max/0/default.jpg",
        ],
        "media": _derivative_urls(current),
    }


def must_hide(data) -> list[str]:
    """URLs that must answer 404 (or 400 for a filter naming what the public cannot see)."""
    items = data["items"]
    hidden = [i.identifier for k, i in items.items() if k not in ("shown", "inbox")] + ["zqdeleted"]
    old, draft_file = data["files"]["superseded"], data["files"]["hidden"]
    return [
        *(f"/items/{i}/" for i in hidden),
        *(f"/items/{i}/cite.bibtex" for i in hidden),
        *(f"/api/items/{i}/?format={f}" for i, f in itertools.product(hidden, FORMATS)),
        *(f"/iiif/manifests/{i}" for i in hidden),
        f"/items/pub-visible/original/{old.pk}",
        f"/items/zqdraft/original/{draft_file.pk}",
        *(f"/iiif/{_image_id(f)}/info.json" for f in (old, draft_file)),
        *_derivative_urls(old),
        *_derivative_urls(draft_file),
        *(f"/collections/{slug}/" for slug in ("zqclosedbox", "zqinner")),
        *(f"/timeline/{slug}/" for slug in ("zqclosedbox", "zqinner")),
        *(f"/api/collections/{slug}/" for slug in ("zqclosedbox", "zqinner")),
        *(f"/iiif/collections/{slug}" for slug in ("zqclosedbox", "zqinner")),
        "/people/zqprivatus/",
        "/events/zqsecret-event/",
        "/api/authorities/zqprivatus/",
        "/api/items/?collection=zqclosedbox",
        "/api/items/?collection=zqinner",
        "/api/search/?filter.collection=zqclosedbox",
    ]


def _image_id(media_file) -> str:
    from archive.public import iiif_image_id

    return iiif_image_id(media_file.sha256)


def _derivative_urls(media_file) -> list[str]:
    from archive.public import derivative_url

    return sorted(derivative_url(d.path) for d in media_file.derivatives.all() if d.path)


def _body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_no_public_surface_shows_anything_hidden(anonymous, boundary):
    leaks, seen = [], ""
    for url in itertools.chain.from_iterable(surfaces(boundary).values()):
        response = anonymous.get(url)
        assert response.status_code in (200, 303, 404), (url, response.status_code)
        body = _body(response)
        seen += body
        leaks += [(url, s) for s in SECRETS if s.casefold() in body.casefold()]
    assert not leaks, leaks
    # The controls: the crawl reads real pages that show the public records.
    for shown in ("pub-visible", "inbox-visible", "Open root", "Publicus Visiblename"):
        assert shown in seen, shown
    assert "Written Creatorname" in seen  # a value's own text stays when its record is private


def test_every_hidden_thing_answers_as_unknown(anonymous, boundary):
    wrong = []
    for url in must_hide(boundary):
        response = anonymous.get(url)
        if response.status_code not in (404, 400) or any(
            s.casefold() in _body(response).casefold()
            for s in ("zqclosedbox title", "zqinner title")
        ):
            wrong.append((url, response.status_code))
    assert not wrong, wrong


@pytest.mark.parametrize("text", ["zqprivatus", "Зкприватус", "zqclosedbox", "zqdraft", "zqinner"])
def test_searching_a_hidden_name_finds_nothing(anonymous, boundary, text):
    found = anonymous.get("/api/search/", {"q": text}).json()
    assert found["total"] == 0, found
    assert not any(f["count"] for buckets in found["facets"].values() for f in buckets)
    assert "pub-visible" not in anonymous.get("/search/", {"q": text}).content.decode()


def test_oai_hides_what_harvesters_may_not_see(anonymous, boundary):
    draft = anonymous.get(
        "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:archive.example.org:zqdraft"
    )
    assert 'code="idDoesNotExist"' in draft.content.decode()
    for spec in ("zqclosedbox", "open-root:zqclosedbox", "open-root:zqclosedbox:zqinner"):
        body = anonymous.get(f"/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set={spec}")
        text = body.content.decode()
        assert 'code="noRecordsMatch"' in text or 'code="badArgument"' in text, spec


def test_the_portal_search_treats_a_hidden_collection_as_unknown(anonymous, boundary):
    response = anonymous.get("/search/?collection=zqclosedbox")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Zqclosedbox title" not in html
    assert "pub-visible" in html  # the filter is dropped, the rest of the search still runs


def test_collection_counts_include_visible_sub_collections(anonymous, boundary):
    html = anonymous.get("/collections/").content.decode()
    # pub-visible sits in open-root (and in the hidden box): 1 item; nothing from the box counts
    assert re.search(r"Open root(</bdi>)?</a>\s*<span class=\"count\">1 item</span>", html), html


# -- the table of item states: queryset filter, row predicate and database agree ------------

STATUSES = [s for s, _ in Item.Status.choices]
VISIBILITIES = [v for v, _ in Item.Visibility.choices]
TODAY = dt.date(2026, 6, 1)
EMBARGOES = (None, TODAY - dt.timedelta(days=1), TODAY, TODAY + dt.timedelta(days=1))


def test_item_states_agree_in_both_forms(boundary, db):
    expected = {}
    for n, (status, visibility, embargo) in enumerate(
        itertools.product(STATUSES, VISIBILITIES, EMBARGOES)
    ):
        Item.objects.create(
            identifier=f"state-{n}", status=status, visibility=visibility, embargo_until=embargo
        )
        expected[f"state-{n}"] = public.item_row_is_public(status, visibility, embargo, TODAY)
    states = Item.objects.filter(identifier__startswith="state-")
    shown = set(public.items(states, on=TODAY).values_list("identifier", flat=True))
    hidden = set(public.hidden_items(states, on=TODAY).values_list("identifier", flat=True))
    assert shown == {i for i, ok in expected.items() if ok}
    assert hidden == {i for i, ok in expected.items() if not ok}
    # the table itself: published + public whatever the date; embargoed only once it is over
    assert sum(expected.values()) == len(EMBARGOES) + 2


# -- every public URL pattern is in the table ---------------------------------------------

# Routes that show no catalogue data, with the reason.
EXEMPT = {
    "health/": "liveness: the process answers; no catalogue data",
    "health/ready/": "readiness: dependency status and counts; no catalogue data",
    "i18n/setlang/": "switches the interface language; redirects",
    "api/schema/": "the OpenAPI description: no records",
    "api/docs/": "Swagger UI page: no records",
    "api/redoc/": "Redoc page: no records",
    "api/.*/$": "the API's JSON 404 for unknown paths",
    "iiif/(?P<rest>.*)$": "the IIIF 404 for unknown paths",
}


def _routes(patterns, prefix: str = "") -> list[str]:
    out = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern).removeprefix("^")  # as ResolverMatch.route
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue  # the admin is not public: its own login guards it
            out += _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            out.append(route)
    return out


def test_every_public_route_is_crawled(boundary):
    crawled = set()
    for url in itertools.chain(*surfaces(boundary).values(), must_hide(boundary)):
        match = resolve(url.split("?")[0])
        crawled.add(match.route)
    missing = [
        r for r in _routes(get_resolver().url_patterns) if r not in crawled and r not in EXEMPT
    ]
    assert not missing, f"public routes not in the boundary table: {missing}"


def test_the_fixture_made_the_files_it_checks(boundary):
    """The media rows of the crawl are real: derivatives of the current and superseded files."""
    assert _derivative_urls(boundary["files"]["current"])
    assert _derivative_urls(boundary["files"]["superseded"])
    assert not boundary["files"]["superseded"].is_current
