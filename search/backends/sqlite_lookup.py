"""Authorities and autocomplete for the embedded FTS5 backend, in the same file as the items.

- `authorities` + `afts`: one row per public authority; every name (any script) and the
  description, each with a companion column of folded forms and stems (as the items' columns).
- `complete`: what autocomplete offers, one row per item title, authority name and literal
  subject, matched by word prefixes (`prefix = '1 2 3'` indexes). Row ids order the entries for
  an early `LIMIT`: subjects (most negative), then authority names, then titles (item ids).
"""

from __future__ import annotations

import html
import json
import math
import sqlite3
from collections.abc import Mapping

from ..query import AuthorityHit, Suggestion
from .base import strip_controls
from .sqlite_text import (
    WORD,
    Matcher,
    algorithms,
    extra_tokens,
    fold,
    mark_words,
    matched_sentence,
    quote,
    words,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS authorities (
    id INTEGER PRIMARY KEY, version INTEGER NOT NULL, kind TEXT NOT NULL, slug TEXT NOT NULL,
    name TEXT NOT NULL, item_count INTEGER NOT NULL, names TEXT NOT NULL, description TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS afts USING fts5 (names, names_x, description, description_x,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TABLE IF NOT EXISTS subjects (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE IF NOT EXISTS complete USING fts5 (text, text_x, source UNINDEXED,
    ref UNINDEXED, weight UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
"""
TABLES = ("authorities", "afts", "subjects", "complete")
# names 5, description 1: a person is found by a name before a mention in another's biography
AUTHORITY_WEIGHTS = "5, 5, 1, 1"
NAMES_PER_AUTHORITY = 64  # each name has its own `complete` row id in the authority's block
SUBJECT_BASE = 1 << 52  # below every authority block
# Autocomplete reads at most this many matching rows, in row id order, and ranks those.
SUGGEST_ROWS = 200


def _name_rowid(authority_id: int, position: int) -> int:
    return -(authority_id * NAMES_PER_AUTHORITY + position + 1)


# -- writes ----------------------------------------------------------------------------------


def remove_title(conn: sqlite3.Connection, item_id: int) -> None:
    conn.execute("DELETE FROM complete WHERE rowid = ?", (item_id,))


def add_item(
    conn: sqlite3.Connection, item_id: int, identifier: str, title: str, subjects: list[str]
) -> None:
    """The item's title as a completion; literal subjects once each (counted by facet_totals)."""
    if title.strip():
        text = strip_controls(title)
        conn.execute(
            "INSERT INTO complete (rowid, text, text_x, source, ref, weight) "
            "VALUES (?, ?, ?, 'title', ?, 0)",
            (item_id, text, extra_tokens(text, ()), identifier),
        )
    for subject in subjects:
        row = conn.execute(
            "INSERT INTO subjects (value) VALUES (?) ON CONFLICT (value) DO NOTHING RETURNING id",
            (subject,),
        ).fetchone()
        if row:  # new: add its completion (a subject no item has any more is skipped on read)
            text = strip_controls(subject)
            conn.execute(
                "INSERT INTO complete (rowid, text, text_x, source, ref, weight) "
                "VALUES (?, ?, ?, 'subject', ?, 0)",
                (-(SUBJECT_BASE + row[0]), text, extra_tokens(text, ()), subject),
            )


def index_authorities(conn: sqlite3.Connection, docs: Mapping[int, dict]) -> set[str]:
    """Write authority documents (versioned: an older one never wins); return their words."""
    vocabulary: set[str] = set()
    ids = list(docs)
    current: dict[int, int] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        current.update(
            conn.execute(
                f"SELECT id, version FROM authorities WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        )
    for authority_id, doc in docs.items():
        if current.get(authority_id, -1) > doc["version"]:
            continue
        remove_authority(conn, authority_id)
        names = [
            {"name": strip_controls(n["name"]), "language": n.get("language") or ""}
            for n in doc["names"]
            if n["name"].strip()
        ][:NAMES_PER_AUTHORITY]
        description = strip_controls(doc.get("description") or "")
        language = algorithms([names[0]["language"]] if names else [])
        conn.execute(
            "INSERT INTO authorities VALUES (?,?,?,?,?,?,?,?)",
            (
                authority_id,
                doc["version"],
                doc["kind"],
                doc["slug"],
                doc["name"],
                doc.get("item_count", 0),
                json.dumps(names, ensure_ascii=False),
                description,
            ),
        )
        conn.execute(
            "INSERT INTO afts (rowid, names, names_x, description, description_x) "
            "VALUES (?,?,?,?,?)",
            (
                authority_id,
                "\n".join(n["name"] for n in names),
                " ".join(extra_tokens(n["name"], algorithms([n["language"]])) for n in names),
                description,
                extra_tokens(description, language),
            ),
        )
        seen: set[str] = set()
        for position, n in enumerate(names):
            if fold(n["name"]) in seen:
                continue
            seen.add(fold(n["name"]))
            conn.execute(
                "INSERT INTO complete (rowid, text, text_x, source, ref, weight) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    _name_rowid(authority_id, position),
                    n["name"],
                    extra_tokens(n["name"], ()),
                    doc["kind"],
                    doc["slug"],
                    doc.get("item_count", 0),
                ),
            )
        vocabulary.update(fold(w) for n in names for w in words(n["name"]))
        vocabulary.update(fold(w) for w in words(description))
    return vocabulary


def remove_authority(conn: sqlite3.Connection, authority_id: int) -> None:
    conn.execute("DELETE FROM authorities WHERE id = ?", (authority_id,))
    conn.execute("DELETE FROM afts WHERE rowid = ?", (authority_id,))
    conn.execute(
        "DELETE FROM complete WHERE rowid BETWEEN ? AND ?",
        (_name_rowid(authority_id, NAMES_PER_AUTHORITY - 1), _name_rowid(authority_id, 0)),
    )


# -- reads -----------------------------------------------------------------------------------


def search_authorities(conn: sqlite3.Connection, matcher: Matcher, size: int) -> list[AuthorityHit]:
    """Best first: bm25 over names (weight 5) and description (1), then public items linked."""
    rows = conn.execute(
        "SELECT a.id, a.kind, a.slug, a.name, a.item_count, a.names, a.description, "
        f"bm25(afts, {AUTHORITY_WEIGHTS}) AS r FROM afts JOIN authorities a ON a.id = afts.rowid "
        "WHERE afts MATCH ? ORDER BY r, a.item_count DESC, a.id LIMIT ?",
        (matcher.expression(), size),
    ).fetchall()
    hits = []
    for authority_id, kind, slug, name, count, names, description, rank in rows:
        hits.append(
            AuthorityHit(
                authority_id=authority_id,
                kind=kind,
                slug=slug,
                name=name,
                matched=_matched(json.loads(names), description or "", matcher)
                or html.escape(name),
                item_count=count,
                score=-float(rank),
            )
        )
    return hits


def _matched(names: list[dict], description: str, matcher: Matcher) -> str | None:
    """The name with the most words matched as typed, then matched at all (synonyms, stems),
    the first on a tie (preferred, then variants in catalogue order); else the matched
    sentence of the description."""
    best, most = None, (0, 0)
    for entry in names:
        marked, n = mark_words(entry["name"], matcher)
        score = (sum(fold(w) in matcher.typed for w in words(entry["name"])), n)
        if n and score > most:
            best, most = marked, score
    return best or matched_sentence(description, matcher)


def suggest(conn: sqlite3.Connection, text: str, size: int) -> list[Suggestion]:
    """Titles, authority names and subjects whose words start with every typed word (folded).

    Order: the entry starting with the typed text first, then authorities and subjects by
    the items they have, then titles, shorter first.
    """
    typed = [fold(w) for w in words(text)]
    if not typed:
        return []
    typed = list(dict.fromkeys(typed))
    expression = " AND ".join(quote(w) + " *" for w in typed)
    rows = conn.execute(
        "SELECT rowid, text, source, ref, weight FROM complete WHERE complete MATCH ? LIMIT ?",
        (expression, SUGGEST_ROWS),
    ).fetchall()
    whole = " ".join(typed)
    ranked = []
    live_subjects = _live_subjects(conn, [r[3] for r in rows if r[2] == "subject"])
    for rowid, entry, source, ref, weight in rows:
        if source == "subject":
            if ref not in live_subjects:
                continue
            weight = live_subjects[ref]
        key = (
            not fold(entry).startswith(whole),
            source == "title",
            -math.log1p(weight or 0),
            len(entry),
            rowid,
        )
        ranked.append((key, entry, source, ref))
    ranked.sort(key=lambda r: r[0])
    found: list[Suggestion] = []
    seen: set[str] = set()
    for _, entry, source, ref in ranked:
        if entry.casefold() in seen:
            continue
        seen.add(entry.casefold())
        found.append(
            Suggestion(
                text=entry,
                source=source,
                label=_label(entry, typed),
                identifier=ref if source == "title" else "",
                slug=ref if source not in ("title", "subject") else "",
            )
        )
        if len(found) == size:
            break
    return found


def _live_subjects(conn: sqlite3.Connection, values: list[str]) -> dict[str, int]:
    """Subject value -> items that have it, for the values some public item still has."""
    if not values:
        return {}
    marks = ",".join("?" * len(values))
    return dict(
        conn.execute(
            f"SELECT value, n FROM facet_totals WHERE facet = 'subject' AND n > 0 "
            f"AND value IN ({marks})",
            values,
        )
    )


def _label(text: str, typed: list[str]) -> str:
    """`text` escaped, the typed start of each word marked."""
    out, last = [], 0
    for match in WORD.finditer(text):
        word = match.group()
        folded = fold(word)
        prefix = next((p for p in typed if folded.startswith(p)), None)
        if prefix is None:
            continue
        # the typed length in the word as written, when folding kept the length
        end = len(prefix) if fold(word[: len(prefix)]) == prefix else len(word)
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(word[:end])}</mark>{html.escape(word[end:])}")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)
