"""The OAI-PMH error conditions, one table from condition to protocol code (sent with HTTP 200)."""

# code -> default message; the eight codes the OAI-PMH schema allows (ERR-09).
ERRORS: dict[str, str] = {
    "badArgument": "The request includes illegal arguments or is missing required ones.",
    "badResumptionToken": "The resumptionToken is invalid or has expired.",
    "badVerb": "Illegal OAI verb.",
    "cannotDisseminateFormat": "The metadata format is not supported by this repository or item.",
    "idDoesNotExist": "No item has this identifier in this repository.",
    "noMetadataFormats": "There are no metadata formats available for this item.",
    "noRecordsMatch": "The combination of arguments results in an empty list.",
    "noSetHierarchy": "This repository does not support sets.",
}

# Errors after which the <request> element must carry no attributes (XML-08).
UNECHOED = frozenset({"badVerb", "badArgument"})


class OAIError(Exception):
    """One or more protocol errors; the view answers them as <error> elements."""

    def __init__(self, code: str, message: str = "", *more: tuple[str, str]) -> None:
        if code not in ERRORS:
            raise ValueError(f"{code!r} is not an OAI-PMH error code")
        self.errors: list[tuple[str, str]] = [(code, message or ERRORS[code]), *more]
        super().__init__(self.errors[0][1])

    @property
    def echo_request(self) -> bool:
        return not any(code in UNECHOED for code, _ in self.errors)


def bad_argument(message: str) -> OAIError:
    return OAIError("badArgument", message)
