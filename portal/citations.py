"""Human-readable citations (APA, Chicago, MLA) formatted from the item's CSL-JSON."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

STYLES = (("apa", "APA"), ("chicago", "Chicago"), ("mla", "MLA"))
# Types whose title is a whole work (italic); the rest are parts or unpublished (quoted).
WHOLE_WORKS = {"book", "report", "thesis", "graphic", "map", "document"}


def _name(person: dict, inverted: bool = True) -> str:
    if "literal" in person:
        return person["literal"]
    family, given = person.get("family", ""), person.get("given", "")
    if not given:
        return family
    return f"{family}, {given}" if inverted else f"{given} {family}"


def _authors(csl: dict, style: str) -> str:
    people = csl.get("author") or []
    if not people:
        return ""
    if style == "apa":
        names = [_apa_name(p) for p in people]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    names = [_name(people[0])] + [_name(p, inverted=False) for p in people[1:]]
    if style == "mla" and len(names) > 2:
        return names[0] + ", et al"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", and " + names[-1]


def _apa_name(person: dict) -> str:
    if "literal" in person or not person.get("given"):
        return _name(person)
    initials = " ".join(part[0] + "." for part in person["given"].split() if part)
    return f"{person['family']}, {initials}"


def _year(csl: dict) -> str:
    parts = (csl.get("issued") or {}).get("date-parts") or [[]]
    return str(parts[0][0]) if parts[0] else ""


def _title(csl: dict) -> SafeString:
    title = csl.get("title", "")
    if csl.get("type") in WHOLE_WORKS:
        return format_html("<i>{}</i>", title)
    return format_html("“{}”", title)


def cite(csl: dict, style: str) -> SafeString:
    """Return the citation of a CSL item in one style, as escaped HTML."""
    authors, year, title = _authors(csl, style), _year(csl), _title(csl)
    container = csl.get("container-title", "")
    publisher = ", ".join(
        p for p in (csl.get("publisher-place", ""), csl.get("publisher", "")) if p
    )
    url = csl.get("URL", "")
    if style == "apa":
        parts = [authors, f"({year or 'n.d.'})", title, container, publisher, url]
    elif style == "chicago":
        parts = [authors, year, title, container, publisher, url]
    else:
        parts = [authors, title, container, publisher, year, url]
    return format_html_join(". ", "{}", ((p,) for p in parts if p))


def citations(csl: dict) -> list[tuple[str, SafeString]]:
    """All styles as (style name, citation HTML)."""
    return [(label, cite(csl, key)) for key, label in STYLES]
