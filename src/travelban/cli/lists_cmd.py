"""``travelban lists``: look at, compare, import and update the UN list copies."""

from __future__ import annotations

import difflib
import json
import textwrap
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import click

from travelban.cli import cli
from travelban.cli.common import chosen_list, format_option, list_options, lists_dir_option
from travelban.errors import ConfigError
from travelban.models import Entry, EntryKind, ListInfo, SanctionsList
from travelban.sanctions import (
    MANIFEST_NAME,
    Archive,
    ListDiff,
    diff_lists,
    load_list,
    normalise_reference,
    read_manifest,
    update_list,
)
from travelban.sanctions.archive import format_generated
from travelban.sanctions.diff import render_alias, render_birth_date, render_document
from travelban.sanctions.parse import read_bytes
from travelban.sanctions.update import import_bytes
from travelban.settings import user_overlay, writable_lists_dir
from travelban.state import encode


def _archive(lists_dir: Path) -> Archive:
    """The archive of ``lists_dir``, with the per-user folder first when it is the shipped one."""
    return Archive.open(lists_dir, user_dir=user_overlay(lists_dir))


def _shipped(lists_dir: Path) -> Path | None:
    """The shipped folder a user folder overlays, or None when --lists-dir names one folder."""
    return lists_dir if user_overlay(lists_dir) is not None else None


@cli.group()
def lists() -> None:
    """Show, compare, import and update the UN Security Council list copies.

    \b
    Examples:
      travelban lists show
      travelban lists entry IRi.039
      travelban lists diff 2024-09-26 2026-01-28
      travelban lists update --from consolidated.xml
    """


# ---------------------------------------------------------------- helpers


def _generated(info: ListInfo) -> str:
    return format_generated(info.generated) or "(not stated)"


def _resolve(spec: str, lists_dir: Path, archive: Archive | None) -> SanctionsList:
    """A list named on the command line: a file path, an archived file name, or a date."""
    path = Path(spec)
    if path.is_file():
        return load_list(path)
    if archive is None:
        archive = _archive(lists_dir)
    info = archive.find(spec)
    if info is None:
        names = ", ".join(i.path.name for i in archive.snapshots)
        raise ConfigError(
            f"{spec!r} is neither a list file nor a date on or after the oldest snapshot",
            fix=f"give a path, a date (YYYY-MM-DD) or one of: {names}",
        )
    return archive.load(info)


def _field(label: str, value: str) -> str:
    head = f"  {label + ':' if label else '':<17}"
    if not value:
        return head + "-"
    lines = textwrap.wrap(value, width=96) or [""]
    return head + ("\n" + " " * 19).join(lines)


def _many(label: str, values: tuple[str, ...] | list[str]) -> list[str]:
    if not values:
        return [_field(label, "")]
    out = [_field(label, values[0])]
    out.extend(_field("", v) for v in values[1:])
    return out


def render_entry(entry: Entry, info: ListInfo, history: list[str] | None = None) -> str:
    """One entry in full, as readable text."""
    lines = [f"{entry.reference}  {entry.name}"]
    lines.append(_field("kind", entry.kind.value))
    lines.append(_field("UN list type", f"{entry.list_type} (regime {entry.regime})"))
    lines.append(_field("listed on", entry.listed_on.isoformat() if entry.listed_on else ""))
    lines.append(_field("DATAID", entry.dataid))
    if entry.kind is EntryKind.INDIVIDUAL:
        lines.append(_field("name parts", " | ".join(entry.name_parts)))
    lines.append(_field("original script", entry.original_script))
    lines.extend(_many("titles", entry.titles))
    lines.extend(_many("designations", entry.designations))
    lines.extend(_many("nationalities", entry.nationalities))
    if entry.gender:
        lines.append(_field("gender", entry.gender))
    lines.append(f"  aliases ({len(entry.aliases)}):")
    for a in entry.aliases:
        script = " [original script]" if a.original_script else ""
        lines.append(f"    {render_alias(a)}{script}")
    lines.extend(_many("born", [render_birth_date(b) for b in entry.birth_dates]))
    lines.extend(_many("born in", entry.birth_places))
    lines.extend(_many("documents", [render_document(d) for d in entry.documents]))
    lines.extend(_many("addresses", entry.addresses))
    lines.append(_field("last updated", ", ".join(d.isoformat() for d in entry.last_updated)))
    lines.append(_field("INTERPOL link", entry.interpol_link))
    lines.append(_field("comments", entry.comments))
    if history:
        lines.append("  measure history (1737 Committee export):")
        lines.extend(f"    {h}" for h in history)
    lines.append(_field("source", f"{info.path.name} (generated {_generated(info)})"))
    return "\n".join(lines)


def _print_diff(d: ListDiff, width: int) -> None:
    old = f"{d.old.path.name} (generated {_generated(d.old)})" if d.old else "(nothing)"
    click.echo(f"old: {old}")
    click.echo(f"new: {d.new.path.name} (generated {_generated(d.new)})")
    click.echo(d.summary())
    if d.added:
        click.echo(f"\nAdded ({len(d.added)}):")
        for e in d.added:
            click.echo(f"  + {e.reference:<9} {e.name}  [{e.list_type}]")
    if d.removed:
        click.echo(f"\nRemoved ({len(d.removed)}):")
        for e in d.removed:
            click.echo(f"  - {e.reference:<9} {e.name}  [{e.list_type}]")
    if d.changed:
        click.echo(f"\nChanged ({len(d.changed)}):")
        for c in d.changed:
            click.echo(f"  ~ {c.reference:<9} {c.name}: {', '.join(c.fields)}")
            if width:
                for fc in c.changes:
                    click.echo(f"      {fc.describe(width)}")


def _diff_json(d: ListDiff) -> dict[str, Any]:
    return {
        "old": encode(d.old),
        "new": encode(d.new),
        "added": [{"reference": e.reference, "name": e.name} for e in d.added],
        "removed": [{"reference": e.reference, "name": e.name} for e in d.removed],
        "changed": [
            {
                "reference": c.reference,
                "name": c.name,
                "fields": [
                    {"field": f.field, "old": list(f.old), "new": list(f.new)} for f in c.changes
                ],
            }
            for c in d.changed
        ],
    }


# ---------------------------------------------------------------- commands


@lists.command()
@list_options
def show(lists_dir: Path, list_path: Path | None, as_of: date | None) -> None:
    """Show which list is in use: file, generation date, sha256 and counts by regime.

    Without --list or --as-of this is the newest archived snapshot; the archive itself
    (each folder verified against its manifest.json) is listed below it, saying which
    folder each snapshot came from: your data folder or the lists shipped with travelban.

    \b
    Examples:
      travelban lists show
      travelban lists show --as-of 2016-01-01
      travelban lists show --list ~/Downloads/consolidated.xml
    """
    sl = chosen_list(lists_dir, list_path, as_of)
    info = sl.info
    click.echo(f"file:        {info.path}")
    click.echo(f"generated:   {_generated(info)}")
    click.echo(f"sha256:      {info.sha256}")
    click.echo(f"entries:     {info.individuals} individuals, {info.entities} entities")
    counts: Counter[tuple[str, str, EntryKind]] = Counter(
        (e.regime, e.list_type, e.kind) for e in sl.entries
    )
    regimes = sorted({(r, t) for r, t, _ in counts}, key=lambda x: (x[0], x[1]))
    click.echo("\n  regime  UN_LIST_TYPE        individuals  entities")
    for regime, list_type in regimes:
        ind = counts[(regime, list_type, EntryKind.INDIVIDUAL)]
        ent = counts[(regime, list_type, EntryKind.ENTITY)]
        click.echo(f"  {regime:<7} {list_type:<19} {ind:>11}  {ent:>8}")
    if list_path is None and (lists_dir / MANIFEST_NAME).exists():
        archive = _archive(lists_dir)
        folders = list(dict.fromkeys(archive.folder_of(r) for r in archive.rows))
        for folder in folders:
            label = "your data folder" if folder != archive.lists_dir else "shipped"
            if _shipped(lists_dir) is None:
                label = "--lists-dir"
            click.echo(f"\narchive, {label} ({folder / MANIFEST_NAME}):")
            for row in archive.rows:
                if archive.folder_of(row) != folder:
                    continue
                mark = "*" if row.sha256 == info.sha256 else " "
                gen = row.generated.date().isoformat() if row.generated else "-"
                click.echo(
                    f" {mark} {row.file:<44} {row.kind.value:<16} {gen:<10} "
                    f"{row.individuals:>4} / {row.entities:<4}"
                )


@lists.command()
@click.argument("reference")
@list_options
@format_option("text", "json")
def entry(
    reference: str, lists_dir: Path, list_path: Path | None, as_of: date | None, fmt: str
) -> None:
    """Print one entry in full (names, aliases, dates, documents, comments, history).

    REFERENCE is the UN reference number; stray spaces, a trailing dot and the case of
    the i/e letter are forgiven ("iri.039" finds IRi.039).

    \b
    Examples:
      travelban lists entry IRi.039
      travelban lists entry IRi.040 --as-of 2016-01-01
      travelban lists entry QDe.014 --format json
    """
    ref = normalise_reference(reference)
    if not ref:
        raise click.BadParameter(
            "the reference is empty; give one such as IRi.039", param_hint="'REFERENCE'"
        )
    sl = chosen_list(lists_dir, list_path, as_of)
    by_ref = sl.by_reference()
    found = by_ref.get(ref)
    if found is None:
        folded = {r.casefold(): r for r in by_ref}
        found = by_ref.get(folded.get(ref.casefold(), ""))
    if found is None:
        close = difflib.get_close_matches(ref, list(by_ref), n=5, cutoff=0.6)
        elsewhere = ""
        if list_path is None and (lists_dir / MANIFEST_NAME).exists():
            archive = _archive(lists_dir)
            seen = [s.info.path.name for s in archive.load_all() if ref in s.by_reference()]
            if seen:
                elsewhere = f"; it is in {', '.join(seen)} (use --as-of or --list)"
        raise ConfigError(
            f"unknown reference {reference!r} in {sl.info.path.name}{elsewhere}",
            fix=f"close references: {', '.join(close)}"
            if close
            else "see `travelban lists show` for the regimes in this list",
        )
    history: list[str] = []
    if list_path is None and found.regime == "IR":
        legacy = _archive(lists_dir).legacy_1737()
        old = legacy.by_reference().get(found.reference) if legacy else None
        if old is not None:
            history.append(f"old identification {old.identification}")
            for day, measures in old.measure_history():
                history.append(f"{day.isoformat() if day else 'later     '}  {measures}")
    if fmt == "json":
        doc = encode(found)
        doc["source"] = encode(sl.info)
        if history:
            doc["measure_history"] = history
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(render_entry(found, sl.info, history))


@lists.command()
@click.argument("old")
@click.argument("new")
@lists_dir_option()
@click.option(
    "--width",
    type=click.IntRange(0, 10_000),
    default=100,
    show_default=True,
    help="Characters shown per changed value; 0 lists only the changed field names.",
)
@format_option("text", "json")
def diff(old: str, new: str, lists_dir: Path, width: int, fmt: str) -> None:
    """Compare two lists: entries added, removed and changed, by reference number.

    OLD and NEW are list files, archived file names, or dates (the newest snapshot
    generated on or before that date).

    \b
    Examples:
      travelban lists diff 2024-09-26 2026-01-28
      travelban lists diff lists/un-consolidated-2026-01-28.xml ~/new.xml --width 0
    """
    archive = None
    if not (Path(old).is_file() and Path(new).is_file()):
        archive = _archive(lists_dir)
    d = diff_lists(_resolve(old, lists_dir, archive), _resolve(new, lists_dir, archive))
    if fmt == "json":
        click.echo(json.dumps(_diff_json(d), ensure_ascii=False, indent=2))
    else:
        _print_diff(d, width)


@lists.command(name="import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@lists_dir_option()
def import_(file: Path, lists_dir: Path) -> None:
    """Validate a UN list XML file and add it to the archive with a manifest row.

    The file is parsed completely first; an invalid file is refused and nothing in the
    archive changes. A file already archived (same sha256) is reported, not added twice.
    It is written to your data folder (not into the installed package), unless
    --lists-dir names another folder.

    \b
    Example:
      travelban lists import ~/Downloads/consolidated.xml
    """
    data = read_bytes(file)
    target = writable_lists_dir(lists_dir)
    info, added = import_bytes(data, str(file), target, shipped_dir=_shipped(lists_dir))
    if not added:
        click.echo(f"{file} is already archived as {info.path.name}; nothing added")
        return
    click.echo(
        f"added {info.path} (generated {_generated(info)}, {info.individuals} individuals, "
        f"{info.entities} entities, sha256 {info.sha256[:16]}…)"
    )


@lists.command()
@click.option(
    "--from",
    "source",
    required=True,
    metavar="URL|FILE",
    help="Where the new list comes from: an http(s) URL (fetched now) or a local file.",
)
@lists_dir_option()
@click.option(
    "--width",
    type=click.IntRange(0, 10_000),
    default=0,
    show_default=True,
    help="Characters shown per changed value; 0 lists only the changed field names.",
)
def update(source: str, lists_dir: Path, width: int) -> None:
    """Refresh the UN list: validate, archive (older copies kept) and print the diff.

    Works offline from a file. A URL is fetched only when given, e.g. the official
    https://scsanctions.un.org/resources/xml/en/consolidated.xml

    \b
    Examples:
      travelban lists update --from ~/Downloads/consolidated.xml
      travelban lists update --from https://scsanctions.un.org/resources/xml/en/consolidated.xml
    """
    target = writable_lists_dir(lists_dir)
    shipped = _shipped(lists_dir)
    before: set[Path] = set()
    if (target / MANIFEST_NAME).exists():
        before |= {target / r.file for r in read_manifest(target)}
    if shipped is not None:
        before |= {shipped / r.file for r in read_manifest(shipped)}
    info, d = update_list(source, target, shipped_dir=shipped)
    if info.path in before:
        click.echo(f"{source} is already archived as {info.path.name}; nothing added")
    else:
        click.echo(f"added {info.path} (generated {_generated(info)})")
    _print_diff(d, width)
