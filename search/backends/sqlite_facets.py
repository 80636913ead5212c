"""Facet counts for the SQLite FTS5 backend: one pass over the hit set, totals kept for browsing."""

from __future__ import annotations

import sqlite3
from collections import Counter

from ..documents import FACET_FIELDS
from ..query import SearchQuery

FACET_SIZE = {"decade": 100}
# Counts over every document, kept up to date by each write, so browsing without a query
# does not group the whole side table (about 15 rows per document).
TOTALS_SCHEMA = """
CREATE TABLE IF NOT EXISTS facet_totals (
    facet TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (facet, value)) WITHOUT ROWID
"""
# Above this share of all documents, scanning the (facet, value, item_id) index in order and
# probing the hit set beats fetching each hit's facet rows and sorting them for GROUP BY.
SCAN_SHARE = 0.2


def ensure_totals(conn: sqlite3.Connection) -> None:
    """Create and fill facet_totals once, for index files written before it existed."""
    exists = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'facet_totals'"
    if conn.execute(exists).fetchone():
        return
    conn.execute("BEGIN IMMEDIATE")
    if not conn.execute(exists).fetchone():  # another connection may have won the race
        conn.execute(TOTALS_SCHEMA)
        conn.execute(
            "INSERT INTO facet_totals SELECT facet, value, COUNT(*) FROM facets GROUP BY facet, value"
        )
    conn.execute("COMMIT")


def update_totals(conn: sqlite3.Connection, delta: Counter) -> None:
    """Apply a write batch's (facet, value) -> change; one statement per value, not per row."""
    conn.executemany(
        "INSERT INTO facet_totals VALUES (?, ?, ?) "
        "ON CONFLICT (facet, value) DO UPDATE SET n = n + excluded.n",
        [(facet, value, n) for (facet, value), n in delta.items() if n],
    )


def browsing(query: SearchQuery) -> bool:
    """True when the query matches every document, so facet_totals answers the counts."""
    unfiltered = not any(query.selected(n) for n in FACET_FIELDS)
    return unfiltered and query.date_from is None and query.date_to is None


def count_facets(
    conn: sqlite3.Connection, query: SearchQuery, candidates: int, text: bool
) -> dict[str, list[tuple[str, int]]]:
    """Top values per facet, disjunctive: a selected facet is counted without its own filter.

    temp.cand holds every document that counts somewhere: `only` is NULL for the full hits,
    or names the one selected facet whose filter the document fails, so it counts for that
    facet alone. One grouped pass then yields every facet's counts.
    """
    if not text and browsing(query):
        sql = "SELECT facet, value, n FROM facet_totals WHERE n > 0"
    elif candidates > SCAN_SHARE * conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0]:
        sql = (
            "SELECT f.facet, f.value, COUNT(*) AS n FROM facets f INDEXED BY facets_value "
            "CROSS JOIN temp.cand c ON c.item_id = f.item_id "
            "WHERE c.only IS NULL OR c.only = f.facet GROUP BY f.facet, f.value"
        )
    else:  # CROSS JOIN keeps SQLite from scanning the side table for a handful of hits
        sql = (
            "SELECT f.facet, f.value, COUNT(*) AS n FROM temp.cand c "
            "CROSS JOIN facets f INDEXED BY facets_item ON f.item_id = c.item_id "
            "WHERE c.only IS NULL OR c.only = f.facet GROUP BY f.facet, f.value"
        )
    facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_FIELDS}
    for facet, value, n in conn.execute(f"SELECT * FROM ({sql}) ORDER BY facet, n DESC, value"):
        if len(facets[facet]) < FACET_SIZE.get(facet, 50):
            facets[facet].append((value, n))
    return facets
