"""Search text parsing: any text is a query or an InvalidQuery, and FTS5 accepts every query made."""

import sqlite3

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from search.backends.es_query import build_search
from search.backends.sqlite_fts import SQLiteFTSBackend, match_expression
from search.query import InvalidQuery, SearchQuery
from search.text import Part, parse_text
from tests.properties.bounded import BOUNDED

# Text with the characters a query language cares about well represented.
query_text = st.one_of(
    st.text(max_size=80),
    st.lists(
        st.sampled_from(['"', "*", " ", "a", "ab*", "Власов", "1944", "-", "AND", "NEAR(", ")"]),
        max_size=30,
    ).map("".join),
)


def render(part: Part) -> str:
    """Write a part back as the text a user would type for it."""
    if part.phrase:
        return '"' + " ".join(part.words) + '"'
    return "-".join(part.words) + ("*" if part.prefix else "")


@BOUNDED
@given(query_text)
def test_any_text_is_a_query_or_an_invalid_query(text):
    try:
        query = SearchQuery(text=text)
    except InvalidQuery as exc:
        assert exc.param == "q" and exc.message
        return
    parts = parse_text(query.text)
    assert sum(len(p.words) for p in parts) <= SearchQuery.max_terms
    assert sum(p.prefix for p in parts) <= SearchQuery.max_prefixes


@BOUNDED
@given(query_text)
def test_parse_text_round_trips_and_keeps_each_part_once(text):
    parts = parse_text(text)
    assert len(set(parts)) == len(parts)
    assert parse_text(" ".join(render(p) for p in parts)) == parts


@BOUNDED
@given(query_text)
def test_fts5_accepts_every_match_expression(text):
    expression = match_expression(text)
    assume(expression)
    with sqlite3.connect(":memory:") as conn:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5 (a, tokenize = 'unicode61')")
        conn.execute("INSERT INTO t VALUES ('a ab abc власов 1944')")
        conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


@pytest.fixture(scope="module")
def fts(tmp_path_factory):
    backend = SQLiteFTSBackend({"path": tmp_path_factory.mktemp("fts") / "s.sqlite3"})
    with backend._connect() as conn:
        conn.execute("INSERT INTO docs (item_id, identifier, version) VALUES (1, 'i1', 1)")
        conn.execute("INSERT INTO fts (rowid, title) VALUES (1, 'Vlasov army letter 1944')")
    return backend


@BOUNDED
@given(text=query_text)
def test_the_fts5_backend_answers_every_accepted_query(fts, text):
    try:
        query = SearchQuery(text=text)
    except InvalidQuery:
        return
    results = fts.search(query)
    for hit in results.hits:
        for snippets in hit.highlights.values():
            assert all(s.count("<mark>") == s.count("</mark>") for s in snippets)


@BOUNDED
@given(query_text)
def test_every_accepted_query_builds_an_elasticsearch_request(text):
    try:
        query = SearchQuery(text=text)
    except InvalidQuery:
        return
    assert build_search(query).to_dict()["query"]
