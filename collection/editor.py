"""Description templates as the item editor reads them: a kind's expected elements, or a built-in default."""

from collections.abc import Iterable
from dataclasses import dataclass

from .dublin_core import READING_ORDER
from .models import DescriptionTemplate, TemplateElement

REQUIRED = TemplateElement.Requirement.REQUIRED
RECOMMENDED = TemplateElement.Requirement.RECOMMENDED
OPTIONAL = TemplateElement.Requirement.OPTIONAL

# A kind without a template (a fresh install) still gets a usable editor: a title, who made it,
# when, what it is about. Only the title is required, as everywhere else in the catalogue.
BUILTIN = (
    ("title", REQUIRED),
    ("creator", RECOMMENDED),
    ("date", RECOMMENDED),
    ("subject", OPTIONAL),
    ("description", OPTIONAL),
    ("language", OPTIONAL),
)


@dataclass(frozen=True)
class Expected:
    """What a kind expects: its elements in order, and which must or should be filled."""

    order: tuple[str, ...]
    required: frozenset[str]
    recommended: frozenset[str]
    note: str = ""

    def group_order(self, present: Iterable[str]) -> list[str]:
        """The editor's groups: the expected elements, then the others present in reading order."""
        present = set(present) - set(self.order)
        return [*self.order, *(t for t in READING_ORDER if t in present)]

    def missing_required(self, filled: Iterable[str]) -> list[str]:
        filled = set(filled)
        return [t for t in self.order if t in self.required and t not in filled]

    def missing_recommended(self, filled: Iterable[str]) -> list[str]:
        filled = set(filled)
        return [t for t in self.order if t in self.recommended and t not in filled]


def _expected(rows: Iterable[tuple[str, str]], note: str = "") -> Expected:
    rows = list(rows)
    order = tuple(term for term, _ in rows)
    return Expected(
        order=order if "title" in order else ("title", *order),
        # "title" is required by every writer (admin, REST, CSV), whatever a template says.
        required=frozenset({"title", *(t for t, r in rows if r == REQUIRED)}),
        recommended=frozenset(t for t, r in rows if r == RECOMMENDED),
        note=note,
    )


def expected_for(kind: str | None) -> Expected:
    """Return the template of `kind`, or the built-in default when curators have made none."""
    template = DescriptionTemplate.objects.filter(kind=kind or "").first()
    if template is None:
        return _expected(BUILTIN)
    rows = template.elements.order_by("position", "id").values_list("term", "requirement")
    return _expected(rows, template.note)
