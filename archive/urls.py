"""URLs of the archive app: access-checked derivative files under MEDIA_URL."""

from django.urls import re_path

from .serving import serve_derivative

app_name = "archive"
urlpatterns = [
    re_path(r"^derivatives/(?P<relpath>[0-9a-f]{2}/\d+/.+)$", serve_derivative, name="derivative"),
]
