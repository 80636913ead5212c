"""Fixtures of the preservation tests: the demo with its images, and an instance emptied in place."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.test import Client

from tests.conftest import module_catalogue

WIPED_APPS = ("collection", "archive", "search", "preservation")
_RESPONSE_DATE = re.compile(rb"<responseDate>[^<]*</responseDate>")


def load_demo() -> None:
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo collection (with its placeholder images and derivatives), rolled back after."""
    with module_catalogue(django_db_blocker, tmp_path_factory, "preservation", load_demo):
        yield


def empty_instance() -> None:
    """Remove every row the catalogue and the archive hold and restart their id sequences, as
    `manage.py flush` does, so what follows runs as on a new, empty instance."""
    models = [m for label in WIPED_APPS for m in apps.get_app_config(label).get_models()]
    tables = [m._meta.db_table for m in models]
    tables += [
        f.m2m_db_table() for m in models for f in m._meta.local_many_to_many
    ]  # Item.collections
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with pending deferred foreign-key checks in this transaction
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in connection.ops.sql_flush(
            no_style(), tables, reset_sequences=True, allow_cascade=True
        ):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def restart_ids(model, next_id: int) -> None:
    """Make `next_id` the next id of the model's table, as it was when the rows being restored
    were first made (PostgreSQL sequences do not roll back with the test's transaction)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)", [table, next_id]
            )
        elif connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            if next_id > 1:
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, next_id - 1]
                )


def harvest() -> dict[str, bytes]:
    """What harvesters see: the OAI-PMH ListRecords output and the REST listing, for staff
    and public alike (responseDate is the time of the request, so it is set aside)."""
    client = Client()
    oai = client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content
    rest = client.get("/api/items/", HTTP_ACCEPT="application/json").content
    return {"oai": _RESPONSE_DATE.sub(b"", oai), "rest": rest}


def payload_manifest(bag: Path) -> str:
    return (bag / "manifest-sha256.txt").read_text()
