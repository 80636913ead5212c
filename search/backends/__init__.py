"""Choose the search backend named by settings.SEARCH_BACKEND (a dotted path)."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import BackendUnavailable, BaseSearchBackend

__all__ = ["BackendUnavailable", "BaseSearchBackend", "get_backend", "reset_backend"]


@cache
def _backend(path: str, prefix: str) -> BaseSearchBackend:
    return import_string(path)({"prefix": prefix})


def get_backend() -> BaseSearchBackend:
    """Return the configured backend, one instance per (path, prefix)."""
    return _backend(settings.SEARCH_BACKEND, settings.SEARCH_INDEX_PREFIX)


def reset_backend() -> None:
    """Forget cached backends (after a settings change in tests)."""
    _backend.cache_clear()
