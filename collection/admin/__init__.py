"""The archivists' admin: one module per model family, registered on import."""

from . import authorities, bibliographic, collections, history, items  # noqa: F401
