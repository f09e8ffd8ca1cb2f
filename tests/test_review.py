"""``travelban review import`` / ``list``: decisions recorded from workbooks, never lost."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from test_run import (  # noqa: F401  (fixtures)
    BREACH,
    REVIEW,
    Loads,
    decide,
    loads_fixture,
    reports,
    run_cli,
    site_fixture,
)
from test_run_fakes import write_article
from travelban.cli import cli


def review(*args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, ["review", *args], catch_exceptions=False)
    assert result.exit_code == code, (result.output, result.stderr)
    return result


@pytest.fixture
def reported(site: Path, loads: Loads) -> Path:
    """A site after one run whose report holds two findings."""
    write_article(site / "inbox", "a.txt", BREACH, REVIEW)
    run_cli(site)
    (report,) = reports(site)
    return report


def state_args(site: Path) -> list[str]:
    return ["--config", str(site / "travelban.toml")]


def test_import_records_decisions_and_a_repeat_adds_nothing(site: Path, reported: Path) -> None:
    decide(reported, "IRi.039", "False positive", notes="namesake, born 1980")
    decide(reported, "QDi.001", "Confirmed breach", reviewer="bo")
    out = review("import", str(reported), *state_args(site))
    assert "2 decision(s) recorded from 1 workbook(s), 0 already known" in out.stdout
    out = review("import", str(reported), *state_args(site))
    assert "0 decision(s) recorded from 1 workbook(s), 2 already known" in out.stdout
    listed = json.loads(review("list", *state_args(site), "--format", "json").stdout)
    rows = listed["decisions"]
    assert [(r["decision"], r["reviewer"]) for r in rows] == [
        ("False positive", "ana"),
        ("Confirmed breach", "bo"),
    ]
    # breaches sort first: IRi.039 is on row 2, QDi.001 on row 3
    assert [r["source"] for r in rows] == [f"{reported}:2", f"{reported}:3"]


def test_conflicting_decisions_are_both_kept_and_marked(site: Path, reported: Path) -> None:
    decide(reported, "IRi.039", "False positive", reviewer="ana")
    review("import", str(reported), *state_args(site))
    decide(reported, "IRi.039", "Confirmed breach", reviewer="bo", notes="same person")
    review("import", str(reported), *state_args(site))
    out = review("list", *state_args(site), "--conflicts").stdout
    assert "False positive" in out and "Confirmed breach" in out
    assert "1 finding(s) with conflicting decisions" in out
    assert out.count("\n!") == 2


def test_a_broken_workbook_is_skipped_and_the_others_imported(site: Path, reported: Path) -> None:
    decide(reported, "IRi.039", "Exempted")
    broken = site / "reports" / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip file")
    out = review("import", str(broken), str(reported), *state_args(site), code=1)
    assert f"skipped {broken}" in out.stderr
    assert "1 decision(s) recorded from 1 workbook(s)" in out.stdout
    assert broken.exists()  # nothing deleted


def test_an_invalid_decision_is_reported_with_file_and_row_and_kept(
    site: Path, reported: Path
) -> None:
    decide(reported, "IRi.039", "FP - namesake", notes="born 1980, not him")
    out = review("import", str(reported), *state_args(site), code=1)
    assert str(reported) in out.stderr and "'FP - namesake'" in out.stderr
    assert f"{reported}:2: sheet Findings" in out.stderr  # the file and the row
    listed = review("list", *state_args(site)).stdout
    assert "FP - namesake (not a valid value)" in listed


def test_run_imports_the_reports_folder_and_carries_decisions(
    site: Path,
    reported: Path,
    loads,
) -> None:
    decide(reported, "QDi.001", "Needs more information", notes="ask the desk")
    write_article(site / "inbox", "b.txt", "TRIP QDi.001 SY 2016-01-02 apparent_breach")
    out = run_cli(site)
    assert "decisions: 1 recorded from 1 workbook(s)" in out.stdout
    # the decision is on its key; the new article's finding has another key
    listed = json.loads(review("list", *state_args(site), "--format", "json").stdout)
    assert [r["notes"] for r in listed["decisions"]] == ["ask the desk"]
    # a rescreen shows the earlier decision pre-filled in the new report
    run_cli(site, "--rescreen")
    wb = openpyxl.load_workbook(reports(site)[-1])
    rows = list(wb["Findings"].iter_rows(values_only=True))
    header = rows[0]
    carried = [r for r in rows[1:] if r[header.index("Decision")] == "Needs more information"]
    assert len(carried) == 1
    assert carried[0][header.index("Notes")] == "ask the desk"


def test_list_without_a_database_says_what_to_do(tmp_path: Path) -> None:
    out = review("list", "--state", str(tmp_path / "none.sqlite"), code=1)
    assert "no state database here yet" in out.stderr
    assert not (tmp_path / "none.sqlite").exists()
