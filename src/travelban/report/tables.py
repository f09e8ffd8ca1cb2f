"""A RunResult laid out as report tables: one list of rows per sheet, in column order.

The tables hold raw Python values (str, int, float, date, datetime, None); each writer
(workbook, CSV, DataFrame) makes them safe for its own format.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from travelban.assess.identity import describe as describe_identity
from travelban.incidents import Incident, incident_of, merge_incidents, outlet_of
from travelban.models import (
    BirthDate,
    Decision,
    Entry,
    Explanation,
    Finding,
    NameMatch,
    ReviewDecision,
    RunResult,
    Verdict,
)
from travelban.report.columns import (
    ARTICLES,
    COLUMNS,
    ENTRIES,
    EVENTS,
    FINDINGS,
    INCIDENTS,
    ITINERARY,
    MATCHES,
    METHOD,
    PREVIOUS,
    SUMMARY,
    Column,
)
from travelban.report.itinerary import incident_rows, itinerary_rows
from travelban.report.method import method_rows

log = logging.getLogger(__name__)

Value = str | int | float | date | datetime | None
Row = tuple[Value, ...]

# Order of findings in the sheet: what needs an analyst first.
VERDICT_PRIORITY = {
    Verdict.APPARENT_BREACH: 0,
    Verdict.NEEDS_REVIEW: 1,
    Verdict.EXEMPTED: 2,
    Verdict.NOT_TRAVELLED: 3,
    Verdict.OWN_COUNTRY: 4,
    Verdict.NO_TRAVEL_BAN: 5,
    Verdict.NOT_LISTED_AT_TIME: 6,
}


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet: its name, columns, rows, and which rows carry earlier review decisions."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    carried: tuple[bool, ...] = ()

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True, slots=True)
class ReviewState:
    """What earlier decisions say about one finding."""

    prefill: ReviewDecision | None  # shown in the review columns; None when they conflict
    history: str  # every earlier decision, one per line
    suppressed: bool  # all earlier decisions say False positive: do not alert again


def review_state(decisions: Sequence[ReviewDecision]) -> ReviewState | None:
    """The review state from a finding's earlier decisions; None when there are none."""
    if not decisions:
        return None
    ordered = sorted(decisions, key=lambda d: (d.review_date or date.min, d.source_file, d.row))
    lines = []
    for d in ordered:
        who = ", ".join(x for x in (d.reviewer, d.review_date and d.review_date.isoformat()) if x)
        where = f"{d.source_file} row {d.row}" if d.source_file else ""
        line = d.decision.value
        if who:
            line += f" — {who}"
        if where:
            line += f" ({where})"
        if d.notes:
            line += f": {d.notes}"
        lines.append(line)
    values = {d.decision for d in ordered}
    if len(values) > 1:
        lines.insert(0, "Conflicting decisions; please decide again:")
        return ReviewState(None, "\n".join(lines), False)
    last = ordered[-1]
    return ReviewState(last, "\n".join(lines), last.decision is Decision.FALSE_POSITIVE)


def explain(explanation: Explanation, score: float | None = None) -> str:
    """A readable account of how a name score was reached."""
    parts = []
    if explanation.summary:
        parts.append(explanation.summary)
    if explanation.alignments:
        tokens = ", ".join(
            f"{a.query_token} → {a.list_token or '∅'} ({a.rule or 'match'} {a.similarity:.2f})"
            for a in explanation.alignments
        )
        parts.append(f"Name parts: {tokens}")
    if explanation.adjustments:
        adj = ", ".join(f"{reason} {delta:+.2f}" for reason, delta in explanation.adjustments)
        parts.append(f"Adjustments: {adj}")
    head = f"Scorer {explanation.scorer}"
    if score is not None:
        head += f": {score:.2f}"
    head += f" against threshold {explanation.threshold:.2f}"
    parts.append(head)
    return "\n".join(parts)


def _join(values: Sequence[str], sep: str = "\n") -> str:
    return sep.join(v for v in values if v)


def _birth(b: BirthDate) -> str:
    if b.kind == "between" and b.from_year and b.to_year:
        text = f"between {b.from_year} and {b.to_year}"
    elif b.kind == "approximately":
        text = f"approximately {b.value}"
    else:
        text = b.value or b.kind
    return f"{text} ({b.note})" if b.note else text


def _entry_row(ref: str, entry: Entry | None, fallback: NameMatch | None) -> Row:
    if entry is None:
        missing = "Details not available: the entry was not passed to the report."
        return (
            ref,
            fallback.name if fallback else "",
            "",
            "",
            fallback.list_type if fallback else "",
            ref[:2].upper(),
            *([""] * 8),
            None,
            "",
            missing,
            "",
            "",
        )
    aliases = [
        f"{a.name} ({a.quality.value or 'quality not stated'})" + (f" — {a.note}" if a.note else "")
        for a in entry.aliases
    ]
    documents = [
        " ".join(x for x in (d.kind, d.number, f"({d.country})" if d.country else "", d.note) if x)
        for d in entry.documents
    ]
    return (
        entry.reference,
        entry.name,
        entry.original_script,
        entry.kind.value,
        entry.list_type,
        entry.regime,
        _join(aliases),
        _join(entry.titles),
        _join(entry.designations),
        _join(entry.nationalities),
        _join([_birth(b) for b in entry.birth_dates]),
        _join(entry.birth_places),
        _join(documents),
        _join(entry.addresses),
        entry.listed_on,
        _join([d.isoformat() for d in entry.last_updated], ", "),
        entry.comments,
        entry.gender,
        entry.interpol_link,
    )


def _finding_row(f: Finding, state: ReviewState | None, incident: str | None = None) -> Row:
    ev = f.event
    w = ev.when
    pre = state.prefill if state else None
    return (
        f.verdict.value,
        f.person,
        f.reference,
        f.listed_name,
        f.country,
        ev.destination.name if ev.destination else "",
        w.start,
        w.end,
        f.regime,
        f.resolution,
        f.paragraph,
        f.match.score,
        f.confidence,
        f.rationale,
        ev.evidence,
        describe_identity(f.identity),
        f.article,
        f.key,
        pre.decision.value if pre else None,
        pre.reviewer if pre else None,
        pre.review_date if pre else None,
        pre.notes if pre else None,
        state.history if state else None,
        w.phrase,
        w.precision.value,
        ev.status.value,
        ev.kind,
        f.match.matched_name,
        f.match.alias_quality.value if f.match.alias_quality else "",
        explain(f.match.explanation, f.match.score),
        ev.exemption,
        _join(f.snapshots),
        f.person_id,
        incident,
    )


def _finding_sort_key(f: Finding) -> tuple[int, str, str, date, str]:
    start = f.event.when.start or date.max
    return (VERDICT_PRIORITY.get(f.verdict, 9), f.article, f.person, start, f.reference)


def _summary_rows(result: RunResult, suppressed: int) -> list[Row]:
    info = result.list_info
    rows: list[Row] = [
        ("Tool", "travelban version", result.tool_version),
        ("Run", "started", result.started),
        ("Run", "finished", result.finished),
        ("List", "file", info.path.name),
        ("List", "path", str(info.path)),
        ("List", "generated", info.generated),
        ("List", "sha256", info.sha256),
        ("List", "individuals", info.individuals),
        ("List", "entities", info.entities),
    ]
    for snap in result.snapshots:
        gen = snap.generated.date().isoformat() if snap.generated else "date not stated"
        detail = f"generated {gen}; sha256 {snap.sha256}"
        rows.append(("Snapshots consulted", snap.path.name, detail))
    by_date: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in result.findings:
        w = f.event.when
        if w.start:
            label = w.start.isoformat()
            if w.end and w.end != w.start:
                label += f" to {w.end.isoformat()}"
            sort = w.start.isoformat()
        else:
            label, sort = f"undated ({w.phrase})" if w.phrase else "undated", "~"
        by_date[(sort, label)].update(f.snapshots)
    for (_, label), snaps in sorted(by_date.items()):
        rows.append(
            ("Snapshots per finding date", label, "; ".join(sorted(snaps)) or "(none named)")
        )
    rows += [("Settings", name, value) for name, value in result.settings]
    counts = Counter(f.verdict for f in result.findings)
    rows += [("Findings by verdict", v.value, counts.get(v, 0)) for v in Verdict]
    rows.append(("Findings by verdict", "total", len(result.findings)))
    if suppressed:
        rows.append(("Findings by verdict", "previously reviewed as False positive", suppressed))
    events = sum(len(x.events) for x in result.extractions)
    people = sum(len(x.people) for x in result.extractions)
    rows += [
        ("Articles", "processed", len(result.articles)),
        ("Articles", "failed", len(result.failures)),
        ("Articles", "people found", people),
        ("Articles", "travel events found", events),
        ("Articles", "name candidates", len(result.matches)),
    ]
    rows += [("Other", name, value) for name, value in result.extra]
    return rows


def _incident_summary(incidents: Sequence[Incident]) -> list[Row]:
    counts = Counter(i.verdict for i in incidents)
    rows: list[Row] = [("Incidents by verdict", v.value, counts.get(v, 0)) for v in Verdict]
    rows.append(("Incidents by verdict", "total (trips: findings merged)", len(incidents)))
    people = len({i.reference for i in incidents})
    rows.append(("Incidents by verdict", "listed people with an itinerary", people))
    return rows


def build_tables(
    result: RunResult,
    *,
    entries: Mapping[str, Entry] | None = None,
    previous: Mapping[str, Sequence[ReviewDecision]] | None = None,
    regimes_table: Sequence[Mapping[str, str]] | None = None,
    incidents: Sequence[Incident] | None = None,
) -> list[Table]:
    """Every sheet of the report, in workbook order.

    ``incidents`` default to the result's findings merged (``travelban.incidents``); a
    scheduled run passes those merged across runs. One decision covers an incident: an
    incident shows the decisions made on its key (or on keys it absorbed), else those
    made on its findings, carried over; a finding with no decision of its own shows its
    incident's.
    """
    previous = previous or {}
    if incidents is None:
        incidents = merge_incidents(result.findings, articles=result.articles)
    inc_of = incident_of(incidents)
    inc_own: dict[str, list[ReviewDecision]] = {}
    inc_states: dict[str, ReviewState | None] = {}
    for inc in incidents:
        own = [d for k in (inc.key, *inc.merged_keys) for d in previous.get(k, ())]
        inc_own[inc.key] = own
        carried = own or [d for k in inc.finding_keys for d in previous.get(k, ())]
        inc_states[inc.key] = review_state(carried)
    states = {
        f.key: review_state(previous.get(f.key, ()) or inc_own.get(inc_of.get(f.key, ""), ()))
        for f in result.findings
    }

    active: list[Finding] = []
    hidden: list[Finding] = []
    for f in sorted(result.findings, key=_finding_sort_key):
        state = states[f.key]
        (hidden if state and state.suppressed else active).append(f)

    def finding_table(name: str, findings: list[Finding]) -> Table:
        rows = tuple(_finding_row(f, states[f.key], inc_of.get(f.key)) for f in findings)
        carried = tuple(states[f.key] is not None for f in findings)
        return Table(name, COLUMNS[name], rows, carried)

    # Events, with the candidates of each person and the findings made from each event.
    candidates: dict[tuple[str, str], list[NameMatch]] = defaultdict(list)
    for source, pid, m in result.matches:
        candidates[(source, pid)].append(m)
    per_event = Counter(
        (f.article, f.event.sentence_index, f.event.evidence, f.person_id) for f in result.findings
    )
    event_rows: list[Row] = []
    for x in result.extractions:
        src = x.article.source
        for ev in x.events:
            pid = ev.person_id or ""
            cands = sorted(candidates.get((src, pid), ()), key=lambda m: -m.score) if pid else []
            dest, origin = ev.destination, ev.origin
            event_rows.append(
                (
                    src,
                    pid,
                    ev.person_name or "(unresolved)",
                    ", ".join(f"{m.reference} ({m.score:.2f})" for m in cands),
                    per_event.get((src, ev.sentence_index, ev.evidence, pid), 0),
                    ev.kind,
                    ev.trigger,
                    ev.status.value,
                    ev.status_source,
                    origin.name if origin else "",
                    origin.country if origin else None,
                    dest.name if dest else "",
                    dest.country if dest else None,
                    dest.kind if dest else "",
                    dest.how if dest else "",
                    ev.when.phrase,
                    ev.when.start,
                    ev.when.end,
                    ev.when.precision.value,
                    "yes" if ev.when.relative else "no",
                    ev.exemption,
                    ev.evidence,
                    ev.sentence_index if ev.sentence_index >= 0 else None,
                )
            )

    match_rows: list[Row] = []
    ordered_matches = sorted(
        result.matches, key=lambda t: (t[0], t[1], -t[2].score, t[2].reference)
    )
    for source, pid, m in ordered_matches:
        thr = m.explanation.threshold
        match_rows.append(
            (
                source,
                pid,
                m.query,
                m.reference,
                m.name,
                m.matched_name,
                m.alias_quality.value if m.alias_quality else "",
                m.score,
                thr,
                "alert" if m.score >= thr else "review",
                m.explanation.scorer,
                m.list_type,
                explain(m.explanation, m.score),
            )
        )

    # The entries involved: every reference of a finding or a candidate.
    fallback: dict[str, NameMatch] = {}
    for f in result.findings:
        fallback.setdefault(f.reference, f.match)
    for _, _, m in result.matches:
        fallback.setdefault(m.reference, m)
    refs = sorted(fallback)
    missing = [r for r in refs if entries is not None and r not in entries]
    if missing:
        log.warning("%d list entries not found for the Entries sheet: %s", len(missing), missing)
    entry_rows = [_entry_row(r, (entries or {}).get(r), fallback.get(r)) for r in refs]

    people = Counter(x.article.source for x in result.extractions for _ in x.people)
    events = Counter(x.article.source for x in result.extractions for _ in x.events)
    found = Counter(f.article for f in result.findings)
    notes = {x.article.source: _join(x.notes) for x in result.extractions}
    article_rows: list[Row] = [
        (
            a.source,
            a.title,
            a.published,
            a.published_source.value,
            a.published_evidence,
            "processed",
            "",
            people.get(a.source, 0),
            events.get(a.source, 0),
            found.get(a.source, 0),
            notes.get(a.source, ""),
            a.sha256,
            a.encoding,
            outlet_of(a),
        )
        for a in result.articles
    ]
    article_rows += [
        (fl.source, "", None, "", "", "failed", fl.error, 0, 0, 0, "", "", "", "")
        for fl in result.failures
    ]

    tables = [
        Table(
            SUMMARY,
            COLUMNS[SUMMARY],
            tuple(_summary_rows(result, len(hidden)) + _incident_summary(incidents)),
        ),
        finding_table(FINDINGS, active),
    ]
    if hidden:
        tables.append(finding_table(PREVIOUS, hidden))
    ordered = sorted(
        incidents,
        key=lambda i: (
            VERDICT_PRIORITY.get(i.verdict, 9),
            i.reference,
            i.when.start or date.max,
            i.key,
        ),
    )
    tables += [
        Table(
            INCIDENTS,
            COLUMNS[INCIDENTS],
            tuple(incident_rows(ordered, inc_states)),
            tuple(inc_states[i.key] is not None for i in ordered),
        ),
        Table(ITINERARY, COLUMNS[ITINERARY], tuple(itinerary_rows(incidents))),
        Table(EVENTS, COLUMNS[EVENTS], tuple(event_rows)),
        Table(MATCHES, COLUMNS[MATCHES], tuple(match_rows)),
        Table(ENTRIES, COLUMNS[ENTRIES], tuple(entry_rows)),
        Table(ARTICLES, COLUMNS[ARTICLES], tuple(article_rows)),
        Table(METHOD, COLUMNS[METHOD], tuple(method_rows(regimes_table, bool(hidden)))),
    ]
    return tables
