"""``travelban events``: the people and travel events the extractor finds in articles."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from travelban.cli import cli
from travelban.cli.common import (
    DATE,
    echo_failures,
    format_option,
    list_options,
    screening_settings,
)
from travelban.errors import ExitCode
from travelban.models import ArticleFailure, Extraction, TravelEvent
from travelban.state import encode


def extraction_json(ex: Extraction) -> dict[str, Any]:
    """A JSON-ready view of one extraction (article metadata, people, events, notes)."""
    a = ex.article
    return {
        "source": a.source,
        "sha256": a.sha256,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "published_source": a.published_source.value,
        "published_evidence": a.published_evidence,
        "people": encode(ex.people),
        "events": encode(ex.events),
        "notes": list(ex.notes),
    }


def _when(e: TravelEvent) -> str:
    w = e.when
    if w.start is None:
        return f'"{w.phrase}" (unresolved)' if w.phrase else "no date given"
    span = w.start.isoformat() if w.start == w.end else f"{w.start} .. {w.end}"
    return f'{span} ({w.precision.value}, from "{w.phrase}")'


def _table(ex: Extraction) -> str:
    a = ex.article
    lines = [f"== {a.source}"]
    if a.published:
        said = f": {a.published_evidence}" if a.published_evidence else ""
        lines.append(f"published {a.published} ({a.published_source.value}{said})")
    else:
        lines.append("published: unknown (relative dates stay unresolved; use --published)")
    lines.append(f"people ({len(ex.people)}):")
    for p in ex.people:
        extra = []
        if p.titles:
            extra.append("titles: " + "; ".join(p.titles))
        if p.descriptions:
            extra.append("described as: " + "; ".join(p.descriptions[:3]))
        if p.aliases:
            extra.append("aliases: " + "; ".join(p.aliases))
        if p.organisations:
            extra.append("organisations: " + "; ".join(p.organisations))
        if p.nationalities:
            extra.append("nationality evidence: " + ", ".join(p.nationalities))
        if p.office_country:
            extra.append(f"public office holder of {p.office_country} (public-figures table)")
        lines.append(f"  {p.pid} {p.name}  [{len(p.mentions)} mention(s)]")
        lines.extend(f"       {x}" for x in extra)
    lines.append(f"travel events ({len(ex.events)}):")
    for e in ex.events:
        who = f"{e.person_id} {e.person_name}" if e.person_id else f"(unresolved) {e.person_name}"
        dest = e.destination
        where = f"{dest.name} [{dest.country or '??'}]" if dest else "?"
        origin = f" from {e.origin.name} [{e.origin.country or '??'}]" if e.origin else ""
        status = e.status.value + (f" by {e.status_source}" if e.status_source else "")
        lines.append(f"  - {who}: {e.kind} -> {where}{origin}; {_when(e)}; {status}")
        if e.exemption:
            lines.append(f'      exemption/permission: "{e.exemption}"')
        lines.append(f"      evidence: {e.evidence}")
    for note in ex.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", type=DATE, default=None, help="Publication date of every article.")
@format_option("table", "json")
@list_options
@click.pass_context
def events(
    ctx: click.Context,
    paths: tuple[str, ...],
    published: date | None,
    fmt: str,
    lists_dir: Path,
    list_path: Path | None,
    as_of: date | None,
) -> None:
    """Print the people and travel events found in articles, with their evidence.

    PATHS are article files (.txt, .md, .html), folders (searched recursively) or - for
    standard input. No screening is done; the UN list's names are only used so that a
    listed person is never missed. Exit status 1 when some article could not be read.

    \b
    Examples:
      travelban events examples/soleimani-moscow.txt --published 2015-12-16
      travelban events inbox/ --format json > events.json
    """
    from travelban.ingest import read_articles
    from travelban.pipeline import Engine

    articles, failures = read_articles(paths, published=published, stdin=sys.stdin.buffer)
    failed = list(failures)
    results: list[Extraction] = []
    if articles:
        settings = screening_settings(
            ctx,
            lists_dir=lists_dir,
            list_path=list_path,
            as_of=as_of,
            published=published,
            all_events=True,
        )
        engine = Engine.load(settings)
        for article in articles:
            try:
                results.append(engine.extractor.extract(article, full=True))
            except Exception as exc:  # one bad article must not sink the batch
                if settings.debug:
                    raise
                failed.append(ArticleFailure(article.source, f"extraction failed: {exc}"))
    if fmt == "json":
        payload: dict[str, Any] = {
            "articles": [extraction_json(r) for r in results],
            "failures": [{"source": f.source, "error": f.error} for f in failed],
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(_table(r) for r in results))
    echo_failures(failed)
    if failed:
        click.echo(
            f"{len(failed)} of {len(failed) + len(results)} file(s) failed; fix or remove "
            "them and run again",
            err=True,
        )
        ctx.exit(ExitCode.ERROR)
