"""What went wrong where: one problem per bad cell, row or header column."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    row: int | None  # as in the file: the header is row 1; None for the file as a whole
    column: str  # the column's header text, or "" when the whole row is at fault
    message: str

    def __str__(self) -> str:
        place = [f"row {self.row}"] if self.row is not None else []
        if self.column:
            place.append(f"column {self.column}")
        return f"{', '.join(place) or 'file'}: {self.message}"


class ImportFailed(Exception):
    """A real run met problems (or a conflicting change) and saved nothing."""

    def __init__(self, report) -> None:
        self.report = report
        super().__init__(f"CSV import saved nothing: {len(report.problems)} problem(s)")
