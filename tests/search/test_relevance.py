"""Relevance gate: the demo judgements (benchmarks/relevance/judgements.toml) reach MRR >= 0.9.

A quality gate, not a timing: every judged query runs through search.service.search on the demo
collection, on the embedded backend and, where ELASTICSEARCH_URL is set, on Elasticsearch. The
rank rule and the metrics are in benchmarks/relevance/metrics.py; the figures per backend come
from `.venv/bin/python benchmarks/bench_relevance.py --backend both` (docs/search.md, Relevance).
"""

import pytest
from django.test import SimpleTestCase, TestCase

from benchmarks.relevance import metrics
from demo.dossier.authorities import AUTHORITIES
from demo.dossier.items import ITEMS
from tests.search.test_demo_search import DemoIndexed

MIN_MRR = 0.9


class JudgementFileTest(SimpleTestCase):
    """The judgement file is what the issue asks for and names only real, public demo records."""

    def test_size_and_languages(self):
        queries = metrics.load()
        self.assertGreaterEqual(len(queries), 40)
        self.assertEqual({q.lang for q in queries}, set(metrics.LANGUAGES))
        self.assertEqual(len({q.text for q in queries}), len(queries), "a query is judged twice")

    def test_names_public_demo_items_and_authorities(self):
        public = {
            i.identifier for i in ITEMS if i.status == "published" and i.visibility == "public"
        }
        slugs = {a.slug for a in AUTHORITIES}
        for q in metrics.load():
            self.assertLessEqual(set(q.items), public, q.text)
            self.assertLessEqual(set(q.authorities), slugs, q.text)

    def test_metrics_follow_the_rank_rule(self):
        q = metrics.Judged("x", "en", "name", items={"a": 2, "b": 1}, authorities={"p": 2})
        first = metrics.Outcome(q, [("authority", "p"), ("item", "a"), ("item", "b")])
        self.assertEqual((first.rr, round(first.ndcg, 6)), (1.0, 1.0))
        late = metrics.Outcome(q, [("item", "z"), ("item", "b"), ("authority", "p")])
        self.assertEqual(late.rr, 1 / 3)
        self.assertEqual(late.rr_lenient, 1 / 2)
        self.assertLess(late.ndcg, 1.0)
        self.assertEqual(metrics.Outcome(q, []).ndcg, 0.0)


class Relevance(DemoIndexed):
    """Mixed into a TestCase with `backend_path`: the demo is loaded and indexed once per class."""

    def test_mrr_on_the_demo_judgements(self):
        outcomes = metrics.run(metrics.load())
        s = metrics.summary(outcomes)
        misses = "\n".join(metrics.describe_miss(o) for o in outcomes if o.rr < 1)
        self.assertGreaterEqual(
            s["mrr"],
            MIN_MRR,
            f"MRR {s['mrr']:.3f}, nDCG@10 {s['ndcg10']:.3f}; answer not first:\n{misses}",
        )


@pytest.mark.elasticsearch
class ElasticsearchRelevanceTest(Relevance, TestCase):
    backend_path = "search.backends.elasticsearch.ElasticsearchBackend"


class SQLiteFTSRelevanceTest(Relevance, TestCase):
    backend_path = "search.backends.sqlite_fts.SQLiteFTSBackend"
