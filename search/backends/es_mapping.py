"""The Elasticsearch mapping of an item document, declared with elasticsearch.dsl.

The test node (Maven Central's integ-test-zip) has no analysis-common module: no language
analyzers and no asciifolding. What it has: the standard tokenizer, the lowercase filter and
hunspell. So language-aware text uses hunspell where its dictionary is installed, and ascii
folding is done in Python (documents.fold) into the `folded` field.
"""

from __future__ import annotations

from elasticsearch import dsl

# Bump when the mapping changes; `search_reindex` then builds a new index version and swaps.
MAPPING_VERSION = 1
# BCP 47 language -> hunspell locale, used when the node has that dictionary.
HUNSPELL_LOCALES = {"en": "en_US", "nl": "nl_NL", "de": "de_DE", "ru": "ru_RU"}

TEXT = {"analyzer": "standard", "term_vector": "with_positions_offsets"}


class ItemDocument(dsl.Document):
    """One public item; fields mirror search.documents.FIELDS (the system check compares them)."""

    identifier = dsl.Keyword()
    version = dsl.Integer()
    modified = dsl.Date()
    title = dsl.Text(**TEXT)
    alternative = dsl.Text()
    subject_text = dsl.Text()
    names = dsl.Text(**TEXT)
    description = dsl.Text(**TEXT)
    other_text = dsl.Text()
    fulltext = dsl.Text(**TEXT)
    # every text field, folded in Python: the field fuzzy, prefix and phrase matching run on
    folded = dsl.Text()
    type = dsl.Keyword()
    kind = dsl.Keyword()
    collection = dsl.Keyword()
    language = dsl.Keyword()
    subject = dsl.Keyword()
    person = dsl.Keyword()
    place = dsl.Keyword()
    creator = dsl.Keyword()
    decade = dsl.Keyword()
    date_lower = dsl.Date()
    date_upper = dsl.Date()
    year = dsl.Integer()
    date = dsl.Keyword(index=False)
    title_sort = dsl.Keyword()
    dcmi_type = dsl.Keyword(index=False)
    # per-language copies; only the languages with an analyzer are mapped (see index_body)
    lang_text = dsl.Object(dynamic=False)


def index_body(locales: dict[str, str]) -> dict:
    """Return settings and mappings for a new index, with hunspell for the given languages."""
    index = dsl.Index("template")
    index.settings(number_of_shards=1, number_of_replicas=0, refresh_interval="1s")
    analyzers = {
        f"text_{lang}": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", f"hunspell_{lang}"],
        }
        for lang in locales
    }
    filters = {
        f"hunspell_{lang}": {"type": "hunspell", "locale": loc} for lang, loc in locales.items()
    }
    index.settings(analysis={"analyzer": analyzers, "filter": filters})
    index.document(ItemDocument)
    body = index.to_dict()
    body["mappings"]["dynamic"] = "strict"
    body["mappings"]["properties"]["lang_text"]["properties"] = {
        lang: {"type": "text", "analyzer": f"text_{lang}"} for lang in locales
    }
    return body
