"""The analyst workbook: sheets, conventions, safety of untrusted text, atomic writing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest_report import HOSTILE, entries_for, soleimani_result
from travelban.errors import ReportError
from travelban.models import Decision, ReviewDecision, Verdict
from travelban.report import to_frames, write_xlsx
from travelban.report.columns import FINDING_COLUMNS, REVIEW_COLUMNS
from travelban.report.safety import MAX_CELL_CHARS

REGIMES = [
    {"code": "IR", "committee": "1737 (2006)", "travel_ban": "1929 (2010) paragraph 10"},
    {"code": "IQ", "committee": "1518 (2003)", "travel_ban": ""},
]
NAME = "travelban-20260130-091500-list-2015-03-27.xlsx"


@pytest.fixture(scope="module")
def result():
    return soleimani_result()


@pytest.fixture(scope="module")
def book(result, tmp_path_factory):
    folder = tmp_path_factory.mktemp("book")
    path = write_xlsx(result, folder, entries=entries_for(result), regimes_table=REGIMES)
    return path


@pytest.fixture(scope="module")
def wb(book):
    return load_workbook(book)


def _rows(ws):
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


def test_file_name_carries_run_time_and_list_date(book):
    assert book.name == NAME
    assert not [p for p in book.parent.iterdir() if p.name.startswith(".travelban-")]


def test_sheets_in_order(wb):
    assert wb.sheetnames == [
        "Summary",
        "Findings",
        "Incidents",
        "Itinerary",
        "Events",
        "Matches",
        "Entries",
        "Articles",
        "Method",
    ]
    assert wb.active.title == "Findings"


def test_findings_columns_and_values(wb, result):
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    assert header == [c.name for c in FINDING_COLUMNS]
    first = header.index("Key")
    assert header[first + 1 : first + 5] == list(REVIEW_COLUMNS)
    rows = _rows(ws)
    assert len(rows) == 4
    breaches = [r for r in rows if r["Verdict"] == "apparent_breach"]
    assert {(r["Country"], r["Date from"].date(), r["Date to"].date()) for r in breaches} == {
        ("RU", date(2015, 12, 7), date(2015, 12, 13)),
        ("RU", date(2015, 7, 1), date(2015, 7, 31)),
        ("IQ", date(2015, 3, 8), date(2015, 3, 8)),
    }
    for r in breaches:
        assert r["Reference"] == "IRi.039"
        assert r["Listed name"] == "QASEM SOLEIMANI"
        assert (r["Resolution"], r["Paragraph"]) == ("1929 (2010)", "10")
        assert r["Score"] == pytest.approx(0.93)
    # Needs review comes after the breaches; the undated trip has blank date cells.
    assert rows[-1]["Verdict"] == "needs_review"
    assert rows[-1]["Date from"] is None
    assert {r["Key"] for r in rows} == {f.key for f in result.findings}


def test_dates_are_real_date_cells(wb):
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("Date from") + 1)
    assert cell.is_date
    assert cell.number_format == "yyyy-mm-dd"
    score = ws.cell(row=2, column=header.index("Score") + 1)
    assert score.data_type == "n"
    assert score.number_format == "0.00"
    summary = {(r["Section"], r["Item"]): r["Value"] for r in _rows(wb["Summary"])}
    assert summary[("Run", "started")] == datetime(2026, 1, 30, 9, 15)


def test_conventions_on_every_sheet(wb):
    for ws in wb.worksheets:
        assert ws.freeze_panes in ("A2", "B2", "C2"), ws.title
        assert ws.auto_filter.ref.startswith("A1:"), ws.title
        last = ws.auto_filter.ref.split(":")[1]
        assert int(re.sub(r"[A-Z]", "", last)) == ws.max_row, ws.title
        assert not ws.merged_cells.ranges, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws[1][0].font.bold
        widths = [ws.column_dimensions[c].width for c in ws.column_dimensions]
        assert widths and all(w >= 7 for w in widths), ws.title


def test_long_text_is_wrapped_and_rows_are_taller(wb):
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    rationale = ws.cell(row=2, column=header.index("Rationale") + 1)
    assert rationale.alignment.wrap_text
    assert ws.row_dimensions[2].height and ws.row_dimensions[2].height > 15


def test_verdict_colours_by_conditional_formatting(wb):
    ws = wb["Findings"]
    rules = {
        rule.formula[0].strip('"'): rng.sqref
        for rng in ws.conditional_formatting
        for rule in rng.rules
    }
    for verdict in Verdict:
        assert verdict.value in rules
    assert str(rules["apparent_breach"]) == "A2:A5"
    assert "Confirmed breach" in rules


def test_decision_dropdown_and_date_validation(wb):
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    col = {h: chr(ord("A") + i) for i, h in enumerate(header) if i < 26}
    validations = ws.data_validations.dataValidation
    lists = [v for v in validations if v.type == "list"]
    assert len(lists) == 1
    values = lists[0].formula1.strip('"').split(",")
    assert values == [d.value for d in Decision]
    assert str(lists[0].sqref) == f"{col['Decision']}2:{col['Decision']}5"
    dates = [v for v in validations if v.type == "date"]
    assert len(dates) == 1
    assert str(dates[0].sqref) == f"{col['Review date']}2:{col['Review date']}5"


def test_reference_links_to_its_row_in_entries(wb):
    findings, entries = wb["Findings"], wb["Entries"]
    links = {c.coordinate: c.hyperlink.location for row in findings for c in row if c.hyperlink}
    assert links, "no hyperlinks"
    for ref, location in links.items():
        sheet, cell = location.rsplit("!", 1)
        assert sheet.strip("'") == "Entries"
        assert entries[cell].value == findings[ref].value
    matches = wb["Matches"]
    targets = {c.value: c.hyperlink.location for row in matches for c in row if c.hyperlink}
    assert set(targets) == {"IRi.039", "IRi.040"}


def test_entries_sheet_in_full(wb):
    rows = {r["Reference"]: r for r in _rows(wb["Entries"])}
    assert set(rows) == {"IRi.039", "IRi.040"}
    e = rows["IRi.039"]
    assert e["Name"] == "QASEM SOLEIMANI"
    assert "Qasim Soleimani (good)" in e["Aliases"]
    assert "Sardar Soleimani (low)" in e["Aliases"]
    assert "Commander of Qods force" in e["Designations"]
    assert e["Dates of birth"] == "1957-03-11"
    assert e["Listed on"].date() == date(2007, 3, 24)
    assert "Promoted to Major General" in e["Comments"]
    assert e["Regime"] == "IR"


def test_events_include_people_who_matched_nobody(wb):
    rows = _rows(wb["Events"])
    assert len(rows) == 6
    putin = next(r for r in rows if r["Person"] == "Putin")
    assert putin["Candidates"] is None and putin["Findings"] == 0
    assert putin["Country"] == "IR"
    assert any(r["Person"] == "(unresolved)" for r in rows)
    moscow = next(r for r in rows if r["Destination"] == "Moscow")
    assert moscow["Findings"] == 1 and moscow["Status source"] == "Fars news agency"


def test_matches_keep_the_review_band(wb):
    rows = {r["Reference"]: r for r in _rows(wb["Matches"])}
    assert rows["IRi.040"]["Band"] == "review"
    assert rows["IRi.040"]["Score"] == pytest.approx(0.71)
    assert rows["IRi.039"]["Band"] == "alert"
    assert "Qassem → Qasem" in rows["IRi.039"]["Explanation"]


def test_summary_articles_and_method(wb, result):
    summary = {(r["Section"], r["Item"]): r["Value"] for r in _rows(wb["Summary"])}
    assert summary[("List", "sha256")] == result.list_info.sha256
    assert summary[("List", "file")] == "un-consolidated-2015-03-27.xml"
    assert summary[("Findings by verdict", "apparent_breach")] == 3
    assert summary[("Findings by verdict", "needs_review")] == 1
    assert summary[("Articles", "processed")] == 1
    assert summary[("Articles", "failed")] == 1
    assert summary[("Settings", "threshold")] == "0.8"
    assert summary[("Snapshots per finding date", "2015-07-01 to 2015-07-31")] == (
        "un-consolidated-2015-03-27.xml"
    )
    articles = {r["Source"]: r for r in _rows(wb["Articles"])}
    assert articles["inbox/empty.txt"]["Status"] == "failed"
    assert articles["inbox/empty.txt"]["Error"] == "the file is empty"
    ok = articles["examples/soleimani-moscow.txt"]
    assert ok["Published"].date() == date(2015, 12, 16)
    assert ok["Published source"] == "dateline"
    method = _rows(wb["Method"])
    terms = {(r["Topic"], r["Term"]) for r in method}
    assert {("Verdict", v.value) for v in Verdict} <= terms
    assert {("Decision", d.value) for d in Decision} <= terms
    assert ("Findings column", "Rationale") in terms
    iran = next(r for r in method if r["Topic"] == "Regime" and r["Term"] == "IR")
    assert "1929 (2010) paragraph 10" in iran["Meaning"]


def test_frames_match_the_workbook(wb, result):
    frames = to_frames(result, entries=entries_for(result), regimes_table=REGIMES)
    assert list(frames) == wb.sheetnames
    for name, frame in frames.items():
        assert list(frame.columns) == [c.value for c in wb[name][1]]
        assert len(frame) == wb[name].max_row - 1, name


# ---------------------------------------------------------------- untrusted text


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    result = soleimani_result(hostile=True)
    long = "x" * (MAX_CELL_CHARS + 5000)
    findings = list(result.findings)
    findings[0] = replace(findings[0], rationale=long)
    findings[1] = replace(findings[1], rationale="+cmd|' /C calc'!A0")
    findings[2] = replace(findings[2], rationale="@SUM(A1:A9)")
    findings[3] = replace(findings[3], rationale="  kept spaces  ")
    result = replace(result, findings=tuple(findings))
    return write_xlsx(result, tmp_path_factory.mktemp("hostile"), entries=entries_for(result))


def test_formula_like_text_is_stored_as_text(hostile_book):
    wb = load_workbook(hostile_book)
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    person = header.index("Person") + 1
    rationale = header.index("Rationale") + 1
    cells = [ws.cell(row=r, column=person) for r in range(2, ws.max_row + 1)]
    hostile = [c for c in cells if c.value == HOSTILE]
    assert hostile, "the formula-like name must come back literally"
    for c in hostile:
        assert c.data_type == "s"
        assert c.quotePrefix
    values = {ws.cell(row=r, column=rationale).value for r in range(2, ws.max_row + 1)}
    assert "+cmd|' /C calc'!A0" in values
    assert "@SUM(A1:A9)" in values
    assert "  kept spaces  " in values
    # No formula anywhere in the package.
    with zipfile.ZipFile(hostile_book) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode("utf-8")
                assert not re.search(r"<f[ >]", xml), name
        assert "HYPERLINK" in z.read("xl/worksheets/sheet2.xml").decode("utf-8")


def test_control_characters_removed_and_long_text_cut(hostile_book):
    wb = load_workbook(hostile_book)
    ws = wb["Events"]
    evidence = [r["Evidence"] for r in _rows(ws)]
    assert "-2+3 @SUM(1) bell and aright-to-left override" in evidence
    rows = _rows(wb["Findings"])
    cut = [r["Rationale"] for r in rows if r["Rationale"].startswith("xxx")]
    assert len(cut) == 1
    assert len(cut[0]) <= MAX_CELL_CHARS
    assert cut[0].endswith("more characters]")
    assert "truncated by travelban" in cut[0]


# ---------------------------------------------------------------- earlier decisions


def test_previous_decisions_prefilled_marked_and_false_positives_moved(result, tmp_path):
    f = sorted(result.findings, key=lambda x: x.event.when.start or date.max)
    undated, march, july, december = f[3], f[0], f[1], f[2]
    assert undated.event.when.start is None
    previous = {
        undated.key: [
            ReviewDecision(
                undated.key,
                Decision.FALSE_POSITIVE,
                "A. Analyst",
                date(2026, 1, 20),
                "no date, other trip",
                "old.xlsx",
                5,
            )
        ],
        march.key: [
            ReviewDecision(
                march.key,
                Decision.CONFIRMED_BREACH,
                "A. Analyst",
                date(2026, 1, 20),
                "photo checked",
                "old.xlsx",
                2,
            )
        ],
        july.key: [
            ReviewDecision(july.key, Decision.CONFIRMED_BREACH, "A. Analyst", date(2026, 1, 20)),
            ReviewDecision(july.key, Decision.EXEMPTED, "B. Other", date(2026, 1, 22)),
        ],
    }
    path = write_xlsx(result, tmp_path, entries=entries_for(result), previous=previous)
    wb = load_workbook(path)
    assert "Previously reviewed" in wb.sheetnames
    assert wb.sheetnames.index("Previously reviewed") == 2
    active = {r["Key"]: r for r in _rows(wb["Findings"])}
    assert set(active) == {march.key, july.key, december.key}
    moved = _rows(wb["Previously reviewed"])
    assert [r["Key"] for r in moved] == [undated.key]
    assert moved[0]["Decision"] == "False positive"
    assert moved[0]["Notes"] == "no date, other trip"
    # One decision: pre-filled, and the cells marked.
    m = active[march.key]
    assert (m["Decision"], m["Reviewer"], m["Notes"]) == (
        "Confirmed breach",
        "A. Analyst",
        "photo checked",
    )
    assert m["Review date"].date() == date(2026, 1, 20)
    assert "old.xlsx row 2" in m["Earlier decisions"]
    # Conflicting decisions: both shown, nothing pre-filled.
    j = active[july.key]
    assert j["Decision"] is None
    assert "Conflicting" in j["Earlier decisions"]
    assert "Exempted — B. Other" in j["Earlier decisions"]
    assert active[december.key]["Earlier decisions"] is None
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    row_of = {ws.cell(row=r, column=header.index("Key") + 1).value: r for r in range(2, 5)}
    decision_col = header.index("Decision") + 1
    marked = ws.cell(row=row_of[march.key], column=decision_col).fill.fgColor.rgb
    plain = ws.cell(row=row_of[december.key], column=decision_col).fill.fgColor.rgb
    assert marked != plain
    summary = {(r["Section"], r["Item"]): r["Value"] for r in _rows(wb["Summary"])}
    assert summary[("Findings by verdict", "previously reviewed as False positive")] == 1


def test_run_without_findings(result, tmp_path):
    empty = replace(result, findings=(), matches=())
    path = write_xlsx(empty, tmp_path)
    wb = load_workbook(path)
    assert wb["Findings"].max_row == 1
    assert wb["Entries"].max_row == 1
    assert len(_rows(wb["Events"])) == 6


# ---------------------------------------------------------------- where it is written


def test_never_overwrites(result, tmp_path):
    first = write_xlsx(result, tmp_path)
    second = write_xlsx(result, tmp_path)
    assert first.name == NAME
    assert second.name == NAME.replace(".xlsx", "-2.xlsx")
    before = first.read_bytes()
    with pytest.raises(ReportError) as err:
        write_xlsx(result, first)
    assert str(first) in str(err.value) and "never overwrites" in str(err.value)
    assert first.read_bytes() == before


def test_explicit_file_name_and_missing_folders(result, tmp_path):
    out = tmp_path / "a" / "b" / "mine.xlsx"
    assert write_xlsx(result, out) == out
    folder = tmp_path / "new" / "reports"
    written = write_xlsx(result, folder)
    assert written.parent == folder and written.name == NAME
    with pytest.raises(ReportError, match=r"ending in \.xlsx"):
        write_xlsx(result, tmp_path / "report.xls")


def test_folder_that_cannot_be_created(result, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ReportError) as err:
        write_xlsx(result, blocker / "reports")
    assert "cannot create the output folder" in str(err.value)
    assert str(blocker / "reports") in str(err.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_unwritable_folder(result, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ReportError, match="not writable"):
            write_xlsx(result, folder)
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_full_disk_leaves_nothing_behind(tmp_path):
    # A file-size limit makes the write fail part-way, as a full disk would.
    code = f"""
import resource, signal, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from pathlib import Path
from conftest_report import many_findings
from travelban.errors import ReportError
from travelban.report import write_xlsx
result = many_findings(400)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
try:
    write_xlsx(result, Path({str(tmp_path)!r}))
except ReportError as exc:
    print("ERROR", exc)
else:
    print("WROTE")
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.startswith("ERROR"), proc.stdout + proc.stderr
    assert "disk is full" in proc.stdout
    assert list(tmp_path.iterdir()) == []


def test_interrupted_write_leaves_nothing_behind(result, tmp_path, monkeypatch):
    import travelban.report.xlsx as xlsx

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsx, "_rows_xml", boom)
    with pytest.raises(ReportError, match="disk is full"):
        write_xlsx(result, tmp_path)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- LibreOffice


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it(book, tmp_path):
    proc = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = tmp_path / book.with_suffix(".pdf").name
    assert pdf.exists(), proc.stdout + proc.stderr
    assert pdf.stat().st_size > 10_000


def test_unwritable_folder_as_any_user(result, tmp_path, monkeypatch):
    # Root ignores folder permissions, so the refusal the OS would give is injected.
    import errno

    import travelban.report.paths as paths

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(paths.tempfile, "mkstemp", refuse)
    folder = tmp_path / "locked"
    folder.mkdir()
    with pytest.raises(ReportError) as err:
        write_xlsx(result, folder)
    message = str(err.value)
    assert "not writable" in message or "Permission denied" in message
    assert str(folder) in message and "give a folder you can write to" in message
    assert list(folder.iterdir()) == []


def test_check_destination_refuses_a_folder_without_write_access(tmp_path, monkeypatch):
    import travelban.report.paths as paths

    monkeypatch.setattr(paths.os, "access", lambda *a, **k: False)
    with pytest.raises(ReportError) as err:
        paths.check_destination(tmp_path, ".xlsx")
    assert str(tmp_path) in str(err.value)
