"""The CSV column format: item fields, one column per Dublin Core property, `@lang` suffixes."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from ..dublin_core import PROPERTIES, get_property
from ..validators import normalize_language_tag
from .problems import Problem

# Columns that set the item itself rather than its Dublin Core values.
ITEM_FIELDS = ("identifier", "dcmi_type", "kind", "status", "visibility", "embargo_until")
COLLECTIONS = "collections"
# Without an identifier column rows can only create items, which need a type and a title.
CREATE_COLUMNS = ("dcmi_type", "title")

_TERMS_BY_LOWER = {name.lower(): name for name in PROPERTIES}


@dataclass(frozen=True)
class Column:
    header: str  # as written in the file, for messages
    index: int
    field: str = ""  # an item field or "collections"
    term: str = ""  # a Dublin Core property's local name
    language: str = ""


def parse_header(header: list[str]) -> tuple[list[Column], list[Problem]]:
    """Return the columns the header names, and a problem for each unusable one."""
    columns, problems, seen = [], [], {}
    for index, raw in enumerate(header):
        try:
            column = _column(raw.strip(), index)
        except ValueError as exc:
            problems.append(Problem(1, raw.strip() or f"#{index + 1}", str(exc)))
            continue
        key = (column.field, column.term, column.language)
        if key in seen:
            problems.append(Problem(1, column.header, f"repeats column {seen[key]!r}"))
            continue
        seen[key] = column.header
        columns.append(column)
    problems += _missing(columns)
    return columns, problems


def _column(header: str, index: int) -> Column:
    if not header:
        raise ValueError("empty column name")
    name, _, language = header.partition("@")
    if name in ITEM_FIELDS or name == COLLECTIONS:
        if language:
            raise ValueError(f"{name} takes no @language suffix")
        return Column(header, index, field=name)
    term = _term(name)
    try:
        language = normalize_language_tag(language)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from None
    return Column(header, index, term=term, language=language)


def _term(name: str) -> str:
    try:
        return get_property(name).name
    except KeyError:
        pass
    local = _TERMS_BY_LOWER.get(name.split(":", 1)[-1].lower())
    if local is None:
        raise ValueError(
            f"unknown column {name!r}: use an item field ({', '.join(ITEM_FIELDS)}, collections) "
            "or a Dublin Core property such as title, creator, date, dcterms:issued"
        )
    return local


def _missing(columns: list[Column]) -> list[Problem]:
    names = {c.field or c.term for c in columns}
    if "identifier" in names:
        return []
    absent = [n for n in CREATE_COLUMNS if n not in names]
    if not absent:
        return []
    return [
        Problem(
            1,
            name,
            "missing required column: a file without an identifier column creates items, "
            "which need dcmi_type and title columns",
        )
        for name in absent
    ]
