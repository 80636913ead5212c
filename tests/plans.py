"""Query plans on PostgreSQL: which tables a request's queries read end to end.

Test tables are tiny, so the planner would scan them whatever the indexes. With sequential and
plain index scans off it reads a table through a bitmap scan (which needs an index condition)
or an index-only scan, and falls back to a sequential scan only where no index can narrow the
read: what a test should catch (the same query on a million rows has no better choice either).
Plain index scans are off because on a table the statistics call tiny (after another test's
ANALYZE) the planner prefers walking a whole B-tree with a filter to a GIN bitmap: a plan that
depends on which test ran before is no test.
"""

from __future__ import annotations

import json

import pytest
from django.db import connection

# A scan that reads a table or index from one end: no condition narrows where it starts.
WHOLE = {"Seq Scan", "Index Scan", "Index Only Scan"}


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("query plans are checked on the PostgreSQL pass")


def _whole(node: dict) -> list[str]:
    found = []
    if node.get("Node Type") in WHOLE and "Index Cond" not in node:
        found.append(node.get("Relation Name", ""))
    for child in node.get("Plans", ()):
        found += _whole(child)
    return found


def read_whole(queries: list[dict]) -> dict[str, str]:
    """{table: first query} for every table some SELECT of `queries` reads from one end.

    A full read shows as a Seq Scan (or, should a plain index scan still be chosen, as an index
    walked without an Index Cond: a filter on every row); both count.
    """
    found: dict[str, str] = {}
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        try:
            for query in queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                for table in _whole(plan[0]["Plan"]):
                    found.setdefault(table, sql)
        finally:
            for setting in ("enable_seqscan", "enable_indexscan"):
                cursor.execute(f"SET LOCAL {setting} = on")
    return found
