"""The REST API mounted as in api/urls.py, plus a stand-in portal item page, independent of the portal."""

from django.http import HttpResponse
from django.urls import include, path

portal = (
    [path("items/<str:identifier>/", lambda r, identifier: HttpResponse(), name="item")],
    "portal",
)
urlpatterns = [path("api/", include("api.rest.urls")), path("", include(portal))]
