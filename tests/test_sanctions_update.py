"""Diffs between real snapshots, and importing / updating lists into a temporary archive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from travelban.errors import ListError
from travelban.models import EntryKind
from travelban.sanctions import (
    MANIFEST_NAME,
    Archive,
    diff_lists,
    import_list,
    load_list,
    read_manifest,
    update_list,
)
from travelban.settings import default_lists_dir

LISTS = default_lists_dir()


@pytest.fixture(scope="module")
def shipped() -> Archive:
    return Archive.open(LISTS)


def test_diff_2024_to_2026_01_shows_iran_added(shipped: Archive) -> None:
    old = shipped.load(shipped.find("un-consolidated-2024-09-26.xml"))  # type: ignore[arg-type]
    new = shipped.load(shipped.find("un-consolidated-2026-01-28.xml"))  # type: ignore[arg-type]
    d = diff_lists(old, new)
    iran = [e for e in d.added if e.regime == "IR"]
    assert sum(e.kind is EntryKind.INDIVIDUAL for e in iran) == 43
    assert sum(e.kind is EntryKind.ENTITY for e in iran) == 78
    assert {"IRi.039", "IRi.040"} <= {e.reference for e in iran}
    assert not any(e.regime == "IR" for e in d.removed)
    assert d.old == old.info and d.new == new.info
    assert not d.empty
    assert d.summary().startswith(f"{len(d.added)} added")
    # the added/removed/changed sets partition the references correctly
    old_refs, new_refs = set(old.by_reference()), set(new.by_reference())
    assert {e.reference for e in d.added} == new_refs - old_refs
    assert {e.reference for e in d.removed} == old_refs - new_refs
    assert {c.reference for c in d.changed} <= old_refs & new_refs


def test_diff_2026_snapshots_iran_unchanged_interpol_changed(shipped: Archive) -> None:
    old = shipped.load(shipped.find("un-consolidated-2026-01-28.xml"))  # type: ignore[arg-type]
    new = shipped.load(shipped.newest())
    d = diff_lists(old, new)
    assert not [c for c in d.changed if c.reference.startswith("IR")]
    assert "QDe.137" in {e.reference for e in d.removed}
    assert "SDi.007" in {e.reference for e in d.added}
    change = next(c for c in d.changed if c.reference == "CDe.001")
    assert "interpol_link" in change.fields
    fc = next(f for f in change.changes if f.field == "interpol_link")
    assert fc.old[0].endswith("Individuals") and fc.new[0].endswith("Entities")
    assert "->" in fc.describe()


def test_diff_of_a_list_with_itself_is_empty(shipped: Archive) -> None:
    sl = shipped.load(shipped.newest())
    d = diff_lists(sl, sl)
    assert d.empty and d.summary() == "0 added, 0 removed, 0 changed"


def test_import_into_empty_folder_then_duplicate(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    src = LISTS / "un-consolidated-2020-11-30.xml"
    info = import_list(src, lists)
    assert info.path == lists / "un-consolidated-2020-11-30.xml"
    assert info.path.read_bytes() == src.read_bytes()
    assert (info.individuals, info.entities) == (713, 305)
    rows = read_manifest(lists)
    assert [r.file for r in rows] == ["un-consolidated-2020-11-30.xml"]
    assert "Imported" in rows[0].provenance
    archive = Archive.open(lists)
    assert archive.newest().sha256 == info.sha256
    # the same bytes again: reported, not re-added
    again = import_list(src, lists)
    assert again.path == info.path
    assert len(read_manifest(lists)) == 1
    assert sorted(p.name for p in lists.iterdir()) == [
        MANIFEST_NAME,
        "un-consolidated-2020-11-30.xml",
    ]


def test_import_name_clash_gets_a_time_suffix(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    src = LISTS / "un-consolidated-2020-11-30.xml"
    # a different file already occupies the date-derived name
    (lists / "un-consolidated-2020-11-30.xml").write_bytes(b"keep me")
    info = import_list(src, lists)
    assert info.path.name == "un-consolidated-2020-11-30T203119.xml"
    assert (lists / "un-consolidated-2020-11-30.xml").read_bytes() == b"keep me"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<CONSOLIDATED_LIST dateGenerated='2027-01-01T00:00:00Z'><INDIVIDUALS><INDIVIDUAL>",
        b"<c1737><entry/></c1737>",
    ],
)
def test_invalid_file_never_enters_the_archive(tmp_path: Path, data: bytes) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    import_list(LISTS / "un-consolidated-2024-09-26.xml", lists)
    before = {p.name: p.read_bytes() for p in lists.iterdir()}
    bad = tmp_path / "bad.xml"
    bad.write_bytes(data)
    with pytest.raises(ListError) as info:
        import_list(bad, lists)
    assert "bad.xml" in str(info.value)
    assert {p.name: p.read_bytes() for p in lists.iterdir()} == before


def test_update_from_file_returns_diff_and_keeps_archive(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    import_list(LISTS / "un-consolidated-2024-09-26.xml", lists)
    info, d = update_list(str(LISTS / "un-consolidated-2026-01-28.xml"), lists)
    assert info.path.name == "un-consolidated-2026-01-28.xml"
    assert d.old is not None and d.old.path.name == "un-consolidated-2024-09-26.xml"
    assert sum(e.regime == "IR" for e in d.added) == 121
    archive = Archive.open(lists)
    assert [i.path.name for i in archive.snapshots] == [
        "un-consolidated-2024-09-26.xml",
        "un-consolidated-2026-01-28.xml",
    ]
    # updating again with the same file changes nothing and diffs empty
    info2, d2 = update_list(str(LISTS / "un-consolidated-2026-01-28.xml"), lists)
    assert info2.sha256 == info.sha256 and d2.empty
    assert len(read_manifest(lists)) == 2


def test_update_with_bad_source_leaves_everything(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    import_list(LISTS / "un-1737-iran-list-2015-03-17.xml", lists)
    manifest = (lists / MANIFEST_NAME).read_text(encoding="utf-8")
    with pytest.raises(ListError, match="not found"):
        update_list(str(tmp_path / "missing.xml"), lists)
    with pytest.raises(ListError, match="download failed"):
        update_list("http://127.0.0.1:9/consolidated.xml", lists)
    assert (lists / MANIFEST_NAME).read_text(encoding="utf-8") == manifest
    assert json.loads(manifest)["files"][0]["individuals"] == 43


def test_imported_list_loads_equal_to_original(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    info = import_list(LISTS / "un-consolidated-2015-03-27.xml", lists)
    a = Archive.open(lists).load(info)
    b = load_list(LISTS / "un-consolidated-2015-03-27.xml")
    assert a.entries == b.entries
