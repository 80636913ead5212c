"""Query plans on PostgreSQL: which tables a request's queries read end to end.

Test tables are tiny, so the planner would scan them whatever the indexes; with enable_seqscan
off it scans only where no index can answer the query, which is what a test should catch (the
same query on a million rows has no better choice either).
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

    With enable_seqscan off a full read shows either as a Seq Scan or as an index walked
    without an Index Cond (a filter on every row); both count.
    """
    found: dict[str, str] = {}
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
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
            cursor.execute("SET LOCAL enable_seqscan = on")
    return found
