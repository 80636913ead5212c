"""Top-level URLs: health, the admin, the machine interfaces, derivative files, the portal last."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import health

urlpatterns = [
    path("health/", health.live, name="health"),
    path("health/ready/", health.ready, name="health-ready"),
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
    # Derivatives go through the archive's access check, never straight from the disk.
    path(settings.MEDIA_URL.strip("/") + "/", include("archive.urls")),
    path("", include("portal.urls")),
]
