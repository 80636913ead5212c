"""BibTeX entries for items: entry types from the bibliographic record, else a best-effort @misc."""

import re

from ..readmodel import ItemRows
from .csl import csl_item

# CSL type -> BibTeX entry type. Working from the CSL item keeps the two exports consistent.
ENTRY_TYPES = {
    "book": "book",
    "article-journal": "article",
    "article": "article",
    "chapter": "incollection",
    "thesis": "phdthesis",
    "report": "techreport",
}
# Characters with a meaning in TeX; braces are escaped too so every field stays balanced.
_SPECIAL = re.compile(r"([\\{}&%$#_~^])")
_REPLACE = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def escape(text: str) -> str:
    """Escape TeX specials; UTF-8 text is left as is (biber and bibtexparser read it)."""
    text = " ".join(text.split())
    return _SPECIAL.sub(lambda m: _REPLACE.get(m.group(1), "\\" + m.group(1)), text)


def bibtex_name(name: dict) -> str:
    if "literal" in name:
        return "{" + escape(name["literal"]) + "}"  # braces: a body's name is never split
    given = name.get("given")
    return escape(f"{name['family']}, {given}" if given else name["family"])


def citation_key(identifier: str) -> str:
    return re.sub(r"[^A-Za-z0-9_:.-]", "", identifier) or "item"


def bibtex_entry(item: ItemRows, url: str = "") -> str:
    """Return one BibTeX entry for the item, keyed by its identifier."""
    csl = csl_item(item, url)
    entry_type = ENTRY_TYPES.get(csl["type"], "misc")
    fields: list[tuple[str, str]] = []
    for role in ("author", "editor", "translator"):
        if csl.get(role):
            fields.append((role, " and ".join(bibtex_name(n) for n in csl[role])))
    fields.append(("title", escape(csl.get("title", ""))))
    container = escape(csl.get("container-title", ""))
    fields.append(("journal" if entry_type == "article" else "booktitle", container))
    if entry_type == "phdthesis":
        fields.append(("school", escape(csl.get("publisher", ""))))
    elif entry_type == "techreport":
        fields.append(("institution", escape(csl.get("publisher", ""))))
    else:
        fields.append(("publisher", escape(csl.get("publisher", ""))))
    fields += _simple_fields(csl)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{{citation_key(csl['id'])},\n{body}\n}}\n"


def _simple_fields(csl: dict) -> list[tuple[str, str]]:
    parts = csl.get("issued", {}).get("date-parts", [[]])[0]
    pages = str(csl.get("page", "")).replace("–", "--")
    pages = re.sub(r"(?<=\d)-(?=\d)", "--", pages)
    return [
        ("address", escape(csl.get("publisher-place", ""))),
        ("year", str(parts[0]) if parts else ""),
        ("month", str(parts[1]) if len(parts) > 1 else ""),
        ("edition", escape(str(csl.get("edition", "")))),
        ("volume", escape(str(csl.get("volume", "")))),
        ("number", escape(str(csl.get("issue", "")))),
        ("pages", escape(pages).replace("\\-", "-")),
        ("isbn", escape(csl.get("ISBN", ""))),
        ("language", escape(csl.get("language", ""))),
        ("keywords", escape(csl.get("keyword", ""))),
        ("abstract", escape(csl.get("abstract", ""))),
        ("url", csl.get("URL", "").replace("%", "\\%")),
    ]
