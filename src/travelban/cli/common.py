"""Options and value parsers shared by several commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from travelban.models import ArticleFailure, SanctionsList
from travelban.sanctions import select_list
from travelban.settings import (
    DEFAULT_REVIEW_BAND,
    DEFAULT_THRESHOLD,
    Settings,
    default_lists_dir,
    user_overlay,
)

F = TypeVar("F", bound=Callable[..., Any])


class DateParam(click.ParamType):
    """An ISO date (YYYY-MM-DD) on the command line."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(
                f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2015-12-16", param, ctx
            )


DATE = DateParam()


def format_option(*choices: str, help: str = "Output format.") -> Callable[[F], F]:
    """--format (parameter ``fmt``) among ``choices``, the first being the default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help,
    )


def lists_dir_option(default: Callable[[], Path] | None = default_lists_dir) -> Callable[[F], F]:
    """--lists-dir; ``default=None`` where a config file may supply the folder."""
    return click.option(
        "--lists-dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=default,
        show_default="your data folder, then the shipped lists",
        help="Folder holding the lists, manifest and domain data (replaces both the "
        "per-user data folder and the lists shipped with travelban).",
    )


def _list_options(lists_dir_default: Callable[[], Path] | None) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        func = click.option(
            "--as-of",
            type=DATE,
            default=None,
            help="Use the newest shipped snapshot generated on or before this date.",
        )(func)
        func = click.option(
            "--list",
            "list_path",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="Use this UN list XML file instead of the shipped archive.",
        )(func)
        return lists_dir_option(lists_dir_default)(func)

    return decorate


list_options = _list_options(default_lists_dir)
"""--lists-dir, --list and --as-of: which UN list snapshot(s) to use."""

config_list_options = _list_options(None)
"""The same options defaulting to None, so that a config file's values apply unless given."""


def screening_options(func: F) -> F:
    """--threshold, --review-band and --fail-on-breach, as screen and rescreen take them."""
    func = click.option(
        "--fail-on-breach", is_flag=True, help="Exit 3 when an apparent breach is found."
    )(func)
    func = click.option(
        "--review-band",
        type=click.FloatRange(0, 1),
        default=DEFAULT_REVIEW_BAND,
        show_default=True,
        help="Lowest score kept as a candidate for review.",
    )(func)
    return click.option(
        "--threshold",
        type=click.FloatRange(0, 1),
        default=DEFAULT_THRESHOLD,
        show_default=True,
        help="Name-match score that raises an alert.",
    )(func)


def screening_settings(
    ctx: click.Context,
    *,
    lists_dir: Path,
    list_path: Path | None,
    as_of: date | None,
    published: date | None,
    threshold: float = DEFAULT_THRESHOLD,
    review_band: float = DEFAULT_REVIEW_BAND,
    all_events: bool = False,
) -> Settings:
    """The settings screen, rescreen and events build from their options (the review band
    never above the threshold)."""
    return Settings(
        lists_dir=lists_dir,
        user_lists_dir=user_overlay(lists_dir),
        list_path=list_path,
        as_of=as_of,
        published=published,
        threshold=threshold,
        review_band=max(0.0, min(review_band, threshold)),
        all_events=all_events,
        debug=bool(ctx.obj and ctx.obj.get("debug")),
    )


def chosen_list(lists_dir: Path, list_path: Path | None, as_of: date | None) -> SanctionsList:
    """The list --list names, else the snapshot --as-of selects; its warning goes to stderr."""
    sl, warning = select_list(lists_dir, list_path, as_of, user_dir=user_overlay(lists_dir))
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return sl


def echo_failures(failures: Iterable[ArticleFailure]) -> None:
    """One ``error: SOURCE: REASON`` line on stderr for each article that failed."""
    for failure in failures:
        click.echo(f"error: {failure.source}: {failure.error}", err=True)
