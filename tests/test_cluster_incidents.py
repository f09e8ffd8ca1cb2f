"""Incidents of a distributed result: one merge over every partition's findings.

No cluster: two partitions' tables are written exactly as a worker writes them (the
report tables of each partition's findings), then the gather step runs on the folder.
The reports of one trip are split across the partitions, so a merge within each
partition gives two incidents with keys of their own; the gathered result must equal
one merge over all the findings.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq

from travelban.cluster.incidents import gather_incidents
from travelban.cluster.results import TABLES, ResultDir, RunRecord, write_record, write_table
from travelban.cluster.workbook import write_workbook
from travelban.incidents import incident_of, merge_incidents
from travelban.models import (
    Article,
    DateRange,
    DateSource,
    EventStatus,
    Explanation,
    Finding,
    ListInfo,
    NameMatch,
    Place,
    Precision,
    RunResult,
    TravelEvent,
    Verdict,
)
from travelban.report.itinerary import incident_rows
from travelban.report.tables import build_tables

VERSION = "2026-05-08"
D = date


def _article(name: str, published: date, url: str) -> Article:
    return Article(
        source=f"{name}.txt",
        sha256=hashlib.sha256(name.encode()).hexdigest(),
        text="Some text.",
        published=published,
        published_source=DateSource.GIVEN,
        url=url,
    )


def _finding(
    a: Article,
    when: DateRange,
    *,
    ref: str = "IRi.039",
    country: str | None = "RU",
    status: EventStatus = EventStatus.OCCURRED,
    confidence: float = 0.7,
) -> Finding:
    event = TravelEvent(
        person_id="P1",
        person_name="Qassem Soleimani",
        kind="visit",
        destination=Place("Moscow", country) if country else None,
        when=when,
        status=status,
        evidence=f"{a.source} says he went to Moscow.",
    )
    match = NameMatch(
        "Qassem Soleimani",
        ref,
        "QASEM SOLEIMANI",
        "QASEM SOLEIMANI",
        None,
        0.95,
        Explanation("t", 0.8),
    )
    return Finding(
        article=a.source,
        article_sha256=a.sha256,
        person="Qassem Soleimani",
        person_id="P1",
        reference=ref,
        listed_name="QASEM SOLEIMANI",
        event=event,
        match=match,
        verdict=Verdict.APPARENT_BREACH,
        regime=ref[:2],
        resolution="2231 (2015)",
        paragraph="6(e)",
        confidence=confidence,
        rationale="test",
    )


def _result(articles: list[Article], findings: list[Finding]) -> RunResult:
    info = ListInfo(Path("list.xml"), "0" * 64, datetime(2026, 5, 8), 1, 0)
    return RunResult(
        tool_version="test",
        started=datetime(2026, 5, 9),
        settings=(),
        list_info=info,
        snapshots=(),
        articles=tuple(articles),
        failures=(),
        extractions=(),
        matches=(),
        findings=tuple(findings),
    )


def _write_partition(rd: ResultDir, key: str, result: RunResult) -> None:
    """What ``screen_partition`` writes for one partition."""
    for t in build_tables(result):
        if t.name in TABLES:
            write_table(rd.table_file(t.name, key), t.columns, t.rows)


def test_incidents_are_merged_over_every_partition(tmp_path: Path) -> None:
    # one Moscow trip in December 2015, reported by two outlets in three articles
    late = _article("late", D(2015, 12, 20), "https://herald.example/late")  # herald twice
    early = _article("early", D(2015, 12, 18), "https://newswire.example/early")
    mid = _article("mid", D(2015, 12, 19), "https://www.herald.example/mid")
    other = _article("other", D(2016, 3, 2), "")
    dec = DateRange("in December", D(2015, 12, 1), D(2015, 12, 31), Precision.MONTH)
    f_late = _finding(late, dec, confidence=0.6)
    f_early = _finding(
        early, DateRange("on 16 December", D(2015, 12, 16), D(2015, 12, 16), Precision.DAY)
    )
    f_mid = _finding(
        mid, DateRange("on 17 December", D(2015, 12, 17), D(2015, 12, 17), Precision.DAY)
    )
    f_undated = _finding(
        other, DateRange("recently"), ref="QDi.001", country="SY", status=EventStatus.DENIED
    )

    root = tmp_path / "result"
    rd = ResultDir(root, VERSION)
    _write_partition(rd, "p1", _result([late, mid], [f_late, f_mid]))
    _write_partition(rd, "p2", _result([early, other], [f_early, f_undated]))
    rd.plan_file.parent.mkdir(parents=True, exist_ok=True)
    rd.plan_file.write_text("p1\np2\n", encoding="utf-8")

    everything = [f_late, f_mid, f_early, f_undated]
    want = merge_incidents(everything, articles=[late, mid, early, other])
    want_of = incident_of(want)
    assert len(want) == 2
    trip = next(i for i in want if i.reference == "IRi.039")
    assert (trip.when.start, trip.when.end, trip.independent) == (
        D(2015, 12, 16),
        D(2015, 12, 17),
        2,
    )
    # within each partition the trip got a key of its own: the Incident columns disagree
    before = {
        r["Key"]: r["Incident"]
        for f in sorted(rd.table_dir("Findings").glob("part-*.parquet"))
        for r in pq.read_table(f).to_pylist()
    }
    assert before != want_of

    got = gather_incidents(rd)
    assert incident_rows(got.incidents, {}) == incident_rows(want, {})
    assert got.rewritten >= 1

    # the incidents table: one file, one row per trip, with its finding keys
    files = list((root / "incidents" / f"list_version={VERSION}").glob("part-*.parquet"))
    assert files == [got.path]
    table = {r["Key"]: r for r in pq.read_table(files[0]).to_pylist()}
    assert set(table) == {i.key for i in want}
    row = table[trip.key]
    assert row["Finding keys"] == list(trip.finding_keys)
    assert (row["Reference"], row["Country"], row["Date from"], row["Date to"]) == (
        "IRi.039",
        "RU",
        D(2015, 12, 16),
        D(2015, 12, 17),
    )
    assert (row["Status"], row["Verdict"], row["Independent"]) == ("occurred", "apparent_breach", 2)
    assert row["Confidence"] == trip.confidence
    assert row["Outlets"] == ["newswire.example", "herald.example"]

    # every Findings part now names the merged incident
    after = {
        r["Key"]: r["Incident"]
        for f in sorted(rd.table_dir("Findings").glob("part-*.parquet"))
        for r in pq.read_table(f).to_pylist()
    }
    assert after == want_of

    # gathering again changes no file
    stamps = {p: p.stat().st_mtime_ns for p in root.rglob("part-*.parquet")}
    again = gather_incidents(rd)
    assert again.rewritten == 0
    assert {p: p.stat().st_mtime_ns for p in root.rglob("part-*.parquet")} == stamps

    # `travelban report`: an Incidents sheet beside Findings, and the two agree
    write_record(
        rd,
        RunRecord(job={}, list_info={}, snapshots=(), settings=(), tool_version="t", started=""),
    )
    written = write_workbook(root, tmp_path / "report.xlsx")
    wb = openpyxl.load_workbook(written.path)
    assert "Incidents" in wb.sheetnames
    inc_ws = wb["Incidents"]
    head = [c.value for c in inc_ws[1]]
    sheet_keys = {r[head.index("Key")] for r in inc_ws.iter_rows(min_row=2, values_only=True)}
    assert sheet_keys == {i.key for i in want}
    fnd = wb["Findings"]
    head = [c.value for c in fnd[1]]
    shown = {
        r[head.index("Key")]: r[head.index("Incident")]
        for r in fnd.iter_rows(min_row=2, values_only=True)
    }
    assert shown == want_of
