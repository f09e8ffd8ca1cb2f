"""``travelban review``: record the analysts' decisions from report workbooks, and list them."""

from __future__ import annotations

import json
from pathlib import Path

import click

from travelban.cli import cli
from travelban.cli.common import format_option
from travelban.config import RunConfig, load_config
from travelban.errors import ExitCode, StateError
from travelban.runner import ImportProblem, import_workbooks
from travelban.state import Store, StoredDecision


def _state_path(config_path: Path | None, state: Path | None) -> Path:
    """--state, else the config's state, else the default file in the current folder."""
    if state is not None:
        return state
    return (load_config(config_path) if config_path else RunConfig()).state


_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="TOML config of the scheduled runs (for its state file).",
)
_state_option = click.option(
    "--state",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="State database file.  [default: the config's, else travelban-state.sqlite]",
)


@cli.group()
def review() -> None:
    """Analysts' decisions: import them from report workbooks and list them.

    Decisions typed in the Decision / Reviewer / Review date / Notes columns of a
    report's Findings sheet are recorded in the state database. Nothing is ever
    overwritten: identical rows are kept once, differing ones are all kept and shown.

    \b
    Examples:
      travelban review import reports/travelban-20260509-060000-list-2026-05-08.xlsx
      travelban review list --config travelban.toml --conflicts
    """


@review.command("import")
@click.argument("workbooks", nargs=-1, required=True, type=click.Path(path_type=Path))
@_config_option
@_state_option
@click.pass_context
def import_command(
    ctx: click.Context, workbooks: tuple[Path, ...], config_path: Path | None, state: Path | None
) -> None:
    """Record the decisions typed in report workbooks.

    A workbook that cannot be read is reported and skipped; the others are still
    imported. A Decision cell that is not one of the dropdown values is kept exactly as
    typed (and shown as a note in later reports) and reported with its file and row.
    Exit status: 0 all imported; 1 a workbook was skipped or a value was not valid.

    \b
    Examples:
      travelban review import reports/*.xlsx
      travelban review import --state state/travelban.sqlite reviewed.xlsx
    """
    path = _state_path(config_path, state)
    missing = [p for p in workbooks if not p.is_file()]
    present = [p for p in workbooks if p.is_file()]
    with Store(path) as store:
        summary = import_workbooks(store, present, skip_known=False, quiet=True)
    problems = [
        ImportProblem(str(p), 0, "no such workbook — check the path") for p in missing
    ] + list(summary.failed)
    for p in problems:
        click.echo(f"error: skipped {p.render()}", err=True)
    for p in summary.invalid:
        click.echo(f"warning: {p.render()}", err=True)
    click.echo(
        f"{summary.added} decision(s) recorded from {len(summary.read)} workbook(s), "
        f"{summary.repeated} already known; state: {path}"
    )
    if problems or summary.invalid:
        ctx.exit(ExitCode.ERROR)


def _row(d: StoredDecision, conflict: bool) -> dict[str, object]:
    return {
        "finding_key": d.finding_key,
        "decision": d.typed,
        "valid": d.decision is not None,
        "conflict": conflict,
        "reviewer": d.reviewer,
        "review_date": d.review_date,
        "notes": d.notes,
        "source": f"{d.source_file}:{d.source_row}" if d.source_file else "",
        "imported_at": d.imported_at,
    }


@review.command("list")
@_config_option
@_state_option
@click.option("--key", "key_part", default=None, help="Only findings whose key contains this.")
@click.option("--conflicts", is_flag=True, help="Only findings with differing decisions.")
@format_option("table", "json")
def list_command(
    config_path: Path | None, state: Path | None, key_part: str | None, conflicts: bool, fmt: str
) -> None:
    """List recorded decisions, oldest first; conflicting ones are marked with '!'.

    \b
    Examples:
      travelban review list
      travelban review list --key IRi.039 --format json
    """
    path = _state_path(config_path, state)
    if not path.exists():
        raise StateError(
            "no state database here yet",
            path=path,
            fix="pass --state (or --config) naming the database of your runs, or record "
            "decisions first with `travelban review import`",
        )
    with Store(path) as store:
        rows = store.decisions()
    if key_part:
        rows = [d for d in rows if key_part in d.finding_key]
    values: dict[str, set[str]] = {}
    for d in rows:
        values.setdefault(d.finding_key, set()).add(d.typed)
    conflicted = {k for k, v in values.items() if len(v) > 1}
    if conflicts:
        rows = [d for d in rows if d.finding_key in conflicted]
    out = [_row(d, d.finding_key in conflicted) for d in rows]
    if fmt == "json":
        click.echo(json.dumps({"state": str(path), "decisions": out}, indent=2, ensure_ascii=False))
        return
    if not out:
        click.echo(f"no decisions recorded in {path}")
        return
    headers = ["", "finding key", "decision", "reviewer", "date", "notes", "source"]
    table = [
        [
            "!" if r["conflict"] else "",
            str(r["finding_key"]),
            str(r["decision"]) + ("" if r["valid"] else " (not a valid value)"),
            str(r["reviewer"]),
            str(r["review_date"]),
            str(r["notes"]).replace("\n", " ")[:60],
            str(r["source"]),
        ]
        for r in out
    ]
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(headers)]
    for row in [headers, *table]:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    if conflicted:
        click.echo(f"{len(conflicted)} finding(s) with conflicting decisions (marked !)")
