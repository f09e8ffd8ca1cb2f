"""Fixtures shared by every test module."""

from __future__ import annotations

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


def remove_deep(top: Path) -> None:
    """Delete a folder tree of any depth (shutil.rmtree recurses and stops near 1,000 levels)."""
    import os

    while top.exists():
        here = top
        while True:
            subs = [e for e in os.scandir(here) if e.is_dir(follow_symlinks=False)]
            if not subs:
                break
            here = Path(subs[0].path)
        for e in os.scandir(here):
            os.unlink(e.path)
        here.rmdir()
