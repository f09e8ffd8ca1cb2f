"""The TOML config of scheduled runs (``travelban run --config travelban.toml``).

The file is flat: one key per setting, the same names as the command-line flags with
underscores (``fail_on_breach`` for ``--fail-on-breach``). Relative paths are taken
relative to the folder of the config file, so a cron job started from anywhere reads the
same folders. Flags given on the command line win over the file.
"""

from __future__ import annotations

import difflib
import logging
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from travelban.errors import ConfigError
from travelban.settings import (
    DEFAULT_REVIEW_BAND,
    DEFAULT_THRESHOLD,
    Settings,
    default_lists_dir,
    user_lists_dir,
)

log = logging.getLogger(__name__)

DEFAULT_STATE = Path("travelban-state.sqlite")
DEFAULT_REPORTS = Path("reports")


@dataclass(frozen=True, slots=True)
class RunConfig:
    """Everything a scheduled run needs, merged from defaults, config file and flags."""

    inbox: tuple[Path, ...] = ()
    reports: Path = DEFAULT_REPORTS
    state: Path = DEFAULT_STATE
    log_file: Path | None = None  # None: next to the state database
    lists_dir: Path | None = None  # None: the shipped lists/ folder
    list_path: Path | None = None
    as_of: date | None = None
    threshold: float = DEFAULT_THRESHOLD
    review_band: float = DEFAULT_REVIEW_BAND
    fail_on_breach: bool = False
    rescreen: bool = False
    source: Path | None = None  # the config file these values came from, for messages

    @property
    def log_path(self) -> Path:
        """The log file: as configured, else ``<state>.log`` beside the database."""
        return self.log_file if self.log_file is not None else self.state.with_suffix(".log")

    def settings(self, *, debug: bool = False) -> Settings:
        """The pipeline Settings these values stand for."""
        return Settings(
            lists_dir=self.lists_dir if self.lists_dir is not None else default_lists_dir(),
            list_path=self.list_path,
            as_of=self.as_of,
            threshold=self.threshold,
            review_band=max(0.0, min(self.review_band, self.threshold)),
            reports_dir=self.reports,
            debug=debug,
            user_lists_dir=user_lists_dir() if self.lists_dir is None else None,
        )

    def merged(self, **flags: Any) -> RunConfig:
        """A copy with every flag that was given (not None) replacing the file's value."""
        given = {k: v for k, v in flags.items() if v is not None and v != ()}
        unknown = set(given) - set(_FIELDS)
        if unknown:
            raise ValueError(f"not RunConfig fields: {sorted(unknown)}")
        if "inbox" in given:
            given["inbox"] = tuple(Path(p) for p in given["inbox"])
        return replace(self, **given)


_FIELDS = (
    "inbox",
    "reports",
    "state",
    "log_file",
    "lists_dir",
    "list_path",
    "as_of",
    "threshold",
    "review_band",
    "fail_on_breach",
    "rescreen",
)


def _kind_of(value: object) -> str:
    """How a TOML value is called in messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _path(value: object) -> Path | None:
    return Path(value) if isinstance(value, str) and value.strip() else None


def _paths(value: object) -> tuple[Path, ...] | None:
    if isinstance(value, str):
        p = _path(value)
        return (p,) if p else None
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(Path(v) for v in value)
    return None


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _fraction(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if 0.0 <= value <= 1.0 else None


def _bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


# TOML key -> (RunConfig field, converter returning None when the value is wrong, expectation)
_KEYS: Mapping[str, tuple[str, Callable[[object], Any], str, str]] = {
    "inbox": ("inbox", _paths, "a folder path or a list of folder paths", 'inbox = ["inbox"]'),
    "reports": ("reports", _path, "a folder path", 'reports = "reports"'),
    "state": ("state", _path, "a file path", 'state = "travelban-state.sqlite"'),
    "log_file": ("log_file", _path, "a file path", 'log_file = "travelban.log"'),
    "lists_dir": ("lists_dir", _path, "a folder path", 'lists_dir = "lists"'),
    "list": ("list_path", _path, "a file path", 'list = "lists/un-consolidated-2026-05-08.xml"'),
    "as_of": ("as_of", _date, "a date", "as_of = 2026-01-31"),
    "threshold": ("threshold", _fraction, "a number from 0 to 1", "threshold = 0.8"),
    "review_band": ("review_band", _fraction, "a number from 0 to 1", "review_band = 0.63"),
    "fail_on_breach": ("fail_on_breach", _bool, "true or false", "fail_on_breach = true"),
}

CONFIG_KEYS = tuple(_KEYS)


def _resolve(base: Path, value: Any) -> Any:
    """Relative paths in the file are relative to the file's own folder."""
    if isinstance(value, Path):
        return value if value.is_absolute() else base / value
    if isinstance(value, tuple):
        return tuple(_resolve(base, v) for v in value)
    return value


def parse_config(text: str, path: Path) -> RunConfig:
    """The RunConfig a config file's text states; ConfigError names the key and the fix."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"is not valid TOML ({exc})",
            path=path,
            fix="correct the syntax at the line named; examples/travelban.toml shows every key",
        ) from None
    values: dict[str, Any] = {}
    base = path.parent
    for key, raw in data.items():
        if key not in _KEYS:
            close = difflib.get_close_matches(key.replace("-", "_"), CONFIG_KEYS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise ConfigError(
                f"unknown key '{key}'",
                path=path,
                fix=f"{hint}remove it or use one of: {', '.join(CONFIG_KEYS)}",
            )
        field_name, convert, expected, example = _KEYS[key]
        value = convert(raw)
        if value is None:
            raise ConfigError(
                f"key '{key}' must be {expected}, not {_kind_of(raw)}",
                path=path,
                fix=f"write it like: {example}",
            )
        values[field_name] = _resolve(base, value)
    # Unset folders default to places beside the config file, not the current directory.
    values.setdefault("state", base / DEFAULT_STATE)
    values.setdefault("reports", base / DEFAULT_REPORTS)
    return RunConfig(source=path, **values)


def load_config(path: Path) -> RunConfig:
    """Read and check a TOML config file; ConfigError when missing, unreadable or wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            "config file not found",
            path=path,
            fix="check the --config path; examples/travelban.toml is a template to copy",
        ) from None
    except OSError as exc:
        raise ConfigError(
            f"cannot read the config file ({exc.strerror})",
            path=path,
            fix="check that the file is readable by the user running travelban",
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(
            "config file is not UTF-8 text", path=path, fix="save it as UTF-8"
        ) from None
    return parse_config(text, path)
