"""``travelban screen``: the main job — articles in, findings out."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import click

from travelban.cli import cli
from travelban.cli.cluster_cmd import cluster_options, screen_on_cluster
from travelban.cli.common import (
    DATE,
    echo_failures,
    format_option,
    list_options,
    screening_options,
    screening_settings,
)
from travelban.errors import ArticleError, ExitCode
from travelban.ingest import iter_articles, read_articles
from travelban.models import Article, ArticleFailure, Verdict
from travelban.pipeline import Engine, screen_articles
from travelban.settings import Settings


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", type=DATE, default=None, help="Publication date of every article.")
@list_options
@format_option(
    "xlsx",
    "json",
    "csv",
    "jsonl",
    "parquet",
    help="Report format; jsonl streams one finding per line as each article is screened; "
    "parquet (a folder, with --workers or --scheduler) is for archives.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Report file or folder (default: reports/; JSON and JSONL go to stdout without -o). "
    "For csv, a file name ending in .csv gets the findings alone; a folder gets every table.",
)
@screening_options
@click.option(
    "--all-events",
    is_flag=True,
    help="Run the full language pipeline on every article (slower), not only on articles "
    "where the list scan finds a listed name.",
)
@cluster_options
@click.pass_context
def screen(
    ctx: click.Context,
    paths: tuple[str, ...],
    published: date | None,
    lists_dir: Path,
    list_path: Path | None,
    as_of: date | None,
    fmt: str,
    output: Path | None,
    threshold: float,
    review_band: float,
    fail_on_breach: bool,
    all_events: bool,
    workers: int | None,
    scheduler: str | None,
    partition_size: int | None,
    memory_limit: str,
    connect_timeout: float,
) -> None:
    """Screen news articles for travel by UN-sanctioned people and write a report.

    PATHS are article files (.txt, .md, .html, .pdf), RSS/Atom feeds (one article per
    entry), web archives (.warc, .warc.gz; one article per page), folders (searched
    recursively) or - for standard input. Exit status: 0 done; 1 some article could not
    be read (listed in the report) or none could; 3 with --fail-on-breach when an
    apparent breach was found.

    \b
    Examples:
      travelban screen examples/soleimani-moscow.txt
      travelban screen inbox/ --format json > findings.json
      travelban screen news.rss crawl.warc.gz --format jsonl | jq .verdict
      travelban screen report.pdf --format csv -o findings.csv
      travelban screen article.txt --published 2015-12-16 --as-of 2015-12-31 -o reports/
      travelban screen crawl/ --workers 2 --format parquet -o results/
    """
    from travelban import report  # imported late: openpyxl/pandas only when writing
    from travelban.report.paths import check_destination

    if output is not None and str(output) == "-":
        if fmt not in ("json", "jsonl"):
            raise click.BadParameter(
                "'-' (standard output) works only with --format json or jsonl", param_hint="'-o'"
            )
        output = None
    settings = screening_settings(
        ctx,
        lists_dir=lists_dir,
        list_path=list_path,
        as_of=as_of,
        published=published,
        threshold=threshold,
        review_band=review_band,
        all_events=all_events,
    )
    if fmt == "parquet" or workers or scheduler:
        if fmt != "parquet":
            raise click.UsageError(
                "--workers and --scheduler write a Parquet result: add --format parquet -o DIR "
                "(then `travelban report DIR` for the workbook)"
            )
        screen_on_cluster(
            ctx,
            settings,
            paths,
            output,
            workers=workers,
            scheduler=scheduler,
            partition_size=partition_size,
            memory_limit=memory_limit,
            connect_timeout=connect_timeout,
            fail_on_breach=fail_on_breach,
        )
        return
    # Cheap checks first, so a bad destination or unreadable input fails in a moment,
    # before the lists and the language model are loaded.
    if fmt not in ("json", "jsonl") or output is not None:
        check_destination(output or Path(settings.reports_dir), f".{fmt}")
    started = datetime.now(UTC)
    if fmt == "jsonl" and output is None:
        _stream_jsonl(ctx, settings, paths, published, fail_on_breach, started)
        return
    articles, failures = read_articles(paths, published=published, stdin=sys.stdin.buffer)
    echo_failures(failures)
    if not articles:
        raise ArticleError(
            f"no article could be read ({len(failures)} failed, listed above); nothing written",
            fix="give article files (.txt, .md, .html) with readable text, or - for stdin",
        )
    engine = Engine.load(settings)  # logs a warning when --as-of precedes every snapshot
    result = screen_articles(engine, articles, failures, started=started)
    echo_failures(result.failures[len(failures) :])

    entries = dict(engine.entries)
    if fmt == "json" and output is None:
        report.write_json(result, sys.stdout, entries=entries)
        written = "stdout"
    elif fmt == "json":
        assert output is not None
        written = str(report.write_json(result, output, entries=entries))
    elif fmt == "jsonl":
        assert output is not None
        written = str(report.write_jsonl(result, output))
    elif fmt == "csv":
        folder = output or Path(settings.reports_dir)
        written = ", ".join(str(p) for p in report.write_csv(result, folder, entries=entries))
    else:
        written = str(
            report.write_xlsx(
                result,
                output or Path(settings.reports_dir),
                entries=entries,
                regimes_table=engine.regimes.table(),
            )
        )

    counts = Counter(f.verdict for f in result.findings)
    summary = ", ".join(f"{counts[v]} {v.value}" for v in Verdict if counts[v]) or "no findings"
    click.echo(
        f"{len(result.articles)} article(s), {len(result.failures)} failed: {summary}; "
        f"report: {written}",
        err=True,
    )
    if fail_on_breach and counts[Verdict.APPARENT_BREACH]:
        ctx.exit(ExitCode.ALERT)
    if result.failures:
        ctx.exit(ExitCode.ERROR)


def _stream_jsonl(
    ctx: click.Context,
    settings: Settings,
    paths: tuple[str, ...],
    published: date | None,
    fail_on_breach: bool,
    started: datetime,
) -> None:
    """Screen article by article as they are read (a WARC record at a time) and print each
    finding as one JSON line the moment its article is done."""
    from travelban.report import finding_line

    engine: Engine | None = None
    articles: list[Article] = []
    failures: list[ArticleFailure] = []
    counts: Counter[Verdict] = Counter()
    out = sys.stdout
    for item in iter_articles(paths, published=published, stdin=sys.stdin.buffer):
        if isinstance(item, ArticleFailure):
            failures.append(item)
            echo_failures([item])
            continue
        if engine is None:
            engine = Engine.load(settings)
        result = screen_articles(engine, [item], started=started)
        echo_failures(result.failures)
        failures.extend(result.failures)
        for finding in result.findings:
            out.write(finding_line(finding))
            counts[finding.verdict] += 1
        out.flush()
        articles.extend(result.articles)
    if not articles:
        raise ArticleError(
            f"no article could be read ({len(failures)} failed, listed above); nothing written",
            fix="give article files (.txt, .md, .html) with readable text, or - for stdin",
        )
    summary = ", ".join(f"{counts[v]} {v.value}" for v in Verdict if counts[v]) or "no findings"
    click.echo(f"{len(articles)} article(s), {len(failures)} failed: {summary}", err=True)
    if fail_on_breach and counts[Verdict.APPARENT_BREACH]:
        ctx.exit(ExitCode.ALERT)
    if failures:
        ctx.exit(ExitCode.ERROR)
