"""What runs on a worker: the engine loaded once per process, and one task per partition.

``engine_for(settings)`` keeps one ``Engine`` (lists, name index, spaCy pipeline, regimes)
per worker process and per ``Settings``; ``EnginePlugin`` loads it when a worker starts, so
no task ever pays for it. ``screen_partition`` is the task: read the partition's articles,
screen each with ``Engine.screen_article`` (a pure function of the article), and write the
partition's tables — unless its ``_done`` marker says an earlier attempt already did.

For a rescreen, ``ListDelta`` holds the entries that are new or changed since an older
list and a name index of those alone; the cheap name scan over that small index decides
which articles reach the language pipeline at all.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from travelban.cluster.partitions import Partition, read_partition
from travelban.cluster.results import (
    TABLES,
    PartDone,
    ResultDir,
    read_done,
    write_json,
    write_table,
)
from travelban.errors import ConfigError
from travelban.extract import CHEAP_SCREEN_FLOOR, DECISIVE_HITS
from travelban.ingest import DEFAULT_MAX_BYTES
from travelban.models import Article, ArticleFailure, RunResult, SanctionsList
from travelban.names import NameIndex
from travelban.pipeline import Engine, screen_articles
from travelban.sanctions import Archive, diff_lists, load_list
from travelban.settings import Settings

log = logging.getLogger(__name__)

# How often this process loaded each expensive thing (read by tests and the benchmark).
LOADS: Counter[str] = Counter()
_ENGINES: dict[Settings, Engine] = {}
_DELTAS: dict[tuple[Settings, str], ListDelta] = {}
_LOCK = threading.Lock()
# Capitalised runs of words, the same shape the extractor screens in its cheap pass.
_NAME_RUN = re.compile(
    r"\b[A-Z][\w'’-]+(?:[ \t]+(?:(?:al|el|bin|ibn|abu|de|van)[ -])?[A-Z][\w'’-]+){1,3}"
)


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a task needs besides its partition; small, sent with every task."""

    settings: Settings
    out: Path  # the result folder (shared by every worker)
    list_version: str
    since: str = ""  # rescreen: the older list (file path, archived file name or date)
    max_bytes: int = DEFAULT_MAX_BYTES

    @property
    def result(self) -> ResultDir:
        return ResultDir(self.out, self.list_version)


def engine_for(settings: Settings) -> Engine:
    """This process's engine for ``settings``, loaded on first use and kept."""
    with _LOCK:
        engine = _ENGINES.get(settings)
        if engine is None:
            engine = Engine.load(settings)
            _ENGINES[settings] = engine
            LOADS["engine"] += 1
        return engine


# ---------------------------------------------------------------- rescreen


def resolve_list(settings: Settings, spec: str) -> SanctionsList:
    """A list named on the command line: a file, an archived file name, or a date."""
    path = Path(spec)
    if path.is_file():
        return load_list(path)
    archive = Archive.open(settings.lists_dir, user_dir=settings.user_lists_dir)
    info = archive.find(spec)
    if info is None:
        names = ", ".join(i.path.name for i in archive.snapshots)
        raise ConfigError(
            f"--since-list {spec!r} is neither a list file nor a date on or after the oldest "
            "snapshot",
            fix=f"give a path, a date (YYYY-MM-DD) or one of: {names}",
        )
    return archive.load(info)


@dataclass(frozen=True, slots=True)
class ListDelta:
    """Entries new or changed from an older list to the newest in use, and their index."""

    old: str  # the older list's file name
    new: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    index: NameIndex | None  # None when nothing was added or changed

    @property
    def references(self) -> frozenset[str]:
        return frozenset(self.added) | frozenset(self.changed)

    def summary(self) -> str:
        return (
            f"{len(self.added)} new and {len(self.changed)} changed entries from {self.old} to "
            f"{self.new} ({len(self.removed)} removed, not screened)"
        )

    def mentioned(self, text: str) -> bool:
        """True when the cheap name scan finds a new or changed entry's name in ``text``."""
        if self.index is None:
            return False
        if any(h.kind in DECISIVE_HITS for h in self.index.find_in_text(text)):
            return True
        queries = sorted({m.group(0) for m in _NAME_RUN.finditer(text)})
        return any(self.index.screen_many(queries, threshold=CHEAP_SCREEN_FLOOR))

    def restrict(self, result: RunResult) -> RunResult:
        """The findings and candidates about new or changed entries only."""
        refs = self.references
        return replace(
            result,
            findings=tuple(f for f in result.findings if f.reference in refs),
            matches=tuple(m for m in result.matches if m[2].reference in refs),
        )


def newest_list(settings: Settings) -> SanctionsList:
    """The newest list in use: ``--list``, else the snapshot ``--as-of`` selects."""
    if settings.list_path is not None:
        return load_list(settings.list_path)
    archive = Archive.open(settings.lists_dir, user_dir=settings.user_lists_dir)
    info, _ = archive.select(settings.as_of)
    return archive.load(info)


def list_delta(settings: Settings, since: str) -> ListDelta:
    """What changed from the list ``since`` names to the newest list in use."""
    old = resolve_list(settings, since)
    newest = newest_list(settings)
    diff = diff_lists(old, newest)
    entries = [*diff.added, *(c.new for c in diff.changed)]
    return ListDelta(
        old=old.info.path.name,
        new=newest.info.path.name,
        added=tuple(e.reference for e in diff.added),
        changed=tuple(c.reference for c in diff.changed),
        removed=tuple(e.reference for e in diff.removed),
        index=NameIndex.build(entries) if entries else None,
    )


def delta_for(settings: Settings, since: str) -> ListDelta:
    """This process's ``ListDelta`` for (settings, since), built on first use and kept."""
    with _LOCK:
        delta = _DELTAS.get((settings, since))
        if delta is None:
            delta = list_delta(settings, since)
            _DELTAS[(settings, since)] = delta
            LOADS["delta"] += 1
        return delta


# ---------------------------------------------------------------- the worker plugin


class EnginePlugin(WorkerPlugin):
    """Loads the engine (and a rescreen's delta) once when each worker starts, also on a
    worker that joins or is restarted later; the load runs in a thread so the worker keeps
    answering the scheduler meanwhile."""

    idempotent = False

    def __init__(self, settings: Settings, since: str = "") -> None:
        self.settings = settings
        self.since = since
        ident = hashlib.sha256(repr((settings, since)).encode()).hexdigest()[:12]
        self.name = f"travelban-engine-{ident}"

    def _load(self) -> None:
        started = time.perf_counter()
        engine_for(self.settings)
        if self.since:
            delta_for(self.settings, self.since)
        LOADS["load_seconds"] = int((time.perf_counter() - started) * 1000)

    async def setup(self, worker: Any) -> None:
        import asyncio

        await asyncio.to_thread(self._load)


def loads() -> dict[str, int]:
    """What this process loaded (engine, delta) and the last load's milliseconds."""
    return dict(LOADS)


# ---------------------------------------------------------------- the task


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def screen_partition(part: Partition, job: Job) -> PartDone:
    """Screen one partition and write its tables; a partition already done is not redone."""
    from travelban.report.tables import build_tables  # the sheets' columns: one definition

    rd = job.result
    done = read_done(rd, part.key)
    if done is not None:
        return replace(done, already=True)
    started = time.perf_counter()
    engine = engine_for(job.settings)
    delta = delta_for(job.settings, job.since) if job.since else None
    articles: list[Article] = []
    failures: list[ArticleFailure] = []
    skipped = 0
    for item in read_partition(part, published=job.settings.published, max_bytes=job.max_bytes):
        if isinstance(item, ArticleFailure):
            failures.append(item)
        elif delta is not None and not delta.mentioned(item.text):
            skipped += 1
        else:
            articles.append(item)
    result = screen_articles(engine, articles, failures)
    if delta is not None:
        result = delta.restrict(result)
    tables = {t.name: t for t in build_tables(result) if t.name in TABLES}
    for sheet, table in tables.items():
        write_table(rd.table_file(sheet, part.key), table.columns, table.rows)
    verdicts = Counter(f.verdict.value for f in result.findings)
    summary = PartDone(
        key=part.key,
        describe=part.describe(),
        articles=len(result.articles),
        failures=tuple((f.source, f.error) for f in result.failures),
        skipped=skipped,
        findings=tuple(sorted(verdicts.items())),
        events=sum(len(x.events) for x in result.extractions),
        matches=len(result.matches),
        seconds=round(time.perf_counter() - started, 3),
        worker=_worker_name(),
    )
    write_json(rd.marker(part.key), summary.to_json())  # last: the partition is now done
    return summary
