"""CSV output: one UTF-8 file per sheet, written together (all or none), never overwriting;
or, given a file name ending in ``.csv``, the Findings table alone as that one file.

Spreadsheets run formulas found in CSV files, so text that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is given a leading apostrophe.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from travelban.errors import ReportError
from travelban.models import Entry, ReviewDecision, RunResult
from travelban.report.columns import FINDINGS
from travelban.report.paths import ensure_folder, report_stem, write_group_atomically
from travelban.report.safety import csv_text
from travelban.report.tables import Value, build_tables

log = logging.getLogger(__name__)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def csv_value(value: Value) -> str:
    """One cell as CSV text: ISO dates, plain numbers, safe text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 4))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def write_csv(
    result: RunResult,
    out_dir: Path,
    *,
    entries: Mapping[str, Entry] | None = None,
    previous: Mapping[str, Sequence[ReviewDecision]] | None = None,
    regimes_table: Sequence[Mapping[str, str]] | None = None,
) -> list[Path]:
    """One CSV file per sheet into the folder ``out_dir``, or, when ``out_dir`` is a file
    name ending in ``.csv``, the findings alone as that one file; return the paths."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError(
            "a file of that name already exists",
            path=out_dir,
            fix="give a new file name, or a folder for every table",
        )
    one_file = not out_dir.exists() and out_dir.suffix.lower() == ".csv"
    if not out_dir.exists() and out_dir.suffix and not one_file:
        raise ReportError(
            f"a CSV report cannot be written to a '{out_dir.suffix}' file",
            path=out_dir,
            fix="give a file name ending in .csv (the findings), or a folder (every table)",
        )
    tables = build_tables(result, entries=entries, previous=previous, regimes_table=regimes_table)
    if one_file:
        target = out_dir
        out_dir = target.parent
        tables = [t for t in tables if t.name == FINDINGS]
    ensure_folder(out_dir)
    stem = report_stem(result)

    def names_for(n: int) -> list[Path]:
        if one_file:
            return [target]
        base = stem if n == 1 else f"{stem}-{n}"
        return [out_dir / f"{base}-{_slug(t.name)}.csv" for t in tables]

    def write(tmps: list[Path]) -> None:
        seen: dict[str, str] = {}  # names, verdicts and sources repeat: clean each once

        def cell(value: Value) -> str:
            if isinstance(value, str):
                hit = seen.get(value)
                if hit is None:
                    hit = seen[value] = csv_text(value)
                return hit
            return csv_value(value)

        for table, tmp in zip(tables, tmps, strict=True):
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow(table.headers)
                for row in table.rows:
                    writer.writerow([cell(v) for v in row])

    written = write_group_atomically(out_dir, names_for, not one_file, write)
    log.info("wrote %d CSV files into %s", len(written), out_dir)
    return written
