"""Top-level URLs: the admin, the machine interfaces, derivative files, and the portal last."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
    # Derivatives go through the archive's access check, never straight from the disk.
    path(settings.MEDIA_URL.strip("/") + "/", include("archive.urls")),
    path("", include("portal.urls")),
]
