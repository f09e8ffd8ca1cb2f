"""The client side: start or reach a Dask cluster, plan partitions, submit, record.

``open_client`` starts a ``LocalCluster`` (worker processes with one thread each: spaCy
and the name index are CPU-bound Python) or connects to a running scheduler. ``run_job``
plans the partitions (a WARC's records are found by a scan task on a worker), skips those
whose ``_done`` marker exists (a resumed run), submits the rest, and writes the run record
(``complete`` or ``partial``, with every failed partition and why); then it merges the
findings of every partition into incidents once (``travelban.cluster.incidents``). A
worker that dies mid-task is replaced and its task retried by Dask itself; a task that
kills its worker every time (a huge article exhausting memory) ends as a failed
partition, named, and the run as partial.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from travelban import __version__
from travelban.cluster.incidents import gather_incidents
from travelban.cluster.partitions import (
    DEFAULT_PARTITION_SIZE,
    Inputs,
    Partition,
    Stamp,
    file_partitions,
    table_partitions,
    warc_offsets,
    warc_partitions,
)
from travelban.cluster.results import (
    PartDone,
    ResultDir,
    RunRecord,
    read_done,
    read_record,
    today_iso,
    version_label,
    write_record,
)
from travelban.cluster.work import EnginePlugin, Job, ListDelta, newest_list, screen_partition
from travelban.errors import ArticleError, ClusterError, ReportError
from travelban.models import ArticleFailure, ListInfo
from travelban.sanctions import Archive

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """Where the work runs: ``workers`` local processes, or the scheduler at ``scheduler``."""

    workers: int = 1
    scheduler: str = ""  # tcp://HOST:PORT of a running scheduler
    memory_limit: str = "auto"  # per local worker: "2GB", "auto" (RAM / workers), "0" (none)
    timeout: float = 10.0  # seconds to wait for the scheduler


@contextlib.contextmanager
def open_client(spec: ClusterSpec) -> Iterator[Any]:
    """A ``distributed.Client`` on a new local cluster or a running scheduler; closed after."""
    import dask
    from distributed import Client, LocalCluster

    if spec.scheduler:
        try:
            client = Client(spec.scheduler, timeout=spec.timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {spec.scheduler} within "
                f"{spec.timeout:g} s ({type(exc).__name__})",
                fix="start one (`dask scheduler`, then `dask worker ADDRESS`) or check the address",
            ) from None
        try:
            yield client
        finally:
            client.close()
        return
    # quiet: the cluster's own logs would bury the one line a user needs
    with dask.config.set({"distributed.admin.tick.limit": "30s", "logging.distributed": "error"}):
        try:
            cluster = LocalCluster(
                n_workers=spec.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # the HTTP server on a free port, not 8787
                scheduler_kwargs={"dashboard": False},  # nothing listens on a fixed port
                memory_limit=spec.memory_limit,
                silence_logs=logging.ERROR,
            )
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot start {spec.workers} local Dask worker(s) ({type(exc).__name__}: {exc})",
                fix="try fewer --workers or a smaller --memory-limit",
            ) from None
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()


# ---------------------------------------------------------------- the list in use


def list_in_use(job_settings: Any) -> tuple[ListInfo, tuple[str, ...]]:
    """The newest list in use and every snapshot screened against (names), without NLP."""
    s = job_settings
    if s.list_path is not None:
        info = newest_list(s).info
        return info, (info.path.name,)
    archive = Archive.open(s.lists_dir, user_dir=s.user_lists_dir)
    chosen, _ = archive.select(s.as_of)
    snaps = tuple(
        i.path.name
        for i in archive.snapshots
        if not (i.generated_date and chosen.generated_date)
        or i.generated_date <= chosen.generated_date
    )
    return chosen, snaps


def job_for(
    settings: Any, out: Path, *, since: str = "", max_bytes: int | None = None
) -> tuple[Job, ListInfo, tuple[str, ...]]:
    """The job description sent to every task, with the list it rests on."""
    info, snaps = list_in_use(settings)
    job = Job(
        settings=settings,
        out=Path(out).resolve(),
        list_version=version_label(info.generated_date, info.sha256),
        since=since,
    )
    if max_bytes is not None:
        job = replace(job, max_bytes=max_bytes)
    return job, info, snaps


def _fingerprint(job: Job, partition_size: int, delta: ListDelta | None) -> dict[str, str]:
    s = job.settings
    return {
        "mode": "rescreen" if job.since else "screen",
        "since_list": delta.old if delta else "",
        "threshold": f"{s.threshold:g}",
        "review_band": f"{s.review_band:g}",
        "all_events": str(s.all_events),
        "published": s.published.isoformat() if s.published else "",
        "partition_size": str(partition_size),
    }


# ---------------------------------------------------------------- running a job


@dataclass(frozen=True, slots=True)
class JobReport:
    """What a run did: its record (also in the folder), every partition's summary."""

    record: RunRecord
    parts: tuple[PartDone, ...]
    article_failures: tuple[ArticleFailure, ...]
    seconds: float
    startup_seconds: float  # cluster start (or connect) plus loading the engine on workers
    stale: int = 0  # part files from an earlier plan, ignored by readers
    workers: int = 0
    notes: tuple[str, ...] = field(default=())
    incidents: int = -1  # incidents over every partition's findings (-1: not gathered)

    @property
    def complete(self) -> bool:
        return self.record.status == "complete"


def _killed_message(part: Partition, attempts: int, limit: str) -> str:
    return (
        f"{part.describe()}: the worker running it died {attempts} time(s) — out of memory "
        f"(each worker may use {limit}) or killed; raise --memory-limit, or screen that "
        "input on its own"
    )


def _allowed_failures(client: Any) -> int:
    """How many worker deaths the scheduler forgives a task (its setting, else the default)."""
    import dask

    try:
        return int(client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.allowed_failures))
    except Exception:  # a scheduler that refuses run_on_scheduler: its configured default
        return int(dask.config.get("distributed.scheduler.allowed-failures", 3))


def _worker_memory(client: Any) -> str:
    try:
        limits = [w.get("memory_limit") for w in client.scheduler_info()["workers"].values()]
    except Exception:  # an odd scheduler: the message just says less
        return "its memory limit"
    limits = [x for x in limits if x]
    return f"{min(limits) / 2**20:,.0f} MB" if limits else "all the machine's memory"


def run_job(
    client: Any,
    job: Job,
    inputs: Inputs,
    *,
    list_info: ListInfo,
    snapshots: Sequence[str],
    partition_size: int = DEFAULT_PARTITION_SIZE,
    delta: ListDelta | None = None,
    task: Callable[[Partition, Job], PartDone] = screen_partition,
    startup_seconds: float = 0.0,
) -> JobReport:
    """Screen every partition of ``inputs`` on the cluster and record what was done."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    began = time.perf_counter()
    rd = job.result
    fingerprint = _fingerprint(job, partition_size, delta)
    earlier = read_record(rd)
    if earlier is not None and dict(earlier.job) != fingerprint:
        differs = ", ".join(
            f"{k} {earlier.job.get(k, '')!r} here, {v!r} now"
            for k, v in fingerprint.items()
            if earlier.job.get(k) != v
        )
        raise ReportError(
            f"holds a result of another job for list version {job.list_version} ({differs})",
            path=job.out,
            fix="give another -o folder, or repeat the earlier command to resume it",
        )
    record = RunRecord(
        job=fingerprint,
        list_info={
            "file": list_info.path.name,
            "generated": list_info.generated.isoformat() if list_info.generated else "",
            "sha256": list_info.sha256,
            "individuals": list_info.individuals,
            "entities": list_info.entities,
        },
        snapshots=tuple(snapshots),
        settings=job.settings.items(),
        tool_version=__version__,
        started=today_iso(),
        notes=(delta.summary(),) if delta else (),
    )
    write_record(rd, record)

    t0 = time.perf_counter()
    client.register_plugin(EnginePlugin(job.settings, job.since))  # load once per worker
    startup = startup_seconds + (time.perf_counter() - t0)
    workers = len(client.scheduler_info().get("workers", {}))

    input_failures: list[tuple[str, str]] = [(f.source, f.error) for f in inputs.failures]
    planned: list[Partition] = []
    for table in inputs.tables:
        try:
            planned += table_partitions(table, partition_size)
        except ArticleError as exc:
            input_failures.append((str(table), f"{exc.problem} — {exc.fix}"))
    planned += file_partitions(inputs.files, partition_size)

    done: list[PartDone] = []
    failed: list[tuple[str, str]] = []
    keys: list[str] = []
    before = 0
    attempts = _allowed_failures(client) + 1
    limit = _worker_memory(client)
    futures: dict[str, tuple[str, Any]] = {}  # future key -> (kind, partition or stamp)
    pending = as_completed()

    def submit(part: Partition) -> None:
        nonlocal before
        keys.append(part.key)
        found = read_done(rd, part.key)
        if found is not None:
            before += 1
            done.append(replace(found, already=True))
            return
        fut = client.submit(task, part, job, key=f"screen-{part.key}", retries=0, pure=False)
        futures[fut.key] = ("part", part)
        pending.add(fut)

    for warc in inputs.warcs:
        stamp = Stamp.of(warc)
        fut = client.submit(
            warc_offsets, str(warc), key=f"warc-scan-{Partition('warc', (stamp,)).key}"
        )
        futures[fut.key] = ("scan", stamp)
        pending.add(fut)
    for part in planned:
        submit(part)

    try:
        for fut in pending:
            kind, what = futures.pop(fut.key)
            try:
                value = fut.result()
            except KilledWorker:
                if kind == "scan":
                    failed.append((what.path, f"the worker scanning it died {attempts} time(s)"))
                else:
                    failed.append((what.key, _killed_message(what, attempts, limit)))
                continue
            except Exception as exc:  # the task raised: that partition fails, others go on
                where = what.path if kind == "scan" else f"{what.key}: {what.describe()}"
                failed.append((where, f"{type(exc).__name__}: {exc}"))
                continue
            finally:
                fut.release()
            if kind == "scan":
                for part in warc_partitions(what, value, partition_size):
                    submit(part)
            else:
                done.append(value)
                log.info(
                    "partition %s: %d article(s) in %.1f s on %s",
                    value.describe,
                    value.articles,
                    value.seconds,
                    value.worker,
                )
    except KeyboardInterrupt:
        _finish(rd, record, keys, done, before, failed, input_failures, interrupted=True)
        raise
    record = _finish(rd, record, keys, done, before, failed, input_failures, interrupted=False)
    stale = _stale(rd, set(keys))
    incidents = -1
    try:  # one merge over every partition's findings (a partial result: over what is done)
        incidents = len(gather_incidents(rd).incidents)
    except ReportError as exc:  # the screening is recorded; `travelban report` merges again
        log.warning("incidents not gathered: %s", exc)
    return JobReport(
        record=record,
        parts=tuple(done),
        article_failures=tuple(f for p in done for f in p.failed),
        seconds=time.perf_counter() - began,
        startup_seconds=startup,
        stale=stale,
        workers=workers,
        incidents=incidents,
    )


def _finish(
    rd: ResultDir,
    record: RunRecord,
    keys: Sequence[str],
    done: Sequence[PartDone],
    before: int,
    failed: Sequence[tuple[str, str]],
    input_failures: Sequence[tuple[str, str]],
    *,
    interrupted: bool,
) -> RunRecord:
    verdicts: Counter[str] = Counter()
    for p in done:
        verdicts.update(dict(p.findings))
    complete = not failed and not interrupted and len(done) == len(keys)
    notes = list(record.notes)
    if interrupted:
        notes.append("interrupted: run the same command again to resume")
    final = replace(
        record,
        status="complete" if complete else "partial",
        finished=datetime.now(UTC).isoformat(timespec="seconds"),
        partitions=len(keys),
        done_now=len(done) - before,
        done_before=before,
        failed=tuple(failed),
        input_failures=tuple(input_failures),
        articles=sum(p.articles for p in done),
        articles_failed=sum(len(p.failures) for p in done) + len(input_failures),
        skipped=sum(p.skipped for p in done),
        findings=tuple(sorted(verdicts.items())),
        notes=tuple(notes),
    )
    write_record(rd, final)
    _write_keys(rd, keys)
    return final


def _write_keys(rd: ResultDir, keys: Sequence[str]) -> None:
    from travelban.cluster.results import atomic_write

    text = "".join(f"{k}\n" for k in keys)
    atomic_write(rd.plan_file, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _stale(rd: ResultDir, keys: set[str]) -> int:
    folder = rd.root / "_done" / rd.part
    return sum(1 for m in folder.glob("*.json") if m.stem not in keys) if folder.is_dir() else 0
