"""Fixtures for the search tests: an isolated index per test (the contract classes bring their own)."""

import pytest

from tests.search.corpus import isolated_settings


@pytest.fixture(autouse=True)
def search_index(request, settings, tmp_path):
    """Point search at a fresh index under the configured backend; drop it afterwards."""
    from search.backends import get_backend, reset_backend

    if getattr(request.cls, "own_index", False):
        yield None
        return
    for key, value in isolated_settings(str(tmp_path)).items():
        setattr(settings, key, value)
    reset_backend()
    backend = get_backend()
    yield backend
    backend.drop()
    reset_backend()
