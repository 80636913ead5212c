"""Renderers for the export formats; the view hands them data already in the target form."""

import json

from lxml import etree
from rest_framework.renderers import BaseRenderer, JSONRenderer


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class CSLJSONRenderer(JSONRenderer):
    media_type = "application/vnd.citationstyles.csl+json"
    format = "csl"


class TextRecordsRenderer(BaseRenderer):
    """Concatenate text records (a str or a list of str) as the format's file would."""

    charset = "utf-8"
    separator = "\n"  # between records

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, str):
            return data.encode(self.charset)
        if isinstance(data, list):
            return self.separator.join(data).encode(self.charset)
        return json.dumps(data, ensure_ascii=False).encode(self.charset)


class BibTeXRenderer(TextRecordsRenderer):
    media_type = "application/x-bibtex"
    format = "bibtex"


class RISRenderer(TextRecordsRenderer):
    media_type = "application/x-research-info-systems"
    format = "ris"
    separator = "\r\n"


class DublinCoreXMLRenderer(BaseRenderer):
    """oai_dc records: one <oai_dc:dc> document, or a list wrapped in <records>."""

    media_type = "application/xml"
    format = "dcxml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, list):
            root = etree.Element("records")
            root.extend(data)
        elif isinstance(data, etree._Element):
            root = data
        else:  # not a record (should not happen: errors are rendered as JSON by the view)
            root = etree.Element("error")
            root.text = json.dumps(data, ensure_ascii=False)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class DublinCoreTextXMLRenderer(DublinCoreXMLRenderer):
    media_type = "text/xml"
    format = "dcxml"


ITEM_RENDERERS = [
    JSONRenderer,
    JSONLDRenderer,
    DublinCoreXMLRenderer,
    DublinCoreTextXMLRenderer,
    CSLJSONRenderer,
    BibTeXRenderer,
    RISRenderer,
]
