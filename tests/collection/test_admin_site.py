"""The branded admin: the repository's name in the header, the archivist's work first on the index."""

import pytest
from django.contrib import admin
from django.urls import reverse

from collection.admin_site import ArchiveAdminSite
from collection.models import DescriptionTemplate

pytestmark = pytest.mark.django_db


def test_the_default_site_is_the_archive_site_with_every_model():
    from collection.models import Authority, Item

    assert isinstance(admin.site._wrapped, ArchiveAdminSite)
    assert admin.site.is_registered(Item) and admin.site.is_registered(Authority)


def test_header_and_title_carry_the_repository_name(login, curator, settings):
    settings.REPOSITORY_NAME = "Archief Vlasov"
    page = login(curator).get(reverse("admin:index"))
    html = page.content.decode()
    assert "Archief Vlasov" in html and "Django administration" not in html
    assert "<title>Archief Vlasov: cataloguing and administration | Archief Vlasov admin" in html


def test_repository_name_defaults_to_the_oai_name(settings):
    settings.REPOSITORY_NAME = ""
    settings.OAI_REPOSITORY_NAME = "Dossier"
    assert admin.site.site_header == "Dossier"


def app_list(client) -> list[dict]:
    return client.get(reverse("admin:index")).context["app_list"]


def test_index_lists_the_catalogue_first_then_files(login, superuser):
    apps = app_list(login(superuser))
    assert [a["app_label"] for a in apps[:2]] == ["catalogue", "files"]
    names = [m["object_name"] for m in apps[0]["models"]]
    templates = ["DescriptionTemplate"] if admin.site.is_registered(DescriptionTemplate) else []
    assert names == ["Item", "Authority", "Collection", *templates, "import", "drafts"]
    assert apps[1]["models"][0]["object_name"] == "MediaFile"


def test_a_curator_sees_the_catalogue_first_and_no_files_group(login, curator):
    apps = app_list(login(curator))
    assert apps[0]["app_label"] == "catalogue"
    assert "files" not in [a["app_label"] for a in apps]  # curators have no archive permissions


def test_models_shown_in_a_group_are_not_repeated(login, superuser):
    apps = app_list(login(superuser))
    seen = [(a["app_label"], m["object_name"]) for a in apps for m in a["models"]]
    objects = [name for _label, name in seen]
    assert objects.count("Item") == 1 and objects.count("MediaFile") == 1
    labels = [a["app_label"] for a in apps]
    assert labels.index("catalogue") < labels.index("auth")
    assert "Revision" in objects  # technical models stay, after the work


def test_review_queue_counts_drafts_and_links_the_filtered_list(login, curator, make_item):
    make_item("d1")
    make_item("d2")
    make_item("p1", status="published")
    drafts = next(m for m in app_list(login(curator))[0]["models"] if m["object_name"] == "drafts")
    assert drafts["name"] == "Review queue: 2 draft(s)"
    assert (
        drafts["admin_url"] == reverse("admin:collection_item_changelist") + "?status__exact=draft"
    )
    listed = login(curator).get(drafts["admin_url"])
    assert sorted(i.identifier for i in listed.context["cl"].result_list) == ["d1", "d2"]


def test_index_page_renders_the_groups(login, curator):
    html = login(curator).get(reverse("admin:index")).content.decode()
    assert (
        html.index("Catalogue") < html.index("Authentication and Authorization")
        if ("Authentication and Authorization" in html)
        else "Catalogue" in html
    )
    assert "Review queue: 0 draft(s)" in html


def test_an_apps_own_index_is_unchanged(login, superuser):
    apps = login(superuser).get(reverse("admin:app_list", args=["collection"])).context["app_list"]
    assert [a["app_label"] for a in apps] == ["collection"]


def test_group_names_are_unique(login, superuser):
    names = [str(a["name"]) for a in app_list(login(superuser))]
    assert len(names) == len(set(names)), names
    assert "Catalogue: other records" in names  # what is left of the collection app
