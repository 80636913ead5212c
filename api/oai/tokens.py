"""Signed resumption tokens that carry the original arguments and the keyset position.

Nothing is kept on the server: a token is the list request plus the (datestamp, identifier) of
the last entity sent, signed so a forged or altered one is refused (FLOW-04, FLOW-06).
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import signing

from .errors import OAIError

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
    total: int  # completeListSize counted at the first request
    cursor: int  # entities sent before the next page


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
    return position
