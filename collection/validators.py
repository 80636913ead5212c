"""Validation of the catalogue's structured values: EDTF dates, language tags, identifiers."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import langcodes
from django.core.exceptions import ValidationError
from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

IDENTIFIER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class DateBounds:
    text: str
    lower: dt.date | None  # None: open or unknown start
    upper: dt.date | None


# EDTF allows any year (Y170000002); beyond nine digits a value is a typo, and the date
# libraries it reaches overflow their C integers.
MAX_YEAR = 999_999_999
EDTF_HELP = (
    "Use forms like 1944-11-14, 1943-06, 1942~ (approximate), 1945/1946 (interval) or 194X "
    "(unspecified digit)."
)


def _invalid(text: str, reason: str, code: str = "invalid_edtf") -> ValidationError:
    return ValidationError(f"“{text}” is not a valid EDTF date: {reason} {EDTF_HELP}", code=code)


def _ymd(struct) -> tuple[int, int, int] | None:
    """A bound as (year, month, day), or None when open or unknown (an infinite float)."""
    if isinstance(struct, float):
        return None
    return struct.tm_year, struct.tm_mon, struct.tm_mday


def _to_date(ymd: tuple[int, int, int] | None, text: str) -> dt.date | None:
    """A bound as a date; None when open or outside Python's years (before 1, after 9999)."""
    if ymd is None:
        return None
    if abs(ymd[0]) > MAX_YEAR:
        raise _invalid(text, f"the year has more than {len(str(MAX_YEAR))} digits.", "edtf_range")
    if not dt.MINYEAR <= ymd[0] <= dt.MAXYEAR:
        return None
    try:
        return dt.date(*ymd)
    except ValueError:  # 2019-02-29: the grammar allows it, the calendar does not
        raise _invalid(text, "that day does not exist.", "edtf_day") from None


def parse_date(text: str) -> DateBounds:
    """Parse an EDTF string and return its text with inclusive lower and upper bounds.

    Raises ValidationError, and nothing else, for text that is not EDTF, a day the calendar
    lacks, a year beyond MAX_YEAR or an interval that ends before it starts.
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError("Enter a date in EDTF, for example 1944-11-14, 1943-06 or 1942~.")
    plain = _plain_date(text)
    if plain is not None:
        return plain
    try:
        parsed = parse_edtf(text)
        # the parser accepts some forms its own bounds cannot compute (1XXX-1X: ValueError)
        lower, upper = _ymd(parsed.lower_strict()), _ymd(parsed.upper_strict())
    except (EDTFParseException, ValueError, ArithmeticError, TypeError, AttributeError):
        raise _invalid(text, "the text does not follow the standard.") from None
    if lower is not None and upper is not None and lower > upper:
        raise _invalid(text, "the interval ends before it starts.", "edtf_reversed")
    return DateBounds(text, _to_date(lower, text), _to_date(upper, text))


# The plain forms most dates take (1944, 1943-06, 1944-11-14), bounded without the EDTF grammar:
# its pyparsing parser takes 10-50 ms a value, which made CSV imports of dated rows crawl. The
# bounds are the grammar's (tests/collection/test_csv_import.py compares them); anything else,
# including a day or month the calendar lacks, goes to the grammar and its messages.
_PLAIN_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _plain_date(text: str) -> DateBounds | None:
    match = _PLAIN_DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return DateBounds(text, dt.date(year, 1, 1), dt.date(year, 12, 31))
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return DateBounds(text, dt.date(year, month, 1), dt.date(year, month, last))
        return DateBounds(text, dt.date(year, month, day), dt.date(year, month, day))
    except (ValueError, calendar.IllegalMonthError):
        return None  # year 0, month 13, a season (1944-21), 1944-02-30: the grammar decides


def validate_edtf(text: str) -> None:
    parse_date(text)


def validate_language_tag(tag: str) -> None:
    """Reject language tags that are not well-formed, registered BCP 47."""
    if tag and not langcodes.tag_is_valid(tag):
        raise ValidationError(
            f"“{tag}” is not a valid BCP 47 language tag (examples: nl, en-GB, ru, ru-Latn).",
            code="invalid_language",
        )


def normalize_language_tag(tag: str) -> str:
    """Return the canonical form of a valid tag (case and preferred subtags)."""
    tag = (tag or "").strip()
    if not tag:
        return ""
    validate_language_tag(tag)
    return langcodes.standardize_tag(tag)


def validate_identifier(value: str) -> None:
    if not IDENTIFIER_RE.match(value or ""):
        raise ValidationError(
            f"“{value}” is not a valid identifier: use 1–64 letters, digits, dots, hyphens or "
            "underscores, starting with a letter or digit.",
            code="invalid_identifier",
        )
