"""Path converters: authority kinds as plural path segments, citation file formats."""

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
