"""Text analysis for the embedded FTS5 backend: ASCII folding, Snowball stems, synonyms, matching.

FTS5 tokenizes with `unicode61 remove_diacritics 2` (case and Latin diacritics); everything else
that makes two spellings of a word meet is done here, in Python, at index and at query time:

- **Extra tokens.** Each indexed text column has a sparse companion column (`<name>_x`) holding,
  for each word, its ASCII-folded form when that differs from what unicode61 gives (ß → ss,
  ł → l, ø → o, й → и …) and its Snowball stem(s) in the value's language(s) when they differ.
  The original column keeps the text as written (phrases, snippets); the companion only adds
  tokens, so a query term matches either.
- **Query variants.** A query word becomes an OR of the word as typed, its folded form, its stem
  in *every* supported language (the value could be in any of them) and its synonyms
  (search/synonyms.txt, shared with the Elasticsearch analysis). Both columns of a field carry the
  field's bm25 weight, so a title match still outranks a description match.

Stemmer: PyStemmer (the C libstemmer of the Snowball project, with a per-stemmer cache) rather
than snowballstemmer (the same algorithms in pure Python, several times slower at indexing).
Its Snowball 3 algorithms include Czech, so cs is stemmed like the others.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import Stemmer

from ..text import parse_text

# Bump when what is indexed changes (stemmers, folding, columns): an index file written with
# another version is emptied on first use and must be refilled (`manage.py search_reindex`).
ANALYSIS_VERSION = 5
# Value language (ISO 639-1 or -2) -> Snowball algorithm.
STEMMERS = {
    "nl": "dutch",
    "nld": "dutch",
    "dut": "dutch",
    "en": "english",
    "eng": "english",
    "de": "german",
    "deu": "german",
    "ger": "german",
    "ru": "russian",
    "rus": "russian",
    "cs": "czech",
    "ces": "czech",
    "cze": "czech",
}
# Query words are stemmed in each of these (every language a value may be written in).
QUERY_ALGORITHMS = tuple(dict.fromkeys(STEMMERS.values()))
SYNONYMS_PATH = Path(__file__).resolve().parent.parent / "synonyms.txt"

# Letters NFKD does not decompose, as Lucene's ASCIIFoldingFilter maps them (its table is much
# longer; these are the ones catalogue text in the supported languages meets).
_ASCII = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
        "ĸ": "k",
    }
)
# unicode61's token characters are letters, numbers and private-use characters; "_" is not one.
WORD = re.compile(r"[^\W_]+")
# The stems of words shorter than this are left out: they add noise, not recall.
MIN_STEM = 3


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case, strip diacritics, map the remaining non-ASCII Latin letters (ASCII folding)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_ASCII)


@functools.cache
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


@functools.lru_cache(maxsize=400_000)
def stem(word: str, algorithm: str) -> str:
    """The folded Snowball stem of a lower-cased word (stemmed before folding: the Russian and
    German algorithms read й, ё, ä, ß)."""
    return fold(_stemmer(algorithm).stemWord(word))


def algorithms(languages: Iterable[str]) -> tuple[str, ...]:
    """The Snowball algorithms of some language tags (nl, en-GB, deu …); unknown ones are skipped."""
    return _algorithms(tuple(languages), ANALYSIS_VERSION, len(STEMMERS))


@functools.lru_cache(maxsize=1024)
def _algorithms(languages: tuple[str, ...], *version) -> tuple[str, ...]:
    found = (STEMMERS.get(lang.split("-")[0].strip().lower()) for lang in languages if lang)
    return tuple(dict.fromkeys(a for a in found if a))


@functools.lru_cache(maxsize=200_000)
def _extras(word: str, algorithms: tuple[str, ...]) -> tuple[str, ...]:
    lower = word.lower()
    folded = fold(word)
    out = [folded] if folded != lower else []
    if len(word) >= MIN_STEM:
        for algorithm in algorithms:
            s = stem(lower, algorithm)
            if s != folded and s != lower and s not in out:
                out.append(s)
    return tuple(out)


def words(text: str) -> list[str]:
    """The words of a text as unicode61 splits it (after NFC, so composed letters stay whole)."""
    return WORD.findall(unicodedata.normalize("NFC", text))


def extra_tokens(text: str, algorithms: tuple[str, ...], vocabulary: set | None = None) -> str:
    """The companion column's text: folded forms and stems that unicode61 alone would not give;
    the folded words are added to `vocabulary` when given."""
    out: list[str] = []
    tokens = words(text)
    for word in tokens:
        out.extend(_extras(word, algorithms))
    if vocabulary is not None:
        vocabulary.update(map(fold, tokens))
    return " ".join(out)


# -- synonyms -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _synonyms(path: str, mtime: float) -> dict[str, tuple[str, ...]]:
    """Folded single word -> folded alternatives (multi-word ones as phrases), from a Solr file.

    Solr format: `a, b, c` makes each an alternative of the others; `a, b => c` maps a and b to
    c. Blank lines and `#` comments are skipped. A multi-word entry (Strik-Strikfeldt) is looked
    up, and offered, as a phrase: a query part of the same words in that order.
    """
    table: dict[str, dict[str, None]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=>" in line:
            left, right = line.split("=>", 1)
            sources, targets = _entries(left), _entries(right)
        else:
            sources = targets = _entries(line)
        for source in sources:
            for target in targets:
                if target != source:
                    table.setdefault(source, {})[target] = None
    return {k: tuple(v) for k, v in table.items()}


def _entries(text: str) -> list[str]:
    return [" ".join(fold(w) for w in words(e)) for e in text.split(",") if words(e)]


def synonyms(word: str) -> tuple[str, ...]:
    """The alternatives of a folded word (or phrase, words joined by one space) in
    search/synonyms.txt, re-read when the file changes."""
    try:
        mtime = SYNONYMS_PATH.stat().st_mtime
    except OSError:
        return ()
    return _synonyms(str(SYNONYMS_PATH), mtime).get(word, ())


# -- queries ---------------------------------------------------------------------------------


def quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass
class Matcher:
    """What a query matches, for building the FTS5 expression and for marking text in Python."""

    # one entry per required part: the FTS5 sub-expression
    clauses: list[str] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)  # folded words that match
    stems: set[str] = field(default_factory=set)  # folded stems that match
    prefixes: list[str] = field(default_factory=list)  # folded prefixes that match
    words: list[str] = field(default_factory=list)  # the folded words typed (spelling)
    heads: set[str] = field(default_factory=set)  # first three letters of the stems
    typed: set[str] = field(default_factory=set)  # folded words as typed (no synonyms)

    def expression(self) -> str:
        return " AND ".join(self.clauses)

    def matches(self, word: str) -> bool:
        folded = fold(word)
        if folded in self.forms or any(folded.startswith(p) for p in self.prefixes):
            return True
        if self.stems and len(word) >= MIN_STEM:
            lower = word.lower()
            # stemming every word of a text five times is the cost: only words that start
            # like one of the stems are stemmed
            if folded[:3] in self.heads or lower[:3] in self.heads:
                return any(stem(lower, a) in self.stems for a in QUERY_ALGORITHMS)
        return False


def word_variants(word: str) -> tuple[list[str], list[str], list[str]]:
    """(forms, stems, phrases) a single query word matches: as typed, folded, stemmed in every
    supported language, and its synonyms."""
    lower, folded = word.lower(), fold(word)
    forms = list(dict.fromkeys([lower, folded]))
    stems: list[str] = []
    if len(word) >= MIN_STEM:
        stems = [s for s in dict.fromkeys(stem(lower, a) for a in QUERY_ALGORITHMS)]
        stems = [s for s in stems if s not in forms]
    phrases = []
    for alternative in synonyms(folded):
        if " " in alternative:
            phrases.append(alternative)
        elif alternative not in forms:
            forms.append(alternative)
    return forms, stems, phrases


def build_matcher(text: str) -> Matcher:
    """The FTS5 expression for the text: every part required, each word an OR of its variants.

    No column filters: the expression runs on any FTS5 table (items, authorities); a phrase
    could only match in order in a companion column by accident, as its tokens are sparse.
    """
    m = Matcher()
    for part in parse_text(text):
        if part.phrase:
            m.clauses.append(_phrase(m, list(part.words)))
            m.words.extend(fold(w) for w in part.words)
        elif part.prefix:
            word = part.words[0]
            variants = list(dict.fromkeys([word.lower(), fold(word)]))
            m.clauses.append("(" + " OR ".join(quote(v) + " *" for v in variants) + ")")
            m.prefixes.append(fold(word))
        else:
            # a quoted single word or one with inner punctuation (`o'brien`, `foo_bar`) may
            # hold several unicode61 tokens: it stays one quoted phrase, as typed
            word = " ".join(part.words)
            if len(words(word)) != 1:
                m.clauses.append(_phrase(m, words(word)))
                m.words.extend(fold(w) for w in words(word))
                continue
            forms, stems, phrases = word_variants(word)
            terms = [quote(v) for v in forms + stems + phrases]
            m.clauses.append("(" + " OR ".join(terms) + ")" if len(terms) > 1 else terms[0])
            m.forms.update(fold(f) for f in forms)
            m.forms.update(w for p in phrases for w in p.split())
            m.stems.update(stems)
            m.words.append(fold(word))
    m.heads = {s[:3] for s in m.stems}
    m.typed = set(m.words) | set(m.prefixes)
    return m


def _phrase(m: Matcher, tokens: list[str]) -> str:
    """A phrase clause, OR its synonyms (Strik-Strikfeldt, Штрик-Штрикфельдт)."""
    alternatives = synonyms(" ".join(fold(w) for w in tokens))
    m.forms.update(fold(w) for w in tokens)
    m.forms.update(w for a in alternatives for w in a.split())
    terms = [quote(" ".join(tokens)), *(quote(a) for a in alternatives)]
    return "(" + " OR ".join(terms) + ")" if len(terms) > 1 else terms[0]


# -- marking text ----------------------------------------------------------------------------


def mark_words(text: str, matcher: Matcher) -> tuple[str, int]:
    """`text` HTML-escaped with the words the query matches in <mark>; and how many matched."""
    out, last, n = [], 0, 0
    for match in WORD.finditer(text):
        if matcher.matches(match.group()):
            out.append(html.escape(text[last : match.start()]))
            out.append(f"<mark>{html.escape(match.group())}</mark>")
            last, n = match.end(), n + 1
    out.append(html.escape(text[last:]))
    return "".join(out), n


SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def matched_sentence(text: str, matcher: Matcher, limit: int = 300) -> str | None:
    """The first sentence of `text` with a matching word, marked, cut to about `limit`
    characters around the first match; None when no word matches."""
    start = 0
    for end_match in [*SENTENCE_END.finditer(text), None]:
        end = end_match.start() if end_match else len(text)
        sentence = text[start:end].strip()
        if sentence:
            marked, n = mark_words(sentence, matcher)
            if n:
                return _cut(sentence, matcher, limit) if len(sentence) > limit else marked
        start = end_match.end() if end_match else len(text)
    return None


def _cut(sentence: str, matcher: Matcher, limit: int) -> str:
    """A window of a long sentence around its first match, with ellipses where it was cut."""
    first = next(m.start() for m in WORD.finditer(sentence) if matcher.matches(m.group()))
    begin = max(0, first - limit // 3)
    begin = sentence.rfind(" ", 0, begin) + 1 if begin else 0
    end = sentence.find(" ", begin + limit)
    end = len(sentence) if end < 0 else end
    marked, _ = mark_words(sentence[begin:end], matcher)
    return ("…" if begin else "") + marked + ("…" if end < len(sentence) else "")
