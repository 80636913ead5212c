"""FTS5 facet counting: kept totals, an older index file, and both counting plans agreeing."""

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
        SearchQuery(text="letter", filters={"kind": ["photograph"]}),
        SearchQuery(filters={"kind": ["photograph", "map"], "place": ["prague"]}),
        SearchQuery(filters={"kind": ["letter"], "place": ["berlin"], "decade": ["1940"]}),
    ],
)
def test_scan_and_lookup_plans_agree(backend, monkeypatch, query):
    monkeypatch.setattr(sqlite_facets, "SCAN_SHARE", 0.0)  # always scan the side table
    scanned = counts(backend, query)
    monkeypatch.setattr(sqlite_facets, "SCAN_SHARE", 2.0)  # always look up each hit's rows
    assert counts(backend, query) == scanned
    assert scanned["kind"]  # the comparison is not vacuous
