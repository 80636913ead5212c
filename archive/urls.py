"""URLs of the archive app: access-checked derivative files under MEDIA_URL."""

from django.urls import re_path

from .serving import MAX_ID_DIGITS, serve_derivative

app_name = "archive"
urlpatterns = [
    # The file id: ASCII digits, at most MAX_ID_DIGITS (a longer number is no file, and would
    # overflow the database's 64-bit key or Python's int-from-string limit).
    re_path(
        rf"^derivatives/(?P<relpath>[0-9a-f]{{2}}/[0-9]{{1,{MAX_ID_DIGITS}}}/.+)$",
        serve_derivative,
        name="derivative",
    ),
]
