"""One synthetic item as plain data: a pure function of the seed and the item's number."""

import datetime as dt
import random
from dataclasses import dataclass, field

from . import dates
from .authorities import Pool, SyntheticAuthority
from .vocabularies import (
    ABOUT,
    DESCRIPTIONS,
    FORMATS,
    IN,
    KIND_COLLECTIONS,
    KIND_NOUNS,
    KINDS,
    LANGUAGE_WEIGHTS,
    LANGUAGES,
    PUBLISHERS,
    RIGHTS,
)


@dataclass
class Value:
    term: str
    value: str
    language: str = ""
    uri: str = ""
    authority: SyntheticAuthority | None = None
    bounds: dates.DateBounds | None = None


@dataclass
class SyntheticItem:
    identifier: str
    kind: str
    dcmi_type: str
    status: str
    visibility: str
    embargo_until: dt.date | None
    collections: list[str]  # slug suffixes under the root collection
    values: list[Value] = field(default_factory=list)
    bibliographic: dict | None = None
    contributors: list[tuple[str, str, str, SyntheticAuthority]] = field(default_factory=list)


def identifier(seed: int, n: int) -> str:
    return f"syn{seed}-{n:07d}"


def build_item(seed: int, n: int, pool: Pool) -> SyntheticItem:
    """Return item number n of a seed; the same arguments always give the same item."""
    rng = random.Random(f"{seed}:item:{n}")
    kind, dcmi_type = rng.choices([k[:2] for k in KINDS], [k[2] for k in KINDS])[0]
    status, visibility, embargo = _workflow(rng)
    item = SyntheticItem(
        identifier(seed, n), kind, dcmi_type, status, visibility, embargo, _collections(rng, kind)
    )
    language = rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
    creators = rng.sample(pool.people, rng.choice([0, 1, 1, 1, 2, 3]))
    subjects = rng.sample(pool.concepts, rng.randint(1, 4))
    place = rng.choice(pool.places)
    created = dates.random_date(rng)
    _describe(rng, item, language, creators, subjects, place, created)
    if kind in ("article", "bibliographic"):
        _bibliographic(rng, item, language, creators, created)
    return item


def _workflow(rng: random.Random) -> tuple[str, str, dt.date | None]:
    """Mostly published and public; a few drafts, withdrawn, private and embargoed items."""
    status = rng.choices(["published", "draft", "withdrawn"], [92, 6, 2])[0]
    visibility = rng.choices(["public", "private", "embargoed"], [90, 5, 5])[0]
    embargo = None
    if visibility == "embargoed":
        # Half of the embargoes are over, half still running, so filtering is worth testing.
        embargo = dt.date(rng.choice([2001, 2010, 2019, 2035, 2050, 2099]), rng.randint(1, 12), 1)
    return status, visibility, embargo


def _collections(rng: random.Random, kind: str) -> list[str]:
    first = rng.choice(KIND_COLLECTIONS[kind])
    return [first] if rng.random() < 0.9 else sorted({first, "documents"})


def _label(auth: SyntheticAuthority, language: str) -> Value:
    name, lang = auth.name_in(language)
    return Value("", name, lang, authority=auth)


def _describe(rng, item, language, creators, subjects, place, created) -> None:
    values = item.values
    subject_label = subjects[0].name_in(language)[0]
    place_label = place.name_in(language)[0]
    noun = KIND_NOUNS[item.kind][language]
    title = f"{noun} {ABOUT[language]} {subject_label} {IN[language]} {place_label}, {created.text}"
    values.append(Value("title", title, language))
    if language != "en" and rng.random() < 0.4:
        en = f"{KIND_NOUNS[item.kind]['en']} on {subjects[0].name} in {place.name_in('en')[0]}"
        values.append(Value("title", en, "en"))
    for auth in creators:
        values.append(_as("creator", _label(auth, language)))
    for auth in subjects:
        values.append(_as("subject", _label(auth, language)))
    if rng.random() < 0.3:
        values.append(Value("subject", f"{place_label} {created.lower.year // 10 * 10}s", language))
    who = creators[0].name_in(language)[0] if creators else "?"
    sentence = rng.choice(DESCRIPTIONS[language])
    text = sentence.format(
        creator=who, place=place_label, subject=subject_label, year=created.lower.year
    )
    values.append(Value("description", text, language))
    values.append(Value("created", created.text, bounds=created))
    if rng.random() < 0.3:
        issued = dates.random_date(rng, min(created.upper.year + 1, dates.LAST_YEAR))
        values.append(Value("issued", issued.text, bounds=issued))
    values.append(_as("spatial", _label(place, language)))
    if rng.random() < 0.25:
        start = rng.randint(1800, 2000)
        span = dates.interval(dates.year(start), dates.year(start + rng.randint(1, 30)))
        values.append(Value("temporal", span.text, bounds=span))
    values.append(Value("language", language))
    statement, uri = rng.choice(RIGHTS)
    values.append(Value("rights", statement, "en", uri=uri))
    media_type = rng.choice(FORMATS.get(item.dcmi_type, [""]))
    if media_type:
        values.append(Value("format", media_type))
    if rng.random() < 0.5:
        values.append(Value("extent", _extent(rng, item.dcmi_type)))
    if item.kind in ("article", "bibliographic"):
        values.append(Value("publisher", rng.choice(PUBLISHERS)))


def _as(term: str, value: Value) -> Value:
    value.term = term
    return value


def _extent(rng: random.Random, dcmi_type: str) -> str:
    if dcmi_type == "Text":
        return f"{rng.randint(1, 400)} p."
    if dcmi_type in ("Sound", "MovingImage"):
        return f"{rng.randint(1, 90)} min."
    return f"{rng.randint(6, 60)} x {rng.randint(6, 60)} cm"


def _bibliographic(rng, item, language, creators, created) -> None:
    title = item.values[0].value
    year = created.lower.year
    item.bibliographic = {
        "type": "book" if item.kind == "bibliographic" else "article-journal",
        "title": title[:500],
        "subtitle": "",
        "container_title": "" if item.kind == "bibliographic" else "Tijdschrift voor Synthese",
        "publisher": next(v.value for v in item.values if v.term == "publisher"),
        "place": "",
        "year": year,
        "edition": "",
        "isbn": "",
        "language": language,
        "pages": f"{rng.randint(1, 200)}-{rng.randint(201, 400)}" if item.kind == "article" else "",
        "volume": str(rng.randint(1, 80)) if item.kind == "article" else "",
        "issue": str(rng.randint(1, 12)) if item.kind == "article" else "",
        "url": "",
    }
    for auth in creators:
        family, _, given = auth.name.partition(", ")
        item.contributors.append(("author", family, given, auth))
