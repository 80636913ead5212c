"""URLs of the machine interfaces: the REST API, OAI-PMH and IIIF, each owned by its own package."""

from django.urls import include, path

urlpatterns = [
    path("api/", include("api.rest.urls")),
    path("oai", include("api.oai.urls")),
    path("iiif/", include("api.iiif.urls")),
]
