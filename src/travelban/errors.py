"""The error hierarchy: each error names the file at fault and says the fix.

Core modules raise these; ``travelban.cli`` renders them in one place, as one line,
with no traceback unless ``--debug`` is given.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Documented process exit codes."""

    OK = 0
    ERROR = 1
    USAGE = 2
    ALERT = 3  # --fail-on-match / --fail-on-breach and something was found


class TravelbanError(Exception):
    """Base error: a message that names the file (when there is one) and the fix."""

    def __init__(self, problem: str, *, path: Path | str | None = None, fix: str = "") -> None:
        self.problem = problem
        self.path = str(path) if path is not None else None
        self.fix = fix
        super().__init__(self.render())

    def render(self) -> str:
        """One line: ``<file>: <problem> — <fix>``."""
        head = f"{self.path}: {self.problem}" if self.path else self.problem
        return f"{head} — {self.fix}" if self.fix else head


class ListError(TravelbanError):
    """A sanctions list file is missing, malformed, hostile or fails its checksum."""


class ArticleError(TravelbanError):
    """An article cannot be read (empty, binary, undecodable, too large, no text)."""


class ConfigError(TravelbanError):
    """A setting, a config file or a command-line value is invalid."""


class ReportError(TravelbanError):
    """A report cannot be written or read back."""


class StateError(TravelbanError):
    """The state database is corrupt, locked or from a newer version."""


class ZipLimitError(TravelbanError):
    """A zip-based input (an .xlsx workbook) would inflate beyond the size, ratio or member
    limits: refused before it is opened."""


class ClusterError(TravelbanError):
    """The distributed engine cannot be reached or started, or lost a part of the work."""
