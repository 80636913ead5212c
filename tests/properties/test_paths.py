"""IIIF, derivative and original-file paths: any path is answered, never with a 5xx."""

import re
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.converters import RecordIdConverter
from tests.properties.bounded import BOUNDED, BOUNDED_DB

ID_RE = re.compile(RecordIdConverter.regex)


@BOUNDED
@given(st.integers(0, 10**18 - 1))
def test_record_ids_round_trip(number):
    converter = RecordIdConverter()
    text = converter.to_url(number)
    assert ID_RE.fullmatch(text) and converter.to_python(text) == number


@BOUNDED
@given(st.from_regex(ID_RE, fullmatch=True))
def test_every_record_id_the_converter_matches_fits_64_bits(text):
    assert 0 <= RecordIdConverter().to_python(text) < 2**63


SEGMENTS = [
    "0", "-1", "9" * 20, "9" * 5000, "\u0663", "..", "%2e%2e", "", "ab", "0" * 32, "f" * 32,
    "full", "max", "^max", "pct:50", "0,0,10,10", "!10,10", "10,", ",10", "0", "!90", "360",
    "default.jpg", "gray.png", "info.json", "thumbnail.jpg", "manifests", "collections",
]  # fmt: skip
segment = st.one_of(st.sampled_from(SEGMENTS), st.text(max_size=12)).map(
    lambda s: s if s.startswith("%") else quote(s, safe="")
)
paths = st.lists(segment, min_size=1, max_size=6).map("/".join)


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["/iiif/", "/media/derivatives/", "/items/"])
@BOUNDED_DB
@given(rest=paths)
def test_any_path_is_answered_without_a_server_error(client, prefix, rest):
    if prefix == "/items/":
        rest = f"{rest}/original/{rest.rsplit('/', 1)[-1]}"
    assert client.get(prefix + rest).status_code < 500
