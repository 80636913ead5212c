"""A small Vlasov-like corpus built through the catalogue's history, as the admin would."""

import datetime as dt
import os
import uuid

from collection import history
from collection.models import Authority, AuthorityName, Collection, Item, MetadataValue

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
        "letter": make_item("Brief uit Dabendorf", language="nl", kind="letter", date="1943-06"),
        "map": make_item(
            "Kaart van Bohemen", language="nl", dcmi_type="Image", kind="map", date="1945"
        ),
        "chronicle": make_item(
            "Chronicle of the Liberation Army",
            kind="document",
            date="1942/1946",
            description="Documents about Vlasov and his staff.",
        ),
        "xss": make_item("<script>alert('x')</script> leaflet of 1942", date="1942"),
        "released": make_item(
            "Released report on the army", visibility="embargoed", embargo_until=past, date="1945"
        ),
        "draft": make_item("Vlasov draft notes", status="draft"),
        "private": make_item("Vlasov private letter", visibility="private"),
        "embargoed": make_item(
            "Vlasov embargoed report", visibility="embargoed", embargo_until=dt.date(2999, 1, 1)
        ),
        "withdrawn": make_item("Vlasov withdrawn article", status="withdrawn"),
    }
    c["vlasov"], c["prague"], c["wwii"] = vlasov, prague, wwii
    return c


PUBLIC = ("nl", "photo", "manifest", "letter", "map", "chronicle", "xss", "released")
HIDDEN = ("draft", "private", "embargoed", "withdrawn")
