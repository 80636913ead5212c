"""Random EDTF dates of many forms, with their bounds worked out here rather than parsed.

Parsing EDTF costs milliseconds a value; a bulk run of 100,000 items cannot afford it, so each
form knows its own inclusive bounds. tests/collection/test_synthetic.py checks them against the
catalogue's parser.
"""

import calendar
import datetime as dt
import random

from collection.validators import DateBounds

FIRST_YEAR, LAST_YEAR = 1800, 2024
SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11)}  # spring, summer, autumn


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def year(y: int, mark: str = "") -> DateBounds:
    return DateBounds(f"{y}{mark}", dt.date(y, 1, 1), dt.date(y, 12, 31))


def month(y: int, m: int, mark: str = "") -> DateBounds:
    return DateBounds(f"{y}-{m:02d}{mark}", dt.date(y, m, 1), _month_end(y, m))


def day(y: int, m: int, d: int, mark: str = "") -> DateBounds:
    date = dt.date(y, m, d)
    return DateBounds(f"{date.isoformat()}{mark}", date, date)


def season(y: int, code: int) -> DateBounds:
    first, last = SEASONS[code]
    return DateBounds(f"{y}-{code}", dt.date(y, first, 1), _month_end(y, last))


def decade(y: int) -> DateBounds:
    start = y - y % 10
    return DateBounds(f"{start // 10}X", dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


def interval(start: DateBounds, end: DateBounds) -> DateBounds:
    return DateBounds(f"{start.text}/{end.text}", start.lower, end.upper)


def random_date(rng: random.Random, lo: int = FIRST_YEAR, hi: int = LAST_YEAR) -> DateBounds:
    """Return one EDTF date between the years lo and hi, in a form drawn by weight."""
    y, m = rng.randint(lo, hi), rng.randint(1, 12)
    form = rng.choices(FORMS, WEIGHTS)[0]
    if form == "day":
        return day(y, m, rng.randint(1, calendar.monthrange(y, m)[1]))
    if form == "month":
        return month(y, m)
    if form == "year":
        return year(y)
    if form == "approximate":
        return rng.choice([year(y, "~"), month(y, m, "~"), year(y, "?"), year(y, "%")])
    if form == "season":
        return season(y, rng.choice(list(SEASONS)))
    if form == "decade":
        return decade(y)
    span = rng.randint(1, 15)
    end_year = min(y + span, hi)
    if rng.random() < 0.5:
        return interval(year(y), year(end_year))
    end_month = rng.randint(m if end_year == y else 1, 12)
    return interval(month(y, m, rng.choice(["", "~"])), month(end_year, end_month))


FORMS = ["day", "month", "year", "approximate", "season", "decade", "interval"]
WEIGHTS = [30, 15, 20, 12, 3, 5, 15]
