"""The distributed engine on the command line: ``screen --workers/--scheduler``,
``rescreen`` and ``report``.

``screen`` calls ``screen_on_cluster`` when it is given ``--workers``, ``--scheduler`` or
``--format parquet``; the work itself is in ``travelban.cluster``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from travelban.cli import cli
from travelban.cli.common import (
    DATE,
    list_options,
    lists_dir_option,
    screening_options,
    screening_settings,
)
from travelban.errors import ExitCode
from travelban.models import Verdict
from travelban.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def cluster_options(func: F) -> F:
    """--workers, --scheduler, --partition-size, --memory-limit, --connect-timeout."""
    func = click.option(
        "--connect-timeout",
        type=click.FloatRange(0.1),
        default=10.0,
        show_default=True,
        help="Seconds to wait for the --scheduler to answer.",
    )(func)
    func = click.option(
        "--memory-limit",
        default="auto",
        show_default=True,
        help="Memory each local worker may use before Dask restarts it (e.g. 2GB; auto: "
        "the machine's memory shared among the workers).",
    )(func)
    func = click.option(
        "--partition-size",
        type=click.IntRange(1),
        default=None,
        help="Articles (files, WARC records or table rows) per task [default: 200].",
    )(func)
    func = click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        default=None,
        help="Use a running Dask scheduler (and its workers) instead of local workers.",
    )(func)
    return click.option(
        "--workers",
        type=click.IntRange(1, 512),
        default=None,
        help="Start a local Dask cluster of N worker processes (one thread each).",
    )(func)


def screen_on_cluster(
    ctx: click.Context,
    settings: Settings,
    paths: tuple[str, ...],
    output: Path | None,
    *,
    workers: int | None,
    scheduler: str | None,
    partition_size: int | None,
    memory_limit: str,
    connect_timeout: float,
    fail_on_breach: bool,
    since: str = "",
) -> None:
    """Screen (or rescreen) ``paths`` on the cluster into the Parquet folder ``output``."""
    from travelban.cluster.driver import ClusterSpec, job_for, open_client, run_job
    from travelban.cluster.partitions import DEFAULT_PARTITION_SIZE, expand_inputs
    from travelban.cluster.work import list_delta

    if output is None:
        raise click.UsageError("a Parquet result is a folder: give it with -o DIR")
    if output.exists() and not output.is_dir():
        raise click.BadParameter("a Parquet result is a folder, not a file", param_hint="'-o'")
    size = partition_size or DEFAULT_PARTITION_SIZE
    job, info, snaps = job_for(settings, output, since=since)
    delta = None
    if since:
        delta = list_delta(settings, since)
        click.echo(f"rescreen: {delta.summary()}", err=True)
        if not delta.references:
            click.echo("nothing new or changed: nothing to rescreen", err=True)
            return
    inputs = expand_inputs(paths)
    for source, error in ((f.source, f.error) for f in inputs.failures):
        click.echo(f"error: {source}: {error}", err=True)
    if not (inputs.files or inputs.warcs or inputs.tables):
        raise click.UsageError("no input to screen (every path failed, listed above)")
    if logging.getLogger().getEffectiveLevel() > logging.INFO:
        # Dask logs every worker start and stop at INFO; without -v only problems show
        logging.getLogger("distributed").setLevel(logging.ERROR)
    spec = ClusterSpec(
        workers=workers or 1,
        scheduler=scheduler or "",
        memory_limit=memory_limit,
        timeout=connect_timeout,
    )
    t0 = time.perf_counter()
    with open_client(spec) as client:
        report = run_job(
            client,
            job,
            inputs,
            list_info=info,
            snapshots=snaps,
            partition_size=size,
            delta=delta,
            startup_seconds=time.perf_counter() - t0,
        )
    r = report.record
    for failure in report.article_failures:
        click.echo(f"error: {failure.source}: {failure.error}", err=True)
    for where, why in r.failed:
        click.echo(f"error: partition {where}: {why}", err=True)
    counts = dict(r.findings)
    summary = (
        ", ".join(f"{counts[v.value]} {v.value}" for v in Verdict if counts.get(v.value))
        or "no findings"
    )
    skipped = f", {r.skipped} skipped (no new or changed name)" if since else ""
    click.echo(
        f"{r.partitions} partition(s): {r.done_now} screened now, {r.done_before} already "
        f"done, {len(r.failed)} failed; {r.articles} article(s), {r.articles_failed} failed"
        f"{skipped}: {summary}; result: {r.status} in {job.out} "
        f"(list_version={job.list_version}; {report.workers} worker(s), "
        f"{report.seconds:.1f} s)",
        err=True,
    )
    if report.incidents >= 0:
        click.echo(
            f"{report.incidents} incident(s): the findings of every partition merged "
            f"(table {job.out / 'incidents'})",
            err=True,
        )
    if report.stale:
        click.echo(
            f"note: {report.stale} partition(s) from an earlier plan are ignored by readers",
            err=True,
        )
    if r.status != "complete":
        click.echo(
            "the result is PARTIAL: repeat the same command to resume; `travelban report` "
            "marks it partial",
            err=True,
        )
    if fail_on_breach and counts.get(Verdict.APPARENT_BREACH.value):
        ctx.exit(ExitCode.ALERT)
    if r.status != "complete" or r.articles_failed:
        ctx.exit(ExitCode.ERROR)


@cli.command()
@click.argument("archive", nargs=-1, required=True)
@click.option(
    "--since-list",
    "since",
    required=True,
    help="The older list: a list file, an archived file name, or a date (the newest "
    "snapshot generated on or before it).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Result folder (Parquet, partitioned by list version).",
)
@click.option("--published", type=DATE, default=None, help="Publication date of every article.")
@list_options
@screening_options
@cluster_options
@click.pass_context
def rescreen(
    ctx: click.Context,
    archive: tuple[str, ...],
    since: str,
    output: Path,
    published: date | None,
    lists_dir: Path,
    list_path: Path | None,
    as_of: date | None,
    threshold: float,
    review_band: float,
    fail_on_breach: bool,
    workers: int | None,
    scheduler: str | None,
    partition_size: int | None,
    memory_limit: str,
    connect_timeout: float,
) -> None:
    """Screen an archive again for the entries new or changed since an older list.

    The name scan over those entries alone decides which articles need the language
    pipeline, so the cost follows the articles that name someone new, not the archive's
    size. Findings are kept only for new or changed entries. ARCHIVE: files, folders,
    WARC archives or Parquet tables (columns id, url, published, text). Runs on
    --workers local processes (default 1) or on --scheduler.

    \b
    Examples:
      travelban rescreen crawl/ --since-list 2024-09-26 -o results/ --workers 2
      travelban rescreen articles.parquet --since-list old-list.xml -o results/
      travelban report results/ --top 500
    """
    settings = screening_settings(
        ctx,
        lists_dir=lists_dir,
        list_path=list_path,
        as_of=as_of,
        published=published,
        threshold=threshold,
        review_band=review_band,
    )
    screen_on_cluster(
        ctx,
        settings,
        archive,
        output,
        workers=workers,
        scheduler=scheduler,
        partition_size=partition_size,
        memory_limit=memory_limit,
        connect_timeout=connect_timeout,
        fail_on_breach=fail_on_breach,
        since=since,
    )


@cli.command()
@click.argument("result", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Workbook file (.xlsx) or folder.",
)
@click.option(
    "--top",
    type=click.IntRange(1),
    default=None,
    help="Only the N findings of highest confidence [default: all].",
)
@click.option(
    "--list-version",
    default=None,
    help="Which list version of the result [default: the newest it holds].",
)
@lists_dir_option()
def report(
    result: Path, output: Path, top: int | None, list_version: str | None, lists_dir: Path
) -> None:
    """Write the analyst workbook from a Parquet result (findings only).

    RESULT is the -o folder of `screen --format parquet` or `rescreen`. A partial result
    says so in the workbook's Summary sheet and here.

    \b
    Examples:
      travelban report results/
      travelban report results/ --top 200 -o review.xlsx
    """
    from travelban.assess import Regimes
    from travelban.cluster.workbook import write_workbook

    written = write_workbook(
        result,
        output,
        list_version=list_version,
        top=top,
        regimes_table=Regimes.load(lists_dir).table(),
    )
    r = written.record
    click.echo(
        f"{written.shown} of {written.total} finding(s) of list version {written.list_version}"
        f" ({r.status}); report: {written.path}",
        err=True,
    )
    if r.status != "complete":
        click.echo(
            f"warning: the result is {r.status.upper()}: {len(r.failed)} partition(s) failed "
            "or were not run; the workbook holds only what was done",
            err=True,
        )
