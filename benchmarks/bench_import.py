"""Benchmark: `manage.py import_csv` of N rows against a raw bulk insert of the same items and
values, side by side in one process.

    .venv/bin/python benchmarks/bench_import.py --database-url postgres://.../import_bench [--rows 5000]

`--database-url` names a scratch database that the benchmark drops, creates and migrates
(PostgreSQL; without it, a fresh SQLite catalogue in a temporary directory). Two row shapes:
"simple" (identifier, dcmi_type, status, title@en: the stack's fault test) and "rich" (two
titles, two creators, three subjects, an EDTF date, two languages, a description, a collection).
For each shape it times the real command (checking, history revisions, search outbox rows,
all in one transaction), a raw `bulk_create` of the same items and values (no checks, no
history, no outbox: the floor), and a re-import of the rich file with every row changed.
Prints rows/s, the ratio import time / raw time and the queries per 1,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# Databases other people rely on: never dropped here.
PROTECTED = {"archive", "archive_stack", "bench_100k", "bench_1m", "postgres"}


def simple_csv(prefix: str, rows: int) -> str:
    lines = ["identifier,dcmi_type,status,title@en"]
    lines += [f"{prefix}-{n:05d},Text,draft,Imported row {n} of a benchmark" for n in range(rows)]
    return "\n".join(lines) + "\n"


def rich_csv(prefix: str, rows: int, edition: str = "") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "identifier",
            "dcmi_type",
            "status",
            "title@en",
            "title@fr",
            "creator",
            "subject@en",
            "date",
            "language",
            "description@en",
            "collections",
        ]
    )
    for n in range(rows):
        writer.writerow(
            [
                f"{prefix}-{n:05d}",
                "Text",
                "draft",
                f"Row {n} of a benchmark{edition}",
                f"Ligne {n}",
                f"Smith, Jane|Doe, John {n % 50}",
                f"Maps|Harbours|Topic {n % 30}",
                f"{1900 + n % 100}-0{1 + n % 9}",
                "en|fr",
                f"A description of row {n}, with a comma",
                "bench",
            ]
        )
    return out.getvalue()


def setup(database_url: str | None) -> None:
    os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="bench-import-")
    # With CELERY_BROKER_URL the outbox drain is queued, as on a deployment (point it at a Redis
    # database no worker reads); without one it runs eagerly after the commit, into the embedded
    # search index, and its indexing counts in the import's time.
    os.environ.pop("ELASTICSEARCH_URL", None)
    if database_url:
        name = urlsplit(database_url).path.lstrip("/")
        if name in PROTECTED:
            sys.exit(f"refusing to drop the database {name!r}: name a scratch database")
        import psycopg

        admin = database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(
            admin.replace("postgres://", "postgresql://", 1), autocommit=True
        ) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def run_command(text: str) -> tuple[float, int]:
    """Seconds and queries of `manage.py import_csv` of this file."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = Path(os.environ["DATA_DIR"], "bench.csv")
    path.write_text(text, encoding="utf-8")
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        call_command("import_csv", str(path), verbosity=0, stdout=io.StringIO())
        took = time.perf_counter() - started
    return took, len(queries)


def run_raw(text: str) -> float:
    """Seconds of a bare bulk insert of the file's items, values and collection links."""
    from django.db import transaction

    from collection.models import Collection, Item, MetadataValue

    collections = dict(Collection.objects.values_list("slug", "pk"))
    started = time.perf_counter()
    rows = list(csv.reader(io.StringIO(text)))
    header, rows = rows[0], rows[1:]
    with transaction.atomic():
        items = Item.objects.bulk_create(
            [Item(identifier=r[0], dcmi_type=r[1], status=r[2], title=r[3]) for r in rows],
            batch_size=500,
        )
        values, links = [], []
        for item, row in zip(items, rows, strict=True):
            for name, cell in zip(header[3:], row[3:], strict=True):
                term, _, language = name.partition("@")
                if term == "collections":
                    links.append(
                        Item.collections.through(item=item, collection_id=collections[cell])
                    )
                    continue
                for position, text in enumerate(cell.split("|")):
                    values.append(
                        MetadataValue(
                            item=item, term=term, position=position, value=text, language=language
                        )
                    )
        MetadataValue.objects.bulk_create(values, batch_size=1000)
        Item.collections.through.objects.bulk_create(links, batch_size=1000)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database-url", default="", help="a scratch PostgreSQL database")
    args = parser.parse_args()
    setup(args.database_url or None)

    from django.core.management import call_command
    from django.db import connection

    from collection import history
    from collection.models import Collection

    call_command("migrate", verbosity=0)
    with history.changes(comment="benchmark"):
        Collection.objects.get_or_create(slug="bench", defaults={"title": "Benchmark"})
    broker = os.environ.get("CELERY_BROKER_URL") or "none: eager drain counted"
    print(f"{connection.vendor}, {args.rows} rows per file, broker {broker}")
    print(
        f"{'file':<24}{'import s':>10}{'rows/s':>9}{'raw s':>8}{'raw rows/s':>11}"
        f"{'ratio':>7}{'queries/1k rows':>17}"
    )
    n = args.rows
    for shape, make in (("simple", simple_csv), ("rich", rich_csv)):
        took, queries = run_command(make(f"imp-{shape}", n))
        raw = run_raw(make(f"raw-{shape}", n))
        print(
            f"{shape + ', new':<24}{took:>10.1f}{n / took:>9.0f}{raw:>8.2f}{n / raw:>11.0f}"
            f"{took / raw:>7.1f}{queries * 1000 / n:>17.0f}"
        )
    took, queries = run_command(rich_csv("imp-rich", n, edition=" (revised)"))
    print(
        f"{'rich, every row changed':<24}{took:>10.1f}{n / took:>9.0f}{'':>8}{'':>11}{'':>7}"
        f"{queries * 1000 / n:>17.0f}"
    )


if __name__ == "__main__":
    main()
