"""Incidents of a whole Parquet result: one merge over every partition's findings.

Workers write their tables one partition at a time, so the incidents each one sees (and
the Findings table's ``Incident`` column it writes) only join reports within that
partition: ten outlets' reports of one trip, read by ten tasks, are ten incidents there.
``gather_incidents`` reads back the findings of every partition of the last plan, rebuilds
what ``merge_incidents`` reads from each row (entry, country, dates with their precision,
event status, verdict, confidence, evidence, the article's hash, publication date and
outlet from the Articles table), merges them once, writes the ``incidents`` table, and
rewrites the ``Incident`` column of each Findings part that disagrees. The driver calls it
after a run; ``travelban report`` calls it again, so a result folder always ends up with
incidents that are a pure function of its findings.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from travelban.cluster.results import (
    ResultDir,
    arrow_table,
    planned_parts,
    read_part,
    write_arrow,
)
from travelban.incidents import Incident, incident_of, merge_incidents
from travelban.models import (
    Article,
    DateRange,
    EventStatus,
    Explanation,
    Finding,
    NameMatch,
    Place,
    Precision,
    TravelEvent,
    Verdict,
)

log = logging.getLogger(__name__)

INCIDENTS = "Incidents"
# Columns of the incidents table that hold lists (the sheet joins them with newlines).
LIST_COLUMNS = ("Finding keys", "Merged keys", "Outlets")


@dataclass(frozen=True, slots=True)
class Gathered:
    """The incidents of a result, the findings rows they rest on, and what was written."""

    incidents: tuple[Incident, ...]
    findings: tuple[dict[str, Any], ...]  # Findings rows, their Incident column agreeing
    path: Path | None  # the incidents table (None: the result holds no findings table)
    rewritten: int  # Findings parts whose Incident column was corrected


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def finding_of(row: Mapping[str, Any], sha256: str) -> Finding:
    """A Finding holding what ``merge_incidents`` reads, from one row of the Findings table."""
    person = _text(row.get("Person"))
    place, country = _text(row.get("Place")), row.get("Country") or None
    when = DateRange(
        phrase=_text(row.get("Date phrase")),
        start=row.get("Date from"),
        end=row.get("Date to"),
        precision=Precision(row.get("Precision") or Precision.UNKNOWN.value),
    )
    event = TravelEvent(
        person_id=row.get("Person ID") or None,
        person_name=person,
        kind=_text(row.get("Event kind")),
        destination=Place(place, country) if place or country else None,
        when=when,
        status=EventStatus(row.get("Event status") or EventStatus.OCCURRED.value),
        evidence=_text(row.get("Evidence")),
        exemption=_text(row.get("Exemption")),
    )
    reference, listed = _text(row.get("Reference")), _text(row.get("Listed name"))
    match = NameMatch(
        query=person,
        reference=reference,
        name=listed,
        matched_name=_text(row.get("Matched name")),
        alias_quality=None,  # not read by the merge
        score=float(row.get("Score") or 0.0),
        explanation=Explanation("", 0.0, summary=_text(row.get("Match explanation"))),
    )
    return Finding(
        article=_text(row.get("Article")),
        article_sha256=sha256,
        person=person,
        person_id=_text(row.get("Person ID")),
        reference=reference,
        listed_name=listed,
        event=event,
        match=match,
        verdict=Verdict(row.get("Verdict")),
        regime=_text(row.get("Regime")),
        resolution=_text(row.get("Resolution")),
        paragraph=_text(row.get("Paragraph")),
        confidence=float(row.get("Confidence") or 0.0),
        rationale=_text(row.get("Rationale")),
        snapshots=tuple(s for s in _text(row.get("Snapshots")).split("\n") if s),
    )


def findings_of(
    rows: Sequence[Mapping[str, Any]], article_rows: Sequence[Mapping[str, Any]]
) -> tuple[dict[str, Finding], list[Article], dict[str, str]]:
    """Findings by their row's Key, article stubs (hash, source, publication date) and
    outlets by hash, from the rows of a result's Findings and Articles tables."""
    by_source: dict[tuple[str, str], Mapping[str, Any]] = {}
    for a in article_rows:
        sha = _text(a.get("SHA-256"))
        if sha:
            by_source.setdefault((_text(a.get("Source")), sha[:16]), a)
    findings: dict[str, Finding] = {}
    articles: dict[str, Article] = {}
    outlets: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (_text(r.get("Key")), _text(r.get("Article")))):
        key, source = _text(row.get("Key")), _text(row.get("Article"))
        prefix = key.split("|", 1)[0]
        meta = by_source.get((source, prefix))
        sha = _text(meta.get("SHA-256")) if meta else prefix
        f = finding_of(row, sha)
        if f.key != key:  # a row this reader does not understand: its key is what it is
            log.warning("finding %s reads back as %s; merged under the latter", key, f.key)
        findings.setdefault(key, f)
        if meta is not None and sha not in articles:
            published = meta.get("Published")
            articles[sha] = Article(
                source=source,
                sha256=sha,
                text="",
                published=published if isinstance(published, date) else None,
            )
            outlets[sha] = _text(meta.get("Outlet"))  # "" for a result written before it
    return findings, list(articles.values()), outlets


def incident_table(incidents: Sequence[Incident]) -> Any:
    """The incidents as a ``pyarrow.Table`` with the Incidents sheet's columns."""
    from travelban.report.columns import COLUMNS
    from travelban.report.itinerary import incident_rows

    columns = COLUMNS[INCIDENTS]
    rows = incident_rows(incidents, {})
    names = [c.name for c in columns]
    lists = {
        "Finding keys": [i.finding_keys for i in incidents],
        "Merged keys": [i.merged_keys for i in incidents],
        "Outlets": [i.outlets for i in incidents],
    }
    fixed = [
        tuple(lists[n][k] if n in lists else v for n, v in zip(names, row, strict=True))
        for k, row in enumerate(rows)
    ]
    return arrow_table(columns, fixed, lists=LIST_COLUMNS)


def _write_if_changed(path: Path, table: Any) -> bool:
    import pyarrow.parquet as pq

    if path.is_file():
        try:
            if pq.read_table(path).equals(table):
                return False
        except Exception:  # a damaged earlier copy: write it again
            pass
    write_arrow(path, table)
    return True


def gather_incidents(rd: ResultDir) -> Gathered:
    """Merge every finding of the last plan into incidents; write the incidents table and
    make each Findings part's Incident column agree with it (files change only when their
    content does)."""
    import pyarrow as pa

    parts = planned_parts(rd, "Findings")
    tables = [(p, t, t.to_pylist()) for p in parts for t in (read_part(p),)]
    rows = [r for _, _, rs in tables for r in rs]
    article_rows = [r for p in planned_parts(rd, "Articles") for r in read_part(p).to_pylist()]
    findings, articles, outlets = findings_of(rows, article_rows)
    incidents = merge_incidents(findings.values(), articles=articles, outlets=outlets)
    by_key = incident_of(incidents)
    of = {k: by_key.get(f.key) for k, f in findings.items()}

    rewritten = 0
    fixed_rows: list[dict[str, Any]] = []
    for path, table, part_rows in tables:
        want = [of.get(_text(r.get("Key"))) for r in part_rows]
        if "Incident" in table.column_names:
            i = table.column_names.index("Incident")
            if table.column(i).to_pylist() != want:
                table = table.set_column(i, "Incident", pa.array(want, type=pa.string()))
                write_arrow(path, table)
                rewritten += 1
        fixed_rows += [{**r, "Incident": w} for r, w in zip(part_rows, want, strict=True)]

    if not parts and not rd.table_dir("Findings").is_dir():
        return Gathered(incidents, (), None, 0)
    digest = hashlib.sha256("\n".join(p.stem[5:] for p in parts).encode()).hexdigest()[:24]
    path = rd.table_dir(INCIDENTS) / f"part-{digest}.parquet"
    _write_if_changed(path, incident_table(incidents))
    for old in path.parent.glob("part-*.parquet"):  # derived from an earlier plan
        if old != path:
            old.unlink(missing_ok=True)
    log.info(
        "%d finding(s) merged into %d incident(s); %d findings part(s) corrected",
        len(findings),
        len(incidents),
        rewritten,
    )
    return Gathered(incidents, tuple(fixed_rows), path, rewritten)
