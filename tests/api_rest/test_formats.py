"""Export formats, by ?format= and by Accept, each checked with an independent parser or schema."""

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from lxml import etree
from pyld import jsonld

pytestmark = pytest.mark.django_db

XSD_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "conformance" / "xsd"

# The CSL-JSON input schema (citation-style-language/schema, schemas/input/csl-data.json, MIT),
# reduced to what decides validity here: required keys, the type list, no unknown keys, and the
# name and date shapes.
CSL_TYPES = [
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
]
CSL_NAMES = ["author", "editor", "translator", "container-author", "collection-editor", "recipient"]
CSL_DATES = ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
CSL_STRINGS = [
    "language",
    "abstract",
    "container-title",
    "publisher",
    "publisher-place",
    "ISBN",
    "URL",
    "title",
    "keyword",
    "note",
    "edition",
    "page",
    "volume",
    "issue",
    "genre",
    "medium",
    "archive",
]
NAME = {
    "type": "object",
    "additionalProperties": False,
    "properties": {k: {"type": "string"} for k in ("family", "given", "literal", "suffix")},
}
DATE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {
                "type": "array",
                "minItems": 1,
                "maxItems": 3,
                "items": {"type": ["string", "number"]},
            },
        },
        "raw": {"type": "string"},
        "literal": {"type": "string"},
        "circa": {"type": ["string", "number", "boolean"]},
    },
}
CSL_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["type", "id"],
        "additionalProperties": False,
        "properties": {
            "type": {"enum": CSL_TYPES},
            "id": {"type": ["string", "number"]},
            **{k: {"type": "array", "items": NAME} for k in CSL_NAMES},
            **{k: DATE for k in CSL_DATES},
            **{k: {"type": ["string", "number"]} for k in CSL_STRINGS},
        },
    },
}


def test_bibtex_parses_with_bibtexparser(api, catalogue):
    response = api.get("/api/items/book-1/?format=bibtex")
    assert response["Content-Type"].startswith("application/x-bibtex")
    entry = bibtexparser.loads(response.content.decode()).entries[0]
    assert entry["ENTRYTYPE"] == "book" and entry["ID"] == "book-1"
    assert entry["author"] == "Strik-Strikfeldt, Wilfried"
    assert entry["title"].startswith("Against Stalin and Hitler: Memoir")
    assert (entry["year"], entry["publisher"], entry["isbn"]) == (
        "1970",
        "Macmillan",
        "9780333112632",
    )


def test_bibtex_escapes_tex_specials(api, make_item):
    make_item("odd-1", "50% of {Rock} & Roll_#1", values=[("creator", "Smith & Sons", "")])
    text = api.get("/api/items/odd-1/?format=bibtex").content.decode()
    entry = bibtexparser.loads(text).entries[0]
    assert entry["title"] == r"50\% of \{Rock\} \& Roll\_\#1"
    assert entry["ENTRYTYPE"] == "misc"


def test_bibtex_list_is_one_entry_per_item(api, catalogue):
    entries = bibtexparser.loads(api.get("/api/items/?format=bibtex").content.decode()).entries
    assert {e["ID"] for e in entries} == {"pub-1", "emb-0", "book-1"}


def test_ris_parses_with_rispy(api, catalogue):
    response = api.get("/api/items/book-1/", HTTP_ACCEPT="application/x-research-info-systems")
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    (record,) = rispy.loads(response.content.decode())
    assert record["type_of_reference"] == "BOOK"
    assert record["authors"] == ["Strik-Strikfeldt, Wilfried"]
    assert record["subsidiary_authors"] == ["Koch, David"]
    assert (record["year"], record["publisher"], record["place_published"]) == (
        "1970",
        "Macmillan",
        "London",
    )
    records = rispy.loads(api.get("/api/items/?format=ris").content.decode())
    assert len(records) == 3
    pub = next(r for r in records if r["id"] == "pub-1")
    assert pub["keywords"] == ["Oorlog"] and pub["type_of_reference"] == "GEN"


def test_csl_json_matches_the_schema(api, catalogue):
    response = api.get("/api/items/", HTTP_ACCEPT="application/vnd.citationstyles.csl+json")
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    items = response.json()
    jsonschema.validate(items, CSL_SCHEMA)
    book = next(i for i in items if i["id"] == "book-1")
    assert book["type"] == "book" and book["issued"] == {"date-parts": [[1970]]}
    assert book["translator"] == [{"family": "Koch", "given": "David"}]
    single = api.get("/api/items/pub-1/?format=csl").json()
    jsonschema.validate(single, CSL_SCHEMA)
    assert single[0]["author"] == [{"family": "Vlasov", "given": "Andrei"}]


def test_jsonld_expands_with_pyld(api, catalogue):
    response = api.get("/api/items/pub-1/", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == "application/ld+json"
    doc = response.json()
    assert doc["@id"] == "http://testserver/api/items/pub-1/"
    assert doc["name"] == {"nl": "Proclamatie", "en": "Proclamation"}
    (node,) = [n for n in jsonld.expand(doc) if n["@id"] == doc["@id"]]
    assert "https://schema.org/CreativeWork" in node["@type"]
    assert "http://purl.org/dc/dcmitype/Text" in node["@type"]
    names = {(v["@value"], v["@language"]) for v in node["https://schema.org/name"]}
    assert names == {("Proclamatie", "nl"), ("Proclamation", "en")}
    titles = node["http://purl.org/dc/elements/1.1/title"]
    assert {"@value": "Proclamation", "@language": "en"} in titles
    creator = node["https://schema.org/creator"][0]
    assert creator["https://schema.org/sameAs"] == [
        {"@id": "https://www.wikidata.org/wiki/Q313210"}
    ]
    book = api.get("/api/items/book-1/?format=jsonld").json()
    assert book["@type"][0] == "Book"


def test_jsonld_list_is_a_graph(api, catalogue):
    doc = api.get("/api/items/?format=jsonld").json()
    assert len(doc["@graph"]) == 3
    expanded = jsonld.expand(doc)
    assert {n["@id"] for n in expanded} >= {"http://testserver/api/items/pub-1/"}


class _CatalogResolver(etree.Resolver):
    """Resolve the schemas' absolute URLs to the shared local copies (recipe 2 of the README)."""

    def __init__(self, uris: dict[str, Path]):
        super().__init__()
        self.uris = uris

    def resolve(self, url, pubid, context):
        local = self.uris.get(url)
        return self.resolve_filename(str(local), context) if local else None


def _oai_dc_schema() -> etree.XMLSchema:
    if not XSD_DIR.is_dir():
        pytest.skip(f"no shared conformance schemas at {XSD_DIR.resolve()}")
    catalog = json.loads((XSD_DIR / "catalog.json").read_text())
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_CatalogResolver({u: XSD_DIR / f for u, f in catalog["uris"].items()}))
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "oai_dc.xsd"), parser))


def _valid(schema: etree.XMLSchema, doc) -> None:
    assert schema.validate(doc), schema.error_log


def test_dc_xml_validates_against_oai_dc_xsd(api, catalogue, make_item):
    schema = _oai_dc_schema()
    make_item("ctl-1", "Bad \x0b control", values=[("abstract", "Samenvatting", "nl")])
    for identifier, accept in (("pub-1", "application/xml"), ("ctl-1", "text/xml")):
        response = api.get(f"/api/items/{identifier}/", HTTP_ACCEPT=accept)
        assert response["Content-Type"].startswith(accept)
        doc = etree.fromstring(response.content)
        _valid(schema, doc)
    dc = "{http://purl.org/dc/elements/1.1/}"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    description = doc.find(f"{dc}description")  # dcterms:abstract dumbed down
    assert (description.text, description.get(lang)) == ("Samenvatting", "nl")
    assert doc.find(f"{dc}title").text == "Bad  control"


def test_dc_xml_list_wraps_records(api, catalogue):
    schema = _oai_dc_schema()
    root = etree.fromstring(api.get("/api/items/?format=dcxml").content)
    assert root.tag == "records" and len(root) == 3
    for record in root:
        _valid(schema, record)
    # The schema really checks: an element simple Dublin Core does not have is refused.
    etree.SubElement(root[0], "{http://purl.org/dc/elements/1.1/}author").text = "x"
    assert not schema.validate(root[0])


def test_unacceptable_accept_is_406(api, catalogue):
    assert api.get("/api/items/pub-1/", HTTP_ACCEPT="image/png").status_code == 406


def test_errors_are_json_whatever_the_format(api, catalogue):
    response = api.get("/api/items/?format=bibtex&kind=poster")
    assert response.status_code == 400
    assert response.json()["kind"]
