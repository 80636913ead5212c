"""Absolute URLs of IIIF resources and the pages they point at, as the client addressed us.

Ids follow the request's scheme and host (request.build_absolute_uri), not SITE_URL: an
info.json id must equal the URL it was fetched from (Image API 3.0 section 5.1), and a viewer
reaching us under another name must get ids that work under that name.
"""

from urllib.parse import quote

from django.http import HttpRequest
from django.urls import reverse


class Links:
    """Builds every URL a manifest, collection or info.json needs, for one request."""

    # Other apps' public paths: built as strings, because nothing here imports them.
    item_page_path = "/items/{}/"
    item_data_path = "/api/items/{}/?format=jsonld"
    collection_page_path = "/collections/{}/"

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def image_service(self, image_id: str) -> str:
        return self.absolute(reverse("iiif:image", args=[image_id]))

    def image_file(self, image_id: str, region: str, size: str) -> str:
        return f"{self.image_service(image_id)}/{region}/{size}/0/default.jpg"

    def manifest(self, identifier: str) -> str:
        return self.absolute(reverse("iiif:manifest", args=[identifier]))

    def collection(self, slug: str) -> str:
        return self.absolute(reverse("iiif:collection", args=[slug]))

    def item_page(self, identifier: str) -> str:
        return self.absolute(self.item_page_path.format(quote(identifier)))

    def collection_page(self, slug: str) -> str:
        return self.absolute(self.collection_page_path.format(quote(slug)))

    def item_data(self, identifier: str) -> str:
        return self.absolute(self.item_data_path.format(quote(identifier)))
