"""The catalogue's models, one module per role."""

from .authority import Authority, AuthorityIdentifier, AuthorityName
from .bibliographic import BibliographicRecord, Contributor
from .collection import Collection
from .item import Item, Tombstone
from .metadata import MetadataValue
from .revision import Revision
from .template import DescriptionTemplate, TemplateElement

__all__ = [
    "Authority",
    "AuthorityIdentifier",
    "AuthorityName",
    "BibliographicRecord",
    "Collection",
    "Contributor",
    "DescriptionTemplate",
    "Item",
    "MetadataValue",
    "Revision",
    "TemplateElement",
    "Tombstone",
]
