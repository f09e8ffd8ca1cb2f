"""A distributed run's result folder: Parquet tables partitioned by list version.

Layout of ``DIR`` (hive-style, so ``pyarrow.dataset`` or pandas read ``list_version`` back
as a column)::

    DIR/findings/list_version=2026-05-08/part-<partition key>.parquet
    DIR/events/list_version=2026-05-08/part-<partition key>.parquet
    DIR/matches/list_version=2026-05-08/part-<partition key>.parquet
    DIR/articles/list_version=2026-05-08/part-<partition key>.parquet
    DIR/incidents/list_version=2026-05-08/part-<digest of the plan>.parquet
    DIR/_done/list_version=2026-05-08/<partition key>.json   # written last: the part is done
    DIR/_run-2026-05-08.json                                  # what the run did, and its status

The columns are those of the workbook's sheets of the same name (one definition, in
``travelban.report.columns``). Workers write the first four tables, one part per
partition; ``incidents`` is written once over all of them when the run gathers (and again
by ``travelban report``), see ``travelban.cluster.incidents``. Every file is written to
a hidden temporary file in its folder and renamed, so a reader never sees half a file; a
partition counts as done only once its ``_done`` marker exists, and a task that finds the
marker writes nothing again.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from travelban.errors import ReportError
from travelban.models import ArticleFailure

TABLES = {"Findings": "findings", "Events": "events", "Matches": "matches", "Articles": "articles"}
# Tables of the whole result, written by the driver after the partitions (not by workers).
MERGED_TABLES = {"Incidents": "incidents"}
RESULT_VERSION = 1


@dataclass(frozen=True, slots=True)
class PartDone:
    """What one partition yielded; also the content of its ``_done`` marker."""

    key: str
    describe: str
    articles: int
    failures: tuple[tuple[str, str], ...]  # (source, error) of articles that failed
    skipped: int  # rescreen: articles naming no new or changed entry (no NLP run)
    findings: tuple[tuple[str, int], ...]  # (verdict, count)
    events: int
    matches: int
    seconds: float
    worker: str
    already: bool = False  # found done: nothing was screened or written this time

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("already")
        return out

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> PartDone:
        return cls(
            key=str(raw["key"]),
            describe=str(raw.get("describe", "")),
            articles=int(raw["articles"]),
            failures=tuple((str(a), str(b)) for a, b in raw.get("failures", ())),
            skipped=int(raw.get("skipped", 0)),
            findings=tuple((str(v), int(n)) for v, n in raw.get("findings", ())),
            events=int(raw.get("events", 0)),
            matches=int(raw.get("matches", 0)),
            seconds=float(raw.get("seconds", 0.0)),
            worker=str(raw.get("worker", "")),
        )

    @property
    def failed(self) -> tuple[ArticleFailure, ...]:
        return tuple(ArticleFailure(s, e) for s, e in self.failures)


@dataclass(frozen=True, slots=True)
class ResultDir:
    """Paths of one list version's result inside ``root``."""

    root: Path
    list_version: str

    @property
    def part(self) -> str:
        return f"list_version={self.list_version}"

    def table_dir(self, sheet: str) -> Path:
        return self.root / (TABLES.get(sheet) or MERGED_TABLES[sheet]) / self.part

    def table_file(self, sheet: str, key: str) -> Path:
        return self.table_dir(sheet) / f"part-{key}.parquet"

    def marker(self, key: str) -> Path:
        return self.root / "_done" / self.part / f"{key}.json"

    @property
    def manifest(self) -> Path:
        return self.root / f"_run-{self.list_version}.json"

    @property
    def plan_file(self) -> Path:
        return self.root / "_done" / self.part / "_plan.txt"


def planned_keys(rd: ResultDir) -> set[str] | None:
    """The partition keys of the last run's plan (None for a folder written before plans)."""
    try:
        return set(rd.plan_file.read_text(encoding="utf-8").split())
    except FileNotFoundError:
        return None


def planned_parts(rd: ResultDir, sheet: str) -> list[Path]:
    """The part files of one table that belong to the last plan (older plans' are left out)."""
    keys = planned_keys(rd)
    folder = rd.table_dir(sheet)
    files = sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []
    return [f for f in files if keys is None or f.stem[5:] in keys]


def read_part(path: Path) -> Any:
    """One part file as a ``pyarrow.Table``; ReportError (with the fix) when it is damaged."""
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path)
    except Exception as exc:  # pyarrow raises several kinds for a damaged file
        raise ReportError(
            f"cannot read a result file ({type(exc).__name__}: {exc})",
            path=path,
            fix="delete it and its _done marker, then repeat the run to redo that part",
        ) from None


def list_versions(root: Path) -> list[str]:
    """The list versions a result folder holds, oldest first."""
    return sorted(p.name[5:-5] for p in Path(root).glob("_run-*.json"))


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """``write(tmp)`` into a hidden temp file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    atomic_write(path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))


def read_done(rd: ResultDir, key: str) -> PartDone | None:
    """The marker of a finished partition, or None (a damaged marker counts as not done)."""
    try:
        return PartDone.from_json(json.loads(rd.marker(key).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


# ---------------------------------------------------------------- Parquet


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {
        "date": pa.date32(),
        "datetime": pa.timestamp("us", tz="UTC"),
        "score": pa.float64(),
        "int": pa.int64(),
        "list": pa.list_(pa.string()),
    }.get(kind, pa.string())


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind in ("date", "datetime", "score", "int"):
        if kind == "datetime" and isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value
    return value if isinstance(value, str) else str(value)


def arrow_table(
    columns: Sequence[Any], rows: Iterable[Sequence[Any]], *, lists: Collection[str] = ()
) -> Any:
    """Rows (in ``columns`` order, ``Column`` records of report.columns) as a
    ``pyarrow.Table``; the columns named in ``lists`` hold lists of strings."""
    import pyarrow as pa

    kinds = ["list" if c.name in lists else str(c.kind) for c in columns]
    data: list[list[Any]] = [[] for _ in columns]
    for row in rows:
        for i, value in enumerate(row):
            data[i].append(
                [str(v) for v in value] if kinds[i] == "list" else _cell(value, kinds[i])
            )
    schema = pa.schema(
        [pa.field(c.name, _arrow_type(k)) for c, k in zip(columns, kinds, strict=True)]
    )
    return pa.Table.from_arrays(
        [pa.array(col, type=schema.field(i).type) for i, col in enumerate(data)], schema=schema
    )


def write_arrow(path: Path, table: Any) -> None:
    """A ``pyarrow.Table`` as one Parquet file, written atomically."""
    import pyarrow.parquet as pq

    atomic_write(path, lambda tmp: pq.write_table(table, tmp))


def write_table(path: Path, columns: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    """Rows (in ``columns`` order, ``Column`` records of report.columns) as one Parquet file."""
    write_arrow(path, arrow_table(columns, rows))


def read_rows(rd: ResultDir, sheet: str) -> list[dict[str, Any]]:
    """Every row of one table of one list version, as dicts by column name."""
    import pyarrow.parquet as pq

    folder = rd.table_dir(sheet)
    files = sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []
    rows: list[dict[str, Any]] = []
    for f in files:
        try:
            rows += pq.read_table(f).to_pylist()
        except Exception as exc:  # pyarrow raises several kinds for a damaged file
            raise ReportError(
                f"cannot read a result file ({type(exc).__name__}: {exc})",
                path=f,
                fix="delete it and its _done marker, then run the same command again to redo it",
            ) from None
    return rows


# ---------------------------------------------------------------- the run manifest


@dataclass(frozen=True, slots=True)
class RunRecord:
    """What a run set out to do and what it did: ``_run-<list version>.json``."""

    job: Mapping[str, str]  # the settings that make results comparable (mode, threshold ...)
    list_info: Mapping[str, Any]
    snapshots: tuple[str, ...]
    settings: tuple[tuple[str, str], ...]
    tool_version: str
    started: str
    status: str = "running"  # running | complete | partial
    finished: str = ""
    partitions: int = 0
    done_now: int = 0
    done_before: int = 0
    failed: tuple[tuple[str, str], ...] = ()  # (partition, why)
    input_failures: tuple[tuple[str, str], ...] = ()  # (source, why) of inputs never planned
    articles: int = 0
    articles_failed: int = 0
    skipped: int = 0
    findings: tuple[tuple[str, int], ...] = ()
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["format"] = "travelban-parquet"
        out["format_version"] = RESULT_VERSION
        return out

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> RunRecord:
        def pairs(name: str) -> tuple[tuple[str, Any], ...]:
            return tuple((str(a), b) for a, b in raw.get(name, ()))

        return cls(
            job=dict(raw.get("job", {})),
            list_info=dict(raw.get("list_info", {})),
            snapshots=tuple(raw.get("snapshots", ())),
            settings=tuple((str(a), str(b)) for a, b in raw.get("settings", ())),
            tool_version=str(raw.get("tool_version", "")),
            started=str(raw.get("started", "")),
            status=str(raw.get("status", "")),
            finished=str(raw.get("finished", "")),
            partitions=int(raw.get("partitions", 0)),
            done_now=int(raw.get("done_now", 0)),
            done_before=int(raw.get("done_before", 0)),
            failed=tuple((str(a), str(b)) for a, b in raw.get("failed", ())),
            input_failures=tuple((str(a), str(b)) for a, b in raw.get("input_failures", ())),
            articles=int(raw.get("articles", 0)),
            articles_failed=int(raw.get("articles_failed", 0)),
            skipped=int(raw.get("skipped", 0)),
            findings=tuple((a, int(b)) for a, b in pairs("findings")),
            notes=tuple(str(n) for n in raw.get("notes", ())),
        )


def read_record(rd: ResultDir) -> RunRecord | None:
    """The run manifest of one list version, or None when there is none."""
    try:
        raw = json.loads(rd.manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ReportError(
            f"the run record cannot be read ({exc})",
            path=rd.manifest,
            fix="delete the folder's contents and run again, or give another -o folder",
        ) from None
    return RunRecord.from_json(raw)


def write_record(rd: ResultDir, record: RunRecord) -> None:
    write_json(rd.manifest, record.to_json())


def today_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def version_label(generated: date | None, sha256: str) -> str:
    """``2026-05-08`` for a dated list, else the first 12 hex digits of its sha256."""
    return generated.isoformat() if generated else sha256[:12]
