"""Signed resumption tokens that carry the original arguments and the keyset position.

Nothing is kept on the server: a token is the list request plus the (datestamp, identifier) of
the last entity sent, signed so a forged or altered one is refused (FLOW-04, FLOW-06).
"""

import datetime as dt
from dataclasses import asdict, dataclass, fields

from django.conf import settings
from django.core import signing

from .errors import OAIError
from .metadata import FORMATS

SALT = "api.oai.resumptionToken"


@dataclass(frozen=True)
class Position:
    verb: str
    prefix: str
    set: str  # "" for none
    lo: str  # inclusive from bound, ISO, "" for none
    hi: str  # exclusive until bound, ISO; frozen at the first request (FLOW-09)
    after: str  # datestamp of the last entity sent, ISO with microseconds
    after_id: str  # its identifier
    total: int  # completeListSize counted at the first request; -1 not yet, -2 too long to count
    cursor: int  # entities sent before the next page

    def check(self) -> None:
        """Raise ValueError unless every field has its type and every datestamp parses.

        A token is signed, so this fails only for tokens issued by another version of the code
        (a retired metadata format, a changed field): they must be refused, not crash a page.
        """
        for f in fields(self):
            value = getattr(self, f.name)
            if type(value) is not (int if f.type in (int, "int") else str):
                raise ValueError(f"{f.name} has the wrong type")
        for name in ("lo", "hi", "after"):
            text = getattr(self, name)
            if (text or name == "hi") and dt.datetime.fromisoformat(text).tzinfo is None:
                raise ValueError(f"{name} has no time zone")


def max_age() -> int:
    return settings.OAI_TOKEN_MAX_AGE


def issue(position: Position) -> str:
    return signing.dumps(asdict(position), salt=SALT, compress=True)


def expiration(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(seconds=max_age())


def read(token: str, verb: str) -> Position:
    """Return the position a token carries; raise badResumptionToken if forged, stale or foreign."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
        position = Position(**data)
    except signing.SignatureExpired:
        raise OAIError("badResumptionToken", "The resumptionToken has expired.") from None
    except (signing.BadSignature, TypeError, ValueError):
        raise OAIError("badResumptionToken", "The resumptionToken is not valid.") from None
    if position.verb != verb:
        raise OAIError("badResumptionToken", f"The resumptionToken is not for {verb}.")
    try:
        position.check()
    except ValueError:
        raise OAIError("badResumptionToken", "The resumptionToken is not valid.") from None
    if verb != "ListSets" and position.prefix not in FORMATS:
        raise OAIError(
            "badResumptionToken",
            f"The resumptionToken is for the format {position.prefix!r}, which this repository "
            "no longer offers; start the harvest again.",
        )
    return position
