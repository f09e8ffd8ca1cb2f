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

_BUG = "this is a bug in travelban; rerun with --debug (`travelban --debug ...`) and report it"


class _Group(click.Group):
    """Renders errors as one line, tracebacks only with --debug, and sets the exit code.

    TravelbanError -> its own message, exit 1; an OSError naming a file -> that file and
    the system's reason, exit 1; any other exception -> one line saying it is a bug,
    exit 1; Ctrl-C -> exit 130. Click's own exceptions (usage errors, exits) pass through.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except TravelbanError as exc:
            if _debug(ctx):
                raise
            click.echo(f"error: {exc.render()}", err=True)
            ctx.exit(ExitCode.ERROR)
        except KeyboardInterrupt:
            if _debug(ctx):
                raise
            click.echo("\ninterrupted", err=True)
            ctx.exit(130)  # the shell's convention for SIGINT (128 + 2)
        except BrokenPipeError:
            raise  # click's main silences a closed stdout (e.g. `| head`)
        except OSError as exc:
            if _debug(ctx):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            reason = exc.strerror or str(exc)
            click.echo(
                f"error: {where}{reason} — check the path and its permissions "
                "(rerun with --debug for details)",
                err=True,
            )
            ctx.exit(ExitCode.ERROR)
        except Exception as exc:
            if _debug(ctx):
                raise
            click.echo(f"error: unexpected {type(exc).__name__}: {exc} — {_BUG}", err=True)
            ctx.exit(ExitCode.ERROR)


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug"))


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
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="travelban")


# Sub-commands register themselves below (one module each).
from travelban.cli import lists_cmd  # noqa: E402,F401,I001  (registration order kept)
from travelban.cli import review_cmd  # noqa: E402,F401
from travelban.cli import run_cmd  # noqa: E402,F401
from travelban.cli import events_cmd  # noqa: E402,F401
from travelban.cli import match_cmd  # noqa: E402,F401
from travelban.cli import screen_cmd  # noqa: E402,F401
from travelban.cli import cluster_cmd  # noqa: E402,F401
