"""Serve derivative files only to those who may see their item.

Derivatives live under MEDIA_ROOT, but a web server must not hand them out blindly: a private,
draft or embargoed item's thumbnail is as confidential as its record. Every request comes here;
in production the file itself is then sent by the web server through X-Accel-Redirect.
"""

import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from collection import public

from . import storage
from .models import MediaFile

# What a public derivative may be cached for; they never change under the same path's file id.
PUBLIC_MAX_AGE = 24 * 3600
# Digits of a file id in a path: every 18-digit number fits the database's 64-bit key.
MAX_ID_DIGITS = 18


def may_see(request: HttpRequest, media_file: MediaFile) -> bool:
    """Current files of public items for everyone; everything for staff who may view items."""
    if public.file_is_public(media_file.is_current, media_file.item):
        return True
    user = request.user
    return user.is_authenticated and user.is_staff and user.has_perm("collection.view_item")


def _resolve(relpath: str) -> tuple[MediaFile, Path]:
    """Map `<sha prefix>/<file id>/<rest>` to its MediaFile and a path inside the derivatives root."""
    parts = relpath.split("/", 2)
    if len(parts) < 3 or not re.fullmatch(rf"[0-9]{{1,{MAX_ID_DIGITS}}}", parts[1]):
        raise Http404("No such derivative.")
    media_file = MediaFile.objects.select_related("item").filter(pk=int(parts[1])).first()
    if media_file is None or not media_file.sha256.startswith(parts[0]):
        raise Http404("No such derivative.")
    root = storage.derivatives_root().resolve()
    path = (root / relpath).resolve()
    if not path.is_relative_to(root / parts[0] / parts[1]) or not path.is_file():
        raise Http404("No such derivative.")
    return media_file, path


def serve_derivative(request: HttpRequest, relpath: str) -> HttpResponse:
    media_file, path = _resolve(relpath)
    if not may_see(request, media_file):
        raise Http404("No such derivative.")  # 404, not 403: do not confirm that it exists
    prefix = settings.MEDIA_ACCEL_REDIRECT
    if prefix:
        response = HttpResponse()
        below_media = path.relative_to(Path(settings.MEDIA_ROOT).resolve()).as_posix()
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + below_media
        response["Content-Type"] = ""  # let the web server set it from the file
    else:
        response = FileResponse(path.open("rb"))
    if public.file_is_public(media_file.is_current, media_file.item):
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
