"""Embedded search on SQLite FTS5: bm25 ranking with field weights, snippets, facets in SQL.

The index lives in its own SQLite file (settings.SEARCH_FTS_PATH), so it works next to
PostgreSQL too. A rebuild writes a new file and renames it over the old one: readers keep
the old file open until they finish, the next query sees the new one.
"""

from __future__ import annotations

import difflib
import html
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from contextlib import closing
from pathlib import Path

from django.conf import settings

from ..documents import FACET_FIELDS, TEXT_FIELDS, fold
from ..query import Hit, SearchQuery, SearchResults
from ..results import facet_buckets
from ..text import parse_text
from .base import BaseSearchBackend, strip_controls
from .sqlite_facets import count_facets, ensure_totals, update_totals

COLUMNS = [f.name for f in TEXT_FIELDS]
WEIGHTS = ", ".join(f"{f.boost:g}" for f in TEXT_FIELDS)
HIGHLIGHTED = [f.name for f in TEXT_FIELDS if f.highlight]
# Highlight sentinels that survive HTML escaping; index_documents strips every control
# character from the indexed text, so a sentinel in a snippet is always one FTS5 put there.
OPEN, CLOSE = "\x02", "\x03"
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS docs (
    item_id INTEGER PRIMARY KEY, identifier TEXT NOT NULL, version INTEGER NOT NULL,
    title TEXT, title_sort TEXT, dcmi_type TEXT, kind TEXT, date TEXT, year INTEGER,
    date_lower TEXT, date_upper TEXT);
CREATE TABLE IF NOT EXISTS facets (item_id INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facets_value ON facets (facet, value, item_id);
CREATE INDEX IF NOT EXISTS facets_item ON facets (item_id);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5 ({", ".join(COLUMNS)},
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab (fts, 'row');
"""
# Each ends on item_id, the order hits used to be collected in, so ties keep a stable order.
SORTS = {
    "relevance": "h.rank, d.title_sort, d.item_id",
    "date": "d.date_lower IS NULL, d.date_lower, d.title_sort, d.item_id",
    "-date": "d.date_lower IS NULL, d.date_lower DESC, d.title_sort, d.item_id",
    "title": "d.title_sort, d.date_lower, d.item_id",
}


def match_expression(text: str) -> str:
    """FTS5 query for the text: every part required; words quoted so no operator leaks in."""
    parts = []
    for part in parse_text(text):
        quoted = '"' + " ".join(part.words) + '"'
        parts.append(quoted + " *" if part.prefix else quoted)
    return " AND ".join(parts)


def mark(snippet: str) -> str:
    """Escape a snippet for HTML, then turn the sentinel characters into <mark> tags."""
    return html.escape(snippet).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")


class SQLiteFTSBackend(BaseSearchBackend):
    name = "sqlite_fts"
    unsupported = frozenset({"fuzzy", "stemming"})

    def __init__(self, options: Mapping | None = None) -> None:
        super().__init__(options)
        self.path = Path(self.options.get("path", settings.SEARCH_FTS_PATH))

    def _connect(self, path: Path | str | None = None) -> sqlite3.Connection:
        path = Path(path or self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SCHEMA)
        ensure_totals(conn)
        return conn

    def ensure_index(self) -> None:
        with closing(self._connect()):
            pass

    def begin_rebuild(self) -> str:
        target = self.path.with_name(f"{self.path.name}.rebuild-{time.time_ns()}")
        with closing(self._connect(target)):
            pass
        return str(target)

    def finish_rebuild(self, target: str) -> None:
        with closing(self._connect(target)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
        os.replace(target, self.path)  # atomic: a reader sees the old file or the new one
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def count(self, target: str | None = None) -> int:
        with closing(self._connect(target)) as conn:
            return conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def drop(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    # -- writes --------------------------------------------------------------------------
    def index_documents(self, docs: Mapping[int, dict], target: str | None = None) -> set[int]:
        with closing(self._connect(target)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            current = self._versions(conn, docs)
            delta: Counter = Counter()
            for item_id, doc in docs.items():
                if current.get(item_id, -1) <= doc["version"]:  # an older write never wins
                    self._remove(conn, item_id, delta)
                    self._insert(conn, item_id, doc, delta)
            update_totals(conn, delta)
            conn.execute("COMMIT")
        return set(docs)

    def delete_documents(self, versions: Mapping[int, int], target: str | None = None) -> set[int]:
        with closing(self._connect(target)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            current = self._versions(conn, versions)
            delta: Counter = Counter()
            for item_id, version in versions.items():
                if current.get(item_id, -1) <= version:
                    self._remove(conn, item_id, delta)
            update_totals(conn, delta)
            conn.execute("COMMIT")
        return set(versions)

    @staticmethod
    def _versions(conn, ids: Iterable[int]) -> dict[int, int]:
        ids = list(ids)
        found = {}
        for start in range(0, len(ids), 900):  # SQLite's limit on bound parameters
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            found.update(
                conn.execute(f"SELECT item_id, version FROM docs WHERE item_id IN ({marks})", chunk)
            )
        return found

    @staticmethod
    def _remove(conn, item_id: int, delta: Counter) -> None:
        """Delete an item's rows, subtracting its facet values from `delta`."""
        removed = conn.execute(
            "DELETE FROM facets WHERE item_id = ? RETURNING facet, value", (item_id,)
        )
        delta.subtract(tuple(row) for row in removed)
        for table, key in (("docs", "item_id"), ("fts", "rowid")):
            conn.execute(f"DELETE FROM {table} WHERE {key} = ?", (item_id,))

    @staticmethod
    def _insert(conn, item_id: int, doc: dict, delta: Counter) -> None:
        conn.execute(
            "INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                item_id,
                doc["identifier"],
                doc["version"],
                (doc["title"] or [""])[0],
                (doc["title_sort"] or [""])[0],
                doc["dcmi_type"],
                (doc["kind"] or [""])[0],
                doc["date"],
                doc["year"],
                doc["date_lower"],
                doc["date_upper"],
            ),
        )
        rows = [(item_id, name, str(v)) for name in FACET_FIELDS for v in doc.get(name, ())]
        conn.executemany("INSERT INTO facets VALUES (?,?,?)", rows)
        delta.update((facet, value) for _, facet, value in rows)
        texts = [strip_controls("\n".join(doc.get(c, ()))) for c in COLUMNS]
        conn.execute(
            f"INSERT INTO fts (rowid, {', '.join(COLUMNS)}) VALUES (?{',?' * len(COLUMNS)})",
            (item_id, *texts),
        )

    def indexed_versions(self, item_ids: Iterable[int] | None = None) -> dict[int, int]:
        with closing(self._connect()) as conn:
            if item_ids is None:
                return dict(conn.execute("SELECT item_id, version FROM docs"))
            return self._versions(conn, item_ids)

    # -- reads ---------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResults:
        expression = match_expression(query.text)
        with closing(self._connect()) as conn:
            candidates = self._candidates(conn, query, expression)
            total = conn.execute("SELECT COUNT(*) FROM temp.cand WHERE only IS NULL").fetchone()[0]
            rows = conn.execute(
                "SELECT d.item_id, d.identifier, d.title, d.dcmi_type, d.kind, d.date, d.year, "
                "h.rank FROM temp.cand h JOIN docs d USING (item_id) WHERE h.only IS NULL "
                f"ORDER BY {SORTS[query.sort]} LIMIT ? OFFSET ?",
                (query.size, query.offset),
            ).fetchall()
            facets = count_facets(conn, query, candidates, bool(expression))
            snippets = (
                self._snippets(conn, expression, [r[0] for r in rows])
                if query.highlight and expression
                else {}
            )
            suggestion = self.suggest(conn, query.text) if total == 0 and expression else None
        hits = [
            Hit(
                identifier=r[1],
                title=r[2] or "",
                dcmi_type=r[3] or "",
                kind=r[4] or "",
                date=r[5] or "",
                year=r[6],
                score=-float(r[7]),
                highlights=snippets.get(r[0], {}),
                item_id=r[0],
            )
            for r in rows
        ]
        return SearchResults(
            total=total,
            hits=hits,
            facets=facet_buckets(query, facets),
            page=query.page,
            page_size=query.size,
            suggestion=suggestion,
            backend=self.name,
        )

    @classmethod
    def _candidates(cls, conn, query: SearchQuery, expression: str) -> int:
        """Materialise once every document the page, the total or a facet count needs.

        `only` is NULL for a full hit, or names the one selected facet whose filter the
        document fails (it still counts for that facet's disjunctive counts); documents
        failing the text, the dates or two facet filters are left out. Returns the row count.
        """
        misses = cls._misses(query)
        miss_params = [p for _, _, params in misses for p in params]
        whens = " ".join(f"WHEN {sql} THEN '{name}'" for name, sql, _ in misses)
        only = f"CASE {whens} END" if misses else "NULL"
        failed = " + ".join(f"({sql})" for _, sql, _ in misses) or "0"
        if expression:
            source = (
                f"SELECT rowid AS item_id, bm25(fts, {WEIGHTS}) AS rank FROM fts WHERE fts MATCH ?"
            )
            source_params = [expression]
        else:
            source, source_params = "SELECT item_id, 0.0 AS rank FROM docs", []
        dates, date_params = cls._dates(query)
        conn.execute("DROP TABLE IF EXISTS temp.cand")
        # INTEGER PRIMARY KEY: the facet scan and the page join probe it by item_id
        conn.execute("CREATE TEMP TABLE cand (item_id INTEGER PRIMARY KEY, rank REAL, only TEXT)")
        cursor = conn.execute(
            f"INSERT INTO temp.cand SELECT h.item_id, h.rank, {only} "
            f"FROM ({source}) h JOIN docs d USING (item_id) WHERE {dates} AND {failed} <= 1",
            [*miss_params, *source_params, *date_params, *miss_params],
        )
        return cursor.rowcount

    @staticmethod
    def _misses(query: SearchQuery) -> list[tuple[str, str, list]]:
        """(facet, SQL true when a document fails its filter, parameters) per selected facet."""
        misses = []
        for name in FACET_FIELDS:
            values = query.selected(name)
            if values:
                marks = ",".join("?" * len(values))
                sql = f"d.item_id NOT IN (SELECT item_id FROM facets WHERE facet = ? AND value IN ({marks}))"
                misses.append((name, sql, [name, *values]))
        return misses

    @staticmethod
    def _dates(query: SearchQuery) -> tuple[str, list]:
        """WHERE clause for the date range: an item matches when its EDTF bounds overlap it."""
        clauses, params = ["1"], []
        if query.date_from is not None or query.date_to is not None:
            clauses.append("d.year IS NOT NULL")
        if query.date_to is not None:
            clauses.append("(d.date_lower IS NULL OR d.date_lower <= ?)")
            params.append(f"{query.date_to:04d}-12-31")
        if query.date_from is not None:
            clauses.append("(d.date_upper IS NULL OR d.date_upper >= ?)")
            params.append(f"{query.date_from:04d}-01-01")
        return " AND ".join(clauses), params

    @staticmethod
    def _snippets(conn, expression: str, ids: list[int]) -> dict[int, dict[str, list[str]]]:
        if not ids:
            return {}
        calls = ", ".join(
            f"highlight(fts, {COLUMNS.index(c)}, ?, ?)"
            if c == "title"
            else f"snippet(fts, {COLUMNS.index(c)}, ?, ?, '…', 24)"
            for c in HIGHLIGHTED
        )
        marks = ",".join("?" * len(ids))
        args = [OPEN, CLOSE] * len(HIGHLIGHTED)
        rows = conn.execute(
            f"SELECT rowid, {calls} FROM fts WHERE fts MATCH ? AND rowid IN ({marks})",
            [*args, expression, *ids],
        )
        found: dict[int, dict[str, list[str]]] = {}
        for row in rows:
            found[row[0]] = {
                c: [mark(s)] for c, s in zip(HIGHLIGHTED, row[1:], strict=True) if s and OPEN in s
            }
        return found

    # Unknown words one suggestion tries to correct (each reads its letter's vocabulary and
    # compares the word with it); later ones are left as typed, so a long query costs no more.
    suggest_words = 3

    @classmethod
    def suggest(cls, conn, text: str) -> str | None:
        """Replace words the index lacks by the closest indexed word (FTS5 has no fuzzy matching)."""
        words, changed, tried = [], False, 0
        # first letter -> indexed words: fts5vocab reads every posting list of the range it
        # scans, so each letter is read at most once per query.
        vocab: dict[str, list[str]] = {}
        for word in (fold(w) for p in parse_text(text) for w in p.words):
            known = conn.execute("SELECT 1 FROM vocab WHERE term = ?", (word,)).fetchone()
            if word and not known and tried < cls.suggest_words:
                tried += 1
                close = cls._closest(conn, word, vocab)
                if close:
                    word, changed = close, True
            words.append(word)
        return " ".join(words) if changed else None

    @staticmethod
    def _closest(conn, word: str, vocab: dict[str, list[str]]) -> str | None:
        letter = word[0]
        if letter not in vocab:
            vocab[letter] = [
                r[0]
                for r in conn.execute(
                    "SELECT term FROM vocab WHERE term >= ? AND term < ?",
                    (letter, letter + "\U0010ffff"),
                )
            ]
        # difflib's ratio 2M/(a+b) reaches the 0.7 cutoff only within these lengths.
        shortest, longest = int(len(word) * 0.53), int(len(word) * 1.86) + 1
        candidates = [t for t in vocab[letter] if shortest <= len(t) <= longest]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.7)
        return close[0] if close else None
