"""Serve derivative files only to those who may see their item.

Derivatives live in the archive's storage, but it must not hand them out blindly: a private,
draft or embargoed item's thumbnail is as confidential as its record. Every request comes here;
then the storage hands out the file (archive.storage): on the filesystem, the web server sends it
through X-Accel-Redirect (or Django does); on S3, the client is redirected to a presigned URL.
"""

import posixpath
import re

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control

from collection import public

from . import public as public_files
from .models import MediaFile

# What a public derivative may be cached for; they never change under the same path's file id.
PUBLIC_MAX_AGE = 24 * 3600
# Digits of a file id in a path: every 18-digit number fits the database's 64-bit key.
MAX_ID_DIGITS = 18
# How long a browser may reuse a redirect to a presigned URL (shorter than its expiry).
REDIRECT_MAX_AGE = 60


def may_see(request: HttpRequest, media_file: MediaFile) -> bool:
    """Current files of public items for everyone; everything for staff who may view items."""
    if public.file_is_public(media_file.is_current, media_file.item):
        return True
    user = request.user
    return user.is_authenticated and user.is_staff and user.has_perm("collection.view_item")


def _resolve(relpath: str) -> tuple[MediaFile, str]:
    """Map `<sha prefix>/<file id>/<rest>` to its MediaFile and a name inside that file's folder."""
    parts = relpath.split("/", 2)
    if len(parts) < 3 or not re.fullmatch(rf"[0-9]{{1,{MAX_ID_DIGITS}}}", parts[1]):
        raise Http404("No such derivative.")
    name = posixpath.normpath(relpath)
    # normpath folds "..": what is left must still be below this file's own folder.
    if "\x00" in name or not name.startswith(f"{parts[0]}/{parts[1]}/"):
        raise Http404("No such derivative.")
    media_file = MediaFile.objects.select_related("item").filter(pk=int(parts[1])).first()
    if media_file is None or not media_file.sha256.startswith(parts[0]):
        raise Http404("No such derivative.")
    return media_file, name


def serve_derivative(request: HttpRequest, relpath: str) -> HttpResponse:
    media_file, name = _resolve(relpath)
    if not may_see(request, media_file):
        # 404, not 403: do not confirm that it exists; and the store is not asked at all
        raise Http404("No such derivative.")
    response = public_files.serve_derivative_file(name)
    if response.status_code != 200 and not isinstance(response, HttpResponseRedirect):
        return response
    if isinstance(response, HttpResponseRedirect):
        # A presigned URL expires: the redirect may be reused briefly, never for a day.
        patch_cache_control(response, private=True, max_age=REDIRECT_MAX_AGE)
    elif public.file_is_public(media_file.is_current, media_file.item):
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
