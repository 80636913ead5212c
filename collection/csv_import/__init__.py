"""Import items from CSV: one code path for the import_csv command and the admin page.

`run_import` reads the file, checks every row and reports every problem; a dry run stops there
and saves nothing, a real run saves all rows in one transaction or, on any problem, none.
"""

from collections import Counter
from dataclasses import dataclass, field

from tqdm import tqdm

from .. import history
from .applying import Mismatch, apply_all
from .columns import parse_header
from .diffing import CHANGED, NEW, UNCHANGED, Planner, RowPlan
from .parsing import read_csv
from .problems import ImportFailed, Problem

__all__ = ["ImportFailed", "ImportReport", "Problem", "RowPlan", "run_import"]


@dataclass
class ImportReport:
    plans: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = True
    saved: bool = False

    @property
    def counts(self) -> dict[str, int]:
        states = Counter(p.state for p in self.plans)
        counts = {state: states[state] for state in (NEW, CHANGED, UNCHANGED)}
        return counts | {"errors": len(self.problems)}

    def summary(self) -> str:
        c = self.counts
        text = f"{c[NEW]} new, {c[CHANGED]} changed, {c[UNCHANGED]} unchanged, {c['errors']} errors"
        if self.saved:
            return text + "; saved."
        return text + ("; dry run, nothing saved." if self.dry_run else "; nothing saved.")


def run_import(
    data: bytes,
    *,
    user=None,
    dry_run: bool = True,
    collection: str = "",
    comment: str = "CSV import",
    progress: bool = False,
) -> ImportReport:
    """Check (and unless dry_run, save) the CSV in `data`; raise ImportFailed if a real run fails."""
    report = check(data, user=user, collection=collection, progress=progress)
    report.dry_run = dry_run
    if dry_run:
        return report
    if report.problems:
        raise ImportFailed(report)
    bar = _progress(progress, "saving")
    try:
        with history.changes(user=user, comment=comment) as changeset:
            changeset.comment = changeset.comment or comment
            identifiers = apply_all(report.plans, bar)
    except Mismatch as exc:
        report.problems.append(exc.problem)
        raise ImportFailed(report) from exc
    for plan, identifier in zip(report.plans, identifiers, strict=True):
        plan.identifier = identifier
    report.saved = True
    return report


def check(data: bytes, *, user=None, collection: str = "", progress: bool = False) -> ImportReport:
    """Read and plan every row; collect every problem; write nothing."""
    header, rows, problems = read_csv(data)
    report = ImportReport(problems=problems)
    if not header:
        return report
    columns, header_problems = parse_header(header)
    report.problems += header_problems
    planner = Planner(columns, user=user, collection=collection)
    if collection and collection not in planner.collection_slugs:
        report.problems.append(Problem(None, "", f"unknown collection {collection!r}"))
    planner.prefetch(rows)
    for row in _progress(progress, "checking")(rows):
        plan = planner.plan(row)
        if plan is not None:
            report.plans.append(plan)
    report.problems += planner.problems
    report.problems.sort(key=lambda p: (p.row or 0, p.column))
    return report


def _progress(enabled: bool, label: str):
    return lambda rows: tqdm(rows, desc=label, unit="row", disable=not enabled)
