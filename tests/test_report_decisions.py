"""Reading analysts' decisions back from a report workbook."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import claim_full_width
from conftest_report import entries_for, soleimani_result
from travelban.errors import ReportError
from travelban.models import Decision, ReviewDecision
from travelban.report import read_decisions, read_review, write_xlsx


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    result = soleimani_result()
    return write_xlsx(result, tmp_path_factory.mktemp("rep"), entries=entries_for(result))


SERIAL = date(2026, 2, 3).toordinal() - date(1899, 12, 30).toordinal()  # Excel's day number


def _fill(report: Path, out: Path, edits: dict[int, dict[str, object]]) -> Path:
    """Play the analyst: type values into Findings rows (by row number) and save."""
    wb = load_workbook(report)
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    for row, values in edits.items():
        for column, value in values.items():
            ws.cell(row=row, column=header.index(column) + 1).value = value
    wb.save(out)
    return out


def _key(report: Path, row: int) -> str:
    ws = load_workbook(report)["Findings"]
    header = [c.value for c in ws[1]]
    return ws.cell(row=row, column=header.index("Key") + 1).value


def test_untouched_report_has_no_decisions(report):
    assert read_decisions(report) == ()
    assert read_review(report).problems == ()


def test_decisions_round_trip(report, tmp_path):
    edited = _fill(
        report,
        tmp_path / "reviewed.xlsx",
        {
            2: {
                "Decision": "Confirmed breach",
                "Reviewer": "A. Analyst",
                "Review date": datetime(2026, 2, 3),
                "Notes": "=flight records checked",
            },
            3: {"Decision": "  false   POSITIVE ", "Review date": "2026-02-04"},
            4: {"Decision": "Exempted", "Review date": SERIAL},  # a date that lost its format
        },
    )
    decisions = read_decisions(edited)
    by_row = {d.row: d for d in decisions}
    assert set(by_row) == {2, 3, 4}
    first = by_row[2]
    assert first.finding_key == _key(report, 2)
    assert first.decision is Decision.CONFIRMED_BREACH
    assert (first.reviewer, first.review_date) == ("A. Analyst", date(2026, 2, 3))
    assert first.notes == "=flight records checked"
    assert first.source_file == str(edited)
    assert by_row[3].decision is Decision.FALSE_POSITIVE
    assert by_row[3].review_date == date(2026, 2, 4)
    assert by_row[4].review_date == date(2026, 2, 3)


def test_invalid_decision_names_file_row_and_allowed_values(report, tmp_path):
    edited = _fill(
        report,
        tmp_path / "typo.xlsx",
        {2: {"Decision": "Flase positive"}, 3: {"Decision": "Exempted"}},
    )
    with pytest.raises(ReportError) as err:
        read_decisions(edited)
    text = str(err.value)
    assert str(edited) in text
    assert "row 2" in text and "Flase positive" in text
    for d in Decision:
        assert d.value in text
    # Nothing is lost: the valid row and the problem are both available.
    read = read_review(edited)
    assert [d.row for d in read.decisions] == [3]
    assert [(p.row, p.column, p.value) for p in read.problems] == [
        (2, "Decision", "Flase positive")
    ]


def test_bad_review_date_blocks_and_notes_without_decision_do_not(report, tmp_path):
    edited = _fill(
        report,
        tmp_path / "dates.xlsx",
        {
            2: {"Decision": "Exempted", "Review date": "last Tuesday"},
            3: {"Notes": "still checking the flight lists"},
        },
    )
    read = read_review(edited)
    assert read.decisions == ()
    problems = {p.row: p for p in read.problems}
    assert problems[2].blocking and problems[2].column == "Review date"
    assert not problems[3].blocking and "no Decision" in problems[3].problem
    with pytest.raises(ReportError, match="Review date 'last Tuesday'"):
        read_decisions(edited)


def test_row_whose_key_was_deleted(report, tmp_path):
    edited = _fill(report, tmp_path / "nokey.xlsx", {2: {"Key": None, "Decision": "Exempted"}})
    with pytest.raises(ReportError, match="no Key"):
        read_decisions(edited)


def test_columns_found_by_header_after_reordering(report, tmp_path):
    wb = load_workbook(report)
    ws = wb["Findings"]
    ws.insert_cols(1)
    ws.cell(row=1, column=1, value="My column")
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("Decision") + 1, value="Needs more information")
    wb.save(tmp_path / "moved.xlsx")
    (d,) = read_decisions(tmp_path / "moved.xlsx")
    assert d.decision is Decision.NEEDS_MORE_INFORMATION
    assert d.finding_key == _key(report, 2)


def test_not_a_travelban_report(tmp_path):
    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(ReportError, match="not a travelban report"):
        read_decisions(tmp_path / "other.xlsx")
    wb = Workbook()
    wb.active.title = "Findings"
    wb.active.append(["Verdict", "Person"])
    wb.save(tmp_path / "lookalike.xlsx")
    with pytest.raises(ReportError, match="no Key and Decision columns"):
        read_decisions(tmp_path / "lookalike.xlsx")
    (tmp_path / "notes.xlsx").write_text("not a zip")
    with pytest.raises(ReportError, match="cannot read the workbook"):
        read_decisions(tmp_path / "notes.xlsx")
    with pytest.raises(ReportError, match="no such report"):
        read_decisions(tmp_path / "missing.xlsx")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_decisions_survive_a_libreoffice_save(report, tmp_path):
    (tmp_path / "in").mkdir()
    edited = _fill(
        report,
        tmp_path / "in" / "reviewed.xlsx",
        {
            2: {
                "Decision": "False positive",
                "Reviewer": "B. Analyst",
                "Review date": datetime(2026, 3, 1),
                "Notes": "namesake",
            }
        },
    )
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(edited)],
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
        check=True,
    )
    (d,) = read_decisions(out / "reviewed.xlsx")
    assert d.decision is Decision.FALSE_POSITIVE
    assert (d.reviewer, d.review_date, d.notes) == ("B. Analyst", date(2026, 3, 1), "namesake")
    assert d.finding_key == _key(report, 2)


def test_carried_decisions_are_read_from_both_sheets(tmp_path):
    result = soleimani_result()
    fp, breach = result.findings[3], result.findings[0]
    previous = {
        fp.key: [ReviewDecision(fp.key, Decision.FALSE_POSITIVE, "A. Analyst", date(2026, 1, 5))],
        breach.key: [ReviewDecision(breach.key, Decision.CONFIRMED_BREACH, "A. Analyst")],
    }
    path = write_xlsx(result, tmp_path, previous=previous)
    decisions = {d.finding_key: d for d in read_decisions(path)}
    # the Incidents sheet carries each finding's decision over to its incident (issue 14)
    assert {k for k in decisions if not k.startswith("INC-")} == {fp.key, breach.key}
    assert sorted(d.decision for k, d in decisions.items() if k.startswith("INC-")) == sorted(
        [Decision.FALSE_POSITIVE, Decision.CONFIRMED_BREACH]
    )
    assert decisions[fp.key].decision is Decision.FALSE_POSITIVE
    assert decisions[fp.key].review_date == date(2026, 1, 5)
    assert decisions[breach.key].decision is Decision.CONFIRMED_BREACH


def _claiming_full_width(out: Path, rows: int) -> Path:
    """A review workbook whose sheet claims columns A..XFD: each extra row holds one cell in
    column XFD (16,384), and one row holds a decision in the usual columns."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Findings"
    ws.append(["Key", "Decision", "Reviewer", "Review date", "Notes"])
    ws.append(["k-1", "False positive", "ana", "2026-01-31", "namesake"])
    plain = out.with_name("plain.xlsx")
    wb.save(plain)
    return claim_full_width(plain, out, rows, was="A1:E2", claims="A1:XFD1048576")


def test_a_sheet_claiming_every_column_is_read_only_as_wide_as_the_review_columns(tmp_path):
    from travelban.report.decisions import _review_rows

    book = _claiming_full_width(tmp_path / "wide.xlsx", rows=2000)
    read = read_review(book)
    assert [(d.finding_key, d.decision, d.notes) for d in read.decisions] == [
        ("k-1", Decision.FALSE_POSITIVE, "namesake")
    ]
    wb = load_workbook(book, read_only=True)
    widths = {len(row) for row in _review_rows(wb["Findings"])}
    wb.close()
    assert widths == {5}  # not 16,384 cells a row
