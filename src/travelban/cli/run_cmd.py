"""``travelban run``: the scheduled job — screen what is new in the inbox, carry decisions."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from travelban.cli import cli
from travelban.cli.common import config_list_options
from travelban.config import RunConfig, load_config
from travelban.errors import ConfigError, ExitCode, TravelbanError
from travelban.runner import ProgressFn, RunSummary, run
from travelban.state import Change

_FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@contextmanager
def run_logging(log_path: Path, *, terminal: bool, debug: bool) -> Iterator[Any]:
    """Log to the log file always, and to stderr: plain lines, or rich beside a progress bar.

    Yields the rich Console on a terminal (for the progress bar), else None.
    """
    logger = logging.getLogger("travelban")
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.FileHandler(log_path, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"cannot open the log file ({exc.strerror})",
            path=log_path,
            fix="make its folder writable, or choose another with --log-file",
        ) from None
    file_handler.setFormatter(logging.Formatter(_FILE_FORMAT))
    file_handler.setLevel(logging.DEBUG if debug else logging.INFO)
    console = None
    stderr_handler: logging.Handler
    if terminal:
        from rich.console import Console
        from rich.logging import RichHandler

        console = Console(stderr=True)
        stderr_handler = RichHandler(console=console, show_path=False, show_time=False)
        stderr_handler.setLevel(logging.DEBUG if debug else logging.WARNING)
    else:
        stderr_handler = logging.StreamHandler(sys.stderr)
        stderr_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stderr_handler.setLevel(logging.DEBUG if debug else logging.INFO)
    saved = (logger.level, logger.propagate, list(logger.handlers))
    logger.handlers = [file_handler, stderr_handler]
    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    logger.propagate = False
    try:
        yield console
    except TravelbanError as exc:  # the CLI prints it; the log file must keep it too
        file_handler.handle(
            logging.makeLogRecord(
                {
                    "name": "travelban.run",
                    "levelno": logging.ERROR,
                    "levelname": "ERROR",
                    "msg": "%s",
                    "args": (exc.render(),),
                }
            )
        )
        raise
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]
        file_handler.close()


@contextmanager
def progress_bar(console: Any) -> Iterator[ProgressFn | None]:
    """A rich progress bar on a terminal; None (no bar) otherwise."""
    if console is None:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield update


def summary_lines(s: RunSummary) -> list[str]:
    """The run in a few lines for stdout."""
    list_note = (
        "list changed: earlier articles screened again" if s.list_changed else "list unchanged"
    )
    lines = [
        f"run #{s.run_id}: {s.articles_new} new article(s), {s.articles_seen} already seen, "
        f"{s.articles_failed} failed, {s.articles_rescreened} screened again; {list_note}",
    ]
    if s.interrupted_runs or s.carried_over:
        lines.append(
            f"carried over {s.carried_over} article(s) from interrupted run(s) "
            + ", ".join(f"#{i}" for i in s.interrupted_runs)
        )
    lines.append(
        f"findings: {s.count(Change.NEW)} new, {s.count(Change.GONE)} gone, "
        f"{s.count(Change.CHANGED)} changed verdict; "
        f"{len(s.alerts)} new apparent breach(es) to review"
    )
    for c in s.changes:
        if c.change is not Change.NEW:
            lines.append(f"  {c.describe()}")
    imp = s.imports
    lines.append(
        f"decisions: {imp.added} recorded from {len(imp.read)} workbook(s)"
        + (f", {len(imp.invalid)} invalid value(s) kept as typed" if imp.invalid else "")
        + (f", {len(imp.failed)} workbook(s) skipped" if imp.failed else "")
    )
    lines.append(f"report: {s.report}")
    return lines


@cli.command("run")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="TOML config file; every key is also a flag below (flags win).",
)
@click.option(
    "--inbox",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Folder of incoming articles (repeatable; searched recursively).",
)
@click.option("--reports", type=click.Path(path_type=Path), default=None, help="Reports folder.")
@click.option(
    "--state",
    type=click.Path(path_type=Path),
    default=None,
    help="State database file.  [default: travelban-state.sqlite beside the config]",
)
@click.option(
    "--log-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Log file.  [default: the state file with .log]",
)
@config_list_options
@click.option(
    "--threshold", type=click.FloatRange(0, 1), default=None, help="Name-match alert threshold."
)
@click.option(
    "--review-band",
    type=click.FloatRange(0, 1),
    default=None,
    help="Lowest name-match score kept for review.",
)
@click.option(
    "--rescreen", is_flag=True, default=False, help="Screen every article again, seen or not."
)
@click.option(
    "--fail-on-breach/--no-fail-on-breach",
    default=None,
    help="Exit 3 when the run finds new apparent breaches (not marked False positive).",
)
@click.pass_context
def run_command(
    ctx: click.Context,
    config_path: Path | None,
    inbox: tuple[Path, ...],
    reports: Path | None,
    state: Path | None,
    log_file: Path | None,
    lists_dir: Path | None,
    list_path: Path | None,
    as_of: date | None,
    threshold: float | None,
    review_band: float | None,
    rescreen: bool,
    fail_on_breach: bool | None,
) -> None:
    """Screen the new articles of an inbox and write the run's report (for cron/systemd).

    Only articles whose content was never seen are screened (all with --rescreen). When
    the UN list changed since an article was screened, it is screened again from the
    text kept in the state database, and new and vanished findings are reported. Before
    screening, the analysts' decisions are imported from every workbook in the reports
    folder; findings they marked False positive are shown under "Previously reviewed"
    and not alerted again. A report is written on every run, even an empty one.

    Exit status: 0 done (unreadable articles are listed in the report and the log);
    1 error (bad config, another run holds the lock, damaged state database ...);
    3 with --fail-on-breach when new apparent breaches were found.

    \b
    Examples:
      travelban run --config travelban.toml
      travelban run --inbox inbox/ --reports reports/ --state state/travelban.sqlite
      travelban run --config travelban.toml --rescreen --fail-on-breach
    """
    base = load_config(config_path) if config_path is not None else RunConfig()
    config = base.merged(
        inbox=inbox,
        reports=reports,
        state=state,
        log_file=log_file,
        lists_dir=lists_dir,
        list_path=list_path,
        as_of=as_of,
        threshold=threshold,
        review_band=review_band,
        fail_on_breach=fail_on_breach,
        rescreen=rescreen or None,
    )
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    terminal = sys.stderr.isatty()
    with (
        run_logging(config.log_path, terminal=terminal, debug=debug) as console,
        progress_bar(console) as progress,
    ):
        summary = run(config, debug=debug, progress=progress)
    for line in summary_lines(summary):
        click.echo(line)
    if config.fail_on_breach and summary.alerts:
        ctx.exit(ExitCode.ALERT)
