"""Zip-based inputs are checked before they are opened: member count, inflated size, ratio."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from travelban.cli import cli
from travelban.errors import TravelbanError, ZipLimitError
from travelban.report.columns import FINDINGS
from travelban.safezip import DEFAULT_LIMITS, ZipLimits, check_zip

HEADER = ["Key", "Reference", "Decision", "Reviewer", "Review date", "Notes"]


def _workbook(rows: int = 0, filler: bytes = b"<row/>") -> bytes:
    """A workbook whose Findings sheet holds one decision, then ``rows`` copies of ``filler``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = FINDINGS
    ws.append(HEADER)
    ws.append(["k-0001", "IRi.039", "False positive", "ana", "2026-01-31", "a namesake"])
    buf = io.BytesIO()
    wb.save(buf)
    if not rows:
        return buf.getvalue()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(buf) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", filler * rows + b"</sheetData>")
            dst.writestr(info.filename, data)
    return out.getvalue()


@pytest.fixture
def bomb(tmp_path: Path) -> Path:
    """A few KB on disk; its sheet inflates to 6 MB, a thousand times its compressed size."""
    path = tmp_path / "reviewed.xlsx"
    path.write_bytes(_workbook(rows=1_000_000))
    return path


def test_the_bomb_is_small_on_disk_and_large_inflated(bomb: Path) -> None:
    assert bomb.stat().st_size < 20_000
    with zipfile.ZipFile(bomb) as zf:
        sheet = zf.getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size > DEFAULT_LIMITS.ratio_floor
    assert sheet.file_size / sheet.compress_size > DEFAULT_LIMITS.max_ratio


def test_the_bomb_is_refused_naming_the_file_and_the_member(bomb: Path) -> None:
    with pytest.raises(ZipLimitError) as info:
        check_zip(bomb)
    assert isinstance(info.value, TravelbanError)
    msg = info.value.render()
    assert msg.startswith(f"{bomb}: member xl/worksheets/sheet1.xml would inflate")
    assert "compression bomb" in msg and "\n" not in msg


def test_a_real_workbook_passes(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    path.write_bytes(_workbook())
    check_zip(path)


def test_files_that_are_not_zips_are_left_to_their_reader(tmp_path: Path) -> None:
    for name, data in (("a.csv", b"name\nQassem Soleimani\n"), ("b.xlsx", b"PK\x03\x04 junk")):
        (tmp_path / name).write_bytes(data)
        check_zip(tmp_path / name)


def test_total_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    # rows that do not repeat: a modest ratio, but the sum is over a lowered total limit
    path.write_bytes(_workbook(rows=1))
    limits = ZipLimits(max_total=2_000)
    with pytest.raises(ZipLimitError, match=r"would inflate to .* \(limit 2 KB\)"):
        check_zip(path, limits)


def test_member_count_limit_is_read_before_the_directory(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(50):
            zf.writestr(f"m{i}.txt", b"x")
    with pytest.raises(ZipLimitError, match="declares 50 members"):
        check_zip(path, ZipLimits(max_members=20))
    check_zip(path, ZipLimits(max_members=50))


def test_member_count_of_a_zip64_archive(tmp_path: Path) -> None:
    path = tmp_path / "many64.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(70_000):  # over 65,535: the count lives in the ZIP64 record
            zf.writestr(zipfile.ZipInfo(f"{i}"), b"")
    with pytest.raises(ZipLimitError, match="declares 70,000 members"):
        check_zip(path)


# ---------------------------------------------------------------- the commands


def test_review_import_refuses_the_bomb_in_one_line(
    bomb: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    state = tmp_path / "state.sqlite"
    result = CliRunner().invoke(
        cli, ["review", "import", str(bomb), "--state", str(state)], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: skipped {bomb}: member xl/worksheets/sheet1.xml")
    assert lines[0].count(str(bomb)) == 1
    assert "Traceback" not in result.output
    assert "0 decision(s) recorded from 0 workbook(s)" in result.stdout
    # the command prints the problem; a warning log line would say it a second time
    assert not [r for r in caplog.records if r.name.startswith("travelban")]


def test_review_import_still_reads_a_real_workbook(tmp_path: Path) -> None:
    good = tmp_path / "reviewed.xlsx"
    good.write_bytes(_workbook())
    result = CliRunner().invoke(
        cli,
        ["review", "import", str(good), "--state", str(tmp_path / "s.sqlite")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "1 decision(s) recorded from 1 workbook(s)" in result.stdout


def test_match_file_refuses_the_bomb(bomb: Path) -> None:
    result = CliRunner().invoke(cli, ["match", "--file", str(bomb)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bomb}: member xl/worksheets/sheet1.xml")
    assert len(result.stderr.strip().splitlines()) == 1
