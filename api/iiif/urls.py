"""URLs of the IIIF interface (mounted at /iiif/): Image API 3.0 level 0 and Presentation 3.0."""

from django.urls import path, re_path

from . import image, views

app_name = "iiif"
urlpatterns = [
    path("manifests/<str:identifier>", views.manifest, name="manifest"),
    path("collections/<slug:slug>", views.collection, name="collection"),
    path("<str:image_id>", image.base, name="image"),
    path("<str:image_id>/info.json", image.info, name="info"),
    path(
        "<str:image_id>/<str:region>/<str:size>/<str:rotation>/<str:filename>",
        image.tile,
        name="tile",
    ),
    re_path(r"^(?P<rest>.*)$", image.unknown),
]
