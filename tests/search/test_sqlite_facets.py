"""FTS5 facet counting: kept totals, an older index file, packed counts against a GROUP BY."""

import sqlite3

import pytest

from search.backends import sqlite_facets
from search.backends.sqlite_fts import COLUMNS, SQLiteFTSBackend
from search.documents import FACET_FIELDS
from search.query import SearchQuery

pytestmark = pytest.mark.django_db

KINDS = ("photograph", "letter", "map")
PLACES = ("prague", "berlin", "vienna")


def doc(n: int, version: int = 1, **facets) -> dict:
    """A minimal search document: every third item a photograph, places cycling, words shared."""
    values = {
        "kind": [KINDS[n % 3]],
        "place": [PLACES[n % 3], PLACES[(n + 1) % 3]] if n % 2 else [PLACES[n % 3]],
        "decade": ["1940"] if n % 4 else [],
        **facets,
    }
    return {
        "identifier": f"item-{n}",
        "version": version,
        "title": [f"Letter number {n}"],
        "title_sort": [f"letter number {n:04d}"],
        "dcmi_type": "Text",
        "date": "",
        "year": None,
        "date_lower": None,
        "date_upper": None,
        **{c: [] for c in COLUMNS if c != "title"},
        **{name: values.get(name, []) for name in FACET_FIELDS},
    }


@pytest.fixture
def backend(tmp_path):
    backend = SQLiteFTSBackend({"path": tmp_path / "fts.sqlite3"})
    backend.index_documents({n: doc(n) for n in range(1, 41)})
    return backend


def totals(backend) -> set:
    with sqlite3.connect(backend.path) as conn:
        kept = set(conn.execute("SELECT facet, value, n FROM facet_totals WHERE n > 0"))
        grouped = set(conn.execute("SELECT facet, value, COUNT(*) FROM facets GROUP BY 1, 2"))
    assert kept == grouped
    return kept


def counts(backend, query: SearchQuery) -> dict:
    return {k: [(b.value, b.count) for b in v] for k, v in backend.search(query).facets.items()}


def test_totals_follow_updates_and_deletes(backend):
    before = totals(backend)
    backend.index_documents({3: doc(3, version=2, kind=["map"]), 50: doc(50)})
    backend.delete_documents({4: 2})
    after = dict(((f, v), n) for f, v, n in totals(backend))
    assert after != dict(((f, v), n) for f, v, n in before)
    assert after[("kind", "map")] == 15  # 13 maps, item 3 turned into one, item 50 is one too


def test_browsing_counts_equal_grouped_counts(backend, monkeypatch):
    browsing = counts(backend, SearchQuery())
    monkeypatch.setattr(sqlite_facets, "browsing", lambda query: False)
    assert counts(backend, SearchQuery()) == browsing


def test_older_index_file_gets_its_totals(backend):
    expected = totals(backend)
    with sqlite3.connect(backend.path) as conn:
        conn.execute("DROP TABLE facet_totals")
    assert backend.count() == 40  # any connection fills the table again
    assert totals(backend) == expected


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(text="letter"),
        SearchQuery(text="number 7"),
        SearchQuery(text="letter", filters={"kind": ["photograph"]}),
        SearchQuery(filters={"kind": ["photograph", "map"], "place": ["prague"]}),
        SearchQuery(filters={"kind": ["letter"], "place": ["berlin"], "decade": ["1940"]}),
    ],
)
def test_packed_counts_equal_a_grouped_count_of_the_side_table(backend, monkeypatch, query):
    expected = grouped(backend, query)
    assert counts(backend, query) == expected
    assert expected["kind"]  # the comparison is not vacuous
    # a write makes every process read the packed values again
    backend.index_documents({7: doc(7, version=2, kind=["map"]), 60: doc(60)})
    backend.delete_documents({8: 2})
    assert counts(backend, query) == grouped(backend, query) != expected


def grouped(backend, query: SearchQuery) -> dict:
    """Disjunctive counts the plain way: per facet, GROUP BY over the documents that pass the
    text and every other facet's filter."""
    with sqlite3.connect(backend.path) as conn:
        hits = set(backend.indexed_versions())
        if query.text:
            words = " AND ".join(f'"{w}"' for w in query.text.split())
            hits = {r[0] for r in conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", [words])}
        passes = {
            name: {
                r[0]
                for r in conn.execute(
                    f"SELECT item_id FROM facets WHERE facet = ? AND value IN "
                    f"({','.join('?' * len(query.selected(name)))})",
                    [name, *query.selected(name)],
                )
            }
            for name in FACET_FIELDS
            if query.selected(name)
        }
        out = {}
        for name in FACET_FIELDS:
            ids = set(hits)
            for other, ok in passes.items():
                if other != name:
                    ids &= ok
            rows = conn.execute(
                "SELECT value, COUNT(*) AS n FROM facets WHERE facet = ? AND item_id IN "
                f"({','.join(map(str, ids)) or 'NULL'}) GROUP BY value ORDER BY n DESC, value",
                [name],
            )
            out[name] = list(rows)[: sqlite_facets.FACET_SIZE.get(name, 50)]
        return out


def test_counts_over_most_documents_equal_a_grouped_count(backend):
    """More than half the documents hit: counted as the totals minus the documents missed."""
    hits = list(range(1, 31))  # 30 of 40
    with sqlite3.connect(backend.path) as conn:
        values = sqlite_facets.packed(conn)
        expected = {
            (facet, value): n
            for facet, value, n in conn.execute(
                "SELECT facet, value, COUNT(*) FROM facets WHERE item_id <= 30 GROUP BY 1, 2"
            )
        }
    got = values.count(sqlite_facets.np.array(hits))
    assert {values.names[i]: int(n) for i, n in enumerate(got) if n} == expected
    few = values.count(sqlite_facets.np.array(hits[:5]))  # the direct gather, for comparison
    assert 0 < few.sum() < got.sum()


def test_a_repeated_text_search_is_answered_from_the_cache_until_a_write(backend, monkeypatch):
    query = SearchQuery(text="number 7")  # one hit: the page comes from FTS5's ranking
    first = backend.search(query)
    computed = []
    for name in ("_ranked", "_counted"):
        real = getattr(SQLiteFTSBackend, name)
        monkeypatch.setattr(
            SQLiteFTSBackend,
            name,
            staticmethod(
                lambda conn, key, real=real, name=name: computed.append(name) or real(conn, key)
            ),
        )
    again = backend.search(query)
    assert computed == []
    assert (again.total, again.hits, again.facets) == (first.total, first.hits, first.facets)
    another = {**doc(61), "title": ["Letter number 7"]}
    backend.index_documents({61: another})  # any write moves the generation on
    after = backend.search(query)
    assert sorted(computed) == ["_counted", "_ranked"]
    assert after.total == first.total + 1


def test_a_cold_text_search_counts_beside_its_ranking(backend, monkeypatch):
    """Nothing cached: the total and facets are counted on a second connection, in a thread,
    and equal the counts of the same query taken in line."""
    from search.backends import sqlite_fts

    monkeypatch.setattr(sqlite_fts, "results", sqlite_fts.ResultCache())
    threads = []
    real = SQLiteFTSBackend._counted
    monkeypatch.setattr(
        SQLiteFTSBackend,
        "_counted",
        staticmethod(
            lambda conn, key: (
                threads.append(sqlite_fts.threading.current_thread().name) or real(conn, key)
            )
        ),
    )
    found = backend.search(SearchQuery(text="letter"))
    assert threads == ["fts-beside"]
    with sqlite3.connect(backend.path) as conn:
        total, facets = real(conn, ("counts", sqlite_fts.build_matcher("letter").expression()))
    assert found.total == total == 40
    assert counts(backend, SearchQuery(text="letter")) == {
        k: [(v, n) for v, n in facets.get(k, [])] for k in found.facets
    }


def test_counts_beside_a_write_are_taken_again_in_the_searchs_own_snapshot(backend, monkeypatch):
    """A write lands after the search's snapshot began and before the second connection reads:
    that connection sees another generation, so the search counts in its own snapshot and its
    total agrees with its page (the 40 documents of before the write)."""
    from search.backends import sqlite_fts

    monkeypatch.setattr(sqlite_fts, "results", sqlite_fts.ResultCache())
    real_start = sqlite_fts.Beside.start
    answers = []

    def write_then_start(beside):
        backend.index_documents({41: doc(41)})  # WAL: a writer beside the open snapshot
        real_start(beside)
        answers.append(beside)

    monkeypatch.setattr(sqlite_fts.Beside, "start", write_then_start)
    found = backend.search(SearchQuery(text="letter"))
    assert [b.found for b in answers] == [None]  # the other generation was not used
    assert found.total == 40
    assert backend.search(SearchQuery(text="letter")).total == 41  # the next snapshot sees it
