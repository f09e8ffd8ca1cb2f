"""The SQLite store behind scheduled runs: articles seen, findings, analysts' decisions, runs.

One file (stdlib ``sqlite3``, WAL journal). The schema version is ``PRAGMA user_version``
and grows only through the ordered ``MIGRATIONS``; a database from a newer travelban is
refused, never rewritten. Every article is recorded in its own transaction together with
its findings, so a run killed at any point loses at most the article it was screening and
never leaves half of one behind. Decisions are append-only: an identical row read twice is
kept once; differing rows for one finding are all kept.

Article text and screening results are stored in the database (zlib-compressed JSON) so
that a rescreen after a list update, and a report after an interrupted run, do not depend
on the inbox files still being where they were.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
import types
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, fields, is_dataclass
from datetime import UTC, date, datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import IO, Any, Union, get_args, get_origin, get_type_hints

from travelban.errors import StateError
from travelban.incidents import Incident
from travelban.models import (
    Article,
    Decision,
    Extraction,
    Finding,
    ListInfo,
    NameMatch,
    ReviewDecision,
    Verdict,
)

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 10.0

# Ordered migrations: MIGRATIONS[i] brings a database from version i to version i + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started TEXT NOT NULL,
            finished TEXT,
            status TEXT NOT NULL
                CHECK (status IN ('running', 'complete', 'interrupted', 'failed')),
            list_path TEXT,
            list_sha256 TEXT,
            list_info TEXT,
            settings TEXT,
            articles_new INTEGER NOT NULL DEFAULT 0,
            articles_rescreened INTEGER NOT NULL DEFAULT 0,
            articles_failed INTEGER NOT NULL DEFAULT 0,
            findings_new INTEGER NOT NULL DEFAULT 0,
            findings_gone INTEGER NOT NULL DEFAULT 0,
            findings_changed INTEGER NOT NULL DEFAULT 0,
            alerts INTEGER NOT NULL DEFAULT 0,
            decisions_imported INTEGER NOT NULL DEFAULT 0,
            report TEXT,
            error TEXT
        )""",
        """CREATE TABLE articles (
            sha256 TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            published TEXT,
            status TEXT NOT NULL CHECK (status IN ('screened', 'failed')),
            error TEXT NOT NULL DEFAULT '',
            first_seen TEXT NOT NULL,
            last_screened TEXT,
            list_sha256 TEXT,
            first_run INTEGER REFERENCES runs(id),
            last_run INTEGER REFERENCES runs(id),
            reported_run INTEGER REFERENCES runs(id),
            article BLOB,
            result BLOB
        )""",
        "CREATE INDEX articles_unreported ON articles(reported_run) WHERE reported_run IS NULL",
        """CREATE TABLE findings (
            key TEXT PRIMARY KEY,
            article_sha256 TEXT NOT NULL REFERENCES articles(sha256),
            reference TEXT NOT NULL,
            country TEXT NOT NULL DEFAULT '',
            date_from TEXT,
            date_to TEXT,
            date_phrase TEXT NOT NULL DEFAULT '',
            verdict TEXT NOT NULL,
            person TEXT NOT NULL DEFAULT '',
            listed_name TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('active', 'gone')),
            first_seen_run INTEGER NOT NULL REFERENCES runs(id),
            last_seen_run INTEGER NOT NULL REFERENCES runs(id),
            gone_run INTEGER REFERENCES runs(id)
        )""",
        "CREATE INDEX findings_article ON findings(article_sha256)",
        """CREATE TABLE finding_changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            finding_key TEXT NOT NULL REFERENCES findings(key),
            change TEXT NOT NULL CHECK (change IN ('new', 'gone', 'changed')),
            old_verdict TEXT,
            new_verdict TEXT,
            reported_run INTEGER REFERENCES runs(id)
        )""",
        "CREATE INDEX changes_unreported ON finding_changes(reported_run)",
        """CREATE TABLE decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            finding_key TEXT NOT NULL,
            decision TEXT NOT NULL,
            valid INTEGER NOT NULL,
            reviewer TEXT NOT NULL DEFAULT '',
            review_date TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            source_file TEXT NOT NULL DEFAULT '',
            source_row INTEGER NOT NULL DEFAULT 0,
            imported_at TEXT NOT NULL,
            UNIQUE (finding_key, decision, reviewer, review_date, notes)
        )""",
        "CREATE INDEX decisions_key ON decisions(finding_key)",
        """CREATE TABLE workbooks (
            sha256 TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            decisions INTEGER NOT NULL DEFAULT 0,
            written_by_run INTEGER REFERENCES runs(id)
        )""",
    ),
    # 2: incidents (issue 14): findings of one trip, merged across runs under a stable key.
    (
        """CREATE TABLE incidents (
            key TEXT PRIMARY KEY,
            reference TEXT NOT NULL,
            country TEXT NOT NULL DEFAULT '',
            date_from TEXT,
            date_to TEXT,
            verdict TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'gone')),
            merged_into TEXT,
            first_run INTEGER NOT NULL REFERENCES runs(id),
            last_run INTEGER NOT NULL REFERENCES runs(id)
        )""",
        "CREATE INDEX incidents_reference ON incidents(reference)",
        """CREATE TABLE incident_members (
            finding_key TEXT PRIMARY KEY,
            incident_key TEXT NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(id)
        )""",
        "CREATE INDEX incident_members_incident ON incident_members(incident_key)",
        # Findings stored before this version get their incidents on the next run, before
        # anything new is screened, so an old trip's new article does not alert again.
        "CREATE TABLE incident_backfill (needed INTEGER NOT NULL)",
        "INSERT INTO incident_backfill SELECT 1 WHERE EXISTS (SELECT 1 FROM findings)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


# ---------------------------------------------------------------- records


class RunStatus(StrEnum):
    RUNNING = "running"
    COMPLETE = "complete"
    INTERRUPTED = "interrupted"
    FAILED = "failed"


class Change(StrEnum):
    NEW = "new"
    GONE = "gone"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Screened:
    """One article with what screening it yielded, as stored."""

    article: Article
    extraction: Extraction
    matches: tuple[tuple[str, str, NameMatch], ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class FindingChange:
    """A finding that appeared, disappeared or changed verdict in some run."""

    run_id: int
    finding_key: str
    change: Change
    article_sha256: str
    article_path: str
    reference: str
    listed_name: str
    person: str
    country: str
    date_from: str
    date_to: str
    date_phrase: str
    old_verdict: Verdict | None
    new_verdict: Verdict | None

    def describe(self) -> str:
        """One line for logs and the report summary."""
        when = self.date_from or self.date_phrase or "date unknown"
        if self.date_to and self.date_to != self.date_from:
            when = f"{when}..{self.date_to}"
        verdict = (
            f"{self.old_verdict.value if self.old_verdict else '-'} -> "
            f"{self.new_verdict.value if self.new_verdict else '-'}"
        )
        return (
            f"{self.change.value}: {self.reference} {self.listed_name} in "
            f"{self.country or '??'} {when} ({verdict}) — {self.article_path}"
        )


@dataclass(frozen=True, slots=True)
class StoredDecision:
    """A decision row as recorded; ``decision`` is None when the typed value is not valid."""

    finding_key: str
    typed: str  # the Decision cell exactly as the analyst left it
    decision: Decision | None
    reviewer: str
    review_date: str  # ISO date when it was a date, else the text as typed
    notes: str
    source_file: str
    source_row: int
    imported_at: str

    def to_review(self) -> ReviewDecision:
        """The ReviewDecision shown in later reports; an invalid value becomes a visible note."""
        notes = self.notes
        decision = self.decision
        if decision is None:
            decision = Decision.NEEDS_MORE_INFORMATION
            prefix = f"[typed decision {self.typed!r} is not one of the allowed values]"
            notes = f"{prefix} {notes}".strip()
        try:
            when: date | None = date.fromisoformat(self.review_date) if self.review_date else None
        except ValueError:
            when = None
            notes = f"{notes} [review date as typed: {self.review_date}]".strip()
        return ReviewDecision(
            finding_key=self.finding_key,
            decision=decision,
            reviewer=self.reviewer,
            review_date=when,
            notes=notes,
            source_file=self.source_file,
            row=self.source_row,
        )


@dataclass(frozen=True, slots=True)
class RunRecord:
    id: int
    started: str
    finished: str | None
    status: RunStatus
    list_sha256: str | None
    articles_new: int
    articles_rescreened: int
    articles_failed: int
    findings_new: int
    findings_gone: int
    findings_changed: int
    alerts: int
    decisions_imported: int
    report: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class ScreeningOutcome:
    """What recording one article changed."""

    new: int = 0
    gone: int = 0
    changed: int = 0

    @property
    def any(self) -> bool:
        return bool(self.new or self.gone or self.changed)


# ---------------------------------------------------------------- a JSON codec for records


def encode(obj: Any) -> Any:
    """A JSON-ready form of a tree of frozen dataclasses, enums, dates and tuples."""
    if obj is None or isinstance(obj, str | int | float | bool):
        return obj
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):  # datetime included
        return obj.isoformat()
    if isinstance(obj, Path):
        return str(obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, tuple | list):
        return [encode(v) for v in obj]
    raise TypeError(f"cannot store a {type(obj).__name__}")


_HINTS: dict[type, dict[str, Any]] = {}


def decode(tp: Any, value: Any) -> Any:
    """Rebuild a value of type ``tp`` from ``encode``'s output; unknown keys are ignored."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in get_args(tp) if a is not type(None)]
        return decode(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in value)
        return tuple(decode(a, v) for a, v in zip(args, value, strict=True))
    if not isinstance(tp, type) or value is None:
        return value
    if is_dataclass(tp):
        hints = _HINTS.get(tp)
        if hints is None:
            hints = _HINTS[tp] = get_type_hints(tp)
        names = {f.name for f in fields(tp)}
        return tp(**{k: decode(hints[k], v) for k, v in value.items() if k in names})
    if issubclass(tp, Enum):
        return tp(value)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if issubclass(tp, Path):
        return Path(value)
    if tp is float:
        return float(value)
    return value


def _pack(obj: Any) -> bytes:
    return zlib.compress(json.dumps(encode(obj), separators=(",", ":")).encode("utf-8"), 6)


def _unpack(tp: Any, blob: bytes) -> Any:
    return decode(tp, json.loads(zlib.decompress(blob)))


_RESULT_TYPE = tuple[Extraction, tuple[tuple[str, str, NameMatch], ...], tuple[Finding, ...]]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------- the lock


@contextmanager
def run_lock(state_path: Path) -> Iterator[Path]:
    """Hold ``<state>.lock`` for a whole run; StateError at once when another run holds it.

    ``flock`` locks die with their process, so a killed run never leaves a stale lock: the
    lock file itself may stay and needs no cleaning.
    """
    lock_path = state_path.with_name(state_path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle: IO[str] = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise StateError(
            f"cannot create the lock file ({exc.strerror})",
            path=lock_path,
            fix="make its folder writable by the user running travelban, or choose --state",
        ) from None
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            raise StateError(
                "another travelban run is using this state database"
                + (f" ({holder})" if holder else ""),
                path=state_path,
                fix="wait for that run to finish (two runs never overlap); "
                "the lock frees itself when that process ends, so delete nothing",
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {_now()}\n")
        handle.flush()
        yield lock_path
    finally:
        handle.close()  # closing releases the flock


# ---------------------------------------------------------------- the store


def _state_error(exc: sqlite3.Error, path: Path) -> StateError:
    """Turn an sqlite3 error into a message that names the file and the fix."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StateError(
            f"the state database is locked by another program ({text})",
            path=path,
            fix="close whatever holds it open (another travelban command, an SQLite browser) "
            "and run again; nothing was changed",
        )
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return StateError(
            f"the state database is damaged ({text})",
            path=path,
            fix="restore it from a backup, or move it aside and pass --state NEW to start a "
            "fresh one (decisions are re-read from the reports folder); it was left untouched",
        )
    if "readonly" in text or "unable to open" in text or "disk" in text:
        return StateError(
            f"cannot write the state database ({text})",
            path=path,
            fix="check free disk space and that the file and its folder are writable",
        )
    return StateError(
        f"state database error ({text})",
        path=path,
        fix="run again with --debug for details; the file was left untouched",
    )


class Store:
    """The state database: open (creating or migrating it), query, record."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._check_header()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(
                f"cannot create the folder of the state database ({exc.strerror})",
                path=self.path,
                fix="create the folder or choose another --state",
            ) from None
        try:
            self.conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _state_error(exc, self.path) from None
        try:
            self._open()
        except sqlite3.Error as exc:
            self.conn.close()
            raise _state_error(exc, self.path) from None
        except StateError:
            self.conn.close()
            raise

    # ------------------------------------------------------------ opening

    def _check_header(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(len(SQLITE_HEADER))
        except FileNotFoundError:
            return
        except IsADirectoryError:
            raise StateError(
                "is a folder, not a state database file",
                path=self.path,
                fix="pass --state a file path such as state/travelban.sqlite",
            ) from None
        except OSError as exc:
            raise StateError(
                f"cannot read the state database ({exc.strerror})",
                path=self.path,
                fix="check the file's permissions",
            ) from None
        if head and head != SQLITE_HEADER:
            raise StateError(
                "is not a travelban state database (not an SQLite file)",
                path=self.path,
                fix="point --state at the right file, or move this one aside to start a fresh "
                "state (decisions are re-read from the reports folder); it was left untouched",
            )

    def _open(self) -> None:
        c = self.conn
        c.execute("PRAGMA foreign_keys = ON")
        version = c.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StateError(
                f"the state database has schema version {version}, newer than this travelban "
                f"knows ({SCHEMA_VERSION})",
                path=self.path,
                fix="upgrade travelban, or pass --state a different file; the database was "
                "left untouched",
            )
        if version > 0:
            check = c.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise StateError(
                    f"the state database failed its integrity check ({check})",
                    path=self.path,
                    fix="restore it from a backup, or move it aside and pass --state NEW to "
                    "start afresh (decisions are re-read from the reports folder); "
                    "it was left untouched",
                )
        mode = c.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("%s: SQLite kept journal mode %s instead of WAL", self.path, mode)
        c.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        if version > 0:
            backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
            if not backup.exists():
                with sqlite3.connect(backup) as dest:
                    self.conn.backup(dest)
                dest.close()
                log.info("%s: saved a copy as %s before upgrading its schema", self.path, backup)
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for statement in MIGRATIONS[target - 1]:
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {target}")
            log.info("%s: schema migrated to version %d", self.path, target)

    @property
    def version(self) -> int:
        """The schema version of the open database."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Close the connection (a checkpoint folds the WAL back into the file)."""
        try:
            self.conn.close()
        except sqlite3.Error as exc:  # pragma: no cover - close rarely fails
            log.warning("%s: closing failed: %s", self.path, exc)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole or not at all."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _state_error(exc, self.path) from None
        try:
            yield self.conn
        except BaseException:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _state_error(exc, self.path) from None

    def _query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _state_error(exc, self.path) from None

    # ------------------------------------------------------------ runs

    def begin_run(self, started: datetime, settings: Sequence[tuple[str, str]] = ()) -> int:
        """Record a run as running (incomplete until ``finish_run``) and return its id."""
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO runs (started, status, settings) VALUES (?, 'running', ?)",
                (started.isoformat(timespec="seconds"), json.dumps(list(settings))),
            )
            return int(cur.lastrowid or 0)

    def mark_interrupted(self) -> list[int]:
        """Runs left 'running' by a killed process become 'interrupted'; returns their ids.

        Call only while holding ``run_lock``: then no other run can be live.
        """
        with self.transaction() as c:
            ids = [r[0] for r in c.execute("SELECT id FROM runs WHERE status = 'running'")]
            c.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        return ids

    def fail_run(self, run_id: int, status: RunStatus, error: str) -> None:
        """Close a run that did not finish (failed or interrupted by the user)."""
        with self.transaction() as c:
            c.execute(
                "UPDATE runs SET status = ?, finished = ?, error = ? WHERE id = ?",
                (status.value, _now(), error, run_id),
            )

    def finish_run(
        self,
        run_id: int,
        *,
        list_info: ListInfo | None,
        report: Path | None,
        report_sha256: str | None,
        counts: Mapping[str, int],
    ) -> None:
        """Mark the run complete and everything its report showed as reported, at once."""
        allowed = {
            "articles_new",
            "articles_rescreened",
            "articles_failed",
            "findings_new",
            "findings_gone",
            "findings_changed",
            "alerts",
            "decisions_imported",
        }
        cols = {k: int(v) for k, v in counts.items() if k in allowed}
        sets = "".join(f", {k} = :{k}" for k in cols)
        with self.transaction() as c:
            c.execute(
                "UPDATE runs SET status = 'complete', finished = :finished, report = :report, "
                "list_path = :list_path, list_sha256 = :list_sha, list_info = :list_info"
                f"{sets} WHERE id = :id",
                {
                    "finished": _now(),
                    "report": str(report) if report else None,
                    "list_path": str(list_info.path) if list_info else None,
                    "list_sha": list_info.sha256 if list_info else None,
                    "list_info": json.dumps(encode(list_info)) if list_info else None,
                    "id": run_id,
                    **cols,
                },
            )
            if report is not None:
                c.execute(
                    "UPDATE articles SET reported_run = ? WHERE reported_run IS NULL", (run_id,)
                )
                c.execute(
                    "UPDATE finding_changes SET reported_run = ? WHERE reported_run IS NULL",
                    (run_id,),
                )
            if report is not None and report_sha256:
                c.execute(
                    "INSERT OR IGNORE INTO workbooks (sha256, path, imported_at, written_by_run) "
                    "VALUES (?, ?, ?, ?)",
                    (report_sha256, str(report), _now(), run_id),
                )

    def runs(self, limit: int = 50) -> list[RunRecord]:
        """The latest runs, newest first."""
        rows = self._query(
            "SELECT id, started, finished, status, list_sha256, articles_new, "
            "articles_rescreened, articles_failed, findings_new, findings_gone, findings_changed, "
            "alerts, decisions_imported, report, error FROM runs ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [RunRecord(r[0], r[1], r[2], RunStatus(r[3]), *r[4:]) for r in rows]

    def last_list_info(self) -> ListInfo | None:
        """The list the latest complete run used, or None before any."""
        rows = self._query(
            "SELECT list_info FROM runs WHERE status = 'complete' AND list_info IS NOT NULL "
            "ORDER BY id DESC LIMIT 1"
        )
        return decode(ListInfo, json.loads(rows[0][0])) if rows else None

    # ------------------------------------------------------------ articles

    def known_articles(self) -> dict[str, str]:
        """Content sha256 → status ('screened' or 'failed') of every article seen."""
        return dict(self._query("SELECT sha256, status FROM articles"))

    def record_failure(self, run_id: int, sha256: str, path: str, error: str) -> None:
        """An article that could not be read or screened; kept so it is reported once."""
        now = _now()
        with self.transaction() as c:
            c.execute(
                "INSERT INTO articles (sha256, path, status, error, first_seen, first_run, "
                "last_run) VALUES (?, ?, 'failed', ?, ?, ?, ?) "
                "ON CONFLICT (sha256) DO UPDATE SET error = excluded.error, "
                "last_run = excluded.last_run, reported_run = NULL "
                "WHERE articles.status = 'failed'",
                (sha256, path, error, now, run_id, run_id),
            )

    def record_screening(
        self,
        run_id: int,
        screened: Screened,
        list_sha256: str,
        *,
        report_anyway: bool = True,
    ) -> ScreeningOutcome:
        """Store one article's screening and diff its findings against the last, in one go.

        ``report_anyway`` puts the article in the next report even when nothing changed
        (new articles, ``--rescreen``); otherwise it is reported only when a finding changed.
        """
        article = screened.article
        now = _now()
        current: dict[str, Finding] = {}
        for f in screened.findings:
            current.setdefault(f.key, f)
        with self.transaction() as c:
            c.execute(
                "INSERT INTO articles (sha256, path, published, status, error, first_seen, "
                "last_screened, list_sha256, first_run, last_run, article, result) "
                "VALUES (?, ?, ?, 'screened', '', ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (sha256) DO UPDATE SET status = 'screened', error = '', "
                "published = excluded.published, last_screened = excluded.last_screened, "
                "list_sha256 = excluded.list_sha256, last_run = excluded.last_run, "
                "article = excluded.article, result = excluded.result",
                (
                    article.sha256,
                    article.source,
                    article.published.isoformat() if article.published else None,
                    now,
                    now,
                    list_sha256,
                    run_id,
                    run_id,
                    _pack(article),
                    _pack((screened.extraction, screened.matches, screened.findings)),
                ),
            )
            old = {
                r[0]: (r[1], r[2])
                for r in c.execute(
                    "SELECT key, verdict, status FROM findings WHERE article_sha256 = ?",
                    (article.sha256,),
                )
            }
            new = gone = changed = 0
            for key, f in current.items():
                before = old.get(key)
                w = f.event.when
                c.execute(
                    "INSERT INTO findings (key, article_sha256, reference, country, date_from, "
                    "date_to, date_phrase, verdict, person, listed_name, status, "
                    "first_seen_run, last_seen_run) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET verdict = excluded.verdict, "
                    "status = 'active', gone_run = NULL, last_seen_run = excluded.last_seen_run, "
                    "person = excluded.person, listed_name = excluded.listed_name",
                    (
                        key,
                        article.sha256,
                        f.reference,
                        f.country or "",
                        w.start.isoformat() if w.start else None,
                        w.end.isoformat() if w.end else None,
                        w.phrase,
                        f.verdict.value,
                        f.person,
                        f.listed_name,
                        run_id,
                        run_id,
                    ),
                )
                if before is None or before[1] == "gone":
                    kind, old_verdict = Change.NEW, None
                    new += 1
                elif before[0] != f.verdict.value:
                    kind, old_verdict = Change.CHANGED, before[0]
                    changed += 1
                else:
                    continue
                c.execute(
                    "INSERT INTO finding_changes (run_id, finding_key, change, old_verdict, "
                    "new_verdict) VALUES (?, ?, ?, ?, ?)",
                    (run_id, key, kind.value, old_verdict, f.verdict.value),
                )
            for key, (verdict, status) in old.items():
                if key in current or status == "gone":
                    continue
                gone += 1
                c.execute(
                    "UPDATE findings SET status = 'gone', gone_run = ? WHERE key = ?",
                    (run_id, key),
                )
                c.execute(
                    "INSERT INTO finding_changes (run_id, finding_key, change, old_verdict, "
                    "new_verdict) VALUES (?, ?, 'gone', ?, NULL)",
                    (run_id, key, verdict),
                )
            outcome = ScreeningOutcome(new, gone, changed)
            if report_anyway or outcome.any:
                c.execute(
                    "UPDATE articles SET reported_run = NULL WHERE sha256 = ?", (article.sha256,)
                )
        return outcome

    def articles_to_rescreen(self, list_sha256: str | None) -> list[str]:
        """Hashes of screened articles last screened against another list (all when None)."""
        if list_sha256 is None:
            rows = self._query("SELECT sha256 FROM articles WHERE status = 'screened'")
        else:
            rows = self._query(
                "SELECT sha256 FROM articles WHERE status = 'screened' "
                "AND (list_sha256 IS NULL OR list_sha256 != ?)",
                (list_sha256,),
            )
        return [r[0] for r in rows]

    def stored_article(self, sha256: str) -> Article:
        """The article as it was first read (text kept in the database)."""
        rows = self._query("SELECT article FROM articles WHERE sha256 = ?", (sha256,))
        if not rows or rows[0][0] is None:
            raise StateError(
                f"article {sha256[:16]} has no stored text",
                path=self.path,
                fix="run with --rescreen to read the inbox again",
            )
        article: Article = _unpack(Article, rows[0][0])
        return article

    def unreported(self) -> tuple[list[Screened], list[tuple[str, str, str]]]:
        """Articles screened (and failures) not yet shown in a completed run's report."""
        screened: list[Screened] = []
        failures: list[tuple[str, str, str]] = []
        rows = self._query(
            "SELECT sha256, path, status, error, article, result FROM articles "
            "WHERE reported_run IS NULL ORDER BY first_seen, path"
        )
        for sha, path, status, error, article_blob, result_blob in rows:
            if status == "failed" or result_blob is None:
                failures.append((sha, path, error))
                continue
            extraction, matches, findings = _unpack(_RESULT_TYPE, result_blob)
            screened.append(Screened(_unpack(Article, article_blob), extraction, matches, findings))
        return screened, failures

    def unreported_changes(self) -> list[FindingChange]:
        """Finding changes not yet shown in a completed run's report, oldest first."""
        rows = self._query(
            "SELECT ch.run_id, ch.finding_key, ch.change, f.article_sha256, a.path, f.reference, "
            "f.listed_name, f.person, f.country, f.date_from, f.date_to, f.date_phrase, "
            "ch.old_verdict, ch.new_verdict FROM finding_changes ch "
            "JOIN findings f ON f.key = ch.finding_key "
            "JOIN articles a ON a.sha256 = f.article_sha256 "
            "WHERE ch.reported_run IS NULL ORDER BY ch.id"
        )
        return [
            FindingChange(
                run_id=r[0],
                finding_key=r[1],
                change=Change(r[2]),
                article_sha256=r[3],
                article_path=r[4],
                reference=r[5],
                listed_name=r[6],
                person=r[7],
                country=r[8],
                date_from=r[9] or "",
                date_to=r[10] or "",
                date_phrase=r[11],
                old_verdict=Verdict(r[12]) if r[12] else None,
                new_verdict=Verdict(r[13]) if r[13] else None,
            )
            for r in rows
        ]

    def finding_counts(self) -> dict[str, int]:
        """Findings by status ('active', 'gone') — for checks and summaries."""
        return dict(self._query("SELECT status, COUNT(*) FROM findings GROUP BY status"))

    # ------------------------------------------------------------ incidents

    def references_in_run(self, run_id: int) -> set[str]:
        """References of the findings this run recorded, kept or gone."""
        rows = self._query(
            "SELECT DISTINCT reference FROM findings WHERE last_seen_run = ? OR gone_run = ?",
            (run_id, run_id),
        )
        return {r[0] for r in rows}

    def active_findings(self, references: Iterable[str]) -> tuple[list[Finding], list[Article]]:
        """Every active finding of these references, from every run, with its article."""
        refs = sorted(set(references))
        shas: set[str] = set()
        for i in range(0, len(refs), 500):
            chunk = refs[i : i + 500]
            marks = ",".join("?" * len(chunk))
            shas.update(
                r[0]
                for r in self._query(
                    "SELECT DISTINCT article_sha256 FROM findings "
                    f"WHERE status = 'active' AND reference IN ({marks})",
                    chunk,
                )
            )
        wanted = set(refs)
        findings: list[Finding] = []
        articles: list[Article] = []
        for sha in sorted(shas):
            rows = self._query(
                "SELECT article, result FROM articles WHERE sha256 = ? AND result IS NOT NULL",
                (sha,),
            )
            if not rows:
                continue
            articles.append(_unpack(Article, rows[0][0]))
            _, _, found = _unpack(_RESULT_TYPE, rows[0][1])
            findings.extend(f for f in found if f.reference in wanted)
        return findings, articles

    def incident_backfill_needed(self) -> bool:
        """True once after the upgrade to schema 2 when findings were already stored."""
        return bool(self._query("SELECT 1 FROM incident_backfill LIMIT 1"))

    def active_references(self) -> set[str]:
        """References of every active finding."""
        return {
            r[0]
            for r in self._query("SELECT DISTINCT reference FROM findings WHERE status = 'active'")
        }

    def incident_map(self) -> dict[str, str]:
        """Finding key → the incident key it was last given."""
        return dict(self._query("SELECT finding_key, incident_key FROM incident_members"))

    def record_incidents(
        self, run_id: int, references: Iterable[str], incidents: Sequence[Incident]
    ) -> dict[str, str | None]:
        """Store the incidents of these references (recomputed whole); return, per incident
        key, the verdict it had before this run (None: a new incident)."""
        refs = sorted(set(references))
        keys = {i.key for i in incidents}
        with self.transaction() as c:
            c.execute("DELETE FROM incident_backfill")  # whichever run records first did it
            before: dict[str, str | None] = {}
            for inc in incidents:
                row = c.execute(
                    "SELECT verdict, status FROM incidents WHERE key = ?", (inc.key,)
                ).fetchone()
                before[inc.key] = row[0] if row and row[1] == "active" else None
            for ref in refs:
                for (key,) in c.execute(
                    "SELECT key FROM incidents WHERE reference = ? AND status = 'active'", (ref,)
                ).fetchall():
                    if key not in keys:
                        c.execute(
                            "UPDATE incidents SET status = 'gone', last_run = ? WHERE key = ?",
                            (run_id, key),
                        )
            for inc in incidents:
                w = inc.when
                c.execute(
                    "INSERT INTO incidents (key, reference, country, date_from, date_to, verdict, "
                    "status, first_run, last_run) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET date_from = excluded.date_from, "
                    "date_to = excluded.date_to, verdict = excluded.verdict, status = 'active', "
                    "merged_into = NULL, last_run = excluded.last_run",
                    (
                        inc.key,
                        inc.reference,
                        inc.country or "",
                        w.start.isoformat() if w.start else None,
                        w.end.isoformat() if w.end else None,
                        inc.verdict.value,
                        run_id,
                        run_id,
                    ),
                )
                for old in inc.merged_keys:
                    c.execute(
                        "UPDATE incidents SET status = 'merged', merged_into = ?, last_run = ? "
                        "WHERE key = ?",
                        (inc.key, run_id, old),
                    )
                c.executemany(
                    "INSERT INTO incident_members (finding_key, incident_key, run_id) "
                    "VALUES (?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
                    "incident_key = excluded.incident_key, run_id = excluded.run_id "
                    "WHERE incident_members.incident_key != excluded.incident_key",
                    [(k, inc.key, run_id) for k in inc.finding_keys],
                )
        return before

    def incident_counts(self) -> dict[str, int]:
        """Incidents by status ('active', 'merged', 'gone') — for checks and summaries."""
        return dict(self._query("SELECT status, COUNT(*) FROM incidents GROUP BY status"))

    # ------------------------------------------------------------ decisions

    def add_decisions(self, rows: Iterable[StoredDecision]) -> tuple[int, int]:
        """Append decisions, skipping exact repeats; returns (added, already known)."""
        added = repeated = 0
        with self.transaction() as c:
            for d in rows:
                cur = c.execute(
                    "INSERT OR IGNORE INTO decisions (finding_key, decision, valid, reviewer, "
                    "review_date, notes, source_file, source_row, imported_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        d.finding_key,
                        d.typed,
                        d.decision is not None,
                        d.reviewer,
                        d.review_date,
                        d.notes,
                        d.source_file,
                        d.source_row,
                        d.imported_at or _now(),
                    ),
                )
                if cur.rowcount:
                    added += 1
                else:
                    repeated += 1
        return added, repeated

    def decisions(self, keys: Iterable[str] | None = None) -> list[StoredDecision]:
        """Every decision (or those for ``keys``), in the order they were recorded."""
        sql = (
            "SELECT finding_key, decision, valid, reviewer, review_date, notes, source_file, "
            "source_row, imported_at FROM decisions"
        )
        if keys is None:
            rows = self._query(sql + " ORDER BY id")
        else:
            wanted = sorted(set(keys))
            rows = []
            for i in range(0, len(wanted), 500):  # stay under SQLite's parameter limit
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows.extend(self._query(f"{sql} WHERE finding_key IN ({marks}) ORDER BY id", chunk))
        out = []
        for key, typed, valid, reviewer, review_date, notes, src, row, at in rows:
            decision = Decision(typed) if valid else None
            out.append(
                StoredDecision(key, typed, decision, reviewer, review_date, notes, src, row, at)
            )
        return out

    def workbook_known(self, sha256: str) -> bool:
        """True when a workbook with exactly these bytes was imported or written before."""
        return bool(self._query("SELECT 1 FROM workbooks WHERE sha256 = ?", (sha256,)))

    def record_workbook(self, sha256: str, path: Path, decisions: int) -> None:
        """Remember an imported workbook so unchanged files are not read again."""
        with self.transaction() as c:
            c.execute(
                "INSERT OR IGNORE INTO workbooks (sha256, path, imported_at, decisions) "
                "VALUES (?, ?, ?, ?)",
                (sha256, str(path), _now(), decisions),
            )


def previous_decisions(decisions: Iterable[StoredDecision]) -> dict[str, list[ReviewDecision]]:
    """Valid decisions grouped by finding key, in the form the report writer takes.

    A value that is not one of the dropdown's stays in the database (``review list``
    shows it) but is not carried into later workbooks: the report pre-fills the review
    columns from these, and a stand-in value would come back as a decision nobody made.
    """
    out: dict[str, list[ReviewDecision]] = {}
    for d in decisions:
        if d.decision is not None:
            out.setdefault(d.finding_key, []).append(d.to_review())
    return out


def suppressed(decisions: Sequence[StoredDecision]) -> bool:
    """True when analysts called a finding a false positive and nobody said otherwise.

    A conflict (one False positive, one Confirmed breach) keeps the alert: the safer side.
    """
    valid = [d.decision for d in decisions if d.decision is not None]
    return bool(valid) and all(d is Decision.FALSE_POSITIVE for d in valid)
