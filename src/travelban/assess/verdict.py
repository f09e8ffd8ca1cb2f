"""Verdicts: judge one (matched entry, travel event) pair against the regime rules.

Order of the checks, each of which can settle the verdict:

1. the trip did not happen (planned, cancelled, denied) -> not_travelled;
2. no regime data, no date -> needs_review (saying what is missing);
3. a date range that straddles a change of rules or of listing -> needs_review, unless every
   part gives the same answer;
4. for one day: not yet listed or already removed -> not_listed_at_time; no binding travel
   ban then (regime, entry override, COMMENTS1) -> no_travel_ban; listing or stated
   measures uncertain -> needs_review; destination is a nationality -> own_country;
   exemption quoted or granted -> exempted; otherwise apparent_breach;
5. a weak name match turns an apparent breach into needs_review;
6. a possible namesake turns an apparent breach into needs_review: the article contradicts
   the entry strongly (age, nationality, gender, place of birth), or the name is common
   and nothing specific agrees, or it differs weakly and nothing specific agrees
   (``identity.namesake_reason``).

Only individual entries give findings: a person matched to an entity entry (a company, a
ship) is left out; an entity the entry cites and the article names corroborates instead.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from travelban.assess.article_facts import facts_about
from travelban.assess.commonness import Commonness
from travelban.assess.corroborate import Corroboration, corroborate
from travelban.assess.history import ListingHistory, ListingState, ListingStatus
from travelban.assess.identity import IdentityCheck, check_identity, describe
from travelban.assess.regimes import (
    EntryRuleKind,
    MeasurePeriod,
    Regime,
    Regimes,
    unverified_suffix,
)
from travelban.models import (
    Article,
    Entry,
    EntryKind,
    EventStatus,
    Extraction,
    Finding,
    NameMatch,
    Person,
    Precision,
    TravelEvent,
    Verdict,
)

log = logging.getLogger(__name__)

CountryOf = Callable[[str], str | None]
EntryLookup = Callable[[str], Entry | None]

_NOT_TRAVELLED = {
    EventStatus.PLANNED: "was only planned",
    EventStatus.CANCELLED: "was cancelled",
}
_PRECISION_CERTAINTY = {
    Precision.DAY: 1.0,
    Precision.WEEK: 0.95,
    Precision.MONTH: 0.9,
    Precision.RANGE: 0.9,
    Precision.SEASON: 0.8,
    Precision.YEAR: 0.75,
    Precision.OPEN: 0.7,
    Precision.UNKNOWN: 0.5,
}
_STATUS_CERTAINTY = {EventStatus.OCCURRED: 1.0, EventStatus.REPORTED: 0.7}
# Kinds of event that describe staying somewhere rather than a journey.
_PRESENCE_KINDS = frozenset({"presence", "exile", "residence"})
# trigger words of a person taken away by force ("seized by gunmen in Syria"): being
# there may not have been his own doing
_FORCED = re.compile(r"(?i)(kidnap|abduct|snatch|seiz)")
# Two matched entries closer than this (score + corroboration) cannot be told apart.
_AMBIGUITY_MARGIN = 0.1


@dataclass(frozen=True, slots=True)
class DayJudgement:
    """The answer for one day (or a stretch of days with the same rules)."""

    verdict: Verdict
    reason: str
    periods: tuple[MeasurePeriod, ...] = ()
    resolution: str = ""
    paragraph: str = ""
    snapshots: tuple[str, ...] = ()
    certainty: float = 1.0  # lowered for presumed dates, data exemptions, ...

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.verdict.value, self.resolution, self.paragraph)


@dataclass(slots=True)
class _Ctx:
    reference: str
    regime: Regime
    entry: Entry | None
    person: Person
    event: TravelEvent
    history: ListingHistory
    regimes: Regimes
    country_of: CountryOf | None
    latest: Entry | None = None  # the entry as the newest list states it
    snapshots: list[str] = field(default_factory=list)


def assess_event(
    match: NameMatch,
    event: TravelEvent,
    person: Person,
    article: Article,
    *,
    history: ListingHistory,
    regimes: Regimes,
    entry_lookup: EntryLookup | Mapping[str, Entry] | None = None,
    country_of: CountryOf | None = None,
    threshold: float | None = None,
    others: Sequence[Person] = (),
    commonness: Commonness | None = None,
    identity: IdentityCheck | None = None,
) -> Finding:
    """Judge one trip of one matched person against the regime of the matched entry.

    ``others`` (everyone else in the article) keeps facts like an age from being read off
    a neighbour; ``commonness`` says how common the name is; ``identity`` is the evidence
    for and against the entry when the caller already weighed it.
    """
    ref = match.reference
    day0 = event.when.start
    lookup = _lookup(entry_lookup)
    found = history.entry_at(ref, day0)
    entry = found[0] if found else lookup(ref)
    snapshots: list[str] = [found[1]] if found else []
    listed_name = match.name or (entry.name if entry else "")
    regime = regimes.for_reference(ref, match.list_type or (entry.list_type if entry else ""))
    corr = corroborate(person, entry, country_of)
    limit = match.explanation.threshold if threshold is None else threshold
    if identity is None:
        identity = _identity(
            match, person, article, entry, lookup(ref), others, commonness, country_of, lookup
        )

    def finish(j: DayJudgement, extra: str = "") -> Finding:
        verdict = j.verdict
        notes = []
        if verdict is Verdict.APPARENT_BREACH and match.score < limit:
            verdict = Verdict.NEEDS_REVIEW
            notes.append(
                f"the name match ({match.score:.2f}) is below the threshold {limit:.2f}, so "
                "this would-be breach needs review"
            )
        if verdict is Verdict.APPARENT_BREACH and _FORCED.match(event.trigger or ""):
            verdict = Verdict.NEEDS_REVIEW
            notes.append(
                f"needs_review, not apparent_breach: the text says the person was taken by "
                f"force ('{event.trigger}'), so whether the stay was of their own will needs "
                "review"
            )
        namesake = verdict is Verdict.APPARENT_BREACH and bool(identity.namesake)
        if namesake:
            verdict = Verdict.NEEDS_REVIEW
            notes.append(
                f"needs_review, not apparent_breach: {identity.namesake}; if this is the "
                "listed person, the trip is an apparent breach"
            )
        hist = history.get(ref)
        legacy_era = regime is not None and regime.legacy_until is not None
        if legacy_era and day0 is not None and regime is not None and regime.legacy_until:
            legacy_era = day0 < regime.legacy_until
        if hist is not None and hist.legacy_measures and legacy_era:
            notes.append(
                "the old 1737 Committee file records the measures as "
                + " -> ".join(f"'{m}'" for m in hist.legacy_measures)
                + (f" ({history.legacy_source})" if history.legacy_source else "")
            )
            if history.legacy_source:
                snapshots.append(history.legacy_source)
        conf = _confidence(match.score, corr, event, j.certainty) * (0.6 if namesake else 1.0)
        rationale = _rationale(
            match, event, entry, regime, verdict, j, corr, notes + ([extra] if extra else [])
        )
        if identity.items:
            rationale += " Identity: " + describe(identity.items).replace("\n", "; ") + "."
        snaps = tuple(dict.fromkeys([*snapshots, *j.snapshots]))
        return Finding(
            article=article.source,
            article_sha256=article.sha256,
            person=event.person_name or person.name,
            person_id=person.pid,
            reference=ref,
            listed_name=listed_name,
            event=event,
            match=match,
            verdict=verdict,
            regime=regime.code if regime else ref[:2].upper(),
            resolution=j.resolution,
            paragraph=j.paragraph,
            confidence=round(conf, 3),
            rationale=rationale,
            snapshots=snaps,
            identity=identity.items,
        )

    if event.status is EventStatus.DENIED:
        # a denial comes from an interested party (the traveller's side or the host): it
        # does not close a reported trip, it sends it to a reviewer
        who = event.status_source or "an unnamed party"
        why = (
            f"the trip was reported but denied by {who}; a denial by an interested party "
            "does not settle whether the trip took place"
        )
        j = DayJudgement(Verdict.NEEDS_REVIEW, why, certainty=0.6)
        if regime is not None and day0 is not None:
            j = _with_cite(j, _cite_periods(regime, ref, day0))
        return finish(j)
    if event.status is EventStatus.PLANNED and event.exemption:
        # "the Committee agreed that X may travel to Doha between ...": an approved trip
        why = f'an approved trip, still to come: the article says "{event.exemption}"'
        j = DayJudgement(Verdict.EXEMPTED, why, certainty=0.8)
        if regime is not None and day0 is not None:
            j = _with_cite(j, _cite_periods(regime, ref, day0))
        return finish(j)
    if event.status in _NOT_TRAVELLED:
        src = f" (per {event.status_source})" if event.status_source else ""
        why = f"the trip {_NOT_TRAVELLED[event.status]}{src}; no travel took place to judge"
        j = DayJudgement(Verdict.NOT_TRAVELLED, why, certainty=0.9)
        if regime is not None and day0 is not None:
            j = _with_cite(j, _cite_periods(regime, ref, day0))
        return finish(j)
    if regime is None:
        lt = match.list_type or (entry.list_type if entry else "")
        return finish(
            DayJudgement(
                Verdict.NEEDS_REVIEW,
                f"regime '{ref[:2].upper()}' (list type '{lt or 'unknown'}') is missing from "
                f"{regimes.path.name}; cannot say which travel ban applies",
                certainty=0.5,
            )
        )
    ctx = _Ctx(ref, regime, entry, person, event, history, regimes, country_of, lookup(ref))
    if day0 is None:
        return finish(_judge_undated(ctx))
    day1 = event.when.end or day0
    if day1 < day0:
        day0, day1 = day1, day0
    cuts = sorted(
        {
            d
            for d in (*regime.change_points(ref), *history.change_points(ref, regime))
            if day0 < d <= day1
        }
    )
    if not cuts:
        j = _judge_day(ctx, day0)
        extra = ""
        if event.kind in _PRESENCE_KINDS and entry and entry.listed_on and day0 < entry.listed_on:
            extra = "the presence began before the listing"
        return finish(j, extra)
    parts = []
    starts = [day0, *cuts]
    for i, s in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else None
        parts.append((s, end, _judge_day(ctx, s)))
    if len({p[2].key for p in parts}) == 1:
        j = parts[0][2]
        return finish(j, f"the same holds over the whole span {day0} to {day1}")
    pieces = []
    for s, end, pj in parts:
        span = f"{s.isoformat()}..{_prev(end).isoformat()}" if end else f"from {s.isoformat()}"
        pieces.append(f"{span}: {pj.verdict.value} ({pj.reason})")
    if not any(pj.verdict in {Verdict.APPARENT_BREACH, Verdict.NEEDS_REVIEW} for *_, pj in parts):
        # a span that is nowhere a possible breach ("lived in Amman since 2003", before the
        # listing and then under a regime with no travel ban) takes the reason that holds
        # most widely: at home, then no ban, then exempted, then not yet listed
        chosen = min((pj for *_, pj in parts), key=lambda pj: _CALM_ORDER.index(pj.verdict))
        return finish(chosen, "over the span: " + "; ".join(pieces))
    first_binding = next((pj for _, _, pj in parts if pj.periods), parts[0][2])
    presence = ""
    if event.kind in _PRESENCE_KINDS and entry and entry.listed_on and day0 < entry.listed_on:
        presence = "The presence began before the listing. "
    review = DayJudgement(
        Verdict.NEEDS_REVIEW,
        presence
        + f"the date range {day0.isoformat()}..{day1.isoformat()} straddles a change of rules "
        "or listing; " + "; ".join(pieces),
        first_binding.periods,
        first_binding.resolution,
        first_binding.paragraph,
        tuple(s for _, _, pj in parts for s in pj.snapshots),
        certainty=0.6,
    )
    return finish(review)


# verdicts that are no breach, the most telling first, for a span that crosses a change
_CALM_ORDER = (
    Verdict.OWN_COUNTRY,
    Verdict.NO_TRAVEL_BAN,
    Verdict.EXEMPTED,
    Verdict.NOT_TRAVELLED,
    Verdict.NOT_LISTED_AT_TIME,
    Verdict.NEEDS_REVIEW,
    Verdict.APPARENT_BREACH,
)


def assess(
    extraction: Extraction,
    matches: Mapping[str, Sequence[NameMatch]],
    *,
    history: ListingHistory,
    regimes: Regimes,
    entry_lookup: EntryLookup | Mapping[str, Entry] | None = None,
    country_of: CountryOf | None = None,
    threshold: float | None = None,
    commonness: Commonness | None = None,
) -> tuple[Finding, ...]:
    """One finding per (matched individual entry, travel event) of every person."""
    out: list[Finding] = []
    events_by_person: dict[str, list[TravelEvent]] = {}
    for ev in extraction.events:
        if ev.person_id is not None:
            events_by_person.setdefault(ev.person_id, []).append(ev)
    lookup = _lookup(entry_lookup)
    article = extraction.article
    for person in extraction.people:
        ms = [
            m
            for m in _best_per_reference(matches.get(person.pid, ()))
            if _kind(m.reference, history, lookup) is not EntryKind.ENTITY
        ]
        evs = events_by_person.get(person.pid, [])
        if not ms or not evs:
            continue
        checks = {
            m.reference: _identity(
                m,
                person,
                article,
                _entry(m.reference, history, lookup),
                lookup(m.reference),
                extraction.people,
                commonness,
                country_of,
                lookup,
            )
            for m in ms
        }
        ranked = _rank(ms, person, history, lookup, country_of, checks)
        ranked = _settled(ranked, history, lookup)
        judged = [
            [
                assess_event(
                    m,
                    ev,
                    person,
                    extraction.article,
                    history=history,
                    regimes=regimes,
                    entry_lookup=lookup,
                    country_of=country_of,
                    threshold=threshold,
                    others=extraction.people,
                    commonness=commonness,
                    identity=checks[m.reference],
                )
                for ev in evs
            ]
            for m, _ in ranked
        ]
        for (m, strength), row in zip(ranked, judged, strict=True):
            for i, f in enumerate(row):
                agreed = {r[i].verdict for r in judged}
                out.append(_ambiguity(f, m, strength, ranked, agreed))
    return tuple(out)


# ------------------------------------------------------------------------------ one day


def _judge_undated(ctx: _Ctx) -> DayJudgement:
    """A trip with no usable date: only answers that hold on every day can be given.

    A regime that never had a travel ban, or a destination that is one of the person's
    own countries, settles the verdict whatever the date; anything else needs review.
    """
    regime = ctx.regime
    if not regime.travel_ban:
        return DayJudgement(
            Verdict.NO_TRAVEL_BAN,
            f"the {regime.name} regime has never had a UN travel ban{_note(regime)}, so the "
            "unknown date does not matter",
            certainty=0.9,
        )
    dest = ctx.event.destination
    if dest is not None and dest.country:
        nats, _ = _nationalities(ctx)
        how = nats.get(dest.country.upper())
        if how is not None:
            return DayJudgement(
                Verdict.OWN_COUNTRY,
                f"{dest.country.upper()} is the person's own country ({how}); no UN travel "
                "ban obliges a State to refuse entry to its own nationals, so the unknown "
                "date does not matter",
                certainty=0.7 if how.startswith("NATIONALITY") else 0.6,
            )
    return DayJudgement(
        Verdict.NEEDS_REVIEW,
        f"the date of the trip is unknown ('{ctx.event.when.phrase or 'no date given'}'); "
        "the rules and the listing depend on it",
        certainty=0.5,
    )


def _judge_day(ctx: _Ctx, day: date) -> DayJudgement:
    """The verdict for ``day`` before any match-strength adjustment."""
    regime, ref = ctx.regime, ctx.reference
    status = ctx.history.status(ref, day, regime)
    snaps = status.snapshots
    presumed = 0.85 if status.presumed else 1.0
    if status.state is ListingState.UNKNOWN:
        if ctx.entry is None:
            return DayJudgement(
                Verdict.NEEDS_REVIEW,
                f"{ref} was not found in any snapshot nor by the entry lookup; "
                f"{status.explanation}",
                snapshots=snaps,
                certainty=0.5,
            )
        status = _status_from_entry(ctx.entry, day, status)
    if status.state in (ListingState.NOT_YET_LISTED, ListingState.DELISTED):
        return _with_cite(
            DayJudgement(
                Verdict.NOT_LISTED_AT_TIME,
                f"not listed on {day.isoformat()}: {status.explanation}",
                snapshots=snaps,
                certainty=presumed,
            ),
            _cite_periods(regime, ref, day),
        )
    binding, nonbinding, why_none, more_snaps, uncertain = _travel_ban(ctx, day)
    snaps = snaps + more_snaps
    if not binding:
        reason = why_none
        if nonbinding:
            reason += (
                "; only "
                + "; ".join(f"{p.citation} ({p.note or 'not binding'})" for p in nonbinding)
                + " applied, which is not a binding travel ban"
            )
        return _with_cite(
            DayJudgement(Verdict.NO_TRAVEL_BAN, reason, snapshots=snaps, certainty=presumed),
            nonbinding or _cite_periods(regime, ref, day),
        )
    cite = "; ".join(p.citation for p in binding)
    if uncertain:
        granted = _granted_exemption(ctx, day, binding, snaps, presumed)
        if granted is not None:
            return dataclasses.replace(
                granted,
                reason=granted.reason + f"; besides, {uncertain}",
                certainty=granted.certainty * 0.9,
            )
        return _with_cite(
            DayJudgement(Verdict.NEEDS_REVIEW, uncertain, snapshots=snaps, certainty=0.6), binding
        )
    if status.state is ListingState.UNCERTAIN:
        return _with_cite(
            DayJudgement(
                Verdict.NEEDS_REVIEW,
                f"listing uncertain: {status.explanation}; if still listed, {cite} applied",
                snapshots=snaps,
                certainty=0.6,
            ),
            binding,
        )
    dest = ctx.event.destination
    if dest is None or not dest.country:
        where = f"'{dest.name}'" if dest else "no destination"
        return _with_cite(
            DayJudgement(
                Verdict.NEEDS_REVIEW,
                f"destination country unknown ({where}); {cite} applied on {day.isoformat()}",
                snapshots=snaps,
                certainty=0.6,
            ),
            binding,
        )
    nats, how = _nationalities(ctx)
    if dest.country.upper() in nats:
        how = nats[dest.country.upper()]
        return _with_cite(
            DayJudgement(
                Verdict.OWN_COUNTRY,
                f"{dest.country.upper()} is the person's own country ({how}); the travel ban "
                f"of {cite} does not oblige a State to refuse entry to its own nationals",
                snapshots=snaps,
                certainty=presumed * (1.0 if how.startswith("NATIONALITY") else 0.85),
            ),
            binding,
        )
    if ctx.event.exemption:
        return _with_cite(
            DayJudgement(
                Verdict.EXEMPTED,
                f'the article mentions an exemption: "{ctx.event.exemption}"'
                + _exemption_grounds(regime),
                snapshots=snaps,
                certainty=presumed * 0.9,
            ),
            binding,
        )
    granted = _granted_exemption(ctx, day, binding, snaps, presumed)
    if granted is not None:
        return granted
    listed = f"listed since {status.listed_on.isoformat()}" if status.listed_on else "listed"
    return _with_cite(
        DayJudgement(
            Verdict.APPARENT_BREACH,
            f"{ref} was {listed} and {_cite_with_notes(binding)} (binding travel ban) applied "
            f"on {day.isoformat()}; "
            f"{dest.country.upper()} is not among the person's nationalities ({how})"
            + unverified_suffix(binding),
            snapshots=snaps,
            certainty=presumed,
        ),
        binding,
    )


def _granted_exemption(
    ctx: _Ctx,
    day: date,
    binding: tuple[MeasurePeriod, ...],
    snaps: tuple[str, ...],
    presumed: float,
) -> DayJudgement | None:
    """An exemption the data file records for this entry on ``day``, as a judgement."""
    for rule in ctx.regime.rules_for(ctx.reference):
        if rule.kind is EntryRuleKind.EXEMPTION and rule.covers(day):
            to = f" to {_prev(rule.end).isoformat()}" if rule.end else ""
            return DayJudgement(
                Verdict.EXEMPTED,
                f"{rule.decided_by or 'the Committee'} granted {ctx.reference} an exemption "
                f"under {rule.resolution} para {rule.paragraph} from {rule.start.isoformat()}{to} "
                f"({rule.note}); check that the trip fits its purpose",
                binding,
                rule.resolution or (binding[0].resolution if binding else ""),
                rule.paragraph or (binding[0].paragraph if binding else ""),
                snaps,
                certainty=presumed * 0.8,
            )
    return None


def _travel_ban(
    ctx: _Ctx, day: date
) -> tuple[tuple[MeasurePeriod, ...], tuple[MeasurePeriod, ...], str, tuple[str, ...], str]:
    """(binding periods, non-binding periods, why none, snapshots, uncertainty) on ``day``."""
    regime, ref = ctx.regime, ctx.reference
    periods = regime.travel_ban_periods(ref, day)
    binding = tuple(p for p in periods if p.binding)
    nonbinding = tuple(p for p in periods if not p.binding)
    if not regime.travel_ban:
        return (), (), f"the {regime.name} regime has no UN travel ban{_note(regime)}", (), ""
    if not binding:
        lapsed = [p for p in regime.travel_ban if p.end and p.end <= day and p.applies_to(ref)]
        why = f"no binding UN travel ban of the {regime.name} regime was in force on {day}"
        if lapsed:
            last = max(lapsed, key=lambda p: p.end or day)
            assert last.end is not None
            why += f" ({last.citation} ended on {last.end.isoformat()})"
        return (), nonbinding, why, (), ""
    for rule in regime.rules_for(ref):
        if rule.kind is EntryRuleKind.TRAVEL_BAN_LIFTED and rule.covers(day):
            return (
                (),
                (),
                f"{rule.decided_by or 'a Committee decision'} took {ref} off the travel ban from "
                f"{rule.start.isoformat()} ({rule.note})",
                (),
                "",
            )
        if rule.kind is EntryRuleKind.REMOVED and rule.covers(day):
            return (), (), f"{ref} was removed by {rule.resolution} on {rule.start}", (), ""
    reading = ctx.history.measures_at(ref, day, ctx.regimes)
    snaps = reading.snapshots
    if reading.conflict:
        lifted = [r for r in regime.rules_for(ref) if r.kind is EntryRuleKind.TRAVEL_BAN_LIFTED]
        if lifted:
            # The data file dates the change; the day is before it (checked above).
            return binding, nonbinding, "", snaps, ""
        a, b = reading.window or (day, day)
        return (
            binding,
            nonbinding,
            "",
            snaps,
            f"COMMENTS1 of {ref} changed between {reading.snapshot} and "
            f"{reading.other_snapshot} ({_stated(reading.stated)} vs {_stated(reading.other)}, "
            f"between {a.isoformat()} and {b.isoformat()}); the measures on {day} are unclear",
        )
    stated = reading.stated
    if stated is not None and not stated.travel_ban:
        return (
            (),
            (),
            f"COMMENTS1 in {reading.snapshot} lists {ref} for {_stated(stated)} only, so the "
            f"regime's travel ban does not apply to this entry",
            snaps,
            "",
        )
    if stated is not None:
        for measure, start in stated.starts:
            if measure.value == "travel_ban" and day < start:
                return (
                    (),
                    (),
                    f"COMMENTS1 in {reading.snapshot} dates the travel ban from {start}",
                    snaps,
                    "",
                )
    return binding, nonbinding, "", snaps, ""


def _cite_with_notes(periods: Sequence[MeasurePeriod]) -> str:
    return "; ".join(f"{p.citation} [{p.note}]" if p.note else p.citation for p in periods)


def _stated(s: object) -> str:
    if s is None:
        return "nothing stated"
    tb = getattr(s, "travel_ban", False)
    af = getattr(s, "asset_freeze", False)
    return ", ".join(n for n, on in (("Travel Ban", tb), ("Asset Freeze", af)) if on) or "none"


def _status_from_entry(entry: Entry, day: date, status: ListingStatus) -> ListingStatus:
    """No snapshot history: fall back on the looked-up entry's LISTED_ON."""
    lo = entry.listed_on
    if lo is not None and day < lo:
        return ListingStatus(
            status.reference,
            day,
            ListingState.NOT_YET_LISTED,
            lo,
            f"listed on {lo.isoformat()}, after {day.isoformat()}",
        )
    return ListingStatus(
        status.reference,
        day,
        ListingState.LISTED,
        lo,
        "listed (no snapshot history; taken from the list entry)",
    )


def _nationalities(ctx: _Ctx) -> tuple[dict[str, str], str]:
    """The person's nationalities as ISO code -> where it came from, and a summary."""
    # Identity facts belong to the person, not to a list version: a later version that adds
    # a passport or a nationality is better knowledge, so both versions are read.
    versions = [v for v in (ctx.entry, ctx.latest) if v is not None]
    country_of = ctx.country_of
    if versions and country_of is not None:
        stated = list(dict.fromkeys(n for v in versions for n in v.nationalities))
        nats = {c.upper(): f"NATIONALITY '{n}'" for n in stated if (c := country_of(n))}
        if nats:
            return nats, "NATIONALITY: " + "; ".join(stated)
        sources: dict[str, list[str]] = {}
        for d in dict.fromkeys(d for v in versions for d in v.documents):
            if d.country and (c := country_of(d.country)):
                said = f"the {d.kind or 'document'} issuer '{d.country}'"
                if said not in sources.get(c.upper(), []):
                    sources.setdefault(c.upper(), []).append(said)
        for place in dict.fromkeys(p for v in versions for p in v.birth_places):
            if c := country_of(place):
                sources.setdefault(c.upper(), []).append(f"the place of birth '{place}'")
        if sources:
            inferred = {
                code: "no NATIONALITY; inferred from " + " and ".join(said)
                for code, said in sources.items()
            }
            summary = "no NATIONALITY; inferred " + ", ".join(
                f"{code} from {' and '.join(said)}" for code, said in sources.items()
            )
            return inferred, summary
    if ctx.person.nationalities:
        how = "inferred from the article; the entry states no nationality"
        return {n.upper(): how for n in ctx.person.nationalities}, how
    if country_of is None:
        return {}, "nationality not checked: no country resolver given"
    return {}, "the entry states no nationality, passport issuer or place of birth"


def _exemption_grounds(regime: Regime) -> str:
    ex = [e for e in regime.exemptions if e.measure.value == "travel_ban"]
    if not ex:
        return ""
    first = ex[0]
    return (
        f"; standard exemptions: {first.resolution} para {first.paragraph} "
        f"({'; '.join(first.grounds)})"
    )


# ------------------------------------------------------------------------------ helpers


def _cite_periods(regime: Regime, ref: str, day: date) -> tuple[MeasurePeriod, ...]:
    """The travel-ban period to cite on ``day``: in force, else the last lapsed, else next."""
    now = regime.travel_ban_periods(ref, day)
    if now:
        binding = tuple(p for p in now if p.binding)
        return binding or now
    mine = [p for p in regime.travel_ban if p.applies_to(ref)]
    past = [p for p in mine if p.end and p.end <= day]
    if past:
        return (max(past, key=lambda p: p.end or day),)
    future = [p for p in mine if p.start and p.start > day]
    if future:
        return (min(future, key=lambda p: p.start or day),)
    return ()


def _with_cite(j: DayJudgement, periods: Sequence[MeasurePeriod]) -> DayJudgement:
    if not periods:
        return j
    p = periods[0]
    return DayJudgement(
        j.verdict, j.reason, tuple(periods), p.resolution, p.paragraph, j.snapshots, j.certainty
    )


def _prev(d: date | None) -> date:
    assert d is not None
    return date.fromordinal(d.toordinal() - 1)


def _note(regime: Regime) -> str:
    return f" ({regime.note})" if regime.note else ""


def _lookup(entry_lookup: EntryLookup | Mapping[str, Entry] | None) -> EntryLookup:
    if entry_lookup is None:
        return lambda _ref: None
    if isinstance(entry_lookup, Mapping):
        table = entry_lookup
        return lambda ref: table.get(ref)
    return entry_lookup


def _confidence(score: float, corr: Corroboration, event: TravelEvent, certainty: float) -> float:
    """Match strength moved by corroboration, times event and rule certainty, in [0, 1]."""
    m = max(0.0, min(1.0, score))
    m = m + (1.0 - m) * 0.5 * corr.score if corr.score >= 0 else m * (1.0 + 0.5 * corr.score)
    ev = _STATUS_CERTAINTY.get(event.status, 0.9) * _PRECISION_CERTAINTY.get(
        event.when.precision, 0.8
    )
    return round(max(0.0, min(1.0, m * ev * certainty)), 3)


def _rationale(
    match: NameMatch,
    event: TravelEvent,
    entry: Entry | None,
    regime: Regime | None,
    verdict: Verdict,
    j: DayJudgement,
    corr: Corroboration,
    notes: Sequence[str],
) -> str:
    dest = event.destination
    where = f"{dest.name} ({dest.country or '??'})" if dest else "an unknown place"
    w = event.when
    if w.start and w.end and w.end != w.start:
        when = f"{w.start.isoformat()}..{w.end.isoformat()}"
    elif w.start:
        when = w.start.isoformat()
    else:
        when = "date unknown"
    if w.phrase:
        when += f" ('{w.phrase}', {w.precision.value})"
    head = f"{verdict.value}: {event.kind} to {where}, {when}"
    if event.status is EventStatus.REPORTED:
        src = f" by {event.status_source}" if event.status_source else ""
        head += f"; reported{src}, not confirmed"
    cite = f"{j.resolution} para {j.paragraph}" if j.resolution else "no paragraph applies"
    who = f"{match.reference} {match.name}"
    if regime is not None:
        who += f" ({regime.name}; {regime.committee})"
    parts = [
        head,
        f"{who}. Rule: {cite}. Why: {j.reason}",
        *notes,
        f"Match {match.score:.2f} on '{match.matched_name}' "
        f"[{match.explanation.scorer}, threshold {match.explanation.threshold:.2f}]"
        + (f": {match.explanation.summary}" if match.explanation.summary else ""),
        f"Corroboration: {corr.detail}",
    ]
    return ". ".join(p.rstrip(". ") for p in parts if p) + "."


# ------------------------------------------------------------------------------ several entries


def _best_per_reference(ms: Sequence[NameMatch]) -> list[NameMatch]:
    best: dict[str, NameMatch] = {}
    for m in ms:
        if m.reference not in best or m.score > best[m.reference].score:
            best[m.reference] = m
    return list(best.values())


def _settled(
    ranked: list[tuple[NameMatch, float]], history: ListingHistory, lookup: EntryLookup
) -> list[tuple[NameMatch, float]]:
    """Drop weaker entries that the article's evidence ruled out; keep those it could not test.

    A weaker entry is set aside (it stays a candidate in the Matches sheet) only when it
    trails the best by the ambiguity margin AND it had details of its own that the article
    could have agreed with. An entry with no designation, title or comments cannot lose
    on corroboration: it stays, and the two are judged ambiguous.
    """
    if len(ranked) < 2:
        return ranked
    best_s = ranked[0][1]
    kept = [ranked[0]]
    for m, strength in ranked[1:]:
        found = history.entry_at(m.reference, None)
        entry = found[0] if found else lookup(m.reference)
        if best_s - strength >= _AMBIGUITY_MARGIN and entry is not None and _testable(entry):
            continue
        kept.append((m, strength))
    return kept


_BOILERPLATE = re.compile(
    r"https?://\S+|INTERPOL-UN Security Council Special Notice web link:?", re.I
)


def _testable(entry: Entry) -> bool:
    """True when the entry states a role the article's titles could be compared with."""
    comments = _BOILERPLATE.sub(" ", entry.comments)
    return bool(entry.designations or entry.titles or len(comments.split()) > 3)


def _rank(
    ms: Sequence[NameMatch],
    person: Person,
    history: ListingHistory,
    lookup: EntryLookup,
    country_of: CountryOf | None,
    checks: Mapping[str, IdentityCheck] | None = None,
) -> list[tuple[NameMatch, float]]:
    scored = []
    for m in ms:
        found = history.entry_at(m.reference, None)
        entry = found[0] if found else lookup(m.reference)
        corr = corroborate(person, entry, country_of)
        check = checks.get(m.reference) if checks else None
        extra = check.balance if check is not None else 0.0
        scored.append((m, round(m.score + 0.3 * corr.score + extra, 4)))
    return sorted(scored, key=lambda t: -t[1])


def _ambiguity(
    f: Finding,
    m: NameMatch,
    strength: float,
    ranked: Sequence[tuple[NameMatch, float]],
    verdicts: set[Verdict] | None = None,
) -> Finding:
    """When one person matched several entries too closely to tell apart: needs_review.

    ``verdicts`` holds what every candidate entry gives for the same event. When they all
    agree on a verdict that accuses nobody (the trip did not happen, no ban, own country,
    ...), who is meant does not change the answer, so the verdict stands with a note.
    """
    if len(ranked) < 2:
        return f
    best, best_s = ranked[0]
    if m is best:
        # ``ranked`` holds only entries the article could not rule out (see _settled).
        second, second_s = ranked[1]
        why = (
            f"the same person also matched {second.reference} ({second.name}) "
            f"({second_s:.2f} vs {best_s:.2f} with corroboration), and the article says "
            "nothing that rules it out; cannot tell which entry is meant"
        )
    else:
        why = (
            f"the same person matched {best.reference} ({best.name}) slightly better "
            f"({best_s:.2f} vs {strength:.2f} with corroboration); cannot tell which entry "
            "is meant"
        )
    if verdicts == {f.verdict} and f.verdict is not Verdict.APPARENT_BREACH:
        others = ", ".join(o.reference for o, _ in ranked if o is not m)
        return _replace(
            f,
            f.verdict,
            f"{f.rationale} Several entries matched ({others} too) and every one of them "
            f"gives {f.verdict.value} here, so the choice of entry does not change it.",
            0.8 if m is best else 0.5,
        )
    if f.verdict in (Verdict.NOT_TRAVELLED, Verdict.NEEDS_REVIEW) and m is not best:
        return _replace(f, f.verdict, f"{f.rationale} Two entries matched: {why}.", 0.5)
    return _replace(
        f,
        Verdict.NEEDS_REVIEW,
        f"needs_review (two entries matched one person: {why}). Otherwise: {f.rationale}",
        0.5 if m is best else 0.3,
    )


def _replace(f: Finding, verdict: Verdict, rationale: str, factor: float) -> Finding:
    """``f`` with a new verdict and rationale, its confidence scaled by ``factor``."""
    return dataclasses.replace(
        f, verdict=verdict, rationale=rationale, confidence=round(f.confidence * factor, 3)
    )


# ------------------------------------------------------------------------------ identity


def _entry(ref: str, history: ListingHistory, lookup: EntryLookup) -> Entry | None:
    found = history.entry_at(ref, None)
    return found[0] if found else lookup(ref)


def _kind(ref: str, history: ListingHistory, lookup: EntryLookup) -> EntryKind | None:
    entry = _entry(ref, history, lookup)
    if entry is not None:
        return entry.kind
    # No entry at hand: the reference says it ("QDe.115" is an entity, "QDi.019" a person).
    return EntryKind.ENTITY if re.match(r"^[A-Z]{2}e\.", ref) else None


def _identity(
    match: NameMatch,
    person: Person,
    article: Article,
    entry: Entry | None,
    latest: Entry | None,
    others: Sequence[Person],
    commonness: Commonness | None,
    country_of: CountryOf | None,
    lookup: EntryLookup,
) -> IdentityCheck:
    """The evidence for and against ``entry`` being the article's ``person``."""
    facts = facts_about(person, article.text, others)
    return check_identity(
        person,
        facts,
        entry,
        latest=latest,
        published=article.published,
        country_of=country_of,
        commonness=commonness.of(match.query or person.name) if commonness else None,
        article_text=article.text,
        lookup=lookup,
    )
