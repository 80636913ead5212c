"""CSL-JSON (Citation Style Language input data) for an item, precise when it has a bibliographic record."""

from ..readmodel import ItemRows
from .record import (
    Name,
    all_texts,
    contributor_names,
    creator_names,
    first_text,
    issued_of,
)

# CSL types for items without a bibliographic record, by kind: a best effort so any item can be
# cited (a photograph is a "graphic", a letter a "personal_communication").
KIND_TYPES = {
    "article": "article",
    "photograph": "graphic",
    "map": "map",
    "letter": "personal_communication",
    "bibliographic": "book",
}
DEFAULT_TYPE = "document"


def csl_name(name: Name) -> dict:
    if name.literal:
        return {"literal": name.literal}
    return {"family": name.family, "given": name.given} if name.given else {"family": name.family}


def csl_item(item: ItemRows, url: str = "") -> dict:
    """Return one CSL-JSON item (the schema's array holds these); `url` is where to find it."""
    groups = item.grouped()
    record = item.bibliographic
    data: dict = {"id": item.identifier, "type": KIND_TYPES.get(item.kind, DEFAULT_TYPE)}
    data["title"] = first_text(groups, "title")
    authors = creator_names(groups)
    if record is not None:
        data.update(_from_record(record))
        authors = contributor_names(record, "author") or authors
    if authors:
        data["author"] = [csl_name(n) for n in authors]
    issued = issued_of(item, groups)
    if issued is not None:
        data["issued"] = {"date-parts": [list(issued.parts)]}
        if issued.text != "-".join(f"{p:02d}" for p in issued.parts):  # EDTF beyond a plain date
            data["issued"]["raw"] = issued.text
    data.setdefault("publisher", first_text(groups, "publisher"))
    data.setdefault("language", first_text(groups, "language"))
    data.setdefault("abstract", first_text(groups, "abstract", "description"))
    keywords = all_texts(groups, "subject")
    if keywords:
        data["keyword"] = ", ".join(keywords)
    if not data.get("URL") and url:
        data["URL"] = url
    return {key: value for key, value in data.items() if value not in ("", None, [])}


def _from_record(record) -> dict:
    title = f"{record.title}: {record.subtitle}" if record.subtitle else record.title
    data = {
        "type": record.type,
        "title": title,
        "container-title": record.container_title,
        "publisher": record.publisher,
        "publisher-place": record.place,
        "edition": record.edition,
        "ISBN": record.isbn,
        "language": record.language,
        "page": record.pages,
        "volume": record.volume,
        "issue": record.issue,
        "URL": record.url,
    }
    for role in ("editor", "translator"):
        names = contributor_names(record, role)
        if names:
            data[role] = [csl_name(n) for n in names]
    return data
