"""The common reading of an item every export starts from: values grouped by term, people, dates.

Exports read the catalogue's read model (collection.readmodel.ItemRows), as every other surface
does; a value's text (literal, else authority name, else URI) is ValueRow.text.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..dublin_core import PROPERTIES
from ..readmodel import BibliographicRow, ItemRows, ValueRow


def first_text(groups: dict[str, list], *terms: str) -> str:
    for term in terms:
        for value in groups.get(term, ()):
            text = value.text
            if text:
                return text
    return ""


def all_texts(groups: dict[str, list], *terms: str) -> list[str]:
    return [v.text for term in terms for v in groups.get(term, ()) if v.text]


@dataclass(frozen=True)
class Name:
    """A person or body as citation formats want it: split when we know how, else literal."""

    family: str = ""
    given: str = ""
    literal: str = ""


def creator_names(groups: dict[str, list], term: str = "creator") -> list[Name]:
    """Names of the DC creators; person authorities and "Family, Given" literals are split."""
    names = []
    for value in groups.get(term, ()):
        text = value.text
        is_body = value.authority_id and value.authority.kind != "person"
        if not is_body and text.count(",") == 1:
            family, given = (part.strip() for part in text.split(","))
            names.append(Name(family=family, given=given))
        elif text:
            names.append(Name(literal=text))
    return names


def contributor_names(record: BibliographicRow, role: str) -> list[Name]:
    return [Name(family=c.family, given=c.given) for c in record.contributors if c.role == role]


@dataclass(frozen=True)
class Issued:
    text: str  # the EDTF text as catalogued
    year: int | None
    parts: tuple[int, ...]  # year[, month[, day]] when the date is that simple, else (year,)


def issued_of(item: ItemRows, groups: dict[str, list]) -> Issued | None:
    """The publication date: the bibliographic year, else dcterms:issued, dc:date, created."""
    record = item.bibliographic
    if record is not None and record.year:
        return Issued(str(record.year), record.year, (record.year,))
    for term in ("issued", "date", "created"):
        for value in groups.get(term, ()):
            if value.date_lower:
                return Issued(value.value, value.date_lower.year, _simple_parts(value))
    return None


def _simple_parts(value) -> tuple[int, ...]:
    text = value.value
    lower = value.date_lower
    if len(text) == 10 and text[4] == "-" and text[:4].isdigit():
        return (lower.year, lower.month, lower.day)
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit():
        return (lower.year, lower.month)
    return (lower.year,)


def metadata_json(values: Iterable[ValueRow], authority_url: Callable[[str], str]) -> dict:
    """Return {term: {"uri": term URI, "values": [...]}} in catalogue order, as JSON-ready data.

    From the read model's rows (collection.readmodel); `authority_url(slug)` gives a linked
    authority's URL (the caller knows its routes).
    """
    out: dict[str, dict] = {}
    for value in values:
        prop = PROPERTIES.get(value.term)
        group = out.get(value.term)
        if group is None:
            group = out[value.term] = {"uri": prop.uri if prop else "", "values": []}
        group["values"].append(value_json(value, authority_url, prop))
    return out


def value_json(value: ValueRow, authority_url: Callable[[str], str], prop=None) -> dict:
    data = {"value": value.value, "language": value.language, "uri": value.uri, "authority": None}
    auth = value.authority
    if auth is not None:
        data["authority"] = {
            "slug": auth.slug,
            "kind": auth.kind,
            "name": auth.preferred_name,
            "url": authority_url(auth.slug),
        }
    if prop is not None and prop.is_date:
        data["date_lower"] = value.date_lower.isoformat() if value.date_lower else None
        data["date_upper"] = value.date_upper.isoformat() if value.date_upper else None
    return data
