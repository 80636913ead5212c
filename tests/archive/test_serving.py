"""Derivative files are served only while their item may be seen: no leak through /media/."""

import pytest
from django.contrib.auth.models import Permission, User

from archive import public
from collection import history
from collection.models import Item
from tests.archive.samples import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def thumb(item, ingest):
    """A published, public item with an image, and the URL of that image's thumbnail."""
    media_file = ingest(item, image_bytes(), "a.jpg")
    with history.changes():
        item.status = Item.Status.PUBLISHED
        item.save()
    return item, public.image_info(public.get_file(media_file.pk))["thumbnail_url"]


def hide(item: Item, **fields) -> None:
    with history.changes():
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()


def test_public_item_derivatives_are_served_and_cacheable(client, thumb):
    _, url = thumb
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize(
    "fields",
    [
        {"visibility": Item.Visibility.PRIVATE},
        {"status": Item.Status.DRAFT},
        {"status": Item.Status.WITHDRAWN},
        {"visibility": Item.Visibility.EMBARGOED, "embargo_until": "2999-01-01"},
    ],
    ids=["private", "draft", "withdrawn", "embargoed"],
)
def test_hidden_item_derivatives_answer_404(client, thumb, fields):
    item, url = thumb
    hide(item, **fields)
    assert client.get(url).status_code == 404


def test_staff_who_may_view_items_see_hidden_derivatives(client, thumb):
    item, url = thumb
    hide(item, visibility=Item.Visibility.PRIVATE)
    user = User.objects.create_user("cat", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_item"))
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_replaced_versions_are_not_public(client, item, ingest, thumb):
    item, url = thumb
    old = public.files_for_item(item)[0]
    ingest(item, image_bytes("PNG"), "b.png", replaces=old)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "tamper",
    [
        lambda url: url.replace("/thumbnail.jpg", "/../../../../secret_key"),
        lambda url: url.replace("/thumbnail.jpg", "/%2e%2e/%2e%2e/x"),
        lambda url: url.replace("derivatives/", "derivatives/00/", 1),
    ],
)
def test_traversal_and_forged_paths_answer_404(client, thumb, tamper):
    _, url = thumb
    assert client.get(tamper(url)).status_code == 404


def test_behind_nginx_the_file_is_sent_with_x_accel_redirect(client, thumb, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/internal-media/"
    _, url = thumb
    response = client.get(url)
    assert response.status_code == 200
    # The path below MEDIA_ROOT, so nginx's internal location can alias MEDIA_ROOT itself.
    assert response["X-Accel-Redirect"] == "/internal-media" + url.removeprefix(
        settings.MEDIA_URL[:-1]
    )
