"""Top-level URLs: the admin, the API app, media in the embedded default, and the portal last."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
]
if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
urlpatterns.append(path("", include("portal.urls")))
