"""Settings: command-line options, config file and defaults, merged once by the CLI."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

# The repo's lists/ folder (editable install), else ./lists in the working directory.
_REPO_LISTS = Path(__file__).resolve().parents[2] / "lists"


def default_lists_dir() -> Path:
    """Where the shipped UN list copies and domain data live."""
    return _REPO_LISTS if _REPO_LISTS.is_dir() else Path.cwd() / "lists"


# Alert threshold for name screening; justified in README ("Why 0.80").
DEFAULT_THRESHOLD = 0.80
# Candidates between REVIEW_BAND and the threshold are kept for the Matches sheet.
DEFAULT_REVIEW_BAND = 0.65


@dataclass(frozen=True, slots=True)
class Settings:
    lists_dir: Path = _REPO_LISTS
    list_path: Path | None = None  # --list: one file instead of the archive's newest
    as_of: date | None = None  # --as-of: newest snapshot generated on or before
    published: date | None = None  # --published for every article
    threshold: float = DEFAULT_THRESHOLD
    review_band: float = DEFAULT_REVIEW_BAND
    reports_dir: Path = Path("reports")
    # Run the full NLP on every article, not only where the list scan finds a listed name.
    all_events: bool = False
    debug: bool = False

    def items(self) -> tuple[tuple[str, str], ...]:
        """Printable (name, value) pairs for report metadata."""
        out = []
        for f in fields(self):
            v = getattr(self, f.name)
            out.append((f.name, "" if v is None else str(v)))
        return tuple(out)
