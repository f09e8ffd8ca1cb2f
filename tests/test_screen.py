"""End-to-end: `travelban screen` on the bundled example and on the commissioning article."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from travelban.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "soleimani-moscow.txt"
SEED = ROOT.parent / "shared" / "seed" / "000_dcf7398d4c868163.txt"

EXPECTED = {
    ("RU", "2015-12-07", "2015-12-13"),
    ("RU", "2015-07-01", "2015-07-31"),
    ("IQ", "2015-03-08", "2015-03-08"),
}


def _screen_json(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["screen", *args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _breaches(payload: dict) -> set[tuple[str, str, str]]:
    out = set()
    for f in payload["findings"]:
        if f["verdict"] == "apparent_breach":
            assert f["reference"] == "IRi.039", f
            assert f["resolution"].startswith("1929") and f["paragraph"] == "10", f
            out.add((f["country"], f["date_from"], f["date_to"]))
    return out


@pytest.mark.slow
def test_example_gives_exactly_three_breaches_for_soleimani() -> None:
    payload = _screen_json(str(EXAMPLE))
    assert _breaches(payload) == EXPECTED
    breaches = [f for f in payload["findings"] if f["verdict"] == "apparent_breach"]
    assert len(breaches) == 3
    flagged = {f["reference"] for f in payload["findings"]}
    assert flagged == {"IRi.039"}, flagged


@pytest.mark.slow
@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside the repo")
def test_commissioning_article_gives_the_same_three() -> None:
    payload = _screen_json(str(SEED), "--published", "2015-12-16")
    assert _breaches(payload) == EXPECTED
    assert {f["reference"] for f in payload["findings"]} == {"IRi.039"}


@pytest.mark.slow
def test_default_run_writes_an_xlsx_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["screen", str(EXAMPLE), "-o", str(tmp_path)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    [report] = list(tmp_path.glob("*.xlsx"))
    wb = openpyxl.load_workbook(report)
    assert {"Summary", "Findings", "Events", "Matches", "Entries", "Articles", "Method"} <= set(
        wb.sheetnames
    )


@pytest.mark.slow
def test_fail_on_breach_exits_3(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "screen",
            str(EXAMPLE),
            "--format",
            "json",
            "-o",
            str(tmp_path / "out.json"),
            "--fail-on-breach",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 3


def test_no_readable_article_writes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli, ["screen", str(empty), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert not out.exists() or not any(out.iterdir())
