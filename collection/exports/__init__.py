"""Catalogue items as citation and linked-data records: CSL-JSON, BibTeX, RIS, Dublin Core XML, JSON-LD.

Pure functions over prefetched catalogue objects, shared by the REST API and the portal; they
import nothing outside `collection`.
"""

from .bibtex import bibtex_entry
from .csl import csl_item
from .dcxml import oai_dc_element, oai_dc_xml
from .jsonld import JSONLD_CONTEXT, item_jsonld
from .record import ITEM_PREFETCH, metadata_of
from .ris import ris_record

__all__ = [
    "ITEM_PREFETCH",
    "JSONLD_CONTEXT",
    "bibtex_entry",
    "csl_item",
    "item_jsonld",
    "metadata_of",
    "oai_dc_element",
    "oai_dc_xml",
    "ris_record",
]
