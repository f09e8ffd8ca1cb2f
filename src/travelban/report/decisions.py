"""Read analysts' review decisions back from a travelban workbook.

The Findings and Previously reviewed sheets carry a Key column and four review columns
(Decision, Reviewer, Review date, Notes). Columns are found by their header, so an
analyst may reorder or add columns. Nothing typed is dropped silently: a row that
cannot be recorded is returned as a problem naming the file, the row and the fix.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from travelban.errors import ReportError
from travelban.models import Decision, ReviewDecision
from travelban.report.columns import FINDINGS, INCIDENTS, PREVIOUS

log = logging.getLogger(__name__)

ALLOWED = ", ".join(d.value for d in Decision)
_BY_TEXT = {d.value.casefold(): d for d in Decision}
_SPACES = re.compile(r"\s+")
MAX_WORKBOOK_BYTES = 200 * 1024 * 1024
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class DecisionProblem:
    """A row whose review values cannot be recorded as they stand."""

    source_file: str
    sheet: str
    row: int
    key: str
    column: str
    value: str
    problem: str
    blocking: bool = True  # False: nothing invalid, but nothing to record either

    def render(self) -> str:
        """One line: ``<file>, sheet <s> row <n>: <problem>``."""
        return f"{self.source_file}, sheet {self.sheet} row {self.row}: {self.problem}"


@dataclass(frozen=True, slots=True)
class ReviewRead:
    """What a workbook holds: decisions that can be recorded, and rows that cannot."""

    path: Path
    decisions: tuple[ReviewDecision, ...]
    problems: tuple[DecisionProblem, ...]


def parse_decision(value: Any) -> Decision | None:
    """The Decision a cell names (case and spacing ignored), or None."""
    if not isinstance(value, str):
        return None
    return _BY_TEXT.get(_SPACES.sub(" ", value).strip().casefold())


def _review_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 36526 <= value <= 73415:
        return date(1899, 12, 30) + timedelta(days=int(value))  # a serial that lost its format
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ValueError(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _read_sheet(
    path: Path, sheet: str, rows: Iterable[tuple[Any, ...]]
) -> tuple[list[ReviewDecision], list[DecisionProblem]]:
    it = iter(rows)
    header = next(it, None)
    if header is None:
        return [], []
    index = {_text(h).casefold(): i for i, h in enumerate(header) if _text(h)}
    if "key" not in index or "decision" not in index:
        raise ReportError(
            f"sheet {sheet} has no Key and Decision columns",
            path=path,
            fix="give a report written by travelban, with its header row unchanged",
        )

    def get(row: tuple[Any, ...], name: str) -> Any:
        i = index.get(name)
        return row[i] if i is not None and i < len(row) else None

    decisions: list[ReviewDecision] = []
    problems: list[DecisionProblem] = []
    src = str(path)
    for n, row in enumerate(it, start=2):
        key = _text(get(row, "key"))
        raw_decision = get(row, "decision")
        reviewer = _text(get(row, "reviewer"))
        raw_date = get(row, "review date")
        notes = _text(get(row, "notes"))
        typed = [x for x in (_text(raw_decision), reviewer, _text(raw_date), notes) if x]
        if not typed:
            continue

        def problem(column: str, value: Any, text: str, blocking: bool = True) -> None:
            problems.append(
                DecisionProblem(src, sheet, n, key, column, _text(value), text, blocking)  # noqa: B023
            )

        if not key:
            problem("Key", "", "review values on a row with no Key; restore the Key cell")
            continue
        decision = parse_decision(raw_decision)
        if decision is None:
            if _text(raw_decision):
                problem(
                    "Decision",
                    raw_decision,
                    f"Decision {_text(raw_decision)!r} is not one of: {ALLOWED}",
                )
            else:
                problem(
                    "Decision",
                    "",
                    "Reviewer, Review date or Notes filled in but no Decision; "
                    "nothing is recorded until a Decision is chosen",
                    blocking=False,
                )
            continue
        try:
            when = _review_date(raw_date) if raw_date not in (None, "") else None
        except ValueError:
            problem(
                "Review date",
                raw_date,
                f"Review date {_text(raw_date)!r} is not a date; type it as YYYY-MM-DD",
            )
            continue
        decisions.append(
            ReviewDecision(
                finding_key=key,
                decision=decision,
                reviewer=reviewer,
                review_date=when,
                notes=notes,
                source_file=src,
                row=n,
            )
        )
    return decisions, problems


_REVIEW_COLUMNS = frozenset({"key", "decision", "reviewer", "review date", "notes"})


def _review_rows(ws: Any) -> Iterator[tuple[Any, ...]]:
    """The header row, then every row cut after the last column ``_read_sheet`` reads.

    A read-only sheet pads every row out to the width its dimension claims: a small file
    whose rows each hold one cell in column XFD would make 16,384 cells a row. Cut at the
    review columns, reading costs what the file really holds.
    """
    header = next(ws.iter_rows(max_row=1, values_only=True), None)
    if header is None:
        return
    wanted = [i for i, h in enumerate(header) if _text(h).casefold() in _REVIEW_COLUMNS]
    width = max(wanted) + 1 if wanted else 1
    yield header[:width]
    yield from ws.iter_rows(min_row=2, max_col=width, values_only=True)


def read_review(path: Path) -> ReviewRead:
    """Every recordable decision and every problem row of a travelban workbook.

    Raises ReportError when the file is missing, not a workbook, or not a travelban report.
    """
    path = Path(path)
    if not path.is_file():
        raise ReportError("no such report", path=path, fix="check the file name")
    if path.stat().st_size > MAX_WORKBOOK_BYTES:
        raise ReportError(
            "the file is too large to be a travelban report",
            path=path,
            fix="give a report written by travelban",
        )
    try:
        # Formulas are read as typed ("=..."), not as their cached results: what the
        # analyst wrote is what is recorded, or reported as a problem.
        wb = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReportError(
            f"cannot read the workbook ({exc.__class__.__name__})",
            path=path,
            fix="save it as an Excel workbook (.xlsx) and try again",
        ) from exc
    try:
        if FINDINGS not in wb.sheetnames:
            raise ReportError(
                "not a travelban report: it has no Findings sheet",
                path=path,
                fix="give a report written by travelban screen or travelban run",
            )
        decisions: list[ReviewDecision] = []
        problems: list[DecisionProblem] = []
        for sheet in (FINDINGS, PREVIOUS, INCIDENTS):  # an Incidents row's Key is the incident's
            if sheet in wb.sheetnames:
                d, p = _read_sheet(path, sheet, _review_rows(wb[sheet]))
                decisions += d
                problems += p
    finally:
        wb.close()
    for issue in problems:
        log.warning("%s", issue.render())
    return ReviewRead(path, tuple(decisions), tuple(problems))


def read_decisions(path: Path) -> tuple[ReviewDecision, ...]:
    """The review decisions of a travelban workbook, keyed by Finding.key.

    Raises ReportError naming every row with an invalid Decision or Review date (and the
    allowed values), so that nothing an analyst typed is imported half-way. Use
    :func:`read_review` to get the valid rows and the problems separately.
    """
    read = read_review(path)
    blocking = [p for p in read.problems if p.blocking]
    if blocking:
        shown = "; ".join(f"{p.sheet} row {p.row}: {p.problem}" for p in blocking[:10])
        more = f" (and {len(blocking) - 10} more)" if len(blocking) > 10 else ""
        raise ReportError(
            f"{len(blocking)} row(s) cannot be recorded: {shown}{more}",
            path=path,
            fix=f"correct those cells (Decision must be one of: {ALLOWED}; "
            "Review date a date such as 2026-01-31) and import again",
        )
    return read.decisions
