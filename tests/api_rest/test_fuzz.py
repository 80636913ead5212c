"""Schemathesis against the REST API in-process: no 5xx and every answer as the schema says."""

import json

import pytest
import schemathesis
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Few examples and a fixed seed: a deterministic, bounded run (about a minute on SQLite).
FUZZ = settings(
    max_examples=5,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def load_schema() -> OpenApiSchema:
    """The schema /api/schema/ serves, generated in-process and called through the WSGI app.

    Not schemathesis.openapi.from_wsgi: it requests the schema at import time, before pytest-django
    allows the database; and not pytest.from_fixture, whose lazy loader breaks on pytest 9.
    """
    generated = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(
        json.loads(json.dumps(generated, cls=DjangoJSONEncoder))
    )
    loaded.app = get_wsgi_application()
    return loaded


schema = load_schema().exclude(path="/api/schema/")  # drf-spectacular's own view


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calls go through the WSGI handler, whose request signals close "old" connections: on
    PostgreSQL that would close the connection holding the test's transaction. Django's test
    client disconnects the same receiver for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@FUZZ
def test_anonymous(case, catalogue):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_curator(case, catalogue, curator):
    token, _ = Token.objects.get_or_create(user=curator)
    case.call_and_validate(headers={"Authorization": f"Token {token.key}"}, checks=CHECKS)
