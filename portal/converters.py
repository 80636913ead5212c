"""Path converters: authority kinds as plural path segments, citation file formats, record ids."""

from .labels import KIND_PATHS

KINDS_BY_PATH = {plural: kind for kind, plural in KIND_PATHS.items()}


class AuthorityKindConverter:
    """`people` in the path is the kind `person` in the view, and back when reversing."""

    regex = "|".join(KINDS_BY_PATH)

    def to_python(self, value: str) -> str:
        return KINDS_BY_PATH[value]

    def to_url(self, value: str) -> str:
        return KIND_PATHS[value]


class CiteFormatConverter:
    regex = "csl|bibtex|ris"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class RecordIdConverter:
    """A database id: 1-18 ASCII digits, so every match fits a 64-bit key.

    Django's `int` converter takes any number of digits; a 20-digit id overflowed SQLite's
    integer (500) and 5,000 digits Python's int-from-string limit.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
