"""The shapes the demo collection is written in: plain, frozen descriptions of catalogue records."""

from dataclasses import dataclass


@dataclass(frozen=True)
class V:
    """One Dublin Core value: a literal, a URI or a link to an authority (by slug)."""

    term: str
    value: str = ""
    language: str = ""
    uri: str = ""
    authority: str = ""  # slug of an AuthoritySpec


@dataclass(frozen=True)
class CollectionSpec:
    slug: str
    title: str
    description: str
    parent: str = ""  # slug of the parent collection, parents listed first
    language: str = "en"
    is_public: bool = True


@dataclass(frozen=True)
class AuthoritySpec:
    slug: str
    kind: str  # Authority.Kind value
    name: str
    language: str
    dates: str = ""  # EDTF
    description: str = ""
    names: tuple[tuple[str, str], ...] = ()  # (variant name, language tag)
    identifiers: tuple[tuple[str, str], ...] = ()  # (scheme, URI): only ones known to be right


@dataclass(frozen=True)
class Contributor:
    family: str
    given: str = ""
    role: str = "author"
    authority: str = ""


@dataclass(frozen=True)
class BibSpec:
    type: str
    title: str
    year: int | None = None
    subtitle: str = ""
    container_title: str = ""
    publisher: str = ""
    place: str = ""
    isbn: str = ""
    language: str = ""
    issue: str = ""
    volume: str = ""
    contributors: tuple[Contributor, ...] = ()


@dataclass(frozen=True)
class Photo:
    """What the archive needs to draw a placeholder image for a photograph."""

    caption: str
    width: int
    height: int


@dataclass(frozen=True)
class ItemSpec:
    identifier: str
    dcmi_type: str
    kind: str
    collections: tuple[str, ...]
    values: tuple[V, ...]
    status: str = "published"
    visibility: str = "public"
    embargo_until: str = ""  # ISO date
    bibliographic: BibSpec | None = None
    photo: Photo | None = None
