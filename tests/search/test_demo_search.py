"""The demo collection Dossier Vlasov is searchable on both backends, drafts and embargoes never."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import TestCase, override_settings

from collection import public
from search import outbox
from search.backends import get_backend, reset_backend
from search.query import SearchQuery
from search.service import search
from tests.search.corpus import isolated_settings

ARTICLE = "vlasov-article-2023"
PHOTOS = {"vlasov-photo-signal-1943", "vlasov-photo-training-camp-1943", "vlasov-photo-himmler"}
PERSON = "andrej-vlasov"
HIDDEN = {"vlasov-demo-draft-vienna-1943", "vlasov-demo-embargoed-pamphlets"}


class DemoIndexed:
    """Mixed into a TestCase with `backend_path`; the demo is loaded and drained once per class
    (also the relevance test's setting)."""

    backend_path = ""
    own_index = True  # the per-test fixture leaves this class's index alone

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        media = Path(cls._tmp.name) / "media"
        cls._settings = override_settings(  # the archive stores the demo's placeholder images
            MEDIA_ROOT=media,
            ARCHIVE_DERIVATIVES_ROOT=media / "derivatives",
            ARCHIVE_ORIGINALS_ROOT=Path(cls._tmp.name) / "originals",
            **isolated_settings(cls._tmp.name, cls.backend_path),
        )
        cls._settings.enable()
        reset_backend()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        get_backend().drop()
        cls._settings.disable()
        reset_backend()
        cls._tmp.cleanup()

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", verbosity=0)
        result = outbox.drain_all()
        assert result.failed == 0 and result.indexed > 0, result
        get_backend().refresh()


class DemoSearch(DemoIndexed):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # the public items linked to Vlasov's authority: the ones his other names must find
        linked = public.items().filter(values__authority__slug=PERSON)
        cls.linked = set(linked.values_list("identifier", flat=True))

    def found(self, text: str) -> set[str]:
        return {h.identifier for h in search(SearchQuery(text=text, page_size=100)).hits}

    def test_vlasov_finds_the_article_and_photographs(self):
        self.assertTrue({ARTICLE, *PHOTOS} <= self.found("Vlasov"))

    def test_the_demo_links_vlasov_to_the_article_and_photographs(self):
        self.assertIn(ARTICLE, self.linked)
        self.assertTrue(self.linked & PHOTOS)

    def test_cyrillic_name_finds_vlasov_through_the_authority(self):
        self.assertEqual(self.linked - self.found("Власов"), set())

    def test_german_name_finds_vlasov_through_the_authority(self):
        self.assertEqual(self.linked - self.found("Wlassow"), set())

    def test_misspelling_finds_vlasov(self):
        self.assertEqual({ARTICLE, *PHOTOS} - self.found("Vlasow"), set())

    def test_misspelling_is_found_or_suggested(self):
        results = search(SearchQuery(text="Vlasow"))
        self.assertTrue(results.total > 0 or results.suggestion == "vlasov", results.suggestion)

    def test_draft_and_embargoed_demo_records_never_appear(self):
        everything = search(SearchQuery(page_size=100))
        seen = {h.identifier for h in everything.hits}
        self.assertIn(ARTICLE, seen)
        for text in ("", "Vlasov", "Wenen", "Vienna", "pamfletten", "leaflets", "Demonstration"):
            self.assertFalse(self.found(text) & HIDDEN, text)
        self.assertFalse(seen & HIDDEN)


@pytest.mark.elasticsearch
class ElasticsearchDemoTest(DemoSearch, TestCase):
    backend_path = "search.backends.elasticsearch.ElasticsearchBackend"


class SQLiteFTSDemoTest(DemoSearch, TestCase):
    backend_path = "search.backends.sqlite_fts.SQLiteFTSBackend"
