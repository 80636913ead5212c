"""Fixtures for the admin, roles and CSV import tests: users in each role and a small catalogue."""

import pytest
from django.contrib.auth.models import Group, User

from collection import history
from collection.models import Authority, AuthorityName, Collection, Item, MetadataValue


def _member(username: str, role: str) -> User:
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions


@pytest.fixture
def cataloguer(db) -> User:
    return _member("cat", "cataloguer")


@pytest.fixture
def curator(db) -> User:
    return _member("cur", "curator")


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root", email="", password=None)


@pytest.fixture
def login(client):
    """Log a user into the test client and return the client."""

    def _login(user: User):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def make_item(db):
    def _make(identifier: str, title: str = "Vlasov", **fields) -> Item:
        with history.changes(comment="fixture"):
            item = Item.objects.create(identifier=identifier, dcmi_type="Text", **fields)
            MetadataValue.objects.create(item=item, term="title", value=title, language="nl")
        return Item.objects.get(pk=item.pk)

    return _make


@pytest.fixture
def archive_collections(db) -> dict[str, Collection]:
    with history.changes():
        root = Collection.objects.create(slug="dossier", title="Dossier Vlasov")
        photos = Collection.objects.create(slug="photos", title="Photographs", parent=root)
    return {"dossier": root, "photos": photos}


@pytest.fixture
def vlasov(db) -> Authority:
    with history.changes():
        person = Authority.objects.create(
            kind="person", slug="vlasov", preferred_name="Andrey Vlasov", language="en"
        )
        AuthorityName.objects.create(authority=person, name="Андрей Власов", language="ru")
    return person


def item_form(item: Item | None = None, values=(), **fields) -> dict:
    """POST data for the item change form: fields, existing values kept, `values` appended."""
    data = {
        "dcmi_type": item.dcmi_type if item else "Text",
        "kind": item.kind if item else "document",
        "bibliographic-TOTAL_FORMS": "0",
        "bibliographic-INITIAL_FORMS": "0",
    }
    if item is None:
        data["identifier"] = fields.pop("identifier", "new-item")
    if item is not None:
        data["collections"] = [c.pk for c in item.collections.all()]
    existing = list(item.values.order_by("term", "position", "id")) if item else []
    rows = [
        {
            "id": v.pk,
            "item": item.pk,
            "term": v.term,
            "position": v.position,
            "value": v.value,
            "uri": v.uri,
            "authority": v.authority_id or "",
            "language": v.language,
        }
        for v in existing
    ]
    rows += [
        {"term": t, "position": p, "value": val, "language": lang} for t, p, val, lang in values
    ]
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"values-{index}-{key}"] = value
    data.update({"values-TOTAL_FORMS": str(len(rows)), "values-INITIAL_FORMS": str(len(existing))})
    data.update(fields)
    return data


@pytest.fixture
def item_form_data():
    return item_form
