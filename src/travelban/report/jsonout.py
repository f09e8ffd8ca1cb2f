"""The JSON report: the machine-readable contract of ``travelban screen --format json``.

Keys come in a fixed order and scores are rounded to four decimals, so the same run
always gives the same bytes. Dates are ISO strings or null.
"""

from __future__ import annotations

import io
import json
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from travelban.incidents import Incident, incident_of, merge_incidents
from travelban.models import (
    Article,
    ArticleFailure,
    Entry,
    Explanation,
    Finding,
    ListInfo,
    NameMatch,
    RunResult,
    TravelEvent,
    Verdict,
)
from travelban.report.paths import plan, write_atomically
from travelban.report.tables import explain

log = logging.getLogger(__name__)

JSON_FORMAT_VERSION = 1


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _num(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def _list_info(info: ListInfo) -> dict[str, Any]:
    return {
        "file": info.path.name,
        "path": str(info.path),
        "generated": _iso(info.generated),
        "sha256": info.sha256,
        "individuals": info.individuals,
        "entities": info.entities,
    }


def _explanation(e: Explanation) -> dict[str, Any]:
    return {
        "scorer": e.scorer,
        "threshold": _num(e.threshold),
        "summary": e.summary,
        "alignments": [
            {
                "query_token": a.query_token,
                "list_token": a.list_token,
                "similarity": _num(a.similarity),
                "rule": a.rule,
            }
            for a in e.alignments
        ],
        "adjustments": [{"reason": r, "delta": _num(d)} for r, d in e.adjustments],
    }


def _match(m: NameMatch) -> dict[str, Any]:
    return {
        "query": m.query,
        "reference": m.reference,
        "listed_name": m.name,
        "matched_name": m.matched_name,
        "alias_quality": m.alias_quality.value if m.alias_quality else None,
        "score": _num(m.score),
        "band": "alert" if m.score >= m.explanation.threshold else "review",
        "list_type": m.list_type,
        "explanation": _explanation(m.explanation),
        "explanation_text": explain(m.explanation, m.score),
    }


def _event(ev: TravelEvent) -> dict[str, Any]:
    def place(p: Any) -> dict[str, Any] | None:
        if p is None:
            return None
        return {"name": p.name, "country": p.country, "kind": p.kind, "how": p.how}

    return {
        "person_id": ev.person_id,
        "person": ev.person_name,
        "kind": ev.kind,
        "trigger": ev.trigger,
        "status": ev.status.value,
        "status_source": ev.status_source,
        "origin": place(ev.origin),
        "destination": place(ev.destination),
        "country": ev.destination.country if ev.destination else None,
        "date_phrase": ev.when.phrase,
        "date_from": _iso(ev.when.start),
        "date_to": _iso(ev.when.end),
        "precision": ev.when.precision.value,
        "relative": ev.when.relative,
        "exemption": ev.exemption,
        "evidence": ev.evidence,
        "sentence_index": ev.sentence_index,
    }


def _finding(f: Finding) -> dict[str, Any]:
    ev = f.event
    return {
        "key": f.key,
        "verdict": f.verdict.value,
        "person": f.person,
        "person_id": f.person_id,
        "reference": f.reference,
        "listed_name": f.listed_name,
        "country": f.country,
        "place": ev.destination.name if ev.destination else None,
        "date_from": _iso(ev.when.start),
        "date_to": _iso(ev.when.end),
        "date_phrase": ev.when.phrase,
        "precision": ev.when.precision.value,
        "status": ev.status.value,
        "event_kind": ev.kind,
        "regime": f.regime,
        "resolution": f.resolution,
        "paragraph": f.paragraph,
        "score": _num(f.match.score),
        "confidence": _num(f.confidence),
        "rationale": f.rationale,
        "evidence": ev.evidence,
        "exemption": ev.exemption,
        "article": f.article,
        "article_sha256": f.article_sha256,
        "matched_name": f.match.matched_name,
        "alias_quality": f.match.alias_quality.value if f.match.alias_quality else None,
        "match_explanation": explain(f.match.explanation, f.match.score),
        "snapshots": list(f.snapshots),
        "identity": [
            {
                "aspect": i.aspect,
                "stance": i.stance.value,
                "strong": i.strong,
                "article": i.article,
                "entry": i.entry,
                "detail": i.detail,
            }
            for i in f.identity
        ],
    }


def _article(a: Article, counts: Mapping[str, tuple[int, int, int]]) -> dict[str, Any]:
    people, events, findings = counts.get(a.source, (0, 0, 0))
    return {
        "source": a.source,
        "title": a.title,
        "published": _iso(a.published),
        "published_source": a.published_source.value,
        "published_evidence": a.published_evidence,
        "status": "processed",
        "error": None,
        "sha256": a.sha256,
        "people": people,
        "events": events,
        "findings": findings,
    }


def _failure(fl: ArticleFailure) -> dict[str, Any]:
    return {
        "source": fl.source,
        "title": "",
        "published": None,
        "published_source": None,
        "published_evidence": "",
        "status": "failed",
        "error": fl.error,
        "sha256": None,
        "people": 0,
        "events": 0,
        "findings": 0,
    }


def _entry(e: Entry) -> dict[str, Any]:
    return {
        "reference": e.reference,
        "name": e.name,
        "kind": e.kind.value,
        "list_type": e.list_type,
        "aliases": [{"name": a.name, "quality": a.quality.value} for a in e.aliases],
        "designations": list(e.designations),
        "nationalities": list(e.nationalities),
        "listed_on": _iso(e.listed_on),
        "comments": e.comments,
    }


def _incident(inc: Incident) -> dict[str, Any]:
    w = inc.when
    return {
        "key": inc.key,
        "reference": inc.reference,
        "listed_name": inc.listed_name,
        "country": inc.country,
        "date_from": _iso(w.start),
        "date_to": _iso(w.end),
        "date_phrase": w.phrase,
        "precision": w.precision.value,
        "verdict": inc.verdict.value,
        "status": inc.status.value,
        "status_detail": inc.status_text,
        "confidence": _num(inc.confidence),
        "confidence_detail": inc.confidence_text,
        "reports": len(inc.sources),
        "independent_reports": inc.independent,
        "earliest_report": _iso(inc.earliest_report),
        "outlets": list(inc.outlets),
        "note": inc.note,
        "finding_keys": list(inc.finding_keys),
        "merged_keys": list(inc.merged_keys),
        "sources": [
            {
                "finding_key": s.finding_key,
                "article": s.article,
                "article_sha256": s.article_sha256,
                "outlet": s.outlet or None,
                "published": _iso(s.published),
                "person": s.person,
                "place": s.place,
                "date_from": _iso(s.when.start),
                "date_to": _iso(s.when.end),
                "date_phrase": s.when.phrase,
                "status": s.status.value,
                "verdict": s.verdict.value,
                "report": s.story + 1,
                "evidence": s.evidence,
            }
            for s in inc.sources
        ],
    }


def result_to_dict(
    result: RunResult,
    *,
    entries: Mapping[str, Entry] | None = None,
    incidents: Sequence[Incident] | None = None,
) -> dict[str, Any]:
    """The JSON report as plain Python data, keys in their published order.

    ``incidents`` default to the result's findings merged (``travelban.incidents``); each
    finding names its incident and each incident lists its finding keys.
    """
    if incidents is None:
        incidents = merge_incidents(result.findings, articles=result.articles)
    inc_of = incident_of(incidents)
    by_verdict = Counter(f.verdict for f in result.findings)
    found = Counter(f.article for f in result.findings)
    counts = {
        x.article.source: (len(x.people), len(x.events), found.get(x.article.source, 0))
        for x in result.extractions
    }
    events = [
        {"article": x.article.source, **_event(ev)} for x in result.extractions for ev in x.events
    ]
    matches = [
        {"article": source, "person_id": pid, **_match(m)} for source, pid, m in result.matches
    ]
    refs = sorted(
        {f.reference for f in result.findings} | {m.reference for _, _, m in result.matches}
    )
    doc: dict[str, Any] = {
        "format_version": JSON_FORMAT_VERSION,
        "tool_version": result.tool_version,
        "started": _iso(result.started),
        "finished": _iso(result.finished),
        "list": _list_info(result.list_info),
        "snapshots": [_list_info(s) for s in result.snapshots],
        "settings": dict(result.settings),
        "counts": {
            "findings": len(result.findings),
            "by_verdict": {v.value: by_verdict.get(v, 0) for v in Verdict},
            "articles": len(result.articles),
            "articles_failed": len(result.failures),
            "events": len(events),
            "matches": len(matches),
            "incidents": len(incidents),
        },
        "findings": [{**_finding(f), "incident": inc_of.get(f.key)} for f in result.findings],
        "events": events,
        "matches": matches,
        "articles": [_article(a, counts) for a in result.articles]
        + [_failure(fl) for fl in result.failures],
        "incidents": [_incident(i) for i in incidents],
    }
    if entries is not None:
        doc["entries"] = [_entry(entries[r]) for r in refs if r in entries]
    if result.extra:
        doc["extra"] = dict(result.extra)
    return doc


def write_json(
    result: RunResult,
    stream_or_path: IO[str] | Path | str,
    *,
    entries: Mapping[str, Entry] | None = None,
) -> Path | None:
    """Write the JSON report to a text stream, or to a new file (or a folder); return the path."""
    doc = result_to_dict(result, entries=entries)
    if isinstance(stream_or_path, str | Path):
        target, numbered = plan(Path(stream_or_path), result, ".json")

        def write(tmp: Path) -> None:
            with tmp.open("w", encoding="utf-8", newline="\n") as fh:
                json.dump(doc, fh, ensure_ascii=False, indent=2)
                fh.write("\n")

        written = write_atomically(target, numbered, write)
        log.info("wrote %s", written)
        return written
    json.dump(doc, stream_or_path, ensure_ascii=False, indent=2)
    stream_or_path.write("\n")
    return None


def dumps(result: RunResult, *, entries: Mapping[str, Entry] | None = None) -> str:
    """The JSON report as a string."""
    buf = io.StringIO()
    write_json(result, buf, entries=entries)
    return buf.getvalue()


def finding_line(f: Finding) -> str:
    """One finding as one line of JSON (``--format jsonl``), newline included."""
    return json.dumps(_finding(f), ensure_ascii=False, separators=(",", ":")) + "\n"


def write_jsonl(result: RunResult, path: Path | str) -> Path:
    """Every finding, one JSON object per line, to a new file (or into a folder)."""
    target, numbered = plan(Path(path), result, ".jsonl")

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            for f in result.findings:
                fh.write(finding_line(f))

    written = write_atomically(target, numbered, write)
    log.info("wrote %s", written)
    return written
