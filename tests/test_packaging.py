"""Package data: the shipped lists travel in the wheel; imports go to the per-user folder."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from click.testing import CliRunner

from travelban.cli import cli
from travelban.sanctions import Archive, read_manifest
from travelban.settings import (
    shipped_lists_dir,
    user_lists_dir,
    user_overlay,
    writable_lists_dir,
)

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = shipped_lists_dir()


def _retimed_copy(tmp_path: Path, stamp: str) -> Path:
    """A shipped snapshot with another dateGenerated: different bytes, still a valid list."""
    data = (SHIPPED / "un-consolidated-2020-11-30.xml").read_text(encoding="utf-8")
    data, n = re.subn(r'dateGenerated="[^"]+"', f'dateGenerated="{stamp}"', data, count=1)
    assert n == 1
    out = tmp_path / "downloaded.xml"
    out.write_text(data, encoding="utf-8")
    return out


def test_every_package_under_src_is_listed_in_pyproject() -> None:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(conf["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    found = {
        ".".join(p.parent.relative_to(src).parts) for p in (src / "travelban").rglob("__init__.py")
    }
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"
    assert conf["tool"]["setuptools"]["package-dir"]["travelban.lists"] == "lists"


def test_shipped_lists_hold_the_manifest_and_domain_data() -> None:
    assert (SHIPPED / "manifest.json").is_file()
    for sub in ("extract", "gazetteer", "names"):
        assert (SHIPPED / sub).is_dir()
    assert (SHIPPED / "regimes.toml").is_file()


def test_user_folder_overlays_only_the_shipped_lists(tmp_path: Path, _private_user_data: Path):
    assert user_lists_dir().is_relative_to(_private_user_data)
    assert user_overlay(SHIPPED) == user_lists_dir()
    assert user_overlay(tmp_path) is None  # --lists-dir elsewhere stands alone
    assert writable_lists_dir(tmp_path) == tmp_path
    assert writable_lists_dir(SHIPPED) == user_lists_dir() and user_lists_dir().is_dir()


def test_import_goes_to_the_user_folder_and_is_searched_first(tmp_path: Path) -> None:
    before = (SHIPPED / "manifest.json").read_bytes()
    newer = _retimed_copy(tmp_path, "2030-01-02T03:04:05.000Z")
    runner = CliRunner()
    res = runner.invoke(cli, ["lists", "import", str(newer)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    user = user_lists_dir()
    assert f"added {user}" in res.output
    assert (SHIPPED / "manifest.json").read_bytes() == before  # nothing written to the package
    assert [r.file for r in read_manifest(user)] == ["un-consolidated-2030-01-02.xml"]

    archive = Archive.open(SHIPPED, user_dir=user)
    assert archive.newest().path == user / "un-consolidated-2030-01-02.xml"
    assert archive.folder_of(archive.rows[0]) == user
    assert len(archive.rows) == len(read_manifest(SHIPPED)) + 1

    shown = runner.invoke(cli, ["lists", "show"], catch_exceptions=False).output
    assert f"archive, your data folder ({user / 'manifest.json'})" in shown
    assert f"archive, shipped ({SHIPPED / 'manifest.json'})" in shown
    assert "* un-consolidated-2030-01-02.xml" in shown

    # a shipped copy is already archived: nothing is duplicated into the user folder
    again = runner.invoke(
        cli,
        ["lists", "import", str(SHIPPED / "un-consolidated-2024-09-26.xml")],
        catch_exceptions=False,
    )
    assert "already archived as un-consolidated-2024-09-26.xml" in again.output
    assert len(read_manifest(user)) == 1

    # --lists-dir elsewhere replaces both folders
    alone = tmp_path / "mine"
    alone.mkdir()
    res = runner.invoke(
        cli, ["lists", "import", str(newer), "--lists-dir", str(alone)], catch_exceptions=False
    )
    assert res.exit_code == 0 and (alone / "un-consolidated-2030-01-02.xml").is_file()
    shown = runner.invoke(
        cli, ["lists", "show", "--lists-dir", str(alone)], catch_exceptions=False
    ).output
    assert "your data folder" not in shown and "archive, --lists-dir" in shown


def test_update_diffs_against_the_newest_of_both_folders(tmp_path: Path) -> None:
    newer = _retimed_copy(tmp_path, "2031-05-06T00:00:00.000Z")
    res = CliRunner().invoke(cli, ["lists", "update", "--from", str(newer)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert f"added {user_lists_dir() / 'un-consolidated-2031-05-06.xml'}" in res.output
    # the previous newest is the shipped 2026-05-08 snapshot, so the 2020 copy removes entries
    assert "removed" in res.output
