"""One argument schema per OAI-PMH verb, and the parsing of a request's arguments against it."""

import datetime as dt
import re
from dataclasses import dataclass, field

from .datestamps import parse_bound, until_exclusive
from .errors import OAIError, bad_argument

SET_SPEC = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$")


@dataclass(frozen=True)
class Schema:
    """Which arguments a verb takes besides `verb` (VERB-01..06)."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    exclusive: str = ""  # may be given, but then only with `verb`

    def check(self, args: dict[str, str]) -> None:
        if self.exclusive and self.exclusive in args:
            if len(args) > 1:
                raise bad_argument(f"{self.exclusive} is exclusive: send it with verb only.")
            return
        allowed = set(self.required) | set(self.optional) | {self.exclusive} - {""}
        unknown = sorted(set(args) - allowed)
        if unknown:
            raise bad_argument(f"Illegal argument(s): {', '.join(unknown)}.")
        missing = [name for name in self.required if name not in args]
        if missing:
            raise bad_argument(f"Missing required argument(s): {', '.join(missing)}.")


_LIST = Schema(("metadataPrefix",), ("from", "until", "set"), "resumptionToken")
SCHEMAS: dict[str, Schema] = {
    "Identify": Schema(),
    "ListMetadataFormats": Schema(optional=("identifier",)),
    "ListSets": Schema(exclusive="resumptionToken"),
    "GetRecord": Schema(required=("identifier", "metadataPrefix")),
    "ListIdentifiers": _LIST,
    "ListRecords": _LIST,
}


@dataclass(frozen=True)
class Request:
    verb: str
    args: dict[str, str]  # exactly what was received, echoed in <request> (XML-07)
    lo: dt.datetime | None = None  # inclusive lower datestamp bound
    hi: dt.datetime | None = None  # exclusive upper datestamp bound
    extra: dict = field(default_factory=dict)


def parse(pairs: list[tuple[str, str]]) -> Request:
    """Check the received key/value pairs against the verb's schema; raise OAIError if illegal."""
    verbs = [value for key, value in pairs if key == "verb"]
    if len(verbs) != 1 or verbs[0] not in SCHEMAS:
        raise OAIError("badVerb", "Missing, repeated or illegal verb." if verbs else "No verb.")
    args: dict[str, str] = {}
    for key, value in pairs:
        if key in args:
            raise bad_argument(f"Argument {key} is repeated.")
        args[key] = value
    verb = args.pop("verb")
    SCHEMAS[verb].check(args)
    for key, value in args.items():
        if not value:
            raise bad_argument(f"Argument {key} is empty.")
    if "set" in args and not SET_SPEC.match(args["set"]):
        raise bad_argument(f"{args['set']!r} is not a valid setSpec.")
    lo, hi = date_window(args.get("from"), args.get("until"))
    return Request(verb, {"verb": verb, **args}, lo, hi)


def date_window(
    start: str | None, end: str | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Return [lo, hi) for from/until: inclusive bounds, same granularity, from <= until."""
    lo = hi = None
    grains = set()
    try:
        if start:
            lo, grain = parse_bound(start)
            grains.add(grain)
        if end:
            until, grain = parse_bound(end)
            grains.add(grain)
            hi = until_exclusive(until, grain)
    except (ValueError, OverflowError) as exc:
        raise bad_argument(f"Bad date: {exc}.") from None
    if len(grains) > 1:
        raise bad_argument("from and until must have the same granularity.")
    if lo is not None and hi is not None and lo >= hi:
        raise bad_argument("from is later than until.")
    return lo, hi
