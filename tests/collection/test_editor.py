"""The descriptive editor on the server: groups in reading order, the plain formset post, positions
from order, templates per kind (required refuses, recommended warns), permissions unchanged."""

import re

import pytest
from django.contrib.messages import get_messages

from collection import history
from collection.dublin_core import READING_ORDER
from collection.editor import BUILTIN, expected_for
from collection.models import DescriptionTemplate, Item, MetadataValue, TemplateElement

from .conftest import item_form

pytestmark = pytest.mark.django_db


def change_url(item: Item) -> str:
    return f"/admin/collection/item/{item.pk}/change/"


def group_terms(html: str) -> list[str]:
    html = re.sub(r"<template.*?</template>", "", html, flags=re.S)  # groups JS may add
    return re.findall(r'<section class="dc-group[^"]*" data-term="(\w+)"', html)


def errors(response) -> list[str]:
    return re.findall(
        r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S
    )


def template(kind: str, *elements: tuple[str, str]) -> DescriptionTemplate:
    made = DescriptionTemplate.objects.create(kind=kind)
    for position, (term, requirement) in enumerate(elements):
        TemplateElement.objects.create(
            template=made, term=term, position=position, requirement=requirement
        )
    return made


@pytest.fixture
def described(make_item):
    item = make_item("v1", title="Brief aan Vlasov")
    with history.changes(comment="fixture"):
        for position, name in enumerate(["Trukhin", "Malyshkin"]):
            MetadataValue.objects.create(item=item, term="creator", value=name, position=position)
        MetadataValue.objects.create(item=item, term="accessRights", value="open", language="en")
        MetadataValue.objects.create(item=item, term="alternative", value="Letter", language="en")
    return Item.objects.get(pk=item.pk)


def test_groups_follow_the_template_then_reading_order(login, cataloguer, described):
    html = login(cataloguer).get(change_url(described)).content.decode()
    terms = group_terms(html)
    builtin = [term for term, _ in BUILTIN]
    assert terms[: len(builtin)] == builtin  # "document" has no template: the built-in order
    rest = terms[len(builtin) :]
    assert rest == [t for t in READING_ORDER if t in ("alternative", "accessRights")]
    assert "First dc:title value" not in html and "A name given to the resource." in html
    assert 'name="values-0-position"' in html and 'name="values-TOTAL_FORMS"' in html


def test_each_value_can_create_a_new_authority(login, cataloguer, described):
    """The authority box keeps Django's add-another popup; the edit and view icons are gone."""
    html = login(cataloguer).get(change_url(described)).content.decode()
    assert 'id="add_id_values-0-authority"' in html and "_popup=1" in html
    assert 'id="change_id_values-0-authority"' not in html


def test_plain_post_orders_by_the_posted_order_and_renumbers(login, cataloguer, described):
    data = item_form(described, values=[("creator", "", "Zhilenkov", "ru-Latn")])
    # The cataloguer (without JavaScript) puts Malyshkin first by giving it a lower order.
    rows = {data[f"values-{i}-value"]: i for i in range(int(data["values-TOTAL_FORMS"]))}
    data[f"values-{rows['Malyshkin']}-position"] = "0"
    data[f"values-{rows['Trukhin']}-position"] = "5"
    response = login(cataloguer).post(change_url(described), data)
    assert response.status_code == 302, errors(response)
    creators = described.values.filter(term="creator").order_by("position")
    assert [(v.value, v.position) for v in creators] == [
        ("Malyshkin", 0),
        ("Trukhin", 1),
        ("Zhilenkov", 2),
    ]


def test_removing_a_value_closes_the_gap(login, cataloguer, described):
    data = item_form(described)
    index = next(i for i in range(10) if data.get(f"values-{i}-value") == "Trukhin")
    data[f"values-{index}-DELETE"] = "on"
    assert login(cataloguer).post(change_url(described), data).status_code == 302
    creators = described.values.filter(term="creator")
    assert [(v.value, v.position) for v in creators] == [("Malyshkin", 0)]


def test_an_empty_slot_is_not_a_value(login, cataloguer, described):
    """Rows the editor offers (a template's empty group, a row added and left empty) save nothing."""
    data = item_form(described, values=[("subject", "", "", "nl")])
    assert login(cataloguer).post(change_url(described), data).status_code == 302
    assert not described.values.filter(term="subject").exists()


def test_required_element_refuses_with_an_error_on_its_field(login, cataloguer, described):
    template("document", ("title", "required"), ("date", "required"))
    client = login(cataloguer)
    page = client.get(change_url(described)).content.decode()
    assert group_terms(page)[:2] == ["title", "date"]
    assert 'data-term="date"' in page and "dc-flag" in page
    response = client.post(change_url(described), item_form(described))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fill in the required elements: Date." in html
    date_group = html[html.index('data-term="date"') :]
    date_group = date_group[: date_group.index("</section>")]
    assert "Date is required for this kind of item." in date_group
    assert Item.objects.get(pk=described.pk).version == described.version  # nothing saved

    data = item_form(described, values=[("date", "", "1944-11-14", "")])
    assert client.post(change_url(described), data).status_code == 302


def test_recommended_element_warns_but_saves(login, cataloguer, described):
    template("document", ("title", "required"), ("subject", "recommended"))
    data = item_form(described, values=[("description", "", "Een brief", "nl")])
    response = login(cataloguer).post(change_url(described), data)
    assert response.status_code == 302
    assert described.values.filter(term="description").exists()
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == ["Saved, but recommended for this kind of item and still empty: Subject."]


def test_the_title_is_edited_like_every_value(login, cataloguer, described):
    data = item_form(described)
    index = next(i for i in range(10) if data.get(f"values-{i}-value") == "Brief aan Vlasov")
    data[f"values-{index}-value"] = "Brief aan generaal Vlasov"
    assert login(cataloguer).post(change_url(described), data).status_code == 302
    assert Item.objects.get(pk=described.pk).title == "Brief aan generaal Vlasov"


def test_add_page_starts_from_the_kinds_template(login, cataloguer):
    template(
        "photograph", ("title", "required"), ("creator", "recommended"), ("created", "required")
    )
    client = login(cataloguer)
    html = client.get("/admin/collection/item/add/?kind=photograph").content.decode()
    assert group_terms(html) == ["title", "creator", "created"]
    assert '<option value="photograph" selected>' in html
    data = item_form(
        None,
        identifier="new-photo",
        kind="photograph",
        values=[("title", "", "Vlasov in Berlijn", "nl"), ("created", "", "1944", "")],
    )
    data["dcmi_type"] = "StillImage"
    response = client.post("/admin/collection/item/add/", data)
    assert response.status_code == 302, errors(response)
    item = Item.objects.get(identifier="new-photo")
    assert item.status == Item.Status.DRAFT and item.title == "Vlasov in Berlijn"


def test_cataloguer_sees_a_published_item_read_only(login, cataloguer, described):
    Item.objects.filter(pk=described.pk).update(status=Item.Status.PUBLISHED)
    html = login(cataloguer).get(change_url(described)).content.decode()
    assert "Malyshkin" in html and 'name="values-0-value"' not in html
    assert "dc-readonly" in html
    response = login(cataloguer).post(change_url(described), item_form(described))
    assert response.status_code == 403


def test_builtin_order_when_no_template():
    expected = expected_for("letter")
    assert expected.order[0] == "title" and expected.required == {"title"}
    assert expected.missing_recommended({"title"}) == ["creator", "date"]


def test_curators_manage_templates_cataloguers_only_read(login, curator, cataloguer):
    assert login(curator).get("/admin/collection/descriptiontemplate/add/").status_code == 200
    assert login(cataloguer).get("/admin/collection/descriptiontemplate/add/").status_code == 403
    assert login(cataloguer).get("/admin/collection/descriptiontemplate/").status_code == 200


def test_demo_loads_a_template_for_every_kind(db):
    from demo.dossier.templates import TEMPLATES

    assert set(TEMPLATES) == set(Item.Kind.values)
    for kind, elements in TEMPLATES.items():
        assert elements[0] == ("title", "required"), kind
        assert len({t for t, _ in elements}) == len(elements), kind


def test_every_demo_item_meets_its_kinds_required_elements(db):
    """Otherwise a demo item could not be saved in the editor without inventing a value."""
    from demo.dossier.items import ITEMS
    from demo.dossier.templates import TEMPLATES

    for spec in ITEMS:
        required = {t for t, r in TEMPLATES[spec.kind] if r == "required"}
        assert required <= {v.term for v in spec.values}, spec.identifier


def test_the_form_reads_the_values_once(
    login, cataloguer, described, django_assert_max_num_queries
):
    """Bounded work: 40 more literal values cost no more queries (the formset's rows are read once)."""
    client = login(cataloguer)
    with django_assert_max_num_queries(40) as few:
        client.get(change_url(described))
    with history.changes(comment="many"):
        MetadataValue.objects.bulk_create(
            MetadataValue(item=described, term="subject", value=f"s{n}", position=n)
            for n in range(40)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "s39" in client.get(change_url(described)).content.decode()
