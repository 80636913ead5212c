"""The search page: results, facets with counts, filters, dates, sort, pages, escaping, suggestions."""

import re

from collection.models import Item, MetadataValue


def hits(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/items/([^/]+)/">', html)


def test_search_shows_count_thumbnails_and_highlights(portal):
    html = portal.get("/search/", {"q": "Vlasov"}).content.decode()
    assert re.search(r"\d+ results", html)
    assert "<mark>Vlasov</mark>" in html
    assert re.search(
        r'<img class="thumb" src="/media/[^"]+" alt="[^"]+" width="100" height="100"', html
    )
    for facet in ("type", "kind", "collection", "language", "subject", "person", "decade"):
        assert f'data-facet="{facet}"' in html, facet


def test_facet_link_narrows_results(portal):
    all_hits = hits(portal.get("/search/", {"q": "Vlasov"}).content.decode())
    html = portal.get("/search/", {"q": "Vlasov", "type": "StillImage"}).content.decode()
    images = hits(html)
    assert images and len(images) < len(all_hits)
    assert all(i.startswith("vlasov-photo") for i in images)
    assert 'aria-current="true" class="selected">Still image</a>' in html
    # the chosen filter is a link that removes it again
    assert 'href="?q=Vlasov"' in html


def test_date_range_and_sort(portal):
    html = portal.get("/search/", {"q": "Vlasov", "from": "1940", "to": "1949", "sort": "date"})
    found = hits(html.content.decode())
    assert found and not {"vlasov-article-2023", "vlasov-book-andreyev-1989"} & set(found)
    years = [
        i.date_lower.year
        for i in MetadataValue.objects.filter(item__identifier__in=found, date_lower__isnull=False)
    ]
    assert all(1940 <= y <= 1949 for y in years)


def test_bad_parameters_are_messages_not_errors(portal):
    response = portal.get("/search/", {"q": "Vlasov", "from": "nineteen", "page": "x"})
    assert response.status_code == 400
    assert "is not a year" in response.content.decode()


def test_a_year_beyond_the_calendar_is_a_message(portal):
    response = portal.get("/search/", {"q": "Vlasov", "from": "2762356"})
    assert response.status_code == 400
    assert "Give a year between 1 and 9999" in response.content.decode()


def test_snippets_and_titles_are_escaped(portal):
    item = Item.objects.get(identifier="vlasov-article-2023")
    MetadataValue.objects.create(
        item=item, term="description", value="<script>alert(1)</script> Zyxwv"
    )
    from search.outbox import drain_all, enqueue_items

    enqueue_items([item.pk])
    drain_all()
    html = portal.get("/search/", {"q": "Zyxwv"}).content.decode()
    assert "<script>alert(1)" not in html
    # Elasticsearch's html encoder also escapes "/" (as &#x2F;); both forms are inert.
    assert "&lt;script&gt;alert(1)&lt;" in html


def test_empty_result_suggests_spelling_and_broader_query(portal):
    html = portal.get("/search/", {"q": "Vlasvo", "type": "Sound"}).content.decode()
    assert "No results" in html
    assert "Did you mean" in html and ">vlasov</a>" in html.lower()
    assert "without filters" in html


def test_pagination_links_keep_the_query(portal):
    from portal.views.search import page_numbers

    assert page_numbers(1, 1) == [1]
    assert page_numbers(10, 30) == [1, None, 7, 8, 9, 10, 11, 12, 13, None, 30]
    html = portal.get("/search/", {"q": "", "sort": "title"}).content.decode()
    assert "results" in html


def toggled_by_querydict(get, facet: str, value: str) -> str:
    """The plain way (the former `toggle_filter` tag): copy the query string, drop the page,
    add the value or remove it when chosen, encode the whole."""
    params = get.copy()
    params.pop("page", None)
    values = params.getlist(facet)
    params.setlist(
        facet, [v for v in values if v != value] if value in values else values + [value]
    )
    return "?" + params.urlencode()


def test_facet_links_are_the_toggle_filter_tag_links():
    """The view encodes the facet links once per page; they must equal the plain way's links."""
    from django.http import QueryDict

    from portal.views.search import Toggles

    for query in (
        "",
        "q=letter",
        "q=in&page=3&sort=date",
        "q=war&kind=photograph&place=Praha&page=2",
        "kind=letter&q=a+b&kind=photograph&from=1940",
        "q=%D0%B2%D0%BB%D0%B0%D1%81%D0%BE%D0%B2&person=Vlasov%2C+A.&subject=a%26b%3Dc",
    ):
        get = QueryDict(query)
        toggles = Toggles(get)

        for facet, value in (
            ("kind", "photograph"),  # chosen or not, depending on the query
            ("kind", "map"),
            ("place", "Praha"),
            ("person", "Vlasov, A."),
            ("subject", "a&b=c"),
            ("decade", "1940"),
            ("language", "ру с"),
        ):
            assert toggles.url(facet, value) == toggled_by_querydict(get, facet, value)


def test_facet_items_are_what_the_template_loop_wrote():
    """The sidebar's values are built in Python; the markup must stay the template's."""
    from django.template import engines

    from portal.views.search import facet_item
    from search.query import FacetBucket

    loop = engines["django"].from_string(
        '{% for bucket, href in linked %}<li><a href="{{ href }}" dir="auto"'
        '{% if bucket.selected %} aria-current="true" class="selected"{% endif %}>'
        '{{ bucket.label }}</a> <span class="count">{{ bucket.count }}</span></li>{% endfor %}'
    )
    linked = [
        (FacetBucket("photograph", "Photograph", 12345, False), "?q=a&kind=photograph"),
        (FacetBucket("x", '<b>"Ünïcode" & co</b>', 1, True), "?q=%3Cb%3E&kind=x&page=2"),
        (FacetBucket("1940", "1940s", 0, False), '?q=" onmouseover="x'),
    ]
    assert loop.render({"linked": linked}) == "".join(facet_item(b, h) for b, h in linked)
