"""Bounded query cost: SearchQuery caps the text, parse_text drops repeats, suggestions stay cheap."""

from contextlib import closing
from unittest import mock

import pytest

from search.backends.sqlite_fts import SQLiteFTSBackend, match_expression
from search.backends.sqlite_text import build_matcher
from search.query import InvalidQuery, SearchQuery
from search.text import parse_text

HOSTILE = {
    "2,000 × a*": "a* " * 2000,
    "8,000 × a": "a " * 8000,
    "too long": "x" * (SearchQuery.max_text_length + 1),
    "too many words": " ".join(f"w{i}" for i in range(SearchQuery.max_terms + 1)),
    "too many prefixes": " ".join(f"p{i}*" for i in range(SearchQuery.max_prefixes + 1)),
    "one-letter prefix": "army a*",
    "words in phrases count": '"'
    + " ".join(f"w{i}" for i in range(SearchQuery.max_terms + 1))
    + '"',
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_text_beyond_the_caps_is_refused_naming_q(text):
    with pytest.raises(InvalidQuery) as caught:
        SearchQuery(text=text)
    assert caught.value.param == "q"
    assert caught.value.message


@pytest.mark.parametrize("name", ["date_from", "date_to"])
@pytest.mark.parametrize("year", [0, -44, 10_000, 2_762_356])
def test_years_outside_the_calendar_are_refused_by_name(name, year):
    with pytest.raises(InvalidQuery) as caught:
        SearchQuery(**{name: year})
    assert caught.value.param == name


def test_years_at_the_calendar_edges_are_accepted():
    assert SearchQuery(date_from=1, date_to=9999).date_to == 9999


def test_text_within_the_caps_is_accepted():
    words = " ".join(f"w{i}" for i in range(SearchQuery.max_terms - 5))
    prefixes = " ".join(f"p{i}*" for i in range(SearchQuery.max_prefixes))
    assert SearchQuery(text=f"{words} {prefixes}").text
    # repeats are dropped before counting: they cannot change what matches
    assert SearchQuery(text="army " * 90).text


def test_parse_text_keeps_each_part_once_in_order():
    parts = parse_text('b* army "red army" army b* "red army" letter')
    assert [(p.words, p.prefix) for p in parts] == [
        (("b",), True),
        (("army",), False),
        (("red", "army"), False),
        (("letter",), False),
    ]
    assert match_expression("army army army") == match_expression("army")


def test_suggestion_corrects_at_most_a_few_words(tmp_path):
    backend = SQLiteFTSBackend({"path": tmp_path / "s.sqlite3"})
    with closing(backend._connect()) as conn:
        conn.execute("INSERT INTO fts (rowid, title) VALUES (1, 'vlasov army letter')")
        conn.execute("INSERT INTO words VALUES ('vlasov'), ('army'), ('letter')")
        text = " ".join(["vlasof", "arny", "leter", *(f"a{i}x" for i in range(20))])
        with mock.patch.object(
            SQLiteFTSBackend, "_closest", wraps=SQLiteFTSBackend._closest
        ) as closest:
            suggestion = backend._spelling(conn, build_matcher(text))
    assert closest.call_count == SQLiteFTSBackend.suggest_words
    assert suggestion.split()[:3] == ["vlasov", "army", "letter"]
