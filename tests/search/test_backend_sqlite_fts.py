"""The contract suite on the embedded SQLite FTS5 backend."""

from tests.search.contract import BackendContract, TestCase


class SQLiteFTSBackendTest(BackendContract, TestCase):
    backend_path = "search.backends.sqlite_fts.SQLiteFTSBackend"
