"""Content other apps contribute to an item's public description: full text and thumbnails.

The catalogue holds an item's record; the files, the text read from them and their thumbnails
belong to other apps. Those apps register a source here (in their AppConfig.ready) and readers
such as search ask this module, so the app that has the content and the app that shows it never
import each other.
"""

from collections.abc import Callable, Iterable, Mapping

# A source takes item ids and answers {item id: text or URL} for the items it knows.
Source = Callable[[list[int]], Mapping[int, str]]

_text_sources: list[Source] = []
_thumbnail_sources: list[Source] = []


def register_text_source(source: Source) -> Source:
    """Add a source of an item's full text; registering the same one twice adds it once."""
    if source not in _text_sources:
        _text_sources.append(source)
    return source


def register_thumbnail_source(source: Source) -> Source:
    """Add a source of thumbnail URLs; the first source that has one for an item wins."""
    if source not in _thumbnail_sources:
        _thumbnail_sources.append(source)
    return source


def item_texts(item_ids: Iterable[int]) -> dict[int, str]:
    """{item id: full text} from every text source, joined in registration order."""
    ids, parts = list(item_ids), {}
    for source in _text_sources:
        for item_id, text in source(ids).items():
            if text:
                parts.setdefault(item_id, []).append(text)
    return {item_id: "\n\n".join(texts) for item_id, texts in parts.items()}


def thumbnails(item_ids: Iterable[int]) -> dict[int, str]:
    """{item id: thumbnail URL} for the items some thumbnail source can show."""
    ids, urls = list(item_ids), {}
    for source in _thumbnail_sources:
        for item_id, url in source(ids).items():
            urls.setdefault(item_id, url)
    return urls
