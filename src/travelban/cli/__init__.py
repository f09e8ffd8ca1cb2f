"""The command line. The only package that imports click.

It reads options, builds a ``Settings``, calls core functions, renders errors as one
line (traceback only with ``--debug``) and sets the exit code.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from travelban import __version__
from travelban.errors import ExitCode, TravelbanError


class _Group(click.Group):
    """Renders TravelbanError as one line and maps it to exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TravelbanError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"error: {exc.render()}", err=True)
            ctx.exit(ExitCode.ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="travelban")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, verbose: bool) -> None:
    """Find travel by UN-sanctioned people in news and judge it against UN travel bans.

    \b
    Example:
      travelban screen examples/soleimani-moscow.txt -o reports/
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    level = logging.DEBUG if debug else (logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="travelban")


# Sub-commands register themselves below (one module each).
from travelban.cli import lists_cmd  # noqa: E402,F401
from travelban.cli import review_cmd  # noqa: E402,F401
from travelban.cli import run_cmd  # noqa: E402,F401
from travelban.cli import events_cmd  # noqa: E402,F401
from travelban.cli import match_cmd  # noqa: E402,F401
from travelban.cli import screen_cmd  # noqa: E402,F401
