"""Read the uploaded bytes into rows: UTF-8 (BOM or not), commas, every row as wide as the header."""

import csv
import io
import re
from dataclasses import dataclass

from .problems import Problem

BOM = b"\xef\xbb\xbf"
NUL_MESSAGE = "contains a NUL character (\\x00), which cannot be stored; remove it"
# OWASP "CSV injection": a spreadsheet runs a cell starting with one of = + - @ tab CR as a
# formula, so the export prefixes a quote and the import takes it off again. Cells already
# starting with quotes before such a character get one more, so that the pair is exact.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


@dataclass(frozen=True)
class Row:
    number: int  # as in the file: the header is row 1
    cells: list[str]


def read_csv(data: bytes) -> tuple[list[str], list[Row], list[Problem]]:
    """Return the header, the data rows and the problems of reading them (all, not the first)."""
    try:
        text = data.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"line {line} is not valid UTF-8 (byte {data[exc.start]:#04x}); save as UTF-8"
        return [], [], [Problem(line, "", message)]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header, rows, problems = None, [], []
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(number, "", f"malformed row (line {reader.line_num}): {exc}"))
            continue
        if header is None:
            header = cells
        elif any(c.strip() for c in cells):  # blank rows (often trailing) carry nothing
            rows.append(Row(number, [unneutralise(c) for c in cells]))
    if header is None:
        return [], [], problems + [Problem(None, "", "the file is empty: no header row")]
    problems += _nul_problems(header, rows)
    for row in rows:
        if len(row.cells) != len(header):
            problems.append(
                Problem(
                    row.number,
                    "",
                    f"malformed row: {len(row.cells)} fields where the header has {len(header)}",
                )
            )
    return header, [r for r in rows if len(r.cells) == len(header)], problems


def _nul_problems(header: list[str], rows: list[Row]) -> list[Problem]:
    """One problem per cell holding NUL: PostgreSQL cannot store it and the API refuses it."""
    found = [Problem(1, h.replace("\x00", ""), NUL_MESSAGE) for h in header if "\x00" in h]
    for row in rows:
        for index, cell in enumerate(row.cells):
            if "\x00" in cell:
                column = header[index].replace("\x00", "") if index < len(header) else ""
                found.append(Problem(row.number, column, NUL_MESSAGE))
    return found


def neutralise(cell: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula (see _FORMULA)."""
    return "'" + cell if _FORMULA.match(cell) else cell


def unneutralise(cell: str) -> str:
    """Undo neutralise(): a cell of quotes before a formula character loses one quote."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def split_cell(cell: str) -> list[str]:
    """Split a cell on `|` into its values; `\\|` is a literal pipe, `\\\\` a backslash."""
    values, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            current.append(following if following in "|\\" and following else "\\" + following)
        elif char == "|":
            values.append("".join(current))
            current = []
        else:
            current.append(char)
    values.append("".join(current))
    return [v.strip() for v in values if v.strip()]
