"""``travelban lists ...`` driven through CliRunner on the shipped lists."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from travelban.cli import cli
from travelban.sanctions import MANIFEST_NAME, read_manifest
from travelban.settings import default_lists_dir

LISTS = default_lists_dir()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_every_lists_command_has_help_with_an_example() -> None:
    for sub in ("show", "entry", "diff", "import", "update"):
        code, out, _ = run("lists", sub, "--help")
        assert code == 0
        assert "travelban lists" in out, sub


def test_show_newest_with_regime_counts() -> None:
    code, out, _ = run("lists", "show")
    assert code == 0
    assert "un-consolidated-2026-05-08.xml" in out
    assert "2026-05-08T23:00:06.922Z" in out
    assert "1f1b3bfe29a53e7ac7c42ee4e58d6a7d1ebdf7c5e91fd990d3e63aefe0313dea" in out
    assert "737 individuals, 272 entities" in out
    iran = next(line for line in out.splitlines() if line.strip().startswith("IR "))
    assert iran.split()[-2:] == ["43", "78"]
    assert "* un-consolidated-2026-05-08.xml" in out


def test_show_as_of_and_warning_before_every_snapshot() -> None:
    code, out, err = run("lists", "show", "--as-of", "2024-12-31")
    assert code == 0 and "un-consolidated-2024-09-26.xml" in out and not err
    code, out, err = run("lists", "show", "--as-of", "2010-01-01")
    assert code == 0
    assert "un-consolidated-2015-03-27.xml" in out
    assert "precedes every" in err


def test_show_with_list_path() -> None:
    code, out, _ = run("lists", "show", "--list", str(LISTS / "un-1737-iran-list-2015-03-17.xml"))
    assert code == 0
    assert "43 individuals, 78 entities" in out


def test_entry_soleimani_in_full_with_history() -> None:
    code, out, _ = run("lists", "entry", "IRi.039")
    assert code == 0
    for needle in (
        "QASEM SOLEIMANI",
        "2007-03-24",
        "Qasim Soleimani [good]",
        "Sardar Soleimani [low]",
        "1957-03-11",
        "Qom, Iran",
        "Passport 008827",
        "I.47.D.6",
        "Assets Freeze, Travel Notification Requirement",
        "Assets Freeze, Travel Ban",
    ):
        assert needle in out, needle


def test_entry_json_and_forgiving_reference() -> None:
    code, out, _ = run("lists", "entry", " iri.039. ", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["reference"] == "IRi.039"
    assert doc["birth_dates"][0]["value"] == "1957-03-11"
    assert doc["aliases"][0]["quality"] == "good"


def test_unknown_reference_suggests_close_ones() -> None:
    code, _, err = run("lists", "entry", "IRi.39x")
    assert code == 1
    assert "unknown reference" in err and "IRi.039" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = run("lists", "entry", "IRi.040", "--as-of", "2020-12-31")
    assert code == 1
    assert "un-consolidated-2026-05-08.xml" in err  # says where it can be found


def test_diff_by_dates() -> None:
    code, out, _ = run("lists", "diff", "2024-09-26", "2026-01-28", "--width", "0")
    assert code == 0
    assert "+ IRi.039" in out and "+ IRi.040" in out
    code, out, _ = run("lists", "diff", "2024-09-26", "2026-01-28", "--format", "json")
    doc = json.loads(out)
    assert sum(a["reference"].startswith("IR") for a in doc["added"]) == 121


def test_diff_bad_spec_is_one_line_error() -> None:
    code, _, err = run("lists", "diff", "1999-01-01", "2026-05-08")
    assert code == 1
    assert err.startswith("error:") and "1999-01-01" in err


def test_import_then_duplicate_then_invalid(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    src = LISTS / "un-consolidated-2024-09-26.xml"
    code, out, _ = run("lists", "import", str(src), "--lists-dir", str(lists))
    assert code == 0 and "added" in out
    code, out, _ = run("lists", "import", str(src), "--lists-dir", str(lists))
    assert code == 0 and "already archived" in out
    bad = tmp_path / "broken.xml"
    bad.write_bytes(src.read_bytes()[:5000])
    code, _, err = run("lists", "import", str(bad), "--lists-dir", str(lists))
    assert code == 1 and "broken.xml" in err and "not well-formed" in err
    assert [r.file for r in read_manifest(lists)] == ["un-consolidated-2024-09-26.xml"]


def test_update_from_file_prints_diff(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    run("lists", "import", str(LISTS / "un-consolidated-2024-09-26.xml"), "--lists-dir", str(lists))
    new = LISTS / "un-consolidated-2026-01-28.xml"
    code, out, _ = run("lists", "update", "--from", str(new), "--lists-dir", str(lists))
    assert code == 0
    assert "added" in out and "+ IRi.039" in out
    assert (lists / MANIFEST_NAME).exists()
    code, out, _ = run("lists", "update", "--from", str(new), "--lists-dir", str(lists))
    assert code == 0 and "already archived" in out and "0 added, 0 removed, 0 changed" in out


def test_tampered_archive_is_one_line_error(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    run(
        "lists",
        "import",
        str(LISTS / "un-1737-iran-list-2015-03-17.xml"),
        "--lists-dir",
        str(lists),
    )
    archived = next(lists.glob("un-consolidated-*.xml"))
    archived.write_bytes(archived.read_bytes() + b"\n")
    code, _, err = run("lists", "show", "--lists-dir", str(lists))
    assert code == 1
    assert archived.name in err and "sha256" in err
    assert "Traceback" not in err
