"""The Elasticsearch mappings of item and authority documents, declared with elasticsearch.dsl.

Text is analysed by the project's analysis plugin (search/es_plugin, installed into the node by
scripts/elasticsearch.sh and docker/elasticsearch): the integ-test node has no analysis-common
module, and the plugin gives both it and the production image the same components:

- every text field: standard tokenizer, lowercase, `archive_folding` with preserve_original at
  index time (Vlásov is indexed as vlasov and vlásov); at search time folding without the
  original, then `archive_synonyms` over search/synonyms.txt (Wlassow finds Vlasov);
- `lang_text.<lang>`: title, alternative and description values tagged with that language,
  stemmed by `archive_snowball` (Czech: Lucene's CzechStemmer) and folded;
- `*.prefix` subfields: `archive_edge_ngram` at index time, for autocomplete.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from elasticsearch import dsl

# Bump when the mapping or the analysis changes; `search_reindex` then builds a new index
# version and swaps. 2: the analysis plugin replaced hunspell and Python folding.
MAPPING_VERSION = 2
AUTHORITY_MAPPING_VERSION = 1
# Value languages stemmed at index and query time (codes archive_snowball knows).
LANGUAGES = ("nl", "en", "de", "ru", "cs")
SYNONYMS_FILE = Path(__file__).resolve().parents[1] / "synonyms.txt"
# The plugin the analysis needs, as named in its stable-plugin-descriptor.properties.
PLUGIN = "archive-analysis"
# How soon a write is searchable in a live index (a rebuild turns it off while it fills).
REFRESH_INTERVAL = "1s"

# index: folded + original; search: folded, with synonyms
TEXT = {"analyzer": "archive_text", "search_analyzer": "archive_search"}
HIGHLIGHTED = {**TEXT, "term_vector": "with_positions_offsets"}
# autocomplete: every beginning of every word, matched by the folded words typed
PREFIX = dsl.Text(analyzer="archive_prefix", search_analyzer="archive_plain")
ALL = "all_text"


@cache
def synonym_rules() -> tuple[str, ...]:
    """The lines of search/synonyms.txt that are rules (no blanks, no comments)."""
    lines = SYNONYMS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(s for line in lines if (s := line.strip()) and not s.startswith("#"))


def analysis() -> dict:
    """The index settings' analysis section: filters of the plugin, and the analyzers."""
    filters = {
        "archive_fold_keep": {"type": "archive_folding", "preserve_original": True},
        "archive_fold": {"type": "archive_folding"},
        "archive_synonyms": {"type": "archive_synonyms", "synonyms": list(synonym_rules())},
        "archive_grams": {"type": "archive_edge_ngram", "min_gram": 1, "max_gram": 20},
        **{
            f"archive_stem_{lang}": {"type": "archive_snowball", "language": lang}
            for lang in LANGUAGES
        },
    }

    def chain(*names: str) -> dict:
        return {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", *names]}

    analyzers = {
        "archive_text": chain("archive_fold_keep"),
        "archive_search": chain("archive_fold", "archive_synonyms"),
        "archive_plain": chain("archive_fold"),
        "archive_prefix": chain("archive_fold", "archive_grams"),
        # stem before folding: the stemmers know their language's diacritics
        **{f"archive_{lang}": chain(f"archive_stem_{lang}", "archive_fold") for lang in LANGUAGES},
    }
    return {"filter": filters, "analyzer": analyzers}


def stemmed_fields() -> dict:
    """One stemmed subfield per language (used on authority names and descriptions)."""
    return {lang: dsl.Text(analyzer=f"archive_{lang}") for lang in LANGUAGES}


class ItemDocument(dsl.Document):
    """One public item; fields mirror search.documents.FIELDS (the system check compares them)."""

    identifier = dsl.Keyword()
    version = dsl.Integer()
    modified = dsl.Date()
    title = dsl.Text(**HIGHLIGHTED, copy_to=ALL, fields={"prefix": PREFIX})
    alternative = dsl.Text(**TEXT, copy_to=ALL)
    subject_text = dsl.Text(
        **TEXT,
        copy_to=ALL,
        fields={"prefix": PREFIX, "raw": dsl.Keyword(ignore_above=256)},
    )
    names = dsl.Text(**HIGHLIGHTED, copy_to=ALL)
    description = dsl.Text(**HIGHLIGHTED, copy_to=ALL)
    other_text = dsl.Text(**TEXT, copy_to=ALL)
    fulltext = dsl.Text(**HIGHLIGHTED, copy_to=ALL)
    # every text field (copy_to): what the words of a query must all be found in
    all_text = dsl.Text(**TEXT)
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
    # language -> that language's title, alternative and description text, stemmed; other
    # languages stay in the source unindexed (dynamic false)
    lang_text = dsl.Object(
        dynamic=False,
        properties={lang: dsl.Text(analyzer=f"archive_{lang}") for lang in LANGUAGES},
    )


class AuthorityName(dsl.InnerDoc):
    name = dsl.Text(**HIGHLIGHTED, fields={"prefix": PREFIX, **stemmed_fields()})
    language = dsl.Keyword()


class AuthorityDocument(dsl.Document):
    """One public authority (search.documents.authority_documents)."""

    id = dsl.Integer()
    version = dsl.Long(index=False)
    kind = dsl.Keyword()
    slug = dsl.Keyword()
    name = dsl.Text(**TEXT)
    # every name in every script, preferred first
    names = dsl.Object(AuthorityName)
    description = dsl.Text(**HIGHLIGHTED, fields=stemmed_fields())
    item_count = dsl.Integer()


def _body(document: type[dsl.Document]) -> dict:
    index = dsl.Index("template")
    index.settings(
        number_of_shards=1,
        number_of_replicas=0,
        refresh_interval=REFRESH_INTERVAL,
        analysis=analysis(),
    )
    index.document(document)
    body = index.to_dict()
    body["mappings"]["dynamic"] = "strict"
    return body


def index_body() -> dict:
    """Settings and mappings for a new item index."""
    return _body(ItemDocument)


def authority_index_body() -> dict:
    """Settings and mappings for a new authority index."""
    return _body(AuthorityDocument)
