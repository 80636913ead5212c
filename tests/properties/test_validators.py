"""EDTF dates and language tags: any text is accepted or refused with a ValidationError, nothing else."""

import datetime as dt

from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from collection.validators import normalize_language_tag, parse_date, validate_language_tag
from tests.properties.bounded import BOUNDED

# Text built from EDTF's own pieces, so most examples reach the parser's deeper branches.
EDTF_PIECES = [
    "1944", "-11", "-14", "1X", "XX", "19", "Y", "-", "/", "..", "~", "?", "%", "[", "]", "{",
    "}", ",", "E", "S", "2", "0", "9", "21", "T12:00:00", "Z", "+01:00", " ",
]  # fmt: skip
edtf_like = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(EDTF_PIECES), max_size=12).map("".join),
    st.integers(-(10**25), 10**25).map(lambda n: f"Y{n}"),
)
days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
# the edtf library parses a date in some 30 ms: fewer examples where each is a valid date
FEWER = settings(BOUNDED, max_examples=40)


@BOUNDED
@given(edtf_like)
def test_any_text_is_a_date_or_a_validation_error(text):
    try:
        bounds = parse_date(text)
    except ValidationError as exc:
        assert exc.messages
        return
    assert bounds.text == text.strip()
    if bounds.lower and bounds.upper:
        assert bounds.lower <= bounds.upper
    assert parse_date(bounds.text) == bounds  # accepted text parses again to the same bounds


@FEWER
@given(days)
def test_a_calendar_day_is_its_own_bounds(day):
    bounds = parse_date(day.isoformat())
    assert bounds.lower == bounds.upper == day


@FEWER
@given(days, days)
def test_an_interval_is_accepted_in_order_and_refused_reversed(a, b):
    first, last = sorted((a, b))
    bounds = parse_date(f"{first.isoformat()}/{last.isoformat()}")
    assert (bounds.lower, bounds.upper) == (first, last)
    if first != last:
        try:
            parse_date(f"{last.isoformat()}/{first.isoformat()}")
        except ValidationError as exc:
            assert exc.code == "edtf_reversed"
        else:
            raise AssertionError("a reversed interval was accepted")


@FEWER
@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31))
def test_a_day_the_calendar_lacks_is_refused(year, month, day):
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        expected = None
    try:
        assert parse_date(text).lower == expected
    except ValidationError:
        assert expected is None


TAG_PIECES = ["en", "nl", "ru", "-", "Latn", "Cyrl", "GB", "419", "x", "private", "i", "klingon"]
tag_like = st.one_of(
    st.text(max_size=20),
    st.lists(st.sampled_from(TAG_PIECES), max_size=6).map("".join),
)


@BOUNDED
@given(tag_like)
def test_any_text_is_a_language_tag_or_a_validation_error(tag):
    try:
        validate_language_tag(tag)
    except ValidationError as exc:
        assert exc.messages
        return
    normal = normalize_language_tag(tag)
    assert normalize_language_tag(normal) == normal  # normalizing is idempotent
