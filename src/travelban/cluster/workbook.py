"""The analyst workbook from a Parquet result: Summary, Findings (top N or all), Incidents
and Method.

Only the findings and their incidents go to the workbook: a result of millions of
articles has far more events and candidates than a spreadsheet should hold; they stay in
Parquet. The incidents are merged again here over every partition's findings
(``gather_incidents``, which also rewrites the result's incidents table and the Findings
parts' Incident column when they disagree), so the Incidents sheet and the Findings
sheet's Incident column agree with each other and with the folder. The Findings
sheet is the same sheet ``screen`` writes (same columns, Decision dropdown, review
columns), so ``review import`` reads decisions back from it as from any report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from travelban.cluster.incidents import gather_incidents
from travelban.cluster.results import ResultDir, RunRecord, list_versions, read_record
from travelban.errors import ReportError
from travelban.incidents import Incident
from travelban.models import ListInfo, RunResult, Verdict

_NOT_A_RESULT = "give the -o folder of `travelban screen --format parquet` or `travelban rescreen`"


@dataclass(frozen=True, slots=True)
class WorkbookWritten:
    path: Path
    list_version: str
    shown: int
    total: int
    record: RunRecord


def _list_info(record: RunRecord) -> ListInfo:
    li = record.list_info
    generated = datetime.fromisoformat(li["generated"]) if li.get("generated") else None
    return ListInfo(
        path=Path(str(li.get("file", ""))),
        sha256=str(li.get("sha256", "")),
        generated=generated,
        individuals=int(li.get("individuals", 0)),
        entities=int(li.get("entities", 0)),
    )


def _summary(
    record: RunRecord, version: str, shown: int, total: int, incidents: Sequence[Incident]
) -> list[tuple[Any, ...]]:
    li = record.list_info
    rows: list[tuple[Any, ...]] = [
        ("Result", "status", record.status),
        ("Result", "list version", version),
        ("Result", "findings shown", f"{shown} of {total} (highest confidence first)"),
        ("Tool", "travelban version", record.tool_version),
        ("Run", "started", record.started),
        ("Run", "finished", record.finished),
        ("Run", "partitions", record.partitions),
        ("Run", "screened in the last run", record.done_now),
        ("Run", "found done from an earlier run", record.done_before),
        ("List", "file", li.get("file", "")),
        ("List", "generated", li.get("generated", "")),
        ("List", "sha256", li.get("sha256", "")),
    ]
    rows += [("Snapshots consulted", name, "") for name in record.snapshots]
    rows += [("Job", k, v) for k, v in record.job.items()]
    rows += [("Settings", k, v) for k, v in record.settings]
    counts = dict(record.findings)
    rows += [("Findings by verdict", v.value, counts.get(v.value, 0)) for v in Verdict]
    by_verdict = Counter(i.verdict for i in incidents)
    rows += [("Incidents by verdict", v.value, by_verdict.get(v, 0)) for v in Verdict]
    rows.append(("Incidents by verdict", "total (trips: findings merged)", len(incidents)))
    rows += [
        ("Articles", "screened", record.articles),
        ("Articles", "failed", record.articles_failed),
        ("Articles", "skipped: no new or changed name", record.skipped),
    ]
    rows += [("Failed partition", where, why) for where, why in record.failed]
    rows += [("Input not read", where, why) for where, why in record.input_failures]
    rows += [("Note", "", n) for n in record.notes]
    return rows


def write_workbook(
    root: Path,
    out: Path,
    *,
    list_version: str | None = None,
    top: int | None = None,
    regimes_table: Any = None,
) -> WorkbookWritten:
    """Write the workbook of one list version's result in ``root`` into ``out``."""
    from travelban import __version__
    from travelban.report.columns import COLUMNS, FINDINGS, INCIDENTS, METHOD, SUMMARY
    from travelban.report.itinerary import incident_rows
    from travelban.report.method import method_rows
    from travelban.report.paths import plan, write_atomically
    from travelban.report.tables import VERDICT_PRIORITY, Table
    from travelban.report.xlsx import write_tables

    root = Path(root)
    if not root.is_dir():
        raise ReportError("no such folder", path=root, fix=_NOT_A_RESULT)
    versions = list_versions(root)
    if not versions:
        raise ReportError(
            "holds no travelban Parquet result (no _run-*.json)", path=root, fix=_NOT_A_RESULT
        )
    version = list_version or versions[-1]
    if version not in versions:
        raise ReportError(
            f"holds no result for list version {version}",
            path=root,
            fix=f"give --list-version one of: {', '.join(versions)}",
        )
    rd = ResultDir(root, version)
    record = read_record(rd)
    assert record is not None  # list_versions found its file
    gathered = gather_incidents(rd)
    rows = list(gathered.findings)
    priority = {v.value: p for v, p in VERDICT_PRIORITY.items()}
    rows.sort(
        key=lambda r: (
            -(r.get("Confidence") or 0.0),
            priority.get(str(r.get("Verdict")), 9),
            str(r.get("Article")),
            str(r.get("Key")),
        )
    )
    total = len(rows)
    if top is not None:
        rows = rows[:top]
    columns = COLUMNS[FINDINGS]
    findings = tuple(tuple(r.get(c.name) for c in columns) for r in rows)
    ordered = sorted(
        gathered.incidents,
        key=lambda i: (
            VERDICT_PRIORITY.get(i.verdict, 9),
            i.reference,
            i.when.start or date.max,
            i.key,
        ),
    )
    summary = _summary(record, version, len(rows), total, gathered.incidents)
    tables = [
        Table(SUMMARY, COLUMNS[SUMMARY], tuple(summary)),
        Table(FINDINGS, columns, findings),
        Table(INCIDENTS, COLUMNS[INCIDENTS], tuple(incident_rows(ordered, {}))),
        Table(METHOD, COLUMNS[METHOD], tuple(method_rows(regimes_table, False))),
    ]
    info = _list_info(record)
    started = datetime.fromisoformat(record.started) if record.started else datetime.now()
    stub = RunResult(
        tool_version=__version__,
        started=started,
        settings=record.settings,
        list_info=info,
        snapshots=(),
        articles=(),
        failures=(),
        extractions=(),
        matches=(),
        findings=(),
    )
    target, numbered = plan(Path(out), stub, ".xlsx")
    written = write_atomically(
        target, numbered, lambda tmp: write_tables(tables, tmp, creator=__version__)
    )
    return WorkbookWritten(written, version, len(rows), total, record)
