"""One catalogue holding every state the public boundary decides on, built once per module.

Everything hidden carries a marker (a word starting "zq") that must appear in no public response;
the public controls carry markers that must appear, so the crawl can fail.
"""

import datetime as dt
import io

import pytest

from tests.api_iiif.helpers import png
from tests.conftest import module_catalogue

FUTURE = dt.date(2999, 1, 1)
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def _item(identifier, title, *, status="published", visibility="public", embargo=None, values=()):
    from collection.models import Item, MetadataValue

    item = Item.objects.create(
        identifier=identifier,
        dcmi_type="StillImage",
        kind="photograph",
        status=status,
        visibility=visibility,
        embargo_until=embargo,
    )
    rows = [("title", title, "", None), *values]
    for position, (term, value, uri, authority) in enumerate(rows):
        MetadataValue.objects.create(
            item=item,
            term=term,
            position=position,
            value=value,
            uri=uri,
            authority=authority,
            language="en" if value else "",
        )
    return item


def build() -> dict:
    """The states of issue 9's agreement table, as one small catalogue."""
    from archive.ingest import ingest_file
    from collection import history
    from collection.models import Authority, AuthorityName, Collection

    with history.changes(comment="boundary fixture"):
        root = Collection.objects.create(slug="open-root", title="Open root")
        box = Collection.objects.create(
            slug="zqclosedbox", title="Zqclosedbox title", is_public=False, parent=root
        )
        inner = Collection.objects.create(slug="zqinner", title="Zqinner title", parent=box)
        publicus = Authority.objects.create(
            kind="person", slug="publicus-visible", preferred_name="Publicus Visiblename"
        )
        privatus = Authority.objects.create(
            kind="person", slug="zqprivatus", preferred_name="Zqprivatus Name", is_public=False
        )
        AuthorityName.objects.create(authority=privatus, name="Зкприватус", language="ru")
        event = Authority.objects.create(
            kind="event", slug="zqsecret-event", preferred_name="Zqsecret event", dates="1944",
            is_public=False,
        )  # fmt: skip
        shown = _item(
            "pub-visible",
            "Visiblerecord public photograph",
            values=[
                ("subject", "", "", privatus),  # only the private record: left out
                ("creator", "Written Creatorname", "", privatus),  # own text kept, link dropped
                ("contributor", "", "", publicus),
                ("temporal", "", "", event),
                ("license", "", CC_BY, None),
            ],
        )
        shown.collections.set([root, box, inner])
        inbox = _item("inbox-visible", "Inboxrecord public in a private collection")
        inbox.collections.set([box])
        hidden = {
            "draft": _item("zqdraft", "Zqdraft title", status="draft"),
            "private": _item("zqprivate", "Zqprivate title", visibility="private"),
            "embargoed": _item(
                "zqembargo", "Zqembargo title", visibility="embargoed", embargo=FUTURE
            ),
            "withdrawn": _item("zqwithdrawn-never", "Zqwithdrawn title", status="withdrawn"),
        }
        for item in hidden.values():
            item.collections.set([root])
        gone = _item("zqdeleted", "Zqdeleted title", status="draft")
    with history.changes(comment="deleted"):
        gone.delete()
    files = {
        "current_old": ingest_file(shown, io.BytesIO(png(colour=(10, 20, 30))), "zqold.png"),
        "hidden": ingest_file(hidden["draft"], io.BytesIO(png(colour=(40, 50, 60))), "d.png"),
    }
    files["current"] = ingest_file(
        shown, io.BytesIO(png(colour=(90, 10, 10))), "new.png", replaces=files["current_old"]
    )
    files["superseded"] = files.pop("current_old")
    files["superseded"].refresh_from_db()
    return {
        "collections": {"root": root, "box": box, "inner": inner},
        "authorities": {"public": publicus, "private": privatus, "event": event},
        "items": {"shown": shown, "inbox": inbox, **hidden},
        "files": files,
    }


def build_and_index() -> dict:
    from search import outbox

    data = build()
    outbox.drain_all()
    return data


@pytest.fixture(scope="module")
def boundary(django_db_setup, django_db_blocker, tmp_path_factory):
    """The catalogue for a whole module, indexed, with derivatives made; rolled back after."""
    with module_catalogue(django_db_blocker, tmp_path_factory, "boundary", build_and_index) as data:
        yield data


@pytest.fixture
def anonymous(boundary, db, client):
    client.cookies["django_language"] = "en"
    return client
