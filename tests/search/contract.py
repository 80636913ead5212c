"""The behaviour every search backend must have; a few-line TestCase per engine runs it."""

import tempfile

from django.test import TestCase, override_settings

from collection.models import Authority, Item
from collection.models.authority import authority_path
from collection.models.item import item_path
from search.backends import get_backend, reset_backend
from search.documents import authority_documents, build_documents
from search.query import SearchQuery
from search.service import search, suggest
from tests.search.corpus import HIDDEN, ITEM_COUNTS, PUBLIC, build_corpus, isolated_settings


class BackendContract:
    """Mixed into a TestCase with `backend_path`; the corpus is built and indexed once per class."""

    backend_path = ""
    own_index = True  # tells the per-test fixture to leave this class's index alone

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        cls._settings = override_settings(**isolated_settings(cls._tmp.name, cls.backend_path))
        cls._settings.enable()
        reset_backend()
        cls.backend = get_backend()  # set outside setUpTestData: TestCase deep-copies that data
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
        cls.c = build_corpus()
        docs, _ = build_documents(Item.objects.values_list("pk", flat=True))
        cls.backend.index_documents(docs)
        cls.backend.index_authorities(
            authority_documents(Authority.objects.values_list("pk", flat=True))
        )
        cls.backend.refresh()

    def find(self, text="", **kwargs):
        return search(SearchQuery(text=text, **kwargs))

    def ids(self, results) -> list[str]:
        return [h.identifier for h in results.hits]

    def idents(self, *names) -> set[str]:
        return {self.c[n].identifier for n in names}

    # -- visibility ----------------------------------------------------------------------
    def test_only_public_items_are_found(self):
        results = self.find(page_size=100)
        self.assertEqual(set(self.ids(results)), self.idents(*PUBLIC))
        self.assertEqual(results.total, len(PUBLIC))

    def test_hidden_items_never_match_their_words(self):
        found = set(self.ids(self.find("Vlasov", page_size=100)))
        self.assertFalse(found & self.idents(*HIDDEN))
        self.assertIn(self.c["nl"].identifier, found)

    # -- matching ------------------------------------------------------------------------
    def test_title_ranks_above_description(self):
        ids = self.ids(self.find("Vlasov"))
        self.assertLess(
            ids.index(self.c["nl"].identifier), ids.index(self.c["chronicle"].identifier)
        )

    def test_phrase(self):
        self.assertEqual(set(self.ids(self.find('"einde van een"'))), self.idents("nl"))
        self.assertEqual(self.find('"een einde"').total, 0)

    def test_prefix(self):
        self.assertEqual(set(self.ids(self.find("overlop*"))), self.idents("nl"))

    def test_all_words_must_match(self):
        self.assertEqual(set(self.ids(self.find("generaal Berlijn"))), self.idents("photo"))

    def test_cyrillic_authority_variant_finds_vlasov(self):
        self.assertTrue(self.idents("nl", "photo") <= set(self.ids(self.find("Власов"))))

    def test_german_authority_variant_finds_vlasov(self):
        self.assertTrue(self.idents("nl", "photo") <= set(self.ids(self.find("Wlassow"))))

    def test_cyrillic_title(self):
        self.assertEqual(set(self.ids(self.find("манифест"))), self.idents("manifest"))

    def test_diacritics_are_ignored(self):
        self.assertIn(self.c["nl"].identifier, self.ids(self.find("Vlásov")))

    # -- misspellings: the backend suggests, the service reruns once and says so -------------
    def test_fuzzy_misspelling_finds_vlasov(self):
        results = self.find("Vlasow")
        self.assertTrue(self.idents("nl", "photo") <= set(self.ids(results)), self.ids(results))
        self.assertEqual(results.corrected_from, "Vlasow")
        self.assertEqual(results.suggestion.casefold(), "vlasov")

    def test_correct_spelling_is_not_corrected(self):
        results = self.find("Vlasov")
        self.assertIn(self.c["nl"].identifier, self.ids(results))
        self.assertIsNone(results.corrected_from)

    def test_misspelling_is_suggested_by_the_backend(self):
        results = self.backend.search(SearchQuery(text="Vlasow"))
        self.assertEqual(results.total, 0)
        self.assertEqual((results.suggestion or "").casefold(), "vlasov")

    def test_exact_search_is_not_corrected(self):
        results = search(SearchQuery(text="Vlasow"), correct=False)
        self.assertEqual((results.total, results.corrected_from), (0, None))
        self.assertEqual((results.suggestion or "").casefold(), "vlasov")

    def test_nothing_close_is_not_corrected(self):
        results = self.find("qqqzzxx")
        self.assertEqual((results.total, results.corrected_from), (0, None))

    # -- stemming per value language ------------------------------------------------------
    def test_dutch_plural_finds_singular(self):
        results = self.find("opleidingskampen")
        self.assertEqual(set(self.ids(results)), self.idents("letter"))
        self.assertIsNone(results.corrected_from)  # stemmed, not corrected

    def test_german_singular_finds_plural(self):
        results = self.find("Soldat")
        self.assertEqual(set(self.ids(results)), self.idents("released"))
        self.assertIsNone(results.corrected_from)

    def test_nothing_found_is_empty_not_an_error(self):
        results = self.find("qqqzzxx")
        self.assertEqual((results.total, results.hits), (0, []))

    # -- facets and filters --------------------------------------------------------------
    def test_facet_counts_and_labels(self):
        facets = self.find().facets
        kinds = {b.value: b.count for b in facets["kind"]}
        self.assertEqual(kinds["photograph"], 1)
        self.assertEqual(kinds["document"], 3)
        person = {b.value: b.label for b in facets["person"]}
        self.assertEqual(person, {"andrej-vlasov": "Andrej Vlasov"})
        self.assertEqual(
            {b.value: b.count for b in facets["collection"]}, {"wwii": 3, "dossier-vlasov": 2}
        )

    def test_filter_or_within_and_across_facets(self):
        either = self.find(filters={"kind": ["photograph", "map"]})
        self.assertEqual(set(self.ids(either)), self.idents("photo", "map"))
        both = self.find(filters={"kind": ["photograph", "map"], "place": ["prague"]})
        self.assertEqual(set(self.ids(both)), self.idents("photo"))
        selected = [b for b in both.facets["kind"] if b.selected]
        self.assertEqual([b.value for b in selected], ["photograph"])

    def test_selected_facet_keeps_its_other_values(self):
        # disjunctive: "kind" is counted without its own filter, so "map" stays pickable
        found = self.find(filters={"kind": ["photograph"]})
        self.assertEqual((found.total, set(self.ids(found))), (1, self.idents("photo")))
        kinds = {b.value: (b.count, b.selected) for b in found.facets["kind"]}
        self.assertEqual(kinds["photograph"], (1, True))
        self.assertEqual(kinds["map"], (1, False))
        self.assertEqual(kinds["document"], (3, False))
        # the other facets are counted under the kind filter
        self.assertEqual({b.value: b.count for b in found.facets["place"]}, {"prague": 1})

    def test_facets_count_under_the_other_facets_filters(self):
        found = self.find(filters={"kind": ["photograph", "proclamation"], "place": ["prague"]})
        kinds = {b.value: b.count for b in found.facets["kind"]}
        self.assertEqual(kinds, {"photograph": 1, "proclamation": 1})  # under place=prague
        places = {b.value: b.count for b in found.facets["place"]}
        self.assertEqual(places, {"prague": 2})  # under the kind filter only

    def test_collection_filter_includes_sub_collections(self):
        found = self.find(filters={"collection": ["wwii"]})
        self.assertEqual(set(self.ids(found)), self.idents("nl", "photo", "manifest"))

    def test_type_and_language_filters(self):
        self.assertEqual(
            set(self.ids(self.find(filters={"type": ["StillImage"]}))), self.idents("photo")
        )
        self.assertEqual(
            set(self.ids(self.find(filters={"language": ["ru"]}))), self.idents("manifest")
        )

    def test_date_range_overlaps_edtf_bounds(self):
        found = self.find(date_from=1943, date_to=1943)
        self.assertEqual(set(self.ids(found)), self.idents("letter", "chronicle"))
        self.assertEqual(set(self.ids(self.find(date_from=1946))), self.idents("nl", "chronicle"))

    def test_decade_facet(self):
        decades = {b.value: b for b in self.find().facets["decade"]}
        self.assertEqual(decades["1940"].count, 8)
        self.assertEqual(decades["1940"].label, "1940s")

    # -- order, pages, snippets ----------------------------------------------------------
    def test_sort_by_date_both_ways(self):
        years = [h.year for h in self.find(sort="date", page_size=100).hits if h.year]
        self.assertEqual(years, sorted(years))
        years = [h.year for h in self.find(sort="-date", page_size=100).hits if h.year]
        self.assertEqual(years, sorted(years, reverse=True))

    def test_sort_by_title(self):
        titles = [h.title.casefold() for h in self.find(sort="title", page_size=100).hits]
        self.assertEqual(titles[0], "<script>alert('x')</script> leaflet of 1942")
        self.assertEqual(titles[-1], "пражский манифест")

    def test_pagination(self):
        first, second = (
            self.find(sort="title", page_size=3),
            self.find(sort="title", page=2, page_size=3),
        )
        self.assertEqual((first.total, len(first.hits), second.page), (len(PUBLIC), 3, 2))
        self.assertFalse(set(self.ids(first)) & set(self.ids(second)))

    def test_page_size_is_capped(self):
        self.assertEqual(self.find(page_size=1000).page_size, 100)

    def test_hit_fields(self):
        (hit,) = self.find('"Generaal in Berlijn"').hits
        self.assertEqual(
            (hit.dcmi_type, hit.kind, hit.date, hit.year),
            ("StillImage", "photograph", "1944-11-14", 1944),
        )
        self.assertEqual(hit.item_id, self.c["photo"].pk)

    def test_highlight_marks_the_match(self):
        (hit,) = self.find("overloper").hits
        self.assertIn("<mark>overloper</mark>", " ".join(hit.highlights["title"]))

    def test_highlight_escapes_html_but_marks(self):
        (hit,) = self.find("leaflet").hits
        snippet = " ".join(hit.highlights["title"])
        self.assertIn("&lt;script&gt;", snippet)
        self.assertNotIn("<script>", snippet)
        self.assertIn("<mark>leaflet</mark>", snippet)

    def test_no_highlight_when_not_asked(self):
        (hit,) = self.find("overloper", highlight=False).hits
        self.assertEqual(hit.highlights, {})

    def test_names_highlight_shows_only_the_matched_name(self):
        (hit,) = [h for h in self.find("Praha").hits if h.identifier == self.c["photo"].identifier]
        names = " ".join(hit.highlights["names"])
        self.assertIn("<mark>Praha</mark>", names)
        for other in ("Vlasov", "Власов", "Wlassow"):
            self.assertNotIn(other, names)

    # -- authorities ----------------------------------------------------------------------
    def authority(self, text, slug="wilfried-strik-strikfeldt"):
        """The hit for `slug` among the authorities found for `text` (fails when absent)."""
        results = self.find(text)
        found = {h.slug: h for h in results.authorities}
        self.assertIn(slug, found, f"{text!r} found {list(found)}")
        return found[slug]

    def test_authority_linked_to_no_item_is_found_by_its_name(self):
        results = self.find("Strik-Strikfeldt")
        self.assertEqual(results.total, 0)
        self.assertIsNone(results.corrected_from)
        (hit,) = results.authorities
        self.assertEqual(
            (hit.authority_id, hit.kind, hit.slug, hit.name, hit.item_count),
            (
                self.c["strik"].pk,
                "person",
                "wilfried-strik-strikfeldt",
                "Wilfried Strik-Strikfeldt",
                0,
            ),
        )
        self.assertEqual(hit.url, authority_path("person", "wilfried-strik-strikfeldt"))

    def test_authority_found_in_another_script_shows_that_name(self):
        hit = self.authority("Штрикфельдт")
        self.assertIn("<mark>Штрикфельдт</mark>", hit.matched)
        self.assertIn("Вильфрид", hit.matched)
        self.assertNotIn("Wilfried", hit.matched)
        self.assertEqual(hit.name, "Wilfried Strik-Strikfeldt")

    def test_authority_found_folded(self):
        self.authority("Wilfríed Štrik")

    def test_authority_found_by_a_description_word_shows_the_sentence(self):
        hit = self.authority("liaison")
        self.assertIn("<mark>liaison</mark>", hit.matched)
        self.assertNotIn("Wehrmacht", hit.matched)

    def test_authority_shows_its_matched_preferred_name(self):
        hits = self.find("Vlasov").authorities
        self.assertEqual(hits[0].slug, "andrej-vlasov")
        self.assertIn("<mark>Vlasov</mark>", hits[0].matched)
        self.assertEqual(hits[0].kind, "person")

    def test_authority_item_count_is_public_items_linked(self):
        for slug, text in (
            ("andrej-vlasov", "Vlasov"),
            ("prague", "Prague"),
            ("wilfried-strik-strikfeldt", "Strik-Strikfeldt"),
        ):
            self.assertEqual(self.authority(text, slug).item_count, ITEM_COUNTS[slug], slug)

    def test_private_authority_is_never_found(self):
        for text in ("Verborgen Informant", "Informant", "Тайный осведомитель"):
            results = self.find(text)
            self.assertEqual(results.authorities, [], text)
            self.assertNotIn(self.c["letter"].identifier, self.ids(results), text)

    def test_authorities_only_on_the_first_page_of_a_text_search(self):
        self.assertEqual(self.find().authorities, [])
        self.assertEqual(self.find("Vlasov", page=2).authorities, [])
        self.assertEqual(self.backend.search_authorities("qqqzzxx"), [])

    # -- autocomplete ---------------------------------------------------------------------
    def suggested(self, prefix) -> dict:
        return {s.text: s for s in suggest(prefix)}

    def test_suggest_title_by_a_word_prefix(self):
        title = "Brief uit het opleidingskamp Dabendorf"
        entry = self.suggested("opleidings")[title]
        self.assertEqual(entry.source, "title")
        self.assertEqual(entry.url, item_path(self.c["letter"].identifier))
        self.assertIn("<mark>", entry.label)
        self.assertIn("Dabendorf", entry.label)

    def test_suggest_authority_name_in_cyrillic(self):
        entry = self.suggested("Штрик")["Штрик-Штрикфельдт, Вильфрид Карлович"]
        self.assertEqual(entry.source, "person")
        self.assertEqual(entry.url, authority_path("person", "wilfried-strik-strikfeldt"))
        self.assertIn("<mark>Штрик", entry.label)

    def test_suggest_subject(self):
        entry = self.suggested("cartog")["Cartografie"]
        self.assertEqual(entry.source, "subject")

    def test_suggest_folds_diacritics(self):
        self.assertIn("Andrej Vlasov", self.suggested("Vlás"))
        self.assertIn("Bericht über einen Soldaten der Befreiungsarmee", self.suggested("uber"))

    def test_suggest_several_words(self):
        self.assertIn("Brief uit het opleidingskamp Dabendorf", self.suggested("brief uit het op"))

    def test_suggest_has_no_duplicates_and_nothing_hidden(self):
        entries = self.backend.suggest("vlas")
        texts = [s.text.casefold() for s in entries]
        self.assertEqual(len(texts), len(set(texts)), texts)
        self.assertIn("andrej vlasov", texts)
        self.assertIn("vlasov: het einde van een russische overloper", texts)
        for hidden in ("Vlasov draft notes", "Vlasov private letter", "Vlasov embargoed report"):
            self.assertNotIn(hidden.casefold(), texts)

    def test_suggest_never_shows_a_private_authority(self):
        self.assertEqual(self.suggested("Verborg"), {})
        self.assertEqual(self.suggested("Тайный"), {})

    def test_suggest_too_short_or_unknown_is_empty(self):
        self.assertEqual(suggest(""), [])
        self.assertEqual(suggest("v"), [])
        self.assertEqual(suggest("qqqzzxx"), [])

    def test_backend_name(self):
        self.assertEqual(self.find().backend, self.backend.name)


__all__ = ["BackendContract", "TestCase"]
