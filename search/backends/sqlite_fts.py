"""Embedded search on SQLite FTS5: bm25 ranking with field weights, stems, snippets, facets in SQL.

The index lives in its own SQLite file (settings.SEARCH_FTS_PATH), so it works next to
PostgreSQL too. A rebuild writes a new file and renames it over the old one: readers keep
the old file open until they finish, the next query sees the new one. Text analysis (folding,
Snowball stems per value language, synonyms) is in sqlite_text.py; authorities and
autocomplete in sqlite_lookup.py; facet counts in sqlite_facets.py.
"""

from __future__ import annotations

import html
import logging
import os
import sqlite3
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

from django.conf import settings
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..documents import FACET_FIELDS, TEXT_FIELDS
from ..query import AuthorityHit, Hit, SearchQuery, SearchResults, Suggestion
from ..results import facet_buckets
from . import sqlite_lookup as lookup
from .base import BaseSearchBackend, strip_controls
from .sqlite_facets import (
    VALUES_SCHEMA,
    count_facets,
    count_hits,
    ensure_totals,
    hit_ids,
    pack,
    update_totals,
    write_generation,
)
from .sqlite_text import (
    ANALYSIS_VERSION,
    Matcher,
    algorithms,
    build_matcher,
    extra_tokens,
    mark_words,
    matched_sentence,
)

log = logging.getLogger(__name__)

COLUMNS = [f.name for f in TEXT_FIELDS]
# Each text field has a companion column of extra tokens (folded forms, stems), same weight.
EXTRA = [f"{c}_x" for c in COLUMNS]
WEIGHTS = ", ".join(f"{f.boost:g}" for f in TEXT_FIELDS for _ in (0, 1))
FTS_COLUMNS = [name for c, x in zip(COLUMNS, EXTRA, strict=True) for name in (c, x)]
HIGHLIGHTED = [f.name for f in TEXT_FIELDS if f.highlight]
# Values stemmed in their own language when they have one (lang_text), else in the item's.
LANGUAGE_TAGGED = ("title", "alternative", "description")
UNSTEMMED = ("names",)  # proper names: folded only
# Highlight sentinels of the full-text snippet; index_documents strips every control character
# from the indexed text, so a sentinel in a snippet is always one FTS5 put there.
OPEN, CLOSE = "\x02", "\x03"
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS docs (
    item_id INTEGER PRIMARY KEY, identifier TEXT NOT NULL, version INTEGER NOT NULL,
    title TEXT, title_sort TEXT, dcmi_type TEXT, kind TEXT, date TEXT, year INTEGER,
    date_lower TEXT, date_upper TEXT, has_fulltext INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS facets (item_id INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facets_value ON facets (facet, value, item_id);
CREATE INDEX IF NOT EXISTS facets_item ON facets (item_id);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5 ({", ".join(FTS_COLUMNS)},
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab (fts, 'row');
-- folded words of the indexed text, for spelling suggestions (added to, never pruned: a
-- suggestion is checked against the FTS vocabulary before it is offered)
CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY) WITHOUT ROWID;
{VALUES_SCHEMA};
{lookup.SCHEMA}
"""
TABLES = (
    "docs",
    "facets",
    "facet_totals",
    "facet_values",
    "packed",
    "generation",
    "fts",
    "vocab",
    "words",
    *lookup.TABLES,
)
# Each ends on item_id, the order hits used to be collected in, so ties keep a stable order.
SORTS = {
    "relevance": "h.rank, d.title_sort, d.item_id",
    "date": "d.date_lower IS NULL, d.date_lower, d.title_sort, d.item_id",
    "-date": "d.date_lower IS NULL, d.date_lower DESC, d.title_sort, d.item_id",
    "title": "d.title_sort, d.date_lower, d.item_id",
}


def match_expression(text: str) -> str:
    """FTS5 query for the text: every part required, words as typed, folded, stemmed in every
    supported language and their synonyms; quoted so no operator leaks in."""
    return build_matcher(text).expression()


def mark(snippet: str) -> str:
    """Escape a snippet for HTML, then turn the sentinel characters into <mark> tags."""
    return html.escape(snippet).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")


def max_edits(word: str) -> int:
    """Edits allowed for a spelling correction, as Elasticsearch's `fuzziness: AUTO`."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


class SQLiteFTSBackend(BaseSearchBackend):
    name = "sqlite_fts"
    unsupported: frozenset[str] = frozenset()

    def __init__(self, options: Mapping | None = None) -> None:
        super().__init__(options)
        self.path = Path(self.options.get("path", settings.SEARCH_FTS_PATH))

    def _connect(self, path: Path | str | None = None) -> sqlite3.Connection:
        path = Path(path or self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        if conn.execute("PRAGMA user_version").fetchone()[0] != ANALYSIS_VERSION:
            self._upgrade(conn)
        conn.executescript(SCHEMA)
        ensure_totals(conn)
        return conn

    @staticmethod
    def _upgrade(conn: sqlite3.Connection) -> None:
        """An index file written by another analysis version (other columns, other stems) is
        emptied: searching it would miss or fail. `search_reindex` (or `search_drift --repair`)
        fills it again."""
        conn.execute("BEGIN IMMEDIATE")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != ANALYSIS_VERSION:  # another connection may have won the race
            existing = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "docs" in existing:
                log.warning(
                    "search: the FTS5 index %s was written by analysis version %s (now %s); "
                    "it is emptied, run `manage.py search_reindex` to fill it",
                    conn.execute("PRAGMA database_list").fetchone()[2],
                    version,
                    ANALYSIS_VERSION,
                )
            for table in reversed(TABLES):  # fts5vocab tables before the tables they read
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute(f"PRAGMA user_version = {ANALYSIS_VERSION}")
        conn.execute("COMMIT")

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
            vocabulary: set[str] = set()
            value_ids: dict = {}
            for item_id, doc in docs.items():
                if current.get(item_id, -1) <= doc["version"]:  # an older write never wins
                    self._remove(conn, item_id, delta)
                    self._insert(conn, item_id, doc, delta, vocabulary, value_ids)
            update_totals(conn, delta)
            conn.executemany("INSERT OR IGNORE INTO words VALUES (?)", ((w,) for w in vocabulary))
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
        for table, key in (("docs", "item_id"), ("packed", "item_id"), ("fts", "rowid")):
            conn.execute(f"DELETE FROM {table} WHERE {key} = ?", (item_id,))
        lookup.remove_title(conn, item_id)

    @staticmethod
    def _insert(
        conn, item_id: int, doc: dict, delta: Counter, vocabulary: set[str], value_ids: dict
    ) -> None:
        title = (doc["title"] or [""])[0]
        pairs = list(
            dict.fromkeys((name, str(v)) for name in FACET_FIELDS for v in doc.get(name, ()))
        )
        conn.execute(
            "INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                item_id,
                doc["identifier"],
                doc["version"],
                title,
                (doc["title_sort"] or [""])[0],
                doc["dcmi_type"],
                (doc["kind"] or [""])[0],
                doc["date"],
                doc["year"],
                doc["date_lower"],
                doc["date_upper"],
                bool(doc.get("fulltext")),
            ),
        )
        conn.execute("INSERT INTO packed VALUES (?, ?)", (item_id, pack(conn, pairs, value_ids)))
        rows = [(item_id, name, value) for name, value in pairs]
        conn.executemany("INSERT INTO facets VALUES (?,?,?)", rows)
        delta.update((facet, value) for _, facet, value in rows)
        values = []
        for column in COLUMNS:
            texts = [strip_controls(v) for v in doc.get(column, ())]
            values.append("\n".join(texts))
            values.append(
                " ".join(extra_tokens(t, _algorithms(doc, column, t), vocabulary) for t in texts)
            )
        conn.execute(
            f"INSERT INTO fts (rowid, {', '.join(FTS_COLUMNS)}) "
            f"VALUES (?{',?' * len(FTS_COLUMNS)})",
            (item_id, *values),
        )
        subjects = set(doc.get("subject_text", ()))
        lookup.add_item(
            conn, item_id, doc["identifier"], title, [s for s in doc["subject"] if s in subjects]
        )

    def indexed_versions(self, item_ids: Iterable[int] | None = None) -> dict[int, int]:
        with closing(self._connect()) as conn:
            if item_ids is None:
                return dict(conn.execute("SELECT item_id, version FROM docs"))
            return self._versions(conn, item_ids)

    # -- authorities and autocomplete (sqlite_lookup.py) ------------------------------------
    def index_authorities(self, docs: Mapping[int, dict], target: str | None = None) -> set[int]:
        with closing(self._connect(target)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            vocabulary = lookup.index_authorities(conn, docs)
            conn.executemany("INSERT OR IGNORE INTO words VALUES (?)", ((w,) for w in vocabulary))
            conn.execute("COMMIT")
        return set(docs)

    def delete_authorities(self, ids: Iterable[int], target: str | None = None) -> set[int]:
        ids = set(ids)
        with closing(self._connect(target)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            for authority_id in ids:
                lookup.remove_authority(conn, authority_id)
            conn.execute("COMMIT")
        return ids

    def indexed_authorities(self) -> dict[int, int]:
        with closing(self._connect()) as conn:
            return dict(conn.execute("SELECT id, version FROM authorities"))

    def search_authorities(self, text: str, size: int = 5) -> list[AuthorityHit]:
        matcher = build_matcher(text)
        if not matcher.clauses:
            return []
        with closing(self._connect()) as conn:
            return lookup.search_authorities(conn, matcher, size)

    def suggest(self, prefix: str, size: int = 8) -> list[Suggestion]:
        with closing(self._connect()) as conn:
            return lookup.suggest(conn, prefix, size)

    # -- reads ---------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResults:
        matcher = build_matcher(query.text)
        expression = matcher.expression()
        with closing(self._connect()) as conn:
            # one read snapshot: the write generation the cache is keyed on and every query
            conn.execute("BEGIN")
            counting = self._count_beside(conn, query, expression)
            rows = self._top(conn, query, expression)
            counted = counting.result() if counting else None
            if rows is not None:  # text only: the hits' ids are all the rest needs
                total, facets = counted or results.get(conn, ("counts", expression), self._counted)
            else:
                candidates = self._candidates(conn, query, expression)
                total = conn.execute(
                    "SELECT COUNT(*) FROM temp.cand WHERE only IS NULL"
                ).fetchone()[0]
                rows = self._page(conn, query)
                facets = count_facets(conn, query, candidates, bool(expression))
            snippets = (
                self._snippets(conn, expression, matcher, [r[0] for r in rows])
                if query.highlight and expression
                else {}
            )
            suggestion = self._spelling(conn, matcher) if total == 0 and expression else None
            conn.execute("COMMIT")
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

    # The first pages of a text-only relevance search are ranked by FTS5 itself (ORDER BY bm25
    # LIMIT keeps a small sorter) and the facets counted from the hits' ids, without temp.cand:
    # bm25 for every hit stored in temp.cand cost twice as much on 25,000 hits.
    top_pages = 1000  # offset + size up to this
    tie_margin = 20  # rows fetched past the page to see the ties at its last rank

    @classmethod
    def _rankable(cls, query: SearchQuery, expression: str) -> bool:
        """A text-only relevance search for one of the first pages: `_top` may answer it."""
        plain = not cls._misses(query) and query.date_from is None and query.date_to is None
        wanted = query.offset + query.size
        return bool(expression and plain and query.sort == "relevance" and wanted <= cls.top_pages)

    def _count_beside(self, conn, query: SearchQuery, expression: str) -> Beside | None:
        """The total and facets of a text-only search counted on a second connection while
        this one ranks, when neither is cached yet: bm25 over every hit (90 ms for a word in
        69,600 documents) and the hits' ids and counts (12 ms) then take the longer of the
        two instead of their sum. None when there is nothing to gain."""
        if not self._rankable(query, expression):
            return None
        key = ("counts", expression)
        generation = write_generation(conn)
        if results.holds(generation, key, self._ranked_key(query, expression)):
            return None
        beside = Beside(self.path, generation, key, self._counted)
        beside.start()
        return beside

    @classmethod
    def _ranked_key(cls, query: SearchQuery, expression: str) -> tuple:
        """The result cache's key of `_ranked` for this page: its hits and the tie margin."""
        return ("ranked", expression, query.offset + query.size + cls.tie_margin)

    @classmethod
    def _top(cls, conn, query: SearchQuery, expression: str) -> list[tuple] | None:
        """The page of a text-only relevance search straight from FTS5, ties broken as
        SORTS["relevance"]; None when another path must answer (filters, dates, deep pages,
        ties running past the margin)."""
        if not cls._rankable(query, expression):
            return None
        wanted = query.offset + query.size
        found = results.get(conn, cls._ranked_key(query, expression), cls._ranked)
        if len(found) == wanted + cls.tie_margin and found[-1][1] == found[wanted - 1][1]:
            return None
        if len(found) >= wanted:  # every row tied with the page's last rank competes for it
            found = [f for f in found if f[1] <= found[wanted - 1][1]]
        ranks = dict(found)
        marks = ",".join("?" * len(ranks))
        docs = conn.execute(
            "SELECT item_id, identifier, title, dcmi_type, kind, date, year, title_sort "
            f"FROM docs WHERE item_id IN ({marks})",
            list(ranks),
        ).fetchall()
        docs.sort(key=lambda d: (ranks[d[0]], d[7] or "", d[0]))
        return [(*d[:7], ranks[d[0]]) for d in docs[query.offset : wanted]]

    @staticmethod
    def _ranked(conn, key: tuple) -> list[tuple[int, float]]:
        """(rowid, bm25) of the best `limit` hits: FTS5 computes bm25 for every hit (about
        1.3 µs each: 90 ms for a word in 69,600 documents), then keeps a small sorter."""
        _, expression, limit = key
        return conn.execute(
            f"SELECT rowid, bm25(fts, {WEIGHTS}) AS r FROM fts WHERE fts MATCH ? "
            "ORDER BY r LIMIT ?",
            (expression, limit),
        ).fetchall()

    @staticmethod
    def _counted(conn, key: tuple) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        """Total and facet counts of a text-only search, from the hits' ids."""
        hits = hit_ids(conn, "SELECT rowid AS item_id FROM fts WHERE fts MATCH ?", key[1])
        return len(hits), count_hits(conn, hits)

    @staticmethod
    def _page(conn, query: SearchQuery) -> list[tuple]:
        """The page from temp.cand. For relevance only the rows up to the page's last rank are
        joined with docs for the tie-breaks (ties at that rank included: the order is exact)."""
        cutoff = (
            conn.execute(
                "SELECT rank FROM temp.cand WHERE only IS NULL ORDER BY rank LIMIT 1 OFFSET ?",
                (query.offset + query.size - 1,),
            ).fetchone()
            if query.sort == "relevance"
            else None
        )
        return conn.execute(
            "SELECT d.item_id, d.identifier, d.title, d.dcmi_type, d.kind, d.date, d.year, "
            "h.rank FROM temp.cand h JOIN docs d USING (item_id) WHERE h.only IS NULL "
            f"AND h.rank <= ? ORDER BY {SORTS[query.sort]} LIMIT ? OFFSET ?",
            (cutoff[0] if cutoff else float("inf"), query.size, query.offset),
        ).fetchall()

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
            # bm25 costs more than the match itself: only a relevance sort pays for it
            rank = f"bm25(fts, {WEIGHTS})" if query.sort == "relevance" else "0.0"
            source = f"SELECT rowid AS item_id, {rank} AS rank FROM fts WHERE fts MATCH ?"
            source_params = [expression]
        else:
            source, source_params = "SELECT item_id, 0.0 AS rank FROM docs", []
        dates, date_params = cls._dates(query)
        conn.execute("DROP TABLE IF EXISTS temp.cand")
        # INTEGER PRIMARY KEY: the facet counts and the page join probe it by item_id
        conn.execute("CREATE TEMP TABLE cand (item_id INTEGER PRIMARY KEY, rank REAL, only TEXT)")
        if not misses and not date_params and expression:  # the text alone: no join needed
            cursor = conn.execute(
                f"INSERT INTO temp.cand SELECT *, NULL FROM ({source})", source_params
            )
            return cursor.rowcount
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
    def _snippets(
        conn, expression: str, matcher: Matcher, ids: list[int]
    ) -> dict[int, dict[str, list[str]]]:
        """The matching value of each highlighted field, marked in Python (stems and folded
        forms included): the title, each matched name alone, the matched sentence of the
        description; the full text's best window comes from FTS5's snippet()."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        found: dict[int, dict[str, list[str]]] = {i: {} for i in ids}
        rows = conn.execute(
            f"SELECT rowid, title, names, description FROM fts WHERE rowid IN ({marks})", ids
        )
        for item_id, title, names, description in rows:
            out = found[item_id]
            marked, n = mark_words(title or "", matcher)
            if n:
                out["title"] = [marked]
            named = [mark_words(name, matcher) for name in (names or "").split("\n")]
            if any(n for _, n in named):
                out["names"] = [m for m, n in named if n][:3]
            sentence = matched_sentence(description or "", matcher)
            if sentence:
                out["description"] = [sentence]
        with_text = [
            r[0]
            for r in conn.execute(
                f"SELECT item_id FROM docs WHERE has_fulltext AND item_id IN ({marks})", ids
            )
        ]
        fulltext = FTS_COLUMNS.index("fulltext")
        windows = (
            conn.execute(
                f"SELECT rowid, snippet(fts, {fulltext}, ?, ?, '…', 40) FROM fts "
                "WHERE fts MATCH ? AND rowid = ?",
                (OPEN, CLOSE, expression, item_id),
            ).fetchone()
            for item_id in with_text
        )
        for item_id, window in filter(None, windows):
            if window and OPEN in window:
                plain = window.replace(OPEN, "").replace(CLOSE, "")
                sentence = matched_sentence(plain, matcher)
                found[item_id]["fulltext"] = [sentence or mark(window)]
        return {i: out for i, out in found.items() if out}

    # -- spelling ------------------------------------------------------------------------
    # Unknown words one suggestion tries to correct; later ones are left as typed, so a long
    # query costs no more.
    suggest_words = 3

    @classmethod
    def _spelling(cls, conn, matcher: Matcher) -> str | None:
        """Replace words the index lacks by the closest indexed word within Elasticsearch's
        AUTO edit distance (1 for 3-5 letters, 2 above; same first letter, as its term
        suggester), the more frequent on a tie."""
        corrected, changed, tried = [], False, 0
        for word in matcher.words:
            # numbers (years, shelf marks) are never misspellings of other numbers
            spelled = word and not any(c.isdigit() for c in word)
            if spelled and tried < cls.suggest_words and not cls._known(conn, word):
                tried += 1
                close = cls._closest(conn, word)
                if close:
                    word, changed = close, True
            corrected.append(word)
        return " ".join(corrected) if changed else None

    @staticmethod
    def _known(conn, word: str) -> bool:
        """True when the word, or one of its stems, is indexed."""
        from .sqlite_text import word_variants

        forms, stems, _ = word_variants(word)
        for term in forms + stems:
            if conn.execute("SELECT 1 FROM vocab WHERE term = ?", (term,)).fetchone():
                return True
        return False

    @staticmethod
    def _closest(conn, word: str) -> str | None:
        edits = max_edits(word)
        if not edits:
            return None
        # rapidfuzz computes the optimal-string-alignment distance (a transposition is one
        # edit, as Lucene's fuzzy queries count it) in C over the first letter's words
        candidates = [
            r[0]
            for r in conn.execute(
                "SELECT word FROM words WHERE word >= ? AND word < ? AND length(word) BETWEEN ? AND ?",
                (word[0], word[0] + "\U0010ffff", len(word) - edits, len(word) + edits),
            )
        ]
        close = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=edits, limit=20)
        # only the closest few are weighed: fts5vocab counts a word's documents by reading its
        # whole posting list (8 ms for a word in 70,000 documents)
        nearest = min((distance for _, distance, _ in close), default=0)
        close = [c for c in close if c[1] == nearest][:5]
        best: tuple[int, int, str] | None = None
        for candidate, distance, _ in close:
            row = conn.execute("SELECT doc FROM vocab WHERE term = ?", (candidate,)).fetchone()
            if row and row[0] and (best is None or (distance, -row[0]) < best[:2]):
                best = (distance, -row[0], candidate)
        return best[2] if best else None


class ResultCache:
    """The ranked first hits, the total and the facet counts of recent text-only searches, per
    index file and write generation (every write transaction bumps it, sqlite_facets.py), as
    Solr's queryResultCache is per searcher: a repeated query answers without FTS5 computing
    bm25 for every hit again. Exact: an entry is only read in the generation it was computed
    in (one read snapshot), and the whole cache is dropped when the generation moves on.
    Per process, at most `size` entries (least recently used dropped first); the largest
    entry holds 1,020 (rowid, rank) pairs."""

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self.generation: tuple | None = None
        self.entries: OrderedDict[tuple, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, conn: sqlite3.Connection, key: tuple, compute: Callable[..., Any]) -> Any:
        generation = write_generation(conn)
        with self.lock:
            if generation != self.generation:
                self.entries.clear()
                self.generation = generation
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        found = compute(conn, key)
        with self.lock:
            if generation == self.generation:
                self.entries[key] = found
                while len(self.entries) > self.size:
                    self.entries.popitem(last=False)
        return found

    def holds(self, generation: tuple, *keys: tuple) -> bool:
        """True when `get` in this write generation would answer one of these keys from the
        cache."""
        with self.lock:
            return generation == self.generation and any(k in self.entries for k in keys)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


results = ResultCache()


class Beside(threading.Thread):
    """`compute(conn, key)` through the result cache on a second connection to the same index
    file, in a thread, while the caller's connection runs another statement: sqlite3 releases
    the GIL while a statement runs, so on two cores both advance at once. Its answer counts
    only if that connection read the same write generation as the caller's snapshot (every
    write to the documents bumps it: the same generation is the same rows); otherwise, or if
    it failed, `result()` is None and the caller computes the answer in its own snapshot."""

    def __init__(
        self, path: Path, generation: tuple, key: tuple, compute: Callable[..., Any]
    ) -> None:
        super().__init__(name="fts-beside", daemon=True)
        self.path, self.generation, self.key, self.compute = path, generation, key, compute
        self.found: Any = None

    def run(self) -> None:
        try:
            with closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as conn:
                conn.execute("BEGIN")
                if write_generation(conn) == self.generation:
                    self.found = results.get(conn, self.key, self.compute)
                conn.execute("COMMIT")
        except Exception:  # the caller computes it again in its own snapshot
            log.exception("search: counting beside the ranking failed; counting in line")
            self.found = None

    def result(self) -> Any:
        self.join()
        return self.found


def _algorithms(doc: dict, column: str, text: str) -> tuple[str, ...]:
    """The Snowball algorithms for one value: its own language for titles and descriptions
    (lang_text), else the item's languages; none for names."""
    if column in UNSTEMMED:
        return ()
    if column in LANGUAGE_TAGGED:
        own = [
            lang
            for lang, joined in (doc.get("lang_text") or {}).items()
            if text in joined.split(" \n")
        ]
        if own:
            return algorithms(own)
    return algorithms(doc.get("language", ()))
