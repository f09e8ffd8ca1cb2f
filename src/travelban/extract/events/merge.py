"""Events while they are built, and the merge of one trip told several times (headline,
lead, quote) into one event with the most precise date and every evidence sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from travelban.extract.events.syntax import _SPECIFIC, _clean
from travelban.extract.events.when import _combine_dates, _compatible_dates, _edge, _overlap
from travelban.models import DateRange, EventStatus, Place, TravelEvent

if TYPE_CHECKING:
    from travelban.extract.events.context import _Context

_STATUS_RANK = {
    EventStatus.CANCELLED: 4,
    EventStatus.DENIED: 3,
    EventStatus.PLANNED: 2,
    EventStatus.REPORTED: 1,
    EventStatus.OCCURRED: 0,
}


@dataclass
class _Raw:
    """An event while it is being built and merged."""

    pid: str | None
    name: str
    kind: str
    dest: Place | None
    origin: Place | None
    when: DateRange
    status: EventStatus
    source: str
    exemption: str
    sentence: int
    evidence: dict[int, str]  # sentence index -> sentence text
    trigger: str
    caption: bool = False
    headline: bool = False
    position: int = 0
    sentences: list[int] = field(default_factory=list)
    joined: bool = False  # a member's or companion's share of someone else's trip

    def width(self) -> int:
        w = self.when
        if w.start is None or w.end is None:
            return 10**6
        return (w.end - w.start).days


# ---------------------------------------------------------------- parse helpers


_SOURCE_WORD = re.compile(r"[^\W\d_]{2,}")
_SOURCE_BAD = re.compile(r"^[=+@\-]|[=(){}\[\]<>|\\;:!$%^*#~]")


def _source_name(raw: str) -> str:
    """A reporting source fit to print: real words, or "unnamed source".

    A subject taken from formula-like or garbled text ("=SUM(A1:A9) said", "@@@") is not
    a name; the attribution still counts, so the event stays reported.
    """
    name = " ".join(raw.split()).strip(" ,.;:'\"“”‘’")
    if not name or _SOURCE_BAD.search(name) or not _SOURCE_WORD.search(name):
        return "unnamed source"
    return name


def _compatible_status(a: EventStatus, b: EventStatus) -> bool:
    easy = {EventStatus.OCCURRED, EventStatus.REPORTED}
    return a == b or (a in easy and b in easy)


def _merge(raws: list[_Raw]) -> list[_Raw]:
    """One event per trip: same traveller, same country, compatible dates and status."""
    order = sorted(
        raws, key=lambda r: (r.headline, r.caption and not r.when.resolved, r.width(), r.position)
    )
    groups: list[_Raw] = []
    for r in order:
        target = None
        for g in sorted(groups, key=lambda g: g.position):
            if g.pid != r.pid or (g.pid is None and g.name != r.name):
                continue
            if (g.dest.country if g.dest else None) != (r.dest.country if r.dest else None):
                continue
            if not _compatible_status(g.status, r.status):
                continue
            if not _compatible_dates(g.when, r.when):
                continue
            if g.caption != r.caption and g.when.resolved and r.when.resolved and g.when != r.when:
                continue
            target = g
            break
        if target is None:
            groups.append(replace(r, evidence=dict(r.evidence), sentences=list(r.sentences)))
            continue
        target.when = _combine_dates(target.when, r.when, _edge(target.kind), _edge(r.kind))
        if r.dest is not None and (
            target.dest is None
            or _SPECIFIC.get(r.dest.kind, 2) < _SPECIFIC.get(target.dest.kind, 2)
        ):
            target.dest = r.dest
        target.origin = target.origin or r.origin
        if _STATUS_RANK[r.status] > _STATUS_RANK[target.status]:
            target.status = r.status
            if r.status is EventStatus.DENIED and r.source:
                target.source = r.source  # "denied by" names who denied, not who reported
        target.source = target.source or r.source
        target.exemption = target.exemption or r.exemption
        target.evidence.update(r.evidence)
        target.sentences.append(r.sentence)
        if r.position < target.position:
            target.position, target.sentence, target.trigger = r.position, r.sentence, r.trigger
            target.kind = r.kind if r.kind != "presence" else target.kind
        target.headline = target.headline and r.headline
    groups.sort(key=lambda g: g.position)
    return _fold_departures(_fold_denied_reports(groups))


def _fold_denied_reports(groups: list[_Raw]) -> list[_Raw]:
    """A report of a trip the article denies is that trip, told again: it joins the denial
    (same traveller, same country, compatible or missing dates) and stays denied."""
    denied = [g for g in groups if g.status is EventStatus.DENIED and g.dest is not None]
    if not denied:
        return groups
    out = []
    for g in groups:
        if g.status is EventStatus.REPORTED and g.dest is not None:
            trip = next(
                (
                    d
                    for d in denied
                    if d.pid == g.pid
                    and (g.pid is not None or d.name == g.name)
                    and d.dest is not None
                    and d.dest.country == g.dest.country
                    and _compatible_dates(d.when, g.when)
                ),
                None,
            )
            if trip is not None:
                if not trip.when.resolved:
                    trip.when = g.when
                trip.source = trip.source or g.source
                trip.evidence.update(g.evidence)
                trip.sentences.append(g.sentence)
                continue
        out.append(g)
    return out


def _fold_departures(groups: list[_Raw]) -> list[_Raw]:
    """A departure with no destination becomes the origin of the same person's trip told
    beside it ("has lived in Amman since 2003, when she fled Iraq"): same sentence, or
    dates that overlap."""
    out = []
    for g in groups:
        if g.dest is None and g.kind == "departure" and g.origin is not None:
            trip = next(
                (
                    t
                    for t in groups
                    if t is not g
                    and t.dest is not None
                    and t.pid == g.pid
                    and (g.pid is not None or t.name == g.name)
                    and t.dest.country != g.origin.country
                    and _compatible_status(t.status, g.status)
                    and (set(t.sentences) & set(g.sentences) or _overlap(t.when, g.when))
                ),
                None,
            )
            if trip is not None:
                trip.origin = trip.origin or g.origin
                trip.evidence.update(g.evidence)
                continue
        out.append(g)
    return out


def events_for_dates(events: Iterable[TravelEvent], on: date) -> list[TravelEvent]:
    """The events whose date range contains ``on`` (helper for callers and tests)."""
    return [e for e in events if e.when.start and e.when.end and e.when.start <= on <= e.when.end]


def _joined(latest: _Raw, pid: str, tok: Any, si: int, ctx: _Context) -> _Raw:
    """The trip ``latest`` taken by ``pid`` too, as sentence ``si`` tells (companions, members)."""
    return replace(
        latest,
        pid=pid,
        name=ctx.name_of(pid),
        evidence={**latest.evidence, si: _clean(ctx.sents[si].text)},
        sentences=[*latest.sentences, si],
        trigger=tok.text,
        headline=False,
        joined=True,
    )


def _one_telling(leg: _Raw, raws: Sequence[_Raw]) -> list[_Raw]:
    """``leg`` and the other legs of its traveller told in the same sentence with the same
    status: a trip to several places told at once ("left for visits to Uzbekistan and
    Armenia"), which the traveller's company makes in full; not a leg in the country the
    trip left ("HANOI -- X left Hanoi for visits to A and B": the dateline's scene)."""
    told = [leg] + [
        r
        for r in raws
        if r is not leg
        and r.pid == leg.pid
        and r.name == leg.name
        and r.sentence == leg.sentence
        and r.dest is not None
        and r.status is leg.status
    ]
    left = {r.origin.country for r in told if r.origin is not None and r.origin.country}
    away = [r for r in told if r.dest is None or r.dest.country not in left]
    return away or told
