"""Parse the user's search text into phrases, prefixes and plain terms, the same way for every backend."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Part:
    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False  # the last word is a prefix (written with a trailing *)


def parse_text(text: str) -> list[Part]:
    """Split text into quoted phrases and words; `word*` is a prefix; punctuation is dropped.

    A part given twice is kept once: it cannot change which items match, and every backend's
    cost grows with the number of parts (faster than linearly on FTS5).
    """
    parts: dict[Part, None] = {}
    for phrase, word in _TOKEN.findall(text or ""):
        words = tuple(_WORD.findall(phrase if phrase else word))
        if words:
            prefix = bool(word) and word.endswith("*") and len(words) == 1
            parts.setdefault(Part(words, phrase=bool(phrase) and len(words) > 1, prefix=prefix))
    return list(parts)
