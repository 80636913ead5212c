"""RIS records (the Research Information Systems tagged format) for items."""

from ..readmodel import ItemRows
from .csl import csl_item
from .record import all_texts

# CSL type -> RIS reference type.
RIS_TYPES = {
    "book": "BOOK",
    "article-journal": "JOUR",
    "article": "JOUR",
    "chapter": "CHAP",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
    "graphic": "PICT",
    "map": "MAP",
    "personal_communication": "PCOMM",
}
# CSL name roles -> RIS tags (A2 is the editor for books and chapters, A4 the translator).
NAME_TAGS = (("author", "AU"), ("editor", "A2"), ("translator", "A4"))


def ris_name(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {name['given']}" if name.get("given") else name["family"]


def _line(tag: str, value) -> str:
    # One line per tag: the format has no continuation lines, so newlines become spaces.
    return f"{tag}  - {' '.join(str(value).split())}"


def ris_record(item: ItemRows, url: str = "") -> str:
    """Return one RIS record, from TY to ER, with CRLF line ends as the format specifies."""
    csl = csl_item(item, url)
    lines = [_line("TY", RIS_TYPES.get(csl["type"], "GEN")), _line("ID", csl["id"])]
    for role, tag in NAME_TAGS:
        lines += [_line(tag, ris_name(n)) for n in csl.get(role, [])]
    lines.append(_line("TI", csl.get("title", "")))
    parts = csl.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        lines.append(_line("PY", parts[0]))
        lines.append(
            _line("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)))
        )
    first, _, last = str(csl.get("page", "")).replace("–", "-").partition("-")
    pairs = [
        ("T2", csl.get("container-title")),
        ("PB", csl.get("publisher")),
        ("CY", csl.get("publisher-place")),
        ("ET", csl.get("edition")),
        ("VL", csl.get("volume")),
        ("IS", csl.get("issue")),
        ("SP", first),
        ("EP", last),
        ("SN", csl.get("ISBN")),
        ("LA", csl.get("language")),
        ("AB", csl.get("abstract")),
        ("UR", csl.get("URL")),
    ]
    lines += [_line(tag, value) for tag, value in pairs if value]
    # One KW per subject: CSL's comma-joined keyword string would split subjects with commas.
    lines += [_line("KW", k) for k in all_texts(item.grouped(), "subject")]
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"
