"""The search page on the demo: authority cards above the items, the spelling correction with
its way back, and the typeahead's markup (the boxes stay plain forms without JavaScript)."""

import json
import re
from html import unescape


def test_a_person_linked_to_no_item_has_a_card(portal):
    html = portal.get("/search/", {"q": "Strik-Strikfeldt"}).content.decode()
    cards = html.split('<section class="authority-hits"')[1].split("</section>")[0]
    assert (
        '<a href="/people/wilfried-strik-strikfeldt/"><bdi>Strik-Strikfeldt, Wilfried</bdi></a>'
        in cards
    )
    assert re.search(r"Person · \d+ items?", cards)
    # above the item results
    assert html.index('class="authority-hits"') < html.index('id="result-count"')


def test_a_description_word_finds_the_person_and_says_no_item_matched(portal):
    html = portal.get("/search/", {"q": "Riga"}).content.decode()
    assert '<a href="/people/wilfried-strik-strikfeldt/">' in html
    assert "<mark>Riga</mark>" in html  # the sentence of the description that matched
    assert "No items found; the people, places and events above match." in html


def test_a_card_found_by_another_script_shows_the_name_that_matched(portal):
    html = portal.get("/search/", {"q": "Штрикфельдт"}).content.decode()
    card = html.split('data-kind="person"')[1].split("</li>")[0]
    assert "/people/wilfried-strik-strikfeldt/" in card
    snippet = re.search(r'<p class="snippet" dir="auto">(.*?)</p>', card).group(1)
    assert "<mark>" in snippet and "Штрик" in snippet


def test_a_misspelling_shows_the_corrected_results_and_the_way_back(portal):
    html = portal.get("/search/", {"q": "Vlasow"}).content.decode()
    assert re.search(r"Showing results for <b>vlasov</b>", html, re.IGNORECASE)
    back = re.search(r'search instead for <a href="([^"]+)"><bdi>Vlasow</bdi></a>', html)
    assert back, html
    assert re.search(r"\d+ results", html)
    exact = portal.get("/search/" + unescape(back.group(1))).content.decode()
    assert "Showing results for" not in exact and "No results" in exact
    did_you_mean = re.search(r'Did you mean <a href="([^"]+)">', exact).group(1)
    assert "exact" not in did_you_mean  # the suggestion itself may be corrected again


def test_correct_spelling_is_not_corrected(portal):
    html = portal.get("/search/", {"q": "Vlasov"}).content.decode()
    assert "Showing results for" not in html


def test_search_boxes_carry_the_typeahead_and_still_submit_without_it(portal):
    for url, box in (("/", "home-q"), ("/collections/", "header-q"), ("/search/", "q")):
        html = portal.get(url).content.decode()
        tag = re.search(rf'<input id="{box}"[^>]*>', html).group(0)
        assert 'data-suggest="/api/suggest/"' in tag and 'name="q"' in tag, url
        assert re.search(r'<form[^>]+action="/search/" method="get"', html), url
        words = re.search(r'<script id="suggest-i18n" type="application/json">(.*?)</script>', html)
        data = json.loads(words.group(1))
        assert data["sources"]["person"] and "%(n)s" in data["many"], url
        assert "/static/portal/suggest.js" in html, url


def test_the_new_words_are_dutch_on_a_dutch_page(portal):
    portal.cookies["django_language"] = "nl"
    html = portal.get("/search/", {"q": "Vlasow"}).content.decode()
    assert re.search(r"Resultaten voor <b>vlasov</b>", html, re.IGNORECASE)
    assert "zoek in plaats daarvan naar" in html
    words = re.search(r'<script id="suggest-i18n" type="application/json">(.*?)</script>', html)
    data = json.loads(words.group(1))
    assert (data["list"], data["sources"]["person"]) == ("Suggesties", "persoon")
    html = portal.get("/search/", {"q": "Strik-Strikfeldt"}).content.decode()
    assert "Personen, plaatsen en gebeurtenissen" in html and "Persoon · " in html
