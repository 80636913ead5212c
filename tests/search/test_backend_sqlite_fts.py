"""The contract suite on the embedded SQLite FTS5 backend."""

import unittest

from tests.search.contract import BackendContract, TestCase


class SQLiteFTSBackendTest(BackendContract, TestCase):
    backend_path = "search.backends.sqlite_fts.SQLiteFTSBackend"

    @unittest.expectedFailure
    def test_fuzzy_misspelling_finds_vlasov(self):
        # FTS5 has no edit-distance matching; it offers a suggestion instead (docs/search.md).
        super().test_fuzzy_misspelling_finds_vlasov()
