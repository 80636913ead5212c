"""Plain executemany INSERTs for rows whose ids nobody needs back: several times faster than
bulk_create, which builds and compiles a model instance per row."""

from collections.abc import Callable, Iterable, Sequence

from django.db import connection, models


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert raw rows into the model's table; values must already be database-ready."""
    rows = list(rows)
    if not rows:
        return 0
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def date_adapter() -> Callable:
    """Return the function that turns a date into what the driver wants (text for SQLite)."""
    return connection.ops.adapt_datefield_value


def db_json(model: type[models.Model], field: str, value):
    """A JSON value as the model field would send it (a Jsonb adapter on PostgreSQL)."""
    return model._meta.get_field(field).get_db_prep_save(value, connection)


def db_datetime(value):
    return connection.ops.adapt_datetimefield_value(value)
