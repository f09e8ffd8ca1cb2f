"""``travelban match``: screen names against the UN list, with explained scores."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from travelban.cli import cli
from travelban.cli.common import chosen_list, format_option, list_options
from travelban.errors import ConfigError, ExitCode
from travelban.models import Evidence, NameMatch
from travelban.names import NameIndex
from travelban.report.safety import csv_text
from travelban.report.tabular import read_column
from travelban.safezip import check_zip
from travelban.settings import DEFAULT_THRESHOLD
from travelban.text import strip_invisible

log = logging.getLogger(__name__)

MAX_NAME_CHARS = 1000


@dataclass(frozen=True, slots=True)
class _Query:
    text: str  # as screened (for output): invisible characters and outer spaces removed
    error: str = ""  # why it is not screened


def _check(name: str) -> _Query:
    """A query, or the reason it cannot be screened."""
    if len(name) > MAX_NAME_CHARS:
        return _Query(
            name[:80] + "…", f"name is {len(name):,} characters long (limit {MAX_NAME_CHARS})"
        )
    # invisible format characters (a right-to-left mark inside a name) would cut it in two
    text = strip_invisible(name).strip()
    if not text:
        return _Query(name, "empty name")
    if "\x00" in text or "\ufffd" in text:
        return _Query(text.replace("\x00", "\\0"), "name holds binary bytes or invalid UTF-8")
    if any(unicodedata.category(c) == "Cc" for c in text):
        return _Query(text, "name holds control characters")
    if not any(c.isalpha() for c in text):
        return _Query(text, "name has no letters")
    return _Query(text)


def _read_stdin() -> list[str]:
    stream = sys.stdin
    raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode()
    if not raw:
        return []
    text = raw.decode("utf-8-sig", errors="replace")
    if b"\x00" in raw or text.count("\ufffd") > max(2, len(text) // 50):
        raise ConfigError(
            "standard input is binary data, not names",
            path="<stdin>",
            fix="pipe a UTF-8 text file with one name per line",
        )
    return [line for line in text.splitlines() if line.strip()]


def _match_dict(m: NameMatch) -> dict[str, Any]:
    e = m.explanation
    return {
        "reference": m.reference,
        "name": m.name,
        "score": m.score,
        "matched_name": m.matched_name,
        "alias_quality": m.alias_quality.value if m.alias_quality is not None else None,
        "list_type": m.list_type,
        "explanation": {
            "summary": e.summary,
            "scorer": e.scorer,
            "threshold": e.threshold,
            "alignments": [
                {
                    "query_token": a.query_token,
                    "list_token": a.list_token,
                    "similarity": a.similarity,
                    "rule": a.rule,
                }
                for a in e.alignments
            ],
            "adjustments": [{"reason": r, "delta": d} for r, d in e.adjustments],
        },
    }


def _emit(text: str) -> None:
    click.echo(text, nl=False)


def _why(m: NameMatch) -> str:
    rules = sorted({a.rule for a in m.explanation.alignments if a.rule})
    adj = "; ".join(f"{r} {d:+.2f}" for r, d in m.explanation.adjustments)
    return ", ".join(rules) + (f"; {adj}" if adj else "")


@cli.command()
@click.argument("names", nargs=-1)
@click.option(
    "--file",
    "file_",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Read names from a CSV or XLSX file.",
)
@click.option("--column", default=None, help="Column of --file: header name or 1-based number.")
@format_option(
    "table", "json", "csv", help="json: one object per input name per line, in input order."
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Alert threshold: only matches scoring at least this are shown.",
)
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--birth-year", type=click.IntRange(1900, 2100), default=None, help="Evidence.")
@click.option("--nationality", multiple=True, help="Evidence: ISO 3166 alpha-2 code (repeatable).")
@click.option("--title", "titles", multiple=True, help="Evidence: a title or organisation.")
@click.option("--fail-on-match", is_flag=True, help="Exit with code 3 when anything matched.")
@list_options
def match(
    names: tuple[str, ...],
    file_: Path | None,
    column: str | None,
    fmt: str,
    threshold: float,
    limit: int,
    birth_year: int | None,
    nationality: tuple[str, ...],
    titles: tuple[str, ...],
    fail_on_match: bool,
    lists_dir: Path,
    list_path: Path | None,
    as_of: date | None,
) -> None:
    """Screen names against every name and alias of the UN Consolidated List.

    Names come from the arguments, from --file (CSV/XLSX), or one per line on
    standard input. Each match shows the score, the list name or alias that matched
    and why. Exit code 0 whether or not anything matched; 3 with --fail-on-match when
    something did; 1 when no name could be screened.

    \b
    Examples:
      travelban match "Qassem Soleimani"
      travelban match "Ghasem Soleimani" --birth-year 1957 --format json
      printf 'Kim Yong Chol\\nJohn Smith\\n' | travelban match --format csv
      travelban match --file people.xlsx --column "Full name" --fail-on-match
    """
    raw: list[str] = list(names)
    if file_ is not None:
        if file_.is_file():
            check_zip(file_)  # an .xlsx is a zip: a compression bomb is refused unopened
        raw.extend(read_column(file_, column))
        if not raw:
            raise ConfigError("holds no names", path=file_, fix="check --column and the file")
    elif column is not None:
        raise click.UsageError("--column needs --file")
    if not raw and file_ is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("give names as arguments, with --file, or on standard input")
        raw = _read_stdin()
        if not raw:
            raise ConfigError("no names on standard input", fix="pipe one name per line")
    queries = [_check(n) for n in raw]
    good = [q for q in queries if not q.error]
    for q in queries:
        if q.error:
            shown = q.text if len(q.text) <= 60 else q.text[:60] + "…"
            click.echo(f"error: {shown!r}: {q.error}; skipped", err=True)
    if not good:
        if fmt == "json":  # the contract: one object per input name, even a rejected one
            for q in queries:
                _emit(json.dumps({"query": q.text, "error": q.error, "matches": []}) + "\n")
        raise ConfigError("no name could be screened", fix="see the messages above")

    slist = chosen_list(lists_dir, list_path, as_of)
    rules_dir = lists_dir / "names"
    index = NameIndex.build(slist.entries, rules_dir=rules_dir if rules_dir.is_dir() else None)
    evidence = None
    if birth_year or nationality or titles:
        evidence = Evidence(
            birth_year=birth_year,
            nationalities=tuple(n.upper() for n in nationality),
            titles=titles,
        )
    results = index.screen_many(
        [q.text for q in good], evidence=evidence, threshold=threshold, limit=limit
    )
    by_text = dict(zip((q.text for q in good), results, strict=True))
    any_match = False
    if fmt == "json":
        for q in queries:
            obj: dict[str, Any] = {"query": q.text}
            if q.error:
                obj["error"] = q.error
                obj["matches"] = []
            else:
                ms = by_text[q.text]
                any_match = any_match or bool(ms)
                obj["matches"] = [_match_dict(m) for m in ms]
            _emit(json.dumps(obj, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(
            ["query", "rank", "reference", "name", "score", "matched_name", "alias_quality",
             "list_type", "explanation", "error"]
        )  # fmt: skip
        for q in queries:
            ms = () if q.error else by_text[q.text]
            any_match = any_match or bool(ms)
            # Names may come from an untrusted file and the CSV is opened in a spreadsheet:
            # formula-like text is neutralised the same way as in screen's CSV.
            query = csv_text(q.text)
            if not ms:
                w.writerow([query, "", "", "", "", "", "", "", "", csv_text(q.error)])
            for rank, m in enumerate(ms, 1):
                quality = m.alias_quality.value if m.alias_quality is not None else ""
                w.writerow(
                    [query, rank, m.reference, csv_text(m.name), f"{m.score:.3f}",
                     csv_text(m.matched_name), quality, m.list_type,
                     csv_text(m.explanation.summary), ""]
                )  # fmt: skip
        _emit(buf.getvalue())
    else:
        info = slist.info
        click.echo(
            f"Screened against {info.path.name} (generated {info.generated_date}); "
            f"alert threshold {threshold:.2f}",
            err=True,
        )
        for q in queries:
            if q.error:
                continue
            ms = by_text[q.text]
            any_match = any_match or bool(ms)
            _emit(f"\n{q.text}\n")
            if not ms:
                _emit(f"  no match at or above {threshold:.2f}\n")
            for m in ms:
                quality = m.alias_quality.value if m.alias_quality is not None else "name"
                _emit(
                    f"  {m.score:.3f}  {m.reference:<8} {m.name}\n"
                    f"         matched {quality} {m.matched_name!r} ({_why(m)})\n"
                )
                if "near-homonym" in m.explanation.summary:
                    note = m.explanation.summary.split(". ", 1)[-1]
                    _emit(f"         {note}\n")
    if fail_on_match and any_match:
        sys.exit(ExitCode.ALERT)
