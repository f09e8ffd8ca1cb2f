"""Sanctions regimes as data: resolution paragraphs, in-force periods, exemptions, overrides.

The rules live in ``lists/regimes.toml``; this module only reads and queries them. Dates are
half-open periods ``[from, to)``: ``to`` is the first day a measure no longer applied.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from travelban.errors import ConfigError

log = logging.getLogger(__name__)

REGIMES_FILE = "regimes.toml"


class Measure(StrEnum):
    TRAVEL_BAN = "travel_ban"
    ASSET_FREEZE = "asset_freeze"


class EntryRuleKind(StrEnum):
    """What an entry-level row in the data file says about one reference."""

    TRAVEL_BAN_LIFTED = "travel_ban_lifted"  # Committee took the entry off the travel ban
    EXEMPTION = "exemption"  # time-limited exemption granted to the entry
    REMOVED = "removed"  # the entry left the list on this date


@dataclass(frozen=True, slots=True)
class MeasurePeriod:
    """One resolution paragraph imposing a measure over ``[start, end)``."""

    measure: Measure
    resolution: str
    paragraph: str
    start: date | None
    end: date | None = None
    binding: bool = True
    scope: str = "regime"  # "regime" or "entries"
    references: tuple[str, ...] = ()
    note: str = ""
    verified: str = "unverified"  # "source", "list" or "unverified"
    source: str = ""

    def covers(self, day: date) -> bool:
        """True when the measure applied on ``day``."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day < self.end

    def applies_to(self, reference: str) -> bool:
        """True when the period's scope includes ``reference``."""
        return self.scope != "entries" or reference in self.references

    @property
    def citation(self) -> str:
        """ "1929 (2010) para 10" - how findings cite the period."""
        return f"{self.resolution} para {self.paragraph}"

    @property
    def is_verified(self) -> bool:
        return self.verified in ("source", "list")


@dataclass(frozen=True, slots=True)
class Exemption:
    """A standard exemption to a measure: where it is and on what grounds."""

    measure: Measure
    resolution: str
    paragraph: str
    grounds: tuple[str, ...] = ()
    verified: str = "unverified"
    source: str = ""


@dataclass(frozen=True, slots=True)
class EntryRule:
    """A per-reference fact from the data file (travel ban lifted, exemption, removal)."""

    reference: str
    kind: EntryRuleKind
    start: date
    end: date | None = None
    resolution: str = ""
    paragraph: str = ""
    decided_by: str = ""
    note: str = ""
    verified: str = "unverified"
    source: str = ""

    def covers(self, day: date) -> bool:
        """True when ``day`` lies in ``[start, end)``."""
        return day >= self.start and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class ListEvent:
    """A date on which entries of a regime left (or rejoined) the list; one reference, if set."""

    day: date
    kind: str  # "removal" or "relisting"
    note: str = ""
    verified: str = "unverified"
    source: str = ""
    reference: str = ""  # set when the event concerns one reference only (an entry row)


@dataclass(frozen=True, slots=True)
class Regime:
    code: str
    name: str
    list_types: tuple[str, ...]
    committee: str
    travel_ban: tuple[MeasurePeriod, ...] = ()
    asset_freeze: tuple[MeasurePeriod, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    entry_rules: tuple[EntryRule, ...] = ()
    list_events: tuple[ListEvent, ...] = ()
    terminated: date | None = None
    note: str = ""
    legacy_until: date | None = None  # the old committee file speaks for days before this

    def travel_ban_periods(self, reference: str, day: date) -> tuple[MeasurePeriod, ...]:
        """Travel-ban periods in force on ``day`` whose scope includes ``reference``."""
        return tuple(p for p in self.travel_ban if p.covers(day) and p.applies_to(reference))

    def rules_for(self, reference: str) -> tuple[EntryRule, ...]:
        """The entry-level rows of the data file for one reference."""
        return tuple(r for r in self.entry_rules if r.reference == reference)

    def exemptions_for(self, measure: Measure) -> tuple[Exemption, ...]:
        """Standard exemptions to one measure."""
        return tuple(e for e in self.exemptions if e.measure is measure)

    def events_for(self, reference: str) -> tuple[ListEvent, ...]:
        """Dated list events that bear on ``reference``: the regime's own, plus its removal rows.

        An entry row of kind ``removed`` (a resolution that struck one reference off the list
        on a known day, such as 2799 (2025)) is a dated removal for that reference alone.
        """
        own = tuple(
            ListEvent(
                day=r.start,
                kind="removal",
                note=f"removed by {r.resolution or r.decided_by or 'a Council decision'}"
                + (f"; {r.note}" if r.note else ""),
                verified=r.verified,
                source=r.source,
                reference=reference,
            )
            for r in self.rules_for(reference)
            if r.kind is EntryRuleKind.REMOVED
        )
        return tuple(sorted(self.list_events + own, key=lambda e: e.day))

    def change_points(self, reference: str) -> tuple[date, ...]:
        """Every date on which the travel-ban position of ``reference`` may change."""
        days: set[date] = set()
        for p in self.travel_ban:
            if p.applies_to(reference):
                days.update(d for d in (p.start, p.end) if d is not None)
        for r in self.rules_for(reference):
            days.update(d for d in (r.start, r.end) if d is not None)
        return tuple(sorted(days))


@dataclass(frozen=True, slots=True)
class CommentRule:
    """How COMMENTS1 states an entry's measures (compiled from the data file)."""

    pattern: re.Pattern[str]
    listed_on: re.Pattern[str] | None
    travel_ban: tuple[str, ...]
    asset_freeze: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatedMeasures:
    """The measures COMMENTS1 says an entry was listed under."""

    travel_ban: bool
    asset_freeze: bool
    text: str  # the matched statements, joined
    starts: tuple[tuple[Measure, date], ...] = ()  # "Listed on 17 March 2011 ... (Asset Freeze)"


@dataclass(frozen=True, slots=True)
class Regimes:
    """Every regime of the data file, looked up by code or UN_LIST_TYPE."""

    path: Path
    regimes: tuple[Regime, ...]
    comment_rule: CommentRule
    _by_code: Mapping[str, Regime] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path) -> Regimes:
        """Read and check ``regimes.toml`` (or a lists folder holding it); ConfigError if bad."""
        path = Path(path)
        if path.is_dir():
            path = path / REGIMES_FILE
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(
                "regimes data file not found",
                path=path,
                fix="restore lists/regimes.toml from the repository",
            ) from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"regimes data file is not valid TOML ({exc})",
                path=path,
                fix="fix the syntax at the position given",
            ) from exc
        try:
            regimes = tuple(_regime(r) for r in raw.get("regime", []))
            rule = _comment_rule(raw.get("comment_measures", {}))
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise ConfigError(
                f"regimes data file has a bad row ({exc!r})",
                path=path,
                fix="each [[regime]] needs code, name, list_types, committee; each period "
                "needs resolution, paragraph and from",
            ) from exc
        codes = [r.code for r in regimes]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ConfigError(
                f"regime codes repeated: {', '.join(dupes)}",
                path=path,
                fix="keep one [[regime]] block per code",
            )
        by_code = {r.code: r for r in regimes}
        for r in regimes:
            for t in r.list_types:
                by_code.setdefault(t.casefold(), r)
        log.debug("loaded %d regimes from %s", len(regimes), path)
        return cls(path=path, regimes=regimes, comment_rule=rule, _by_code=by_code)

    @classmethod
    def default(cls, lists_dir: Path) -> Regimes:
        """The shipped data file in ``lists_dir``."""
        return cls.load(lists_dir / REGIMES_FILE)

    def table(self) -> tuple[dict[str, str], ...]:
        """One printable row per regime (for the report's Method sheet)."""
        rows = []
        for r in self.regimes:
            rows.append(
                {
                    "code": r.code,
                    "name": r.name,
                    "list_type": ", ".join(r.list_types),
                    "committee": r.committee,
                    "travel_ban": _periods_line(r.travel_ban) or "none",
                    "asset_freeze": _periods_line(r.asset_freeze) or "none",
                    "exemptions": "; ".join(
                        f"{e.measure.value}: {e.resolution} para {e.paragraph}"
                        for e in r.exemptions
                    ),
                    "terminated": r.terminated.isoformat() if r.terminated else "",
                    "note": r.note,
                    "source": self.path.name,
                }
            )
        return tuple(rows)

    def get(self, code_or_list_type: str) -> Regime | None:
        """The regime for a reference prefix ("IR") or a UN_LIST_TYPE ("Iran"), else None."""
        key = code_or_list_type.strip()
        return self._by_code.get(key.upper()) or self._by_code.get(key.casefold())

    def for_reference(self, reference: str, list_type: str = "") -> Regime | None:
        """The regime of an entry: by reference prefix, else by UN_LIST_TYPE."""
        return self.get(reference[:2]) or (self.get(list_type) if list_type else None)

    def stated_measures(self, comments: str) -> StatedMeasures | None:
        """The measures COMMENTS1 states ("... (Travel Ban, Asset Freeze)"), or None."""
        rule = self.comment_rule
        text = " ".join(comments.split())
        hits = list(rule.pattern.finditer(text))
        if not hits:
            return None
        tb = af = False
        starts: list[tuple[Measure, date]] = []
        for m in hits:
            words = [w.strip().casefold() for w in m.group("measures").split(",")]
            has_tb = any(" ".join(w.split()) in rule.travel_ban for w in words)
            has_af = any(" ".join(w.split()) in rule.asset_freeze for w in words)
            tb, af = tb or has_tb, af or has_af
            day = _statement_date(rule, text, m.start())
            if day is not None:
                if has_tb:
                    starts.append((Measure.TRAVEL_BAN, day))
                if has_af:
                    starts.append((Measure.ASSET_FREEZE, day))
        return StatedMeasures(
            travel_ban=tb,
            asset_freeze=af,
            text=" | ".join(m.group(0) for m in hits),
            starts=tuple(starts),
        )


def _statement_date(rule: CommentRule, text: str, at: int) -> date | None:
    """The "Listed on 17 March 2011" date just before a statement, when there is one."""
    if rule.listed_on is None:
        return None
    window = text[max(0, at - 40) : at + len("pursuant to")]
    found = list(rule.listed_on.finditer(window))
    if not found:
        return None
    m = found[-1]
    try:
        return datetime.strptime(m.group("date"), "%d %B %Y").date()
    except ValueError:
        return None


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _period(measure: Measure, row: Mapping[str, Any]) -> MeasurePeriod:
    return MeasurePeriod(
        measure=measure,
        resolution=str(row["resolution"]),
        paragraph=str(row["paragraph"]),
        start=_day(row["from"]),
        end=_day(row.get("to")),
        binding=bool(row.get("binding", True)),
        scope=str(row.get("scope", "regime")),
        references=_strs(row.get("references")),
        note=str(row.get("note", "")),
        verified=str(row.get("verified", "unverified")),
        source=str(row.get("source", "")),
    )


def _regime(row: Mapping[str, Any]) -> Regime:
    exemptions = tuple(
        Exemption(
            measure=Measure(e.get("measure", "travel_ban")),
            resolution=str(e["resolution"]),
            paragraph=str(e["paragraph"]),
            grounds=_strs(e.get("grounds")),
            verified=str(e.get("verified", "unverified")),
            source=str(e.get("source", "")),
        )
        for e in row.get("exemption", [])
    )
    rules = []
    for e in row.get("entry", []):
        start = _day(e["from"])
        if start is None:
            raise ValueError(f"entry row for {e.get('reference')} has no 'from' date")
        rules.append(
            EntryRule(
                reference=str(e["reference"]),
                kind=EntryRuleKind(e["kind"]),
                start=start,
                end=_day(e.get("to")),
                resolution=str(e.get("resolution", "")),
                paragraph=str(e.get("paragraph", "")),
                decided_by=str(e.get("decided_by", "")),
                note=str(e.get("note", "")),
                verified=str(e.get("verified", "unverified")),
                source=str(e.get("source", "")),
            )
        )
    events = []
    for e in row.get("list_event", []):
        day = _day(e["date"])
        if day is None:
            raise ValueError("list_event without a date")
        events.append(
            ListEvent(
                day=day,
                kind=str(e.get("kind", "removal")),
                note=str(e.get("note", "")),
                verified=str(e.get("verified", "unverified")),
                source=str(e.get("source", "")),
            )
        )
    return Regime(
        code=str(row["code"]).upper(),
        name=str(row["name"]),
        list_types=_strs(row["list_types"]),
        committee=str(row["committee"]),
        travel_ban=tuple(_period(Measure.TRAVEL_BAN, p) for p in row.get("travel_ban", [])),
        asset_freeze=tuple(_period(Measure.ASSET_FREEZE, p) for p in row.get("asset_freeze", [])),
        exemptions=exemptions,
        entry_rules=tuple(rules),
        list_events=tuple(sorted(events, key=lambda e: e.day)),
        terminated=_day(row.get("terminated")),
        note=str(row.get("note", "")),
        legacy_until=_day(row.get("legacy_until")),
    )


def _comment_rule(row: Mapping[str, Any]) -> CommentRule:
    pattern = row.get("pattern") or r"(?!x)x"  # matches nothing when absent
    listed_on = row.get("listed_on")
    return CommentRule(
        pattern=re.compile(str(pattern), re.IGNORECASE),
        listed_on=re.compile(str(listed_on), re.IGNORECASE) if listed_on else None,
        travel_ban=tuple(s.casefold() for s in _strs(row.get("travel_ban", ["travel ban"]))),
        asset_freeze=tuple(s.casefold() for s in _strs(row.get("asset_freeze", ["asset freeze"]))),
    )


def _periods_line(periods: Iterable[MeasurePeriod]) -> str:
    out = []
    for p in periods:
        span = (
            f"{p.start.isoformat() if p.start else '?'} to {p.end.isoformat() if p.end else 'now'}"
        )
        flags = "" if p.binding else ", not binding"
        flags += "" if p.is_verified else ", unverified"
        out.append(f"{p.citation} ({span}{flags})")
    return "; ".join(out)


def periods_text(periods: Iterable[MeasurePeriod]) -> str:
    """A short list of citations for a rationale."""
    return "; ".join(p.citation for p in periods)


def unverified_suffix(periods: Sequence[MeasurePeriod]) -> str:
    """A caution appended to rationales that cite a paragraph not yet checked."""
    if any(not p.is_verified for p in periods):
        return " (paragraph number not yet checked against the resolution text; see REGIMES.md)"
    return ""
