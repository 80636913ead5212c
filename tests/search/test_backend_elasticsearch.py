"""The contract suite on a real Elasticsearch node (ELASTICSEARCH_URL)."""

import pytest

from tests.search.contract import BackendContract, TestCase


@pytest.mark.elasticsearch
class ElasticsearchBackendTest(BackendContract, TestCase):
    backend_path = "search.backends.elasticsearch.ElasticsearchBackend"
