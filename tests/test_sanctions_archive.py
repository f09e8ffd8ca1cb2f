"""The verified archive of shipped lists, its manifest, and the legacy 1737 history."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from travelban.errors import ListError
from travelban.models import EntryKind
from travelban.sanctions import (
    MANIFEST_NAME,
    Archive,
    ListKind,
    load_legacy_1737,
    read_manifest,
    select_list,
)
from travelban.settings import default_lists_dir

LISTS = default_lists_dir()

SOURCES_SHA = {
    "un-consolidated-2026-05-08.xml": "1f1b3bfe29a53e7ac7c42ee4e58d6a7d1ebdf7c5e91fd990d3e63aefe0313dea",  # noqa: E501
    "un-consolidated-2026-01-28.xml": "c6a354e9d798d5efd7c6deb4420fe6fc58d4255465b1fab35fbdd7bca2a3883f",  # noqa: E501
    "un-consolidated-2024-09-26.xml": "c6ca69960536d56d714dee1981723cdbeb26b2e8da84537a46696269a3942eb1",  # noqa: E501
    "un-consolidated-2020-11-30.xml": "1bf159b870292f05825c05cf4b6a35c43174d5f95f8f7ba73e860f30984eb1c2",  # noqa: E501
    "un-consolidated-2015-03-27.xml": "043cfafa982190e12ec6a3dc5487b21bb37959287f4ff4e18e267064a4cd49fc",  # noqa: E501
    "un-1737-iran-list-2015-03-17.xml": "d564e2d1af944ba2a4f79a6335037dba9a170c22ee2cd485c0cd250f69b1a6a9",  # noqa: E501
    "un-1737-committee-legacy-c1737-2015-03.xml": (
        "8b1890923017207475a2c136e8c22fceb0f999d9908af6ba1dd30e6fedd21924"
    ),
}


@pytest.fixture(scope="module")
def archive() -> Archive:
    return Archive.open(LISTS)


def test_manifest_matches_sources_md() -> None:
    rows = {r.file: r for r in read_manifest(LISTS)}
    assert {f: r.sha256 for f, r in rows.items()} == SOURCES_SHA
    assert rows["un-consolidated-2026-05-08.xml"].kind is ListKind.CONSOLIDATED
    assert rows["un-1737-iran-list-2015-03-17.xml"].kind is ListKind.COMMITTEE
    legacy = rows["un-1737-committee-legacy-c1737-2015-03.xml"]
    assert legacy.kind is ListKind.COMMITTEE_LEGACY
    assert legacy.generated is None
    assert (legacy.individuals, legacy.entities) == (43, 78)
    assert all(r.provenance for r in rows.values())
    raw = json.loads((LISTS / MANIFEST_NAME).read_text(encoding="utf-8"))
    dates = {r["file"]: r["dateGenerated"] for r in raw["files"]}
    assert dates["un-consolidated-2026-05-08.xml"] == "2026-05-08T23:00:06.922Z"
    assert dates["un-consolidated-2020-11-30.xml"] == "2020-11-30T20:31:19.923-05:00"


def test_snapshots_ordered_and_newest(archive: Archive) -> None:
    names = [i.path.name for i in archive.snapshots]
    assert names == [
        "un-consolidated-2015-03-27.xml",
        "un-consolidated-2020-11-30.xml",
        "un-consolidated-2024-09-26.xml",
        "un-consolidated-2026-01-28.xml",
        "un-consolidated-2026-05-08.xml",
    ]
    assert archive.newest().path.name == "un-consolidated-2026-05-08.xml"
    assert archive.newest().individuals == 737


@pytest.mark.parametrize(
    ("as_of", "expected", "warns"),
    [
        (None, "un-consolidated-2026-05-08.xml", False),
        (date(2026, 5, 8), "un-consolidated-2026-05-08.xml", False),
        (date(2026, 5, 7), "un-consolidated-2026-01-28.xml", False),
        (date(2020, 1, 3), "un-consolidated-2015-03-27.xml", False),
        (date(2024, 9, 26), "un-consolidated-2024-09-26.xml", False),
        (date(2015, 3, 26), "un-consolidated-2015-03-27.xml", True),
        (date(2007, 3, 24), "un-consolidated-2015-03-27.xml", True),
    ],
)
def test_select_as_of(archive: Archive, as_of: date | None, expected: str, warns: bool) -> None:
    info, warning = archive.select(as_of)
    assert info.path.name == expected
    assert (warning is not None) == warns
    if warning:
        assert "precedes every" in warning and expected in warning


def test_select_list_file_wins_else_archive_snapshot() -> None:
    given = LISTS / "un-consolidated-2020-11-30.xml"
    sl, warning = select_list(LISTS, given, date(2001, 1, 1))
    assert (sl.info.path, warning) == (given, None)  # --list wins; --as-of is not consulted
    sl, warning = select_list(LISTS, None, date(2016, 1, 1))
    assert (sl.info.path.name, warning) == ("un-consolidated-2015-03-27.xml", None)
    sl, warning = select_list(LISTS, None, date(2001, 1, 1))
    assert sl.info.path.name == "un-consolidated-2015-03-27.xml"
    assert warning is not None and "precedes every" in warning


def test_load_is_memoised_and_load_all(archive: Archive) -> None:
    info = archive.newest()
    first = archive.load(info)
    assert archive.load(info) is first
    every = archive.load_all()
    assert [s.info.path.name for s in every] == [i.path.name for i in archive.snapshots]


def test_find_by_name_or_date(archive: Archive) -> None:
    found = archive.find("un-consolidated-2020-11-30.xml")
    assert found is not None and found.individuals == 713
    by_day = archive.find("2025-06-01")
    assert by_day is not None and by_day.path.name == "un-consolidated-2024-09-26.xml"
    assert archive.find("1999-01-01") is None
    assert archive.find("nonsense") is None


def test_legacy_measure_history_for_soleimani(archive: Archive) -> None:
    legacy = archive.legacy_1737()
    assert legacy is not None
    assert len(legacy.entries) == 121
    assert sum(e.kind is EntryKind.INDIVIDUAL for e in legacy.entries) == 43
    e = legacy.by_identification()["I.47.D.6"]
    assert e.reference == "IRi.039"
    assert e.name == "Brigadier General Qasem Soleimani"
    assert e.first_listed == date(2007, 3, 24)
    assert e.measure_history() == (
        (date(2007, 3, 24), "Assets Freeze, Travel Notification Requirement"),
        (None, "Assets Freeze, Travel Ban"),
    )
    assert [li.travel_ban for li in e.listings] == [False, True]
    assert e.listings[0].travel_notification
    assert legacy.by_reference()["IRi.040"].identification == "I.03.I.13"
    # every distinct designation maps to a current reference (one via the "Old Refence" typo)
    assert all(x.reference for x in legacy.entries)
    assert legacy.by_identification()["I.37.E.1"].reference


def test_legacy_without_mapping_and_wrong_root(tmp_path: Path) -> None:
    plain = load_legacy_1737(LISTS / "un-1737-committee-legacy-c1737-2015-03.xml")
    assert all(e.reference == "" for e in plain.entries)
    with pytest.raises(ListError, match="expected <c1737>"):
        load_legacy_1737(LISTS / "un-1737-iran-list-2015-03-17.xml")


def _copy_lists(tmp_path: Path) -> Path:
    dst = tmp_path / "lists"
    dst.mkdir()
    for name in SOURCES_SHA:
        (dst / name).symlink_to(LISTS / name)
    shutil.copy(LISTS / MANIFEST_NAME, dst / MANIFEST_NAME)
    return dst


def test_tampered_file_is_refused(tmp_path: Path) -> None:
    lists = _copy_lists(tmp_path)
    victim = lists / "un-consolidated-2024-09-26.xml"
    victim.unlink()
    data = (LISTS / victim.name).read_bytes().replace(b"IRi.", b"IRx.", 1) + b"\n"
    victim.write_bytes(data)
    with pytest.raises(ListError) as info:
        Archive.open(lists)
    msg = str(info.value)
    assert victim.name in msg and "sha256" in msg and "restore" in msg


def test_tampered_manifest_is_refused(tmp_path: Path) -> None:
    lists = _copy_lists(tmp_path)
    manifest = lists / MANIFEST_NAME
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    doc["files"][0]["sha256"] = "0" * 64
    manifest.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ListError, match="does not match the manifest") as info:
        Archive.open(lists)
    assert doc["files"][0]["file"] in str(info.value)


def test_manifest_count_mismatch_caught_on_load(tmp_path: Path) -> None:
    lists = _copy_lists(tmp_path)
    manifest = lists / MANIFEST_NAME
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    row = next(r for r in doc["files"] if r["file"] == "un-1737-iran-list-2015-03-17.xml")
    row["individuals"] = 44
    manifest.write_text(json.dumps(doc), encoding="utf-8")
    archive = Archive.open(lists)
    committee = archive.infos(ListKind.COMMITTEE)[0]
    with pytest.raises(ListError, match="manifest says 44"):
        archive.load(committee)


def test_missing_file_manifest_and_folder(tmp_path: Path) -> None:
    lists = _copy_lists(tmp_path)
    (lists / "un-consolidated-2020-11-30.xml").unlink()
    with pytest.raises(ListError, match="missing") as info:
        Archive.open(lists)
    assert "un-consolidated-2020-11-30.xml" in str(info.value)
    (lists / MANIFEST_NAME).unlink()
    with pytest.raises(ListError, match="no list manifest"):
        Archive.open(lists)
    with pytest.raises(ListError, match="not found"):
        Archive.open(tmp_path / "nowhere")
    (lists / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(ListError, match="cannot be read"):
        Archive.open(lists)
