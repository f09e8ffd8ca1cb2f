"""Fixtures shared by every test module."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from travelban.extract import Extractor


@pytest.fixture(autouse=True)
def _private_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point the per-user data folder (platformdirs, XDG on Linux) at a fresh temp folder.

    No test reads or writes the real ``~/.local/share/travelban``.
    """
    home = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return Path(home)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """An extractor with the full NLP and a name index over every shipped snapshot (each
    reference in its newest version, as the engine builds it), loaded once per run."""
    from travelban.extract import Extractor
    from travelban.extract.nlp import load_nlp
    from travelban.extract.places import Gazetteer
    from travelban.names import NameIndex
    from travelban.pipeline import _union_entries
    from travelban.sanctions import Archive
    from travelban.settings import default_lists_dir

    lists = default_lists_dir()
    archive = Archive.open(lists)
    entries = _union_entries([archive.load(info) for info in archive.snapshots])
    return Extractor(load_nlp(), Gazetteer.load(lists), scanner=NameIndex.build(entries.values()))


_SCANDIR = os.scandir  # taken before any test patches it


def remove_deep(top: Path) -> None:
    """Delete a folder tree of any depth in one pass down and up, holding one open folder
    at a time (shutil.rmtree recurses and stops near 1,000 levels; walking down from the top
    again for every folder took a minute for 1,100 levels). Uses the real os.scandir, which
    a test may have replaced."""
    if not top.exists():
        return
    flags = os.O_RDONLY | os.O_DIRECTORY
    cur = os.open(top, flags)
    names: list[str] = []
    while True:
        sub = None
        with _SCANDIR(cur) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    sub = e.name
                    break
                os.unlink(e.name, dir_fd=cur)
        if sub is not None:
            nxt = os.open(sub, flags, dir_fd=cur)
            os.close(cur)
            cur = nxt
            names.append(sub)
            continue
        if not names:
            os.close(cur)
            top.rmdir()
            return
        up = os.open("..", flags, dir_fd=cur)
        os.close(cur)
        os.rmdir(names.pop(), dir_fd=up)
        cur = up


def claim_full_width(plain: Path, out: Path, rows: int, *, was: str, claims: str) -> Path:
    """``plain`` rewritten to ``out`` as a hostile sheet may be: its first sheet's
    dimension ``was`` replaced by ``claims`` (up to column XFD, 16,384), and rows 3 to
    ``rows`` - 1 each holding one cell in column XFD."""
    import zipfile

    extra = "".join(f'<row r="{r}"><c r="XFD{r}"><v>{r}</v></c></row>' for r in range(3, rows))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode().replace(
                    f'<dimension ref="{was}"/>', f'<dimension ref="{claims}"/>'
                )
                data = text.replace("</sheetData>", extra + "</sheetData>").encode()
            dst.writestr(info, data)
    return out
