"""Validation of the catalogue's structured values: EDTF dates, language tags, identifiers."""

import datetime as dt
import math
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


def _to_date(struct) -> dt.date | None:
    if isinstance(struct, float) and math.isinf(struct):
        return None
    try:
        return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
    except (ValueError, AttributeError):
        return None  # before year 1 or otherwise outside Python's date range


def parse_date(text: str) -> DateBounds:
    """Parse an EDTF string and return its text with inclusive lower and upper bounds."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("Enter a date in EDTF, for example 1944-11-14, 1943-06 or 1942~.")
    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        raise ValidationError(
            f"“{text}” is not a valid EDTF date. Use forms like 1944-11-14, 1943-06, 1942~ "
            "(approximate), 1945/1946 (interval) or 194X (unspecified digit).",
            code="invalid_edtf",
        ) from None
    return DateBounds(text, _to_date(parsed.lower_strict()), _to_date(parsed.upper_strict()))


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
