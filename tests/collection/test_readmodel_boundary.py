"""The read model applies the public boundary to contributors' authority links as to values'."""

import pytest

from collection import readmodel
from collection.models import Authority, BibliographicRecord, Contributor, Item

pytestmark = pytest.mark.django_db


def test_a_private_authority_is_not_linked_from_a_public_contributor():
    item = Item.objects.create(dcmi_type="Text", kind="bibliographic", identifier="ref-1")
    record = BibliographicRecord.objects.create(item=item, title="A study", year=1987)
    shown = Authority.objects.create(kind="person", slug="open-author", preferred_name="Open")
    hidden = Authority.objects.create(
        kind="person", slug="hidden-author", preferred_name="Hidden", is_public=False
    )
    Contributor.objects.create(record=record, family="Open", authority=shown, position=0)
    Contributor.objects.create(record=record, family="Hidden", authority=hidden, position=1)
    Contributor.objects.create(record=record, family="Unlinked", position=2)

    def links(public: bool) -> list[tuple[str, str]]:
        rows = readmodel.load([item.pk], public=public)[item.pk]
        return [(c.family, c.authority_slug) for c in rows.bibliographic.contributors]

    # the name stays (it is the record's own text); only the private link goes
    assert links(public=True) == [("Open", "open-author"), ("Hidden", ""), ("Unlinked", "")]
    assert links(public=False) == [
        ("Open", "open-author"),
        ("Hidden", "hidden-author"),
        ("Unlinked", ""),
    ]
