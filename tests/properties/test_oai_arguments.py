"""OAI-PMH arguments and tokens: any request is parsed or an OAIError; tokens round-trip."""

import datetime as dt

from django.core import signing
from hypothesis import given
from hypothesis import strategies as st

from api.oai import tokens, verbs
from api.oai.datestamps import format_datestamp, parse_bound, until_exclusive
from api.oai.errors import ERRORS, OAIError
from tests.properties.bounded import BOUNDED

KEYS = ["verb", "metadataPrefix", "from", "until", "set", "identifier", "resumptionToken", "x"]
VALUES = [
    "ListRecords", "ListIdentifiers", "GetRecord", "Identify", "ListSets", "ListMetadataFormats",
    "oai_dc", "2026-01-01", "9999-12-31", "0001-01-01", "2026-01-01T00:00:00Z",
    "2026-02-30", "dossier:photos", "a b", "", "%", "\x00",
]  # fmt: skip
pairs = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(KEYS), st.text(max_size=5)),
        st.one_of(st.sampled_from(VALUES), st.text(max_size=25)),
    ),
    max_size=6,
)
instants = st.datetimes(
    min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59)
).map(lambda d: d.replace(microsecond=0, tzinfo=dt.UTC))


@BOUNDED
@given(pairs)
def test_any_arguments_are_a_request_or_protocol_errors(received):
    try:
        request = verbs.parse(received)
    except OAIError as exc:
        assert all(code in ERRORS for code, _ in exc.errors)
        return
    assert request.verb in verbs.SCHEMAS
    if request.lo is not None and request.hi is not None:
        assert request.lo < request.hi


@BOUNDED
@given(instants, st.booleans())
def test_datestamps_round_trip_and_until_never_overflows(instant, whole_day):
    text = instant.date().isoformat() if whole_day else format_datestamp(instant)
    start, granularity = parse_bound(text)
    assert granularity == ("day" if whole_day else "seconds")
    assert (start.date() if whole_day else start) == (instant.date() if whole_day else instant)
    assert until_exclusive(start, granularity) > start


positions = st.builds(
    tokens.Position,
    verb=st.sampled_from(["ListRecords", "ListIdentifiers"]),
    prefix=st.sampled_from(["oai_dc"]),
    set=st.text(max_size=10),
    lo=st.one_of(st.just(""), instants.map(dt.datetime.isoformat)),
    hi=instants.map(dt.datetime.isoformat),
    after=st.one_of(st.just(""), instants.map(dt.datetime.isoformat)),
    after_id=st.text(max_size=10),
    total=st.integers(-1, 10**12),
    cursor=st.integers(0, 10**12),
)


@BOUNDED
@given(positions)
def test_an_issued_token_reads_back_as_its_position(position):
    assert tokens.read(tokens.issue(position), position.verb) == position


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
token_data = st.one_of(
    json_values,
    positions.map(lambda p: {**p.__dict__}).flatmap(
        lambda d: st.dictionaries(st.sampled_from(sorted(d)), json_values).map(
            lambda bad: {**d, **bad}
        )
    ),
)


@BOUNDED
@given(token_data, st.sampled_from(["ListRecords", "ListIdentifiers", "ListSets"]))
def test_a_signed_token_with_any_contents_is_a_position_or_bad_resumption_token(data, verb):
    token = signing.dumps(data, salt=tokens.SALT, compress=True)
    try:
        position = tokens.read(token, verb)
    except OAIError as exc:
        assert [code for code, _ in exc.errors] == ["badResumptionToken"]
        return
    for name in ("lo", "hi", "after"):  # what the list handlers parse without a guard
        if getattr(position, name) or name == "hi":
            assert dt.datetime.fromisoformat(getattr(position, name)).tzinfo is not None


@BOUNDED
@given(st.text(max_size=60))
def test_any_text_as_a_token_is_bad_resumption_token(text):
    try:
        tokens.read(text, "ListRecords")
    except OAIError as exc:
        assert [code for code, _ in exc.errors] == ["badResumptionToken"]
