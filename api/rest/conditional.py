"""ETag and Last-Modified validators, so harvesters re-fetching unchanged pages get a cheap 304."""

import datetime as dt
import hashlib
from calendar import timegm

from django.db.models import Max
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_etags, quote_etag

from archive.models import Derivative, MediaFile
from collection.models import Authority, Collection


def dependency_stamps() -> list:
    """Latest changes of what item representations also show: authorities, collections, files."""
    return [
        Authority.objects.aggregate(m=Max("modified"))["m"],
        Collection.objects.aggregate(m=Max("modified"))["m"],
        MediaFile.objects.aggregate(m=Max("created"))["m"],
        Derivative.objects.aggregate(m=Max("finished_at"))["m"],
    ]


def page_validators(rows: list, position, request, variant: str):
    """Return (etag, last_modified) for one keyset page, from the rows it shows.

    The page is what the client gets, so its own rows (id, version, change time), where the
    next page starts and the dependencies decide whether it changed: no aggregate over the
    whole list, which at a million items would cost every page (and every 304) a full count.
    `variant` separates representations of the same URL (format, staff or public view).
    """
    own = [(row.pk, getattr(row, "version", None), row.modified) for row in rows]
    stamps = [max((row.modified for row in rows), default=None), *dependency_stamps()]
    key = repr((own, position, stamps, request.get_full_path(), variant))
    return _etag(key), _latest(stamps)


def object_validators(obj, stamps: list, variant: str):
    """Return (etag, last_modified) for one object from its own change times."""
    key = repr((obj.pk, getattr(obj, "version", None), stamps, variant))
    return _etag(key), _latest(stamps)


def _etag(key: str) -> str:
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def _latest(stamps: list) -> dt.datetime | None:
    known = [s for s in stamps if s is not None]
    return max(known) if known else None


def not_modified(request, etag: str, last_modified: dt.datetime | None):
    """The 304 response when the client's copy is current, else None."""
    stamp = timegm(last_modified.utctimetuple()) if last_modified else None
    return get_conditional_response(request, etag=etag, last_modified=stamp)


def set_validators(response, etag: str, last_modified: dt.datetime | None) -> None:
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(timegm(last_modified.utctimetuple()))


def if_match_fails(request, etag: str) -> bool:
    """True when the request has an If-Match that `etag` does not satisfy (RFC 9110, 13.1.1).

    If-Match uses the strong comparison: a weak tag (W/"...") never matches.
    """
    header = request.META.get("HTTP_IF_MATCH")
    if header is None:
        return False
    tags = parse_etags(header)
    if tags == ["*"]:
        return False  # "*" matches any current representation, and the record exists
    return etag not in [tag for tag in tags if not tag.startswith("W/")]
