"""Settings: command-line options, config file and defaults, merged once by the CLI.

Where the lists come from, searched in this order unless ``--lists-dir`` names one folder:

1. the per-user data folder (``platformdirs``: ``~/.local/share/travelban/lists`` on Linux),
   where ``lists update`` and ``lists import`` write, so nothing is written into the
   installed package;
2. the lists shipped inside the package (``importlib.resources``; in a source checkout,
   the repository's ``lists/``).

Domain data (gazetteer, regimes, name rules, extraction tables) is read from the shipped
folder, or from ``--lists-dir`` when given.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "travelban"
# A source checkout (editable install) keeps lists/ at the repository root.
_REPO_LISTS = Path(__file__).resolve().parents[2] / "lists"


def shipped_lists_dir() -> Path:
    """The lists shipped with the package: ``travelban/lists`` in a wheel, else the repo's."""
    packaged = resources.files(APP_NAME) / "lists"
    if isinstance(packaged, Path) and (packaged / "manifest.json").is_file():
        return packaged
    return _REPO_LISTS if _REPO_LISTS.is_dir() else Path.cwd() / "lists"


def default_lists_dir() -> Path:
    """Where the shipped UN list copies and domain data live (the ``--lists-dir`` default)."""
    return shipped_lists_dir()


def user_lists_dir() -> Path:
    """The per-user folder for downloaded and imported snapshots (may not exist yet)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "lists"


def user_overlay(lists_dir: Path) -> Path | None:
    """The user folder searched before ``lists_dir`` when that is the shipped folder, else None.

    An explicit ``--lists-dir`` elsewhere stands alone: it overrides both folders.
    """
    if Path(lists_dir).resolve() == shipped_lists_dir().resolve():
        return user_lists_dir()
    return None


def writable_lists_dir(lists_dir: Path) -> Path:
    """Where ``lists import``/``update`` write: the user folder (created) over shipped lists."""
    overlay = user_overlay(lists_dir)
    if overlay is None:
        return Path(lists_dir)
    overlay.mkdir(parents=True, exist_ok=True)
    return overlay


# Alert threshold for name screening; justified in README ("Why 0.80").
DEFAULT_THRESHOLD = 0.80
# Candidates between REVIEW_BAND and the threshold are kept for the Matches sheet.
DEFAULT_REVIEW_BAND = 0.63


@dataclass(frozen=True, slots=True)
class Settings:
    lists_dir: Path = field(default_factory=default_lists_dir)
    list_path: Path | None = None  # --list: one file instead of the archive's newest
    as_of: date | None = None  # --as-of: newest snapshot generated on or before
    published: date | None = None  # --published for every article
    threshold: float = DEFAULT_THRESHOLD
    review_band: float = DEFAULT_REVIEW_BAND
    reports_dir: Path = Path("reports")
    # Run the full NLP on every article, not only where the list scan finds a listed name.
    all_events: bool = False
    debug: bool = False
    # Searched before lists_dir for snapshots: the per-user folder (None with --lists-dir).
    user_lists_dir: Path | None = None

    def items(self) -> tuple[tuple[str, str], ...]:
        """Printable (name, value) pairs for report metadata."""
        out = []
        for f in fields(self):
            v = getattr(self, f.name)
            out.append((f.name, "" if v is None else str(v)))
        return tuple(out)
