"""The contract suite on the embedded SQLite FTS5 backend."""

import unittest

from tests.search.contract import BackendContract, TestCase


class SQLiteFTSBackendTest(BackendContract, TestCase):
    backend_path = "search.backends.sqlite_fts.SQLiteFTSBackend"

    # FTS5 has no edit-distance matching; it offers a suggestion instead (see docs/search.md).
    test_fuzzy_misspelling_finds_vlasov = unittest.expectedFailure(
        BackendContract.test_fuzzy_misspelling_finds_vlasov
    )
