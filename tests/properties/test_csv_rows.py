"""CSV reading: any bytes give rows and problems, never an exception; written rows read back."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from collection.csv_import.parsing import BOM, read_csv, split_cell
from collection.csv_import.problems import Problem
from tests.properties.bounded import BOUNDED

CSV_PIECES = [",", '"', "\n", "\r\n", "\r", "a", "é", "|", "\\", " ", "\x00", "\ufeff"]
csv_bytes = st.one_of(
    st.binary(max_size=200),
    st.lists(st.sampled_from(CSV_PIECES), max_size=40).map(lambda p: "".join(p).encode()),
    st.lists(st.sampled_from(CSV_PIECES), max_size=40).map(lambda p: BOM + "".join(p).encode()),
)
# Cell text as a spreadsheet writes it: anything but NUL, which read_csv refuses.
cells = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))


@BOUNDED
@given(csv_bytes)
def test_any_bytes_give_rows_and_problems(data):
    header, rows, problems = read_csv(data)
    assert all(isinstance(p, Problem) and p.message for p in problems)
    assert all(len(r.cells) == len(header) for r in rows)
    numbers = [r.number for r in rows]
    assert numbers == sorted(set(numbers)) and all(n >= 2 for n in numbers)
    if any("\x00" in c for r in rows for c in r.cells):
        assert any("NUL" in p.message for p in problems)


@BOUNDED
@given(st.integers(1, 5).flatmap(lambda n: st.lists(st.lists(cells, min_size=n, max_size=n))))
def test_rows_written_by_a_csv_writer_read_back(table):
    buffer = io.StringIO(newline="")
    width = len(table[0]) if table else 1
    header = [f"h{i}" for i in range(width)]
    csv.writer(buffer).writerows([header, *table])
    read_header, rows, problems = read_csv(buffer.getvalue().encode())
    assert problems == [] and read_header == header
    kept = [row for row in table if any(c.strip() for c in row)]  # blank rows carry nothing
    assert [r.cells for r in rows] == kept


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


@BOUNDED
@given(st.lists(cells))
def test_split_cell_round_trips_escaped_values(values):
    expected = [v.strip() for v in values if v.strip()]
    assert split_cell("|".join(escape(v) for v in values)) == expected


@BOUNDED
@given(cells)
def test_split_cell_never_raises(cell):
    assert all(v == v.strip() and v for v in split_cell(cell))
