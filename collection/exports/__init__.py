"""Catalogue items as citation and linked-data records: CSL-JSON, BibTeX, RIS, Dublin Core XML, JSON-LD.

Pure functions over prefetched catalogue objects, shared by the REST API and the portal; they
import nothing outside `collection`.
"""

from .bibtex import bibtex_entry
from .csl import csl_item
from .dcxml import OAI_DC, QDC, oai_dc_xml, record_of
from .jsonld import JSONLD_CONTEXT, item_jsonld
from .record import metadata_json
from .ris import ris_record

__all__ = [
    "JSONLD_CONTEXT",
    "bibtex_entry",
    "csl_item",
    "item_jsonld",
    "metadata_json",
    "OAI_DC",
    "QDC",
    "oai_dc_xml",
    "record_of",
    "ris_record",
]
