"""Only the OAI-PMH endpoint, mounted as in api/urls.py, so these tests do not depend on the portal."""

from django.urls import include, path

urlpatterns = [path("oai", include("api.oai.urls"))]
