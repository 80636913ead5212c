"""UTC datestamps at seconds granularity, and the two forms harvesters may send in from/until."""

import datetime as dt
import re

from django.utils import timezone

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def format_datestamp(value: dt.datetime) -> str:
    """Return `value` as YYYY-MM-DDThh:mm:ssZ, truncated to the second (DATE-01, DATE-07)."""
    # isoformat, not strftime: "%Y" writes year 999 as "999", which no harvester can parse
    return value.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def parse_bound(text: str) -> tuple[dt.datetime, str]:
    """Parse a from/until value; return its start instant and granularity ("day" or "seconds").

    Raises ValueError for anything else: offsets, fractions, impossible dates (ERR-01).
    """
    if _DAY.match(text):
        day = dt.date.fromisoformat(text)
        return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC), "day"
    if _SECONDS.match(text):
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC), "seconds"
    raise ValueError(f"{text!r} is neither YYYY-MM-DD nor YYYY-MM-DDThh:mm:ssZ")


def until_exclusive(start: dt.datetime, granularity: str) -> dt.datetime:
    """Return the first instant after an inclusive until bound: whole day or whole second (DATE-05).

    The last day Python can represent (until=9999-12-31) has no instant after it; the latest
    one there is stands for it, which still takes every record.
    """
    step = dt.timedelta(days=1) if granularity == "day" else dt.timedelta(seconds=1)
    try:
        return start + step
    except OverflowError:
        return dt.datetime.max.replace(tzinfo=dt.UTC)


def local_midnight(day: dt.date) -> dt.datetime:
    """Return the instant a local calendar day starts: when an embargo ending that day lifts."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min)).astimezone(dt.UTC)


def local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()
