"""A small Vlasov-like corpus built through the catalogue's history, as the admin would."""

import datetime as dt
import os
import uuid

from collection import history
from collection.models import (
    Authority,
    AuthorityName,
    BibliographicRecord,
    Collection,
    Contributor,
    Item,
    MetadataValue,
)

RUN = uuid.uuid4().hex[:8]


def isolated_settings(tmp_dir, backend: str | None = None) -> dict:
    """Settings that point search at a throw-away index: unique prefix, temporary FTS file."""
    name = f"test-{RUN}-{uuid.uuid4().hex[:6]}"
    values = {
        "SEARCH_INDEX_PREFIX": name,
        "SEARCH_FTS_PATH": os.path.join(tmp_dir, f"{name}.sqlite3"),
    }
    if backend:
        values["SEARCH_BACKEND"] = backend
    return values


def value(item, term, text="", language="", authority=None, position=0):
    return MetadataValue.objects.create(
        item=item, term=term, value=text, language=language, authority=authority, position=position
    )


def make_item(
    title,
    *,
    language="en",
    dcmi_type="Text",
    kind="document",
    status="published",
    visibility="public",
    embargo_until=None,
    date="",
    description="",
    collections=(),
    authorities=(),
    extra=(),
):
    """Create one catalogued item through the history, as the admin would."""
    with history.changes():
        item = Item.objects.create(
            dcmi_type=dcmi_type,
            kind=kind,
            status=status,
            visibility=visibility,
            embargo_until=embargo_until,
        )
        value(item, "title", title, language)
        if date:
            value(item, "date", date)
        if description:
            value(item, "description", description, language)
        value(item, "language", language)
        for term, authority in authorities:
            value(item, term, authority=authority)
        for term, text in extra:
            value(item, term, text)
        item.collections.set(collections)
    item.refresh_from_db()
    return item


def build_corpus() -> dict:
    """The Vlasov-like corpus the contract suite searches."""
    with history.changes():
        wwii = Collection.objects.create(slug="wwii", title="Second World War")
        dossier = Collection.objects.create(
            slug="dossier-vlasov", title="Dossier Vlasov", parent=wwii
        )
        vlasov = Authority.objects.create(
            kind="person", slug="andrej-vlasov", preferred_name="Andrej Vlasov", language="en"
        )
        AuthorityName.objects.create(authority=vlasov, name="Власов", language="ru")
        AuthorityName.objects.create(authority=vlasov, name="Wlassow", language="de")
        prague = Authority.objects.create(kind="place", slug="prague", preferred_name="Prague")
        AuthorityName.objects.create(authority=prague, name="Praha", language="cs")
        # linked to no item: found only as an authority (as Strik-Strikfeldt in the demo)
        strik = Authority.objects.create(
            kind="person",
            slug="wilfried-strik-strikfeldt",
            preferred_name="Wilfried Strik-Strikfeldt",
            language="en",
            description="Baltic German officer of the Wehrmacht. "
            "He was the liaison of the Russian Liberation Army at the Dabendorf camp.",
        )
        AuthorityName.objects.create(
            authority=strik, name="Штрик-Штрикфельдт, Вильфрид Карлович", language="ru"
        )
        # private: on no public surface, though a public item links it
        informant = Authority.objects.create(
            kind="person",
            slug="hidden-informant",
            preferred_name="Verborgen Informant",
            description="Informant whose name stays private.",
            is_public=False,
        )
        AuthorityName.objects.create(authority=informant, name="Тайный осведомитель", language="ru")
    past = dt.date(2000, 1, 1)
    c = {
        "nl": make_item(
            "Vlasov: het einde van een Russische overloper",
            language="nl",
            kind="article",
            date="1946-08-01",
            description="Over de generaal die overliep.",
            collections=[dossier],
            authorities=[("subject", vlasov)],
        ),
        "photo": make_item(
            "Generaal in Berlijn",
            language="nl",
            dcmi_type="StillImage",
            kind="photograph",
            date="1944-11-14",
            collections=[dossier],
            authorities=[("subject", vlasov), ("spatial", prague)],
        ),
        "manifest": make_item(
            "Пражский манифест",
            language="ru",
            kind="proclamation",
            date="1944-11-14",
            description="Manifesto of the Committee for the Liberation",
            collections=[wwii],
            authorities=[("spatial", prague)],
        ),
        # Dutch singular (the stemming test searches the plural, opleidingskampen)
        "letter": make_item(
            "Brief uit het opleidingskamp Dabendorf",
            language="nl",
            kind="letter",
            date="1943-06",
            authorities=[("contributor", informant)],
        ),
        "map": make_item(
            "Kaart van Bohemen",
            language="nl",
            dcmi_type="Image",
            kind="map",
            date="1945",
            extra=[("subject", "Cartografie")],
        ),
        "chronicle": make_item(
            "Chronicle of the Liberation Army",
            kind="document",
            date="1942/1946",
            description="Documents about Vlasov and his staff.",
        ),
        "xss": make_item("<script>alert('x')</script> leaflet of 1942", date="1942"),
        # German plural (the stemming test searches the singular, Soldat)
        "released": make_item(
            "Bericht über einen Soldaten der Befreiungsarmee",
            language="de",
            visibility="embargoed",
            embargo_until=past,
            date="1945",
        ),
        "draft": make_item("Vlasov draft notes", status="draft"),
        # links Vlasov, but is not public: his item count leaves it out
        "private": make_item(
            "Vlasov private letter", visibility="private", authorities=[("subject", vlasov)]
        ),
        "embargoed": make_item(
            "Vlasov embargoed report", visibility="embargoed", embargo_until=dt.date(2999, 1, 1)
        ),
        "withdrawn": make_item("Vlasov withdrawn article", status="withdrawn"),
    }
    # Vlasov is cited as an author of the chronicle, and of the Dutch article that also has him
    # as its subject (counted once): his public items are nl, photo and chronicle.
    with history.changes():
        for name in ("chronicle", "nl"):
            record = BibliographicRecord.objects.create(item=c[name], title=c[name].title)
            Contributor.objects.create(
                record=record, family="Vlasov", given="Andrej", authority=vlasov
            )
    for item in c.values():
        item.refresh_from_db()
    c.update(vlasov=vlasov, prague=prague, strik=strik, informant=informant, wwii=wwii)
    return c


# public items linked to each public authority, as a value or a cited contributor
ITEM_COUNTS = {"andrej-vlasov": 3, "prague": 2, "wilfried-strik-strikfeldt": 0}


PUBLIC = ("nl", "photo", "manifest", "letter", "map", "chronicle", "xss", "released")
HIDDEN = ("draft", "private", "embargoed", "withdrawn")
