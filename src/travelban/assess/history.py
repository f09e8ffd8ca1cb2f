"""Each reference's listing history, rebuilt from sparse snapshots of the UN list.

Rules (issue 4, item 3):

* LISTED_ON starts a listing.
* A removal lies between the last snapshot that has the entry and the first that lacks it
  (a window); a dated list-wide event of the regime inside the window may narrow it.
* A snapshot generated before LISTED_ON says nothing about the entry.
* A snapshot covers only the regimes it carries when it is a one-committee file; a
  consolidated file (several regimes) covers every regime, so a regime missing from it
  (Iran in 2024) means its entries were off the list.
* Every answer names the snapshot files it rests on.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from travelban.assess.regimes import Regime, Regimes, StatedMeasures
from travelban.models import Entry, SanctionsList

log = logging.getLogger(__name__)

# A file carrying at least this many regimes is taken as a consolidated list.
_CONSOLIDATED_MIN_REGIMES = 3
_OLD_REF = re.compile(r"Old\s+Reference\s*#\s*([^\]\s]+)", re.IGNORECASE)


class ListingState(StrEnum):
    NOT_YET_LISTED = "not_yet_listed"  # the day is before LISTED_ON
    LISTED = "listed"
    DELISTED = "delisted"  # off the list (known, or presumed from a dated event)
    UNCERTAIN = "uncertain"  # inside a removal or relisting window
    UNKNOWN = "unknown"  # the reference is in no snapshot


@dataclass(frozen=True, slots=True)
class Observation:
    """Whether one snapshot (that covers the entry's regime) carries the reference."""

    snapshot: str  # file name
    day: date
    present: bool


@dataclass(frozen=True, slots=True)
class EntryVersion:
    snapshot: str
    day: date | None
    entry: Entry


@dataclass(frozen=True, slots=True)
class ListingStatus:
    """Where a reference stood on one day, and why."""

    reference: str
    day: date
    state: ListingState
    listed_on: date | None
    explanation: str
    snapshots: tuple[str, ...] = ()
    window: tuple[date, date] | None = None  # (exclusive after, inclusive by)
    presumed: date | None = None  # the dated event the window was narrowed to


@dataclass(frozen=True, slots=True)
class MeasuresReading:
    """What COMMENTS1 states about the entry's measures around one day."""

    stated: StatedMeasures | None  # from the nearest snapshot (None: nothing stated)
    snapshot: str = ""
    conflict: bool = False  # the snapshots either side of the day state different measures
    other: StatedMeasures | None = None
    other_snapshot: str = ""
    window: tuple[date, date] | None = None

    @property
    def snapshots(self) -> tuple[str, ...]:
        return tuple(s for s in (self.snapshot, self.other_snapshot) if s)


@dataclass(frozen=True, slots=True)
class EntryHistory:
    reference: str
    listed_on: date | None
    observations: tuple[Observation, ...]
    versions: tuple[EntryVersion, ...]
    legacy_measures: tuple[str, ...] = ()  # the old 1737 Committee file's listings, in order


@dataclass(frozen=True, slots=True)
class ListingHistory:
    """Listing histories of every reference seen in any snapshot."""

    entries: Mapping[str, EntryHistory]
    snapshot_names: tuple[str, ...]
    legacy_source: str = ""

    @classmethod
    def build(
        cls,
        snapshots: Sequence[SanctionsList],
        legacy: Any = None,
        *,
        legacy_source: str = "",
    ) -> ListingHistory:
        """Rebuild each reference's history across all snapshots (current and archived)."""
        dated = sorted(
            (s for s in snapshots if s.info.generated_date is not None),
            key=lambda s: s.info.generated_date or date.min,
        )
        undated = [s.info.path.name for s in snapshots if s.info.generated_date is None]
        if undated:
            log.info("snapshots without a generation date are not used for history: %s", undated)
        coverage = [(s, _coverage(s)) for s in dated]
        versions: dict[str, list[EntryVersion]] = {}
        for s in dated:
            for e in s.entries:
                versions.setdefault(e.reference, []).append(
                    EntryVersion(s.info.path.name, s.info.generated_date, e)
                )
        legacy_table = _legacy_table(legacy)
        if not legacy_source and legacy is not None and hasattr(legacy, "path"):
            legacy_source = Path(legacy.path).name
        out: dict[str, EntryHistory] = {}
        for ref, vs in versions.items():
            listed_on = _listed_on(vs)
            regime = ref[:2].upper()
            present_in = {v.snapshot for v in vs}
            obs = []
            for s, cov in coverage:
                name = s.info.path.name
                day = s.info.generated_date
                assert day is not None
                if cov is not None and regime not in cov:
                    continue
                present = name in present_in
                if not present and listed_on is not None and day < listed_on:
                    continue  # generated before the listing: says nothing
                obs.append(Observation(name, day, present))
            legacy_ms = legacy_table.get(ref, ())
            if not legacy_ms:
                for v in vs:
                    m = _OLD_REF.search(v.entry.comments)
                    if m and m.group(1) in legacy_table:
                        legacy_ms = legacy_table[m.group(1)]
                        break
            out[ref] = EntryHistory(ref, listed_on, tuple(obs), tuple(vs), legacy_ms)
        return cls(
            entries=out,
            snapshot_names=tuple(s.info.path.name for s in dated),
            legacy_source=legacy_source,
        )

    def __contains__(self, reference: object) -> bool:
        return reference in self.entries

    def get(self, reference: str) -> EntryHistory | None:
        return self.entries.get(reference)

    def entry_at(self, reference: str, day: date | None) -> tuple[Entry, str] | None:
        """The entry as stated by the snapshot nearest ``day`` (newest when day is None)."""
        h = self.entries.get(reference)
        if h is None or not h.versions:
            return None
        if day is None:
            v = h.versions[-1]
        else:
            v = min(h.versions, key=lambda v: (abs(((v.day or day) - day).days), v.day or day))
        return v.entry, v.snapshot

    def status(self, reference: str, day: date, regime: Regime | None = None) -> ListingStatus:
        """Where ``reference`` stood on ``day``; ``regime`` list events narrow windows."""
        h = self.entries.get(reference)
        if h is None:
            return ListingStatus(
                reference,
                day,
                ListingState.UNKNOWN,
                None,
                f"{reference} is in none of the snapshots ({', '.join(self.snapshot_names)})",
                self.snapshot_names,
            )
        lo = h.listed_on
        if lo is not None and day < lo:
            src = _newest_snapshot(h)
            return ListingStatus(
                reference,
                day,
                ListingState.NOT_YET_LISTED,
                lo,
                f"listed on {lo.isoformat()} (LISTED_ON in {src}), after {day.isoformat()}",
                (src,),
            )
        obs = h.observations
        prev = next((o for o in reversed(obs) if o.day <= day), None)
        nxt = next((o for o in obs if o.day >= day), None)
        events = regime.events_for(reference) if regime is not None else ()
        if prev is not None and prev.day == day:
            nxt = prev
        if prev is None and nxt is None:
            return ListingStatus(
                reference, day, ListingState.LISTED, lo, "listed (no covering snapshot)", ()
            )
        if prev is None:
            assert nxt is not None
            if nxt.present:
                return ListingStatus(
                    reference,
                    day,
                    ListingState.LISTED,
                    lo,
                    f"listed since {_iso(lo)}; present in {nxt.snapshot}",
                    (nxt.snapshot,),
                )
            after = lo or day
            return _window(reference, day, lo, after, "LISTED_ON", nxt, "removal", events)
        if nxt is None:
            removed = [
                e
                for e in events
                if e.reference == reference and e.kind == "removal" and prev.day < e.day <= day
            ]
            if prev.present and removed:
                ev = removed[-1]
                return ListingStatus(
                    reference,
                    day,
                    ListingState.DELISTED,
                    lo,
                    f"present in the newest covering snapshot {prev.snapshot} "
                    f"({prev.day.isoformat()}) but {ev.note} on {ev.day.isoformat()}",
                    (prev.snapshot,),
                    presumed=ev.day,
                )
            if prev.present:
                return ListingStatus(
                    reference,
                    day,
                    ListingState.LISTED,
                    lo,
                    f"present in the newest covering snapshot {prev.snapshot} "
                    f"({prev.day.isoformat()}); assumed still listed",
                    (prev.snapshot,),
                )
            return ListingStatus(
                reference,
                day,
                ListingState.DELISTED,
                lo,
                f"absent from {prev.snapshot} ({prev.day.isoformat()}), the newest covering "
                "snapshot",
                (prev.snapshot,),
            )
        if prev.present and nxt.present:
            return ListingStatus(
                reference,
                day,
                ListingState.LISTED,
                lo,
                f"present in {prev.snapshot} and {nxt.snapshot}",
                tuple(dict.fromkeys((prev.snapshot, nxt.snapshot))),
            )
        if not prev.present and not nxt.present:
            return ListingStatus(
                reference,
                day,
                ListingState.DELISTED,
                lo,
                f"absent from {prev.snapshot} and {nxt.snapshot}",
                tuple(dict.fromkeys((prev.snapshot, nxt.snapshot))),
            )
        kind = "removal" if prev.present else "relisting"
        return _window(reference, day, lo, prev.day, prev.snapshot, nxt, kind, events)

    def change_points(self, reference: str, regime: Regime | None = None) -> tuple[date, ...]:
        """Dates where the listing state of ``reference`` may change (for splitting ranges)."""
        h = self.entries.get(reference)
        if h is None:
            return ()
        days: set[date] = set()
        if h.listed_on is not None:
            days.add(h.listed_on)
        obs = h.observations
        for a, b in itertools.pairwise(obs):
            if a.present != b.present:
                days.add(b.day)
                days.add(date.fromordinal(a.day.toordinal() + 1))
                if regime is not None:
                    days.update(
                        e.day for e in regime.events_for(reference) if a.day < e.day <= b.day
                    )
        return tuple(sorted(days))

    def measures_at(self, reference: str, day: date, regimes: Regimes) -> MeasuresReading:
        """COMMENTS1's stated measures from the snapshots nearest ``day``, with any conflict."""
        h = self.entries.get(reference)
        if h is None or not h.versions:
            return MeasuresReading(None)
        dated = [v for v in h.versions if v.day is not None]
        before = next((v for v in reversed(dated) if v.day is not None and v.day <= day), None)
        after = next((v for v in dated if v.day is not None and v.day >= day), None)
        if before is None and after is None:
            return MeasuresReading(None)
        if before is None or after is None or before is after:
            v = before or after
            assert v is not None
            return MeasuresReading(regimes.stated_measures(v.entry.comments), v.snapshot)
        sb = regimes.stated_measures(before.entry.comments)
        sa = regimes.stated_measures(after.entry.comments)
        assert before.day is not None and after.day is not None
        nearest_is_before = (day - before.day) <= (after.day - day)
        near, far = (before, after) if nearest_is_before else (after, before)
        s_near, s_far = (sb, sa) if nearest_is_before else (sa, sb)
        conflict = _tb(sb) != _tb(sa)
        return MeasuresReading(
            s_near,
            near.snapshot,
            conflict=conflict,
            other=s_far,
            other_snapshot=far.snapshot,
            window=(before.day, after.day) if conflict else None,
        )


def _tb(s: StatedMeasures | None) -> bool | None:
    return None if s is None else s.travel_ban


def _window(
    reference: str,
    day: date,
    listed_on: date | None,
    after: date,
    after_name: str,
    nxt: Observation,
    kind: str,
    events: Iterable[Any],
) -> ListingStatus:
    inside = [e for e in events if e.kind == kind and after < e.day <= nxt.day]
    snaps = tuple(n for n in (after_name, nxt.snapshot) if n and n != "LISTED_ON")
    what = "left" if kind == "removal" else "rejoined"
    span = f"between {after.isoformat()} ({after_name}) and {nxt.day.isoformat()} ({nxt.snapshot})"
    if len(inside) == 1:
        ev = inside[0]
        before_event = day < ev.day
        if kind == "removal":
            state = ListingState.LISTED if before_event else ListingState.DELISTED
        else:
            state = ListingState.DELISTED if before_event else ListingState.LISTED
        return ListingStatus(
            reference,
            day,
            state,
            listed_on,
            f"{reference} {what} the list {span}; presumed on {ev.day.isoformat()} ({ev.note})",
            snaps,
            window=(after, nxt.day),
            presumed=ev.day,
        )
    return ListingStatus(
        reference,
        day,
        ListingState.UNCERTAIN,
        listed_on,
        f"{reference} {what} the list at an unknown date {span}; {day.isoformat()} lies inside "
        "that window",
        snaps,
        window=(after, nxt.day),
    )


def _iso(d: date | None) -> str:
    return d.isoformat() if d else "an unknown date"


def _newest_snapshot(h: EntryHistory) -> str:
    return h.versions[-1].snapshot if h.versions else ""


def _listed_on(vs: Sequence[EntryVersion]) -> date | None:
    """LISTED_ON as the newest snapshot states it (older ones fill a gap)."""
    for v in reversed(vs):
        if v.entry.listed_on is not None:
            return v.entry.listed_on
    return None


def _coverage(s: SanctionsList) -> frozenset[str] | None:
    """The regimes a snapshot speaks for: None means all (a consolidated list)."""
    regimes = frozenset(e.reference[:2].upper() for e in s.entries)
    return None if len(regimes) >= _CONSOLIDATED_MIN_REGIMES else regimes


def _measures_of(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if hasattr(value, "measures"):
        return _measures_of(value.measures)
    if hasattr(value, "listings"):
        rows: list[str] = []
        for item in value.listings:
            text = ", ".join(_measures_of(getattr(item, "measures", item)))
            if text and (not rows or rows[-1] != text):
                rows.append(text)
        return tuple(rows)
    if isinstance(value, Iterable):
        return tuple(m for item in value for m in _measures_of(item))
    return (str(value),)


def _legacy_table(legacy: Any) -> dict[str, tuple[str, ...]]:
    """Accept the old 1737 file's history as a mapping or a sequence of records."""
    if legacy is None:
        return {}
    table: dict[str, tuple[str, ...]] = {}
    if isinstance(legacy, Mapping):
        items: list[tuple[Any, Any]] = list(legacy.items())
    else:
        records = getattr(legacy, "entries", legacy)  # travelban.sanctions.Legacy1737
        items = []
        for x in records:
            for key in (getattr(x, "reference", ""), getattr(x, "identification", "")):
                if key:
                    items.append((key, x))
    for key, value in items:
        ms = _measures_of(value)
        if key and ms:
            table[str(key).strip()] = ms
            table[str(key).strip().rstrip(".")] = ms
    return table
