"""``travelban match`` through CliRunner, on the shipped lists."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

from conftest import claim_full_width
from travelban.cli import cli
from travelban.report.tabular import read_column
from travelban.settings import default_lists_dir

LIST = default_lists_dir() / "un-consolidated-2026-05-08.xml"


def run(args: list[str], stdin: bytes | str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["match", *args], input=stdin, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def test_help_has_example() -> None:
    code, out, _ = run(["--help"])
    assert code == 0 and "travelban match" in out and "--fail-on-match" in out


def test_table_output() -> None:
    code, out, err = run(["Qassem Soleimani", "John Smith", "--list", str(LIST)])
    assert code == 0
    assert "IRi.039" in out and "QASEM SOLEIMANI" in out
    assert "no match at or above 0.80" in out
    assert "un-consolidated-2026-05-08.xml" in err


def test_json_one_object_per_name_in_order() -> None:
    code, out, _ = run(
        ["--format", "json", "--list", str(LIST)], stdin="Ghasem Soleimani\nJohn Smith\n!!!\n"
    )
    assert code == 0
    objs = [json.loads(line) for line in out.splitlines()]
    assert [o["query"] for o in objs] == ["Ghasem Soleimani", "John Smith", "!!!"]
    refs = [m["reference"] for m in objs[0]["matches"]]
    assert {"IRi.039", "IRi.040"} <= set(refs)
    m = objs[0]["matches"][0]
    assert set(m) >= {"reference", "name", "score", "matched_name", "alias_quality", "explanation"}
    assert m["explanation"]["threshold"] == 0.8 and m["explanation"]["alignments"]
    assert [x["score"] for x in objs[0]["matches"]] == sorted(
        (x["score"] for x in objs[0]["matches"]), reverse=True
    )
    assert objs[1]["matches"] == []
    assert objs[2]["error"] and objs[2]["matches"] == []


def test_threshold_option_and_evidence() -> None:
    _, out, _ = run(["Soleimani", "--format", "json", "--threshold", "0.95", "--list", str(LIST)])
    assert json.loads(out)["matches"] == []
    _, out, _ = run(
        ["Ghasem Soleimani", "--birth-year", "1957", "--format", "json", "--list", str(LIST)]
    )
    assert json.loads(out)["matches"][0]["reference"] == "IRi.039"


def test_fail_on_match_exit_codes() -> None:
    assert run(["Qasem Soleimani", "--fail-on-match", "--list", str(LIST)])[0] == 3
    assert run(["John Smith", "--fail-on-match", "--list", str(LIST)])[0] == 0


def test_csv_output_lists_every_query() -> None:
    code, out, _ = run(["Kim Yong Chol", "John Smith", "--format", "csv", "--list", str(LIST)])
    rows = out.splitlines()
    assert code == 0 and rows[0].startswith("query,rank,reference")
    assert any(r.startswith("Kim Yong Chol,1,KPi.024") for r in rows)
    assert any(r.startswith("John Smith,,") for r in rows)


def test_default_archive_and_as_of() -> None:
    code, out, _ = run(["Qasem Soleimani", "--format", "json", "--as-of", "2024-12-31"])
    assert code == 0
    # the 2024-09-26 snapshot has no Iran entries
    assert json.loads(out)["matches"] == []
    code, out, err = run(["Qasem Soleimani", "--format", "json", "--as-of", "2000-01-01"])
    assert code == 0 and "precedes every list snapshot" in err


def test_bad_names_are_skipped_and_reported() -> None:
    code, out, err = run(["", "Qasem Soleimani", "--format", "json", "--list", str(LIST)])
    assert code == 0
    objs = [json.loads(line) for line in out.splitlines()]
    assert objs[0]["error"] == "empty name"
    assert objs[1]["matches"]
    assert "empty name" in err


def test_whole_request_bad_exits_nonzero() -> None:
    code, _, err = run(["...", "--list", str(LIST)])
    assert code == 1 and "no name could be screened" in err and "Traceback" not in err


def test_huge_line_is_refused_others_screened() -> None:
    stdin = "a" * 10_000_000 + "\nKim Yong Chol\n"
    code, out, _ = run(["--format", "json", "--list", str(LIST)], stdin=stdin)
    objs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(objs) == 2
    assert "characters long" in objs[0]["error"]
    assert objs[1]["matches"][0]["reference"] == "KPi.024"


def test_binary_stdin_is_refused() -> None:
    code, _, err = run(["--list", str(LIST)], stdin=bytes(range(256)) * 20)
    assert code == 1 and "binary" in err


def test_missing_file() -> None:
    code, _, err = run(["--file", "/no/such/names.csv"])
    assert code == 1 and "file not found" in err


def test_csv_and_xlsx_files(tmp_path: Path) -> None:
    csv_path = tmp_path / "people.csv"
    csv_path.write_text("id,Full name\n1,Qasem Soleimani\n2,John Smith\n", encoding="utf-8")
    assert read_column(csv_path, "full name") == ["Qasem Soleimani", "John Smith"]
    code, out, _ = run(
        ["--file", str(csv_path), "--column", "Full name", "--format", "json", "--list", str(LIST)]
    )
    assert code == 0 and len(out.splitlines()) == 2
    xlsx = tmp_path / "people.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name"])
    ws.append(["Kim Yong Chol"])
    wb.save(xlsx)
    code, out, _ = run(["--file", str(xlsx), "--format", "json", "--list", str(LIST)])
    assert code == 0 and json.loads(out)["matches"][0]["reference"] == "KPi.024"
    code, _, err = run(["--file", str(csv_path), "--column", "nope", "--list", str(LIST)])
    assert code == 1 and "no column named" in err


def test_whole_request_bad_still_gives_one_json_object_per_name() -> None:
    code, out, _ = run(["", "...", "--format", "json", "--list", str(LIST)])
    assert code == 1
    objs = [json.loads(line) for line in out.splitlines()]
    assert [o["query"] for o in objs] == ["", "..."]
    assert all(o["error"] and o["matches"] == [] for o in objs)


def test_csv_never_carries_a_formula() -> None:
    query = '=HYPERLINK("http://example.invalid","Soleimani")'
    code, out, _ = run([query, "+Qasem Soleimani", "--format", "csv", "--list", str(LIST)])
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))[1:]
    assert rows, out
    for row in rows:
        for cell in row:
            assert not cell or cell[0] not in "=+-@", row
    assert {row[0] for row in rows} >= {"'" + query, "'+Qasem Soleimani"}


def test_a_names_sheet_claiming_every_column_is_read_only_as_wide_as_its_header(
    tmp_path: Path,
) -> None:
    from travelban.report.tabular import _rows_xlsx

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name"])
    ws.append(["Qassem Soleimani"])
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    # every further row holds one cell in column XFD (16,384), as a hostile file may
    wide = claim_full_width(plain, tmp_path / "wide.xlsx", 2000, was="A1:A2", claims="A1:XFD2000")
    assert {len(row) for row in _rows_xlsx(wide)} == {1}
    assert read_column(wide)[0] == "Qassem Soleimani"
