"""FTS5 text analysis: Snowball stems per value language, ASCII folding, synonyms, spelling,
matched-value snippets, authorities and autocomplete tables, and a reindex after the analysis
changes. Hand-made documents on a throw-away index file: no catalogue needed but for labels."""

import pytest

from search.backends import sqlite_fts, sqlite_text
from search.backends.sqlite_fts import COLUMNS, SQLiteFTSBackend
from search.documents import FACET_FIELDS
from search.query import SearchQuery

pytestmark = pytest.mark.django_db


def doc(title: str, language: str = "", description: str = "", version: int = 1, **more) -> dict:
    """A search document with one title (and description) in `language`."""
    texts = {"title": [title], "description": [description] if description else []}
    lang_text = {language: " \n".join([title, *texts["description"]])} if language else {}
    return {
        "identifier": f"i-{abs(hash(title)) % 10**8}",
        "version": version,
        "title_sort": [title.casefold()],
        "dcmi_type": "Text",
        "date": "",
        "year": None,
        "date_lower": None,
        "date_upper": None,
        "lang_text": lang_text,
        **{c: [] for c in COLUMNS},
        **{name: [] for name in FACET_FIELDS},
        "language": [language] if language else [],
        **texts,
        **more,
    }


@pytest.fixture
def backend(tmp_path):
    return SQLiteFTSBackend({"path": tmp_path / "fts.sqlite3"})


def found(backend, text: str) -> set[int]:
    return {h.item_id for h in backend.search(SearchQuery(text=text)).hits}


@pytest.mark.parametrize(
    "language, indexed, typed",
    [
        ("nl", "Brief uit het opleidingskamp", "opleidingskampen"),
        ("en", "The armies of the east", "army"),
        ("de", "Bericht über einen Soldaten", "Soldat"),
        ("ru", "Текст манифеста", "манифест"),
        ("cs", "Dopisy z Prahy", "dopis"),
    ],
)
def test_stemmed_in_the_value_language(backend, language, indexed, typed):
    backend.index_documents({1: doc(indexed, language), 2: doc("Something else", language)})
    assert found(backend, typed) == {1}


def test_a_value_is_stemmed_in_its_own_language_only(backend):
    # the same word in an English title is not a Dutch plural
    backend.index_documents(
        {1: doc("Opleidingskampen in Drenthe", "nl"), 2: doc("Opleidingskampen, a name", "en")}
    )
    assert found(backend, "opleidingskamp") == {1}
    assert found(backend, "opleidingskampen") == {1, 2}  # as written, in any language


def test_title_stem_ranks_above_description_stem(backend):
    backend.index_documents(
        {
            1: doc("Verslag", "nl", description="Over de opleidingskampen in het oosten."),
            2: doc("De opleidingskampen", "nl"),
        }
    )
    hits = backend.search(SearchQuery(text="opleidingskamp")).hits
    assert [h.item_id for h in hits] == [2, 1]


@pytest.mark.parametrize(
    "indexed, typed",
    [
        ("Die Straße nach Łódź", "strasse lodz"),
        ("Ørsted og Æsop", "orsted aesop"),
        ("Vlásov", "vlasov"),
        ("Vlasov", "Vlásov"),
        ("Ёлка", "елка"),
    ],
)
def test_ascii_folding_both_ways(backend, indexed, typed):
    backend.index_documents({1: doc(indexed), 2: doc("other")})
    assert found(backend, typed) == {1}


def test_names_are_folded_but_not_stemmed(backend):
    backend.index_documents({1: doc("Portrait", names=["Władysław Anders"])})
    assert found(backend, "wladyslaw") == {1}
    assert found(backend, "ander") == set()


def test_synonyms_from_the_shared_file(backend, tmp_path, monkeypatch):
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text(
        "# comment\n\nPraha, Praag, Прага\nPetersburg, Leningrad => Sankt-Peterburg\n"
        "Strik-Strikfeldt, Штрик-Штрикфельдт\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sqlite_text, "SYNONYMS_PATH", synonyms)
    backend.index_documents(
        {
            1: doc("Kaart van Praha"),
            2: doc("Gids voor Praag"),
            3: doc("Blokkade van Sankt-Peterburg"),
            4: doc("Leningrad 1942"),
            5: doc("Воспоминания Штрик-Штрикфельдт"),
        }
    )
    assert found(backend, "Прага") == {1, 2}
    assert found(backend, "praag") == {1, 2}
    assert found(backend, "Leningrad") == {3, 4}  # a => b: b found, a as typed too
    assert found(backend, "Sankt-Peterburg") == {3}  # but not the other way round
    assert found(backend, "Strik-Strikfeldt") == {5}  # a multi-word entry, as a phrase


def test_the_shipped_synonyms_hold_the_issue_examples():
    for word, variant in (("wlassow", "vlasov"), ("власов", "vlasov"), ("praag", "praha")):
        assert variant in sqlite_text.synonyms(word), word


@pytest.mark.parametrize(
    "typed, suggestion",
    [
        ("Vlasow", "vlasov"),  # one edit
        ("Vlasovv", "vlasov"),
        ("Wlasof", "wlassow"),  # two edits: six letters allow two
        ("Vladimir", None),  # nothing within two edits
        ("amry", "army"),  # a transposition is one edit
        ("arnyy", None),  # two edits in five letters: Elasticsearch's AUTO allows one
        ("xy", None),  # two letters: never corrected
        ("Blasov", None),  # the first letter is kept, as the term suggester does
        ("1954", None),  # numbers are not corrected (1944 is one edit away)
    ],
)
def test_spelling_within_the_auto_edit_distance(backend, typed, suggestion):
    backend.index_documents({1: doc("Vlasov and the army in 1944"), 2: doc("Wlassow")})
    results = backend.search(SearchQuery(text=typed))
    assert (results.total, results.suggestion) == (0, suggestion)


def test_spelling_prefers_the_more_frequent_word(backend):
    backend.index_documents({1: doc("the barn"), 2: doc("a born"), 3: doc("born again")})
    assert backend.search(SearchQuery(text="bern")).suggestion == "born"


def test_highlights_show_the_matching_value(backend):
    backend.index_documents(
        {
            1: doc(
                "Het opleidingskamp Dabendorf",
                "nl",
                description="Een brief. Over de kampen bij Berlijn en Wünsdorf. Nog iets.",
                names=["Beyda, Oleg", "Бейда, Олег", "Petrov, Igor"],
            )
        }
    )
    (hit,) = backend.search(SearchQuery(text="opleidingskampen Berlijn Petrov")).hits
    assert hit.highlights["title"] == ["Het <mark>opleidingskamp</mark> Dabendorf"]
    assert hit.highlights["names"] == ["<mark>Petrov</mark>, Igor"]
    assert hit.highlights["description"] == ["Over de kampen bij <mark>Berlijn</mark> en Wünsdorf."]


def authority(authority_id: int, name: str, *variants, description="", version=1, count=0):
    return {
        "id": authority_id,
        "version": version,
        "kind": "person",
        "slug": f"a-{authority_id}",
        "name": name,
        "names": [{"name": name, "language": "en"}]
        + [{"name": n, "language": lang} for n, lang in variants],
        "description": description,
        "item_count": count,
    }


def test_authorities_versioned_deleted_and_matched(backend):
    backend.index_authorities(
        {
            1: authority(1, "Andrej Vlasov", ("Власов, Андрей", "ru"), count=3),
            2: authority(2, "Sergej Bunjatschenko", description="Commander. Met Vlasov in 1944."),
        }
    )
    hits = backend.search_authorities("Власов")  # also Vlasov, through search/synonyms.txt
    assert [(h.authority_id, h.matched) for h in hits] == [
        (1, "<mark>Власов</mark>, Андрей"),  # the name as typed before the synonym
        (2, "Met <mark>Vlasov</mark> in 1944."),
    ]
    hits = backend.search_authorities("vlasov")
    assert [h.authority_id for h in hits] == [1, 2]  # by name before the mention
    assert hits[1].matched == "Met <mark>Vlasov</mark> in 1944."
    backend.index_authorities({1: authority(1, "Old name", version=0)})  # older: ignored
    assert backend.indexed_authorities() == {1: 1, 2: 1}
    backend.delete_authorities([1])
    assert [h.authority_id for h in backend.search_authorities("vlasov")] == [2]
    assert backend.suggest("andrej") == []


def test_suggest_titles_names_and_live_subjects(backend):
    backend.index_authorities({1: authority(1, "Andrej Vlasov", count=3)})
    backend.index_documents(
        {
            1: doc("Vlasov in Berlijn", subject=["Vlaggen"], subject_text=["Vlaggen"]),
            2: doc("Over Vlasov"),
        }
    )
    entries = backend.suggest("vla")
    assert [(s.text, s.source) for s in entries] == [
        ("Vlaggen", "subject"),
        ("Vlasov in Berlijn", "title"),
        ("Andrej Vlasov", "person"),
        ("Over Vlasov", "title"),
    ]
    assert entries[0].label == "<mark>Vla</mark>ggen"
    assert (
        entries[2].slug == "a-1" and entries[1].identifier == doc("Vlasov in Berlijn")["identifier"]
    )
    backend.index_documents({1: doc("Vlasov in Berlijn", version=2)})  # the subject is gone
    assert "Vlaggen" not in [s.text for s in backend.suggest("vla")]
    backend.delete_documents({2: 3})
    assert [s.text for s in backend.suggest("over vl")] == []


def test_reindex_after_a_change_of_stemming(backend, monkeypatch):
    """French is not stemmed; adding it changes the analysis version: the old file is emptied
    on first use and a rebuild indexes the stems."""
    documents = {1: doc("Les lettres de Paris", "fr"), 2: doc("Autre chose", "fr")}
    backend.index_documents(documents)
    assert found(backend, "lettre") == set()
    monkeypatch.setitem(sqlite_text.STEMMERS, "fr", "french")
    monkeypatch.setattr(sqlite_text, "QUERY_ALGORITHMS", (*sqlite_text.QUERY_ALGORITHMS, "french"))
    monkeypatch.setattr(sqlite_fts, "ANALYSIS_VERSION", sqlite_text.ANALYSIS_VERSION + 1)
    assert backend.count() == 0  # written by the old analysis: emptied, not half-searched
    target = backend.begin_rebuild()
    backend.index_documents(documents, target)
    backend.finish_rebuild(target)
    assert found(backend, "lettre") == {1}


@pytest.mark.parametrize("margin", [20, 1])  # 1: ties run past the margin, the other path
def test_ranked_by_fts5_or_from_the_hit_set_alike(backend, monkeypatch, margin):
    """A text-only relevance page straight from FTS5 equals the page sorted in temp.cand,
    ties (equal ranks: same text) broken by title, then item id."""
    docs = {n: doc(f"Brief {n % 3}", "nl", description="brief " * (n % 4)) for n in range(1, 31)}
    backend.index_documents(docs)
    pages = {}
    for top_pages in (1000, 0):  # 0: never from FTS5
        monkeypatch.setattr(SQLiteFTSBackend, "top_pages", top_pages)
        monkeypatch.setattr(SQLiteFTSBackend, "tie_margin", margin)
        pages[top_pages] = [
            [
                (h.item_id, h.score)
                for h in backend.search(SearchQuery(text="brief", page=p, page_size=7)).hits
            ]
            for p in (1, 2, 3, 4, 5)
        ]
    assert pages[1000] == pages[0]
    assert sum(len(p) for p in pages[0]) == 30
