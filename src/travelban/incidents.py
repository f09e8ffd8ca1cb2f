"""One trip, many articles: findings merged into incidents.

A pure function of a list of findings (and, optionally, their articles and the incident
keys of an earlier run), so it runs the same after ``screen``, after a scheduled ``run``
over everything stored, or after a distributed screen that only gathers the findings.

**Same trip.** Findings merge when they name the same list entry, the same destination
country, and date ranges that fit together, read with their precision:

- a *span* (``day`` or an explicit ``range``: "on 24 July", "from 7 to 9 December") says
  the trip touched those days; spans merge when they overlap or are adjacent (arrived on
  the 7th, met officials on the 8th);
- a *container* (``week``, ``month``, ``season``, ``year``, ``open``: "last week", "in
  July") says the trip lay somewhere inside it; a container joins the incident whose
  dates it holds or overlaps ("in July" holds "24 July"), never by adjacency (July and
  August are not one trip). A container that holds two or more separate incidents of the
  same person and country (a trip in March and one in December, and a report of "a visit
  in 2015") could be any of them: it is kept as its own incident and its note says which.

Findings are taken narrowest range first, so the result does not depend on input order.

**Undated findings** (no resolved date) are never merged with a dated incident: nothing
shows they are the same trip. The undated findings of one entry and country form one
incident whose note says so. Findings with no destination country are never merged.

**Narrowest range.** The days every report allows: the span of the span reports, cut by
every container (when that leaves a day); with containers only, their intersection (or,
when it is empty, the narrowest one).

**Independence.** Sources of one outlet, and copies of one wire story (an evidence
sentence of 40 characters or more that is near-identical, rapidfuzz ratio 90 or more on
folded text), form one *story*: an incident reported by ten outlets that all ran the
same wire copy has one independent report. Confidence rises with independent reports
(``combine_confidence``), and a story counts once.

**Stable keys.** A new incident's key is a hash of the entry, the country and its
earliest-reported finding. Given the finding→incident map of an earlier run
(``previous``), an incident keeps the earlier key that most of its findings had, so a new
article joining an old trip never changes the trip's key; keys of incidents it absorbed
are kept in ``merged_keys`` so their decisions carry over.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from rapidfuzz import fuzz, process

from travelban.models import Article, DateRange, EventStatus, Finding, Precision, Verdict

# Precisions that state the days of the trip (merge when overlapping or adjacent); all
# others only bound it.
SPAN_PRECISIONS = frozenset({Precision.DAY, Precision.RANGE})
# Evidence texts at least this similar (rapidfuzz ratio on folded text) are one story.
COPY_SIMILARITY = 90.0
COPY_MIN_CHARS = 40  # shorter sentences ("He denied it.") are too common to mark a copy
# Each further independent report closes this share of the remaining doubt.
INDEPENDENT_WEIGHT = 0.5

# What needs an analyst first; an incident's verdict is the first one its sources hold.
VERDICT_ORDER: tuple[Verdict, ...] = (
    Verdict.APPARENT_BREACH,
    Verdict.NEEDS_REVIEW,
    Verdict.EXEMPTED,
    Verdict.NOT_TRAVELLED,
    Verdict.OWN_COUNTRY,
    Verdict.NO_TRAVEL_BAN,
    Verdict.NOT_LISTED_AT_TIME,
)
_VERDICT_RANK = {v: i for i, v in enumerate(VERDICT_ORDER)}
_POSITIVE = (EventStatus.OCCURRED, EventStatus.REPORTED)
_STATUS_ORDER = (*_POSITIVE, EventStatus.DENIED, EventStatus.PLANNED, EventStatus.CANCELLED)
_DATELINE_OUTLET = re.compile(r"\(([A-Z][^()]{1,40})\)\s*[-–—]")
_FOLD = re.compile(r"[^0-9a-z]+")


class IncidentStatus(StrEnum):
    """What the sources together say happened."""

    OCCURRED = "occurred"  # reported as fact, nobody denies it
    REPORTED = "reported"  # only attributed to a source, nobody denies it
    DISPUTED = "disputed"  # reported by some, denied by others
    DENIED = "denied"
    PLANNED = "planned"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class IncidentSource:
    """One finding as a source of an incident."""

    finding_key: str
    article: str
    article_sha256: str
    outlet: str  # "" when unknown
    published: date | None
    person: str  # as the article names them
    place: str
    when: DateRange
    status: EventStatus
    verdict: Verdict
    confidence: float
    evidence: str
    story: int  # sources with the same story number are one report (same outlet, or copies)


@dataclass(frozen=True, slots=True)
class Incident:
    """One trip of one listed person to one country, with every report of it."""

    key: str
    reference: str
    listed_name: str
    country: str | None
    when: DateRange  # the narrowest range the sources allow
    verdict: Verdict
    status: IncidentStatus
    status_text: str  # "occurred per 2 independent reports (3 articles); denied by 1"
    confidence: float
    confidence_text: str
    sources: tuple[IncidentSource, ...]  # earliest report first
    independent: int  # independent reports (stories) among the sources
    note: str = ""  # undated, ambiguous or no country: what was (not) merged and why
    merged_keys: tuple[str, ...] = ()  # earlier incident keys this one absorbed

    @property
    def finding_keys(self) -> tuple[str, ...]:
        return tuple(s.finding_key for s in self.sources)

    @property
    def earliest_report(self) -> date | None:
        """The publication date of the first report (None when no source is dated)."""
        return min((s.published for s in self.sources if s.published), default=None)

    @property
    def dated(self) -> bool:
        return self.when.start is not None

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct known outlets, in order of first report."""
        return tuple(dict.fromkeys(s.outlet for s in self.sources if s.outlet))

    @property
    def places(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.place for s in self.sources if s.place))

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.person for s in self.sources if s.person))

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article for s in self.sources))


# ---------------------------------------------------------------- helpers


def outlet_of(article: Article | None) -> str:
    """The outlet that published an article: the web address's host, else the agency a
    dateline names ("DUBAI, Dec 16 (Newswire) -"), else '' (unknown)."""
    if article is None:
        return ""
    if article.url:
        host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", article.url.strip().lower()).split("/")[0]
        host = host.split("@")[-1].split(":")[0]
        if host:
            return host.removeprefix("www.")
    for text in (article.published_evidence, article.text[:400]):
        m = _DATELINE_OUTLET.search(text or "")
        if m:
            return m.group(1).strip()
    return ""


def combine_confidence(stories: Sequence[float]) -> float:
    """Confidence from the best confidence of each independent story: the best one, then
    each further story closes ``INDEPENDENT_WEIGHT`` of the remaining doubt in proportion
    to its own confidence (three reports at 0.7 give 0.87, one gives 0.7)."""
    if not stories:
        return 0.0
    ordered = sorted(stories, reverse=True)
    doubt = 1.0 - ordered[0]
    for c in ordered[1:]:
        doubt *= 1.0 - INDEPENDENT_WEIGHT * c
    return round(1.0 - doubt, 4)


def _range(f: Finding) -> tuple[date, date] | None:
    w = f.event.when
    if w.start is None:
        return None
    end = w.end if w.end is not None and w.end >= w.start else w.start
    return (w.start, end)


def _is_span(f: Finding) -> bool:
    return f.event.when.precision in SPAN_PRECISIONS


_ONE_DAY = timedelta(days=1)


@dataclass(slots=True, eq=False)
class _Cluster:
    """A growing incident (mutable while merging; never leaves this module)."""

    members: list[Finding]
    span: tuple[date, date] | None  # hull of the span members
    inter: tuple[date, date] | None  # intersection of the container members (None: empty)
    narrowest: tuple[date, date] | None  # the narrowest container
    has_container: bool
    ambiguous_with: list[_Cluster]

    @classmethod
    def new(cls, f: Finding, r: tuple[date, date]) -> _Cluster:
        c = cls([], None, None, None, False, [])
        c.add(f, r)
        return c

    def add(self, f: Finding, r: tuple[date, date]) -> None:
        self.members.append(f)
        if _is_span(f):
            s = self.span
            self.span = r if s is None else (min(s[0], r[0]), max(s[1], r[1]))
            return
        if not self.has_container:
            self.inter, self.narrowest, self.has_container = r, r, True
            return
        if self.inter is not None:
            lo, hi = max(self.inter[0], r[0]), min(self.inter[1], r[1])
            self.inter = (lo, hi) if lo <= hi else None
        n = self.narrowest
        if n is None or (r[1] - r[0]) < (n[1] - n[0]):
            self.narrowest = r

    def absorb(self, other: _Cluster) -> None:
        for f in other.members:
            r = _range(f)
            assert r is not None
            self.add(f, r)

    @property
    def core(self) -> tuple[date, date]:
        """The narrowest range the members allow (see the module docstring)."""
        if self.span is not None:
            if self.inter is not None:
                lo, hi = max(self.span[0], self.inter[0]), min(self.span[1], self.inter[1])
                if lo <= hi:
                    return (lo, hi)
            return self.span
        if self.inter is not None:
            return self.inter
        assert self.narrowest is not None
        return self.narrowest

    def fits(self, r: tuple[date, date], span: bool) -> bool:
        """True when a report of range ``r`` can be the same trip."""
        lo, hi = self.core
        if span and self.span is not None:  # spans: overlapping or adjacent days
            return r[0] <= hi + _ONE_DAY and lo <= r[1] + _ONE_DAY
        return r[0] <= hi and lo <= r[1]

    def held_by(self, r: tuple[date, date]) -> bool:
        lo, hi = self.core
        return r[0] <= lo and hi <= r[1] and (r[1] - r[0]) > (hi - lo)


def _cluster_dated(
    items: list[tuple[Finding, tuple[date, date]]], keys: Mapping[int, str]
) -> list[_Cluster]:
    """Merge dated findings of one entry and country, narrowest range first."""
    items.sort(key=lambda t: (t[1][1] - t[1][0], t[1][0], keys[id(t[0])]))
    clusters: list[_Cluster] = []
    for f, r in items:
        span = _is_span(f)
        fit = [c for c in clusters if c.fits(r, span)]
        if not fit:
            clusters.append(_Cluster.new(f, r))
            continue
        clear = [c for c in fit if not c.ambiguous_with]
        if not span:
            same = next((c for c in fit if c.ambiguous_with and c.core == r), None)
            if same is not None:  # another report of the same ambiguous period
                same.add(f, r)
                continue
            held = [c for c in clear if c.held_by(r)]
            if len(held) >= 2:  # "in 2015" beside a March and a December trip
                c = _Cluster.new(f, r)
                c.ambiguous_with = held
                clusters.append(c)
                continue
        if not clear:
            clusters.append(_Cluster.new(f, r))
            continue
        first, rest = clear[0], clear[1:]
        first.add(f, r)
        for other in rest:  # a report that bridges two incidents joins them
            first.absorb(other)
            clusters = [c for c in clusters if c is not other]
            for c in clusters:
                if any(x is other for x in c.ambiguous_with):
                    kept = [x for x in c.ambiguous_with if x is not other and x is not first]
                    c.ambiguous_with = [*kept, first]
    return clusters


def _fold(text: str) -> str:
    return _FOLD.sub(" ", text.casefold()).strip()


def _stories(members: Sequence[Finding], outlets: Sequence[str]) -> list[int]:
    """A story number per member: same outlet, or near-identical evidence, is one story."""
    n = len(members)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_of: dict[str, int] = {}
    for i, o in enumerate(outlets):
        if o:
            union(i, first_of.setdefault(o, i))
    texts: dict[str, int] = {}
    for i, f in enumerate(members):
        # each sentence of the evidence ("a | b"): a copy may add or drop one
        parts = [_fold(p) for p in f.event.evidence.split(" | ")]
        for t in [p for p in parts if len(p) >= COPY_MIN_CHARS] or [_fold(f.event.evidence)]:
            if t:
                union(i, texts.setdefault(t, i))
    distinct = list(texts)
    if len(distinct) > 1:
        scores = process.cdist(
            distinct, distinct, scorer=fuzz.ratio, score_cutoff=COPY_SIMILARITY, workers=1
        )
        for a in range(len(distinct)):
            for b in range(a + 1, len(distinct)):
                if scores[a][b]:
                    union(texts[distinct[a]], texts[distinct[b]])
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(n)]


def _status(sources: Sequence[IncidentSource]) -> tuple[IncidentStatus, str]:
    """The combined status, and a line such as 'occurred per 2 independent reports (3
    articles); denied by 1'."""
    by_status: dict[EventStatus, set[int]] = defaultdict(set)
    articles: dict[EventStatus, set[str]] = defaultdict(set)
    for s in sources:
        by_status[s.status].add(s.story)
        articles[s.status].add(s.article_sha256)
    parts = []
    for st in _STATUS_ORDER:
        if st not in by_status:
            continue
        n, a = len(by_status[st]), len(articles[st])
        label = {
            EventStatus.OCCURRED: "occurred per",
            EventStatus.REPORTED: "reported by",
            EventStatus.DENIED: "denied by",
            EventStatus.PLANNED: "planned per",
            EventStatus.CANCELLED: "cancelled per",
        }[st]
        word = "independent report" if n == 1 else "independent reports"
        extra = f" ({a} articles)" if a != n else ""
        parts.append(f"{label} {n} {word}{extra}")
    have = set(by_status)
    positive = have & set(_POSITIVE)
    if positive and EventStatus.DENIED in have:
        status = IncidentStatus.DISPUTED
    elif EventStatus.OCCURRED in have:
        status = IncidentStatus.OCCURRED
    elif EventStatus.REPORTED in have:
        status = IncidentStatus.REPORTED
    elif EventStatus.DENIED in have:
        status = IncidentStatus.DENIED
    elif EventStatus.CANCELLED in have:
        status = IncidentStatus.CANCELLED
    else:
        status = IncidentStatus.PLANNED
    return status, "; ".join(parts)


def _when(members: Sequence[Finding], core: tuple[date, date] | None) -> DateRange:
    """The incident's date range: a member's own DateRange when one equals the core."""
    if core is None:
        phrases = dict.fromkeys(f.event.when.phrase for f in members if f.event.when.phrase)
        return DateRange(phrase="; ".join(phrases), precision=Precision.UNKNOWN)
    exact = [f.event.when for f in members if _range(f) == core]
    if exact:
        return min(exact, key=lambda w: (w.precision not in SPAN_PRECISIONS, w.phrase))
    phrases = dict.fromkeys(f.event.when.phrase for f in members if f.event.when.phrase)
    precision = Precision.DAY if core[0] == core[1] else Precision.RANGE
    return DateRange(phrase=" + ".join(phrases), start=core[0], end=core[1], precision=precision)


def _fresh_key(reference: str, country: str, founder: str) -> str:
    digest = hashlib.sha1(f"{reference}|{country}|{founder}".encode()).hexdigest()
    return f"INC-{digest[:12]}"


@dataclass(slots=True)
class _Draft:
    members: list[Finding]
    core: tuple[date, date] | None
    note: str
    ambiguous_with: list[int]  # indexes of other drafts (filled in after keys are known)


def _build(
    draft: _Draft,
    key: str,
    merged: tuple[str, ...],
    articles: Mapping[str, Article],
    note: str,
    keys: Mapping[int, str],
    known_outlets: Mapping[str, str],
) -> Incident:
    members = draft.members
    metas = [articles.get(f.article_sha256) for f in members]
    outlets = [
        known_outlets[f.article_sha256] if f.article_sha256 in known_outlets else outlet_of(a)
        for f, a in zip(members, metas, strict=True)
    ]
    stories = _stories(members, outlets)
    order = sorted(
        range(len(members)),
        key=lambda i: (
            (metas[i].published if metas[i] else None) or date.max,  # type: ignore[union-attr]
            members[i].article,
            keys[id(members[i])],
        ),
    )
    renumber: dict[int, int] = {}  # stories numbered in order of first report
    for i in order:
        renumber.setdefault(stories[i], len(renumber))
    sources = []
    for i in order:
        f, a = members[i], metas[i]
        sources.append(
            IncidentSource(
                finding_key=keys[id(f)],
                article=f.article,
                article_sha256=f.article_sha256,
                outlet=outlets[i],
                published=a.published if a else None,
                person=f.person,
                place=f.event.destination.name if f.event.destination else "",
                when=f.event.when,
                status=f.event.status,
                verdict=f.verdict,
                confidence=f.confidence,
                evidence=f.event.evidence,
                story=renumber[stories[i]],
            )
        )
    status, status_text = _status(sources)
    best: dict[int, float] = {}
    for s in sources:
        if s.status in _POSITIVE:
            best[s.story] = max(best.get(s.story, 0.0), s.confidence)
    independent = len(renumber)
    if best:
        confidence = combine_confidence(list(best.values()))
        top = max(best.values())
        conf_text = (
            f"{confidence:.2f}: best single report {top:.2f}"
            + (
                f", raised by {len(best) - 1} more independent report(s)"
                if len(best) > 1
                else ", no independent report confirms it"
            )
            + (
                f"; {len(sources)} source(s) are {independent} independent report(s) "
                "(one outlet, or copies of one wire story, count once)"
                if len(sources) != independent
                else ""
            )
        )
    else:
        confidence = max(s.confidence for s in sources)
        conf_text = f"{confidence:.2f}: no source reports the trip as taking place"
    verdict = min((s.verdict for s in sources), key=lambda v: _VERDICT_RANK.get(v, 99))
    first = members[0]
    return Incident(
        key=key,
        reference=first.reference,
        listed_name=first.listed_name,
        country=first.country,
        when=_when(members, draft.core),
        verdict=verdict,
        status=status,
        status_text=status_text,
        confidence=confidence,
        confidence_text=conf_text,
        sources=tuple(sources),
        independent=independent,
        note=note,
        merged_keys=merged,
    )


def _founder(
    members: Sequence[Finding], articles: Mapping[str, Article], keys: Mapping[int, str]
) -> str:
    def published(f: Finding) -> date:
        a = articles.get(f.article_sha256)
        return a.published if a and a.published else date.max

    return keys[id(min(members, key=lambda f: (published(f), keys[id(f)])))]


def _assign_keys(
    groups: Sequence[tuple[str, str, list[_Draft]]],
    articles: Mapping[str, Article],
    previous: Mapping[str, str],
    keys: Mapping[int, str],
) -> list[tuple[_Draft, str, tuple[str, ...]]]:
    """A key per draft: the earlier key most of its findings had, else a fresh one."""
    drafts = [(ref, country, d) for ref, country, ds in groups for d in ds]
    claims: list[tuple[int, str, int]] = []  # (-shared, key, draft index)
    for i, (_, _, d) in enumerate(drafts):
        had = [previous[k] for f in d.members if (k := keys[id(f)]) in previous]
        for key, n in Counter(had).items():
            claims.append((-n, key, i))
    claims.sort()
    chosen: dict[int, str] = {}
    taken: set[str] = set()
    for _, claimed, i in claims:
        if i not in chosen and claimed not in taken:
            chosen[i] = claimed
            taken.add(claimed)
    out = []
    for i, (ref, country, d) in enumerate(drafts):
        if i in chosen:
            key = chosen[i]
        else:
            founder = _founder(d.members, articles, keys)
            key = _fresh_key(ref, country, founder)
            n = 1
            while key in taken:  # a split: the founder's key went to the larger part
                n += 1
                key = _fresh_key(ref, country, f"{founder}#{n}")
            taken.add(key)
            chosen[i] = key
        merged = sorted({previous[k] for f in d.members if (k := keys[id(f)]) in previous} - {key})
        out.append((d, key, tuple(merged)))
    return out


def merge_incidents(
    findings: Iterable[Finding],
    *,
    articles: Iterable[Article] = (),
    previous: Mapping[str, str] | None = None,
    outlets: Mapping[str, str] | None = None,
) -> tuple[Incident, ...]:
    """Findings merged into incidents (see the module docstring), sorted by reference,
    then date (undated last), then key. ``articles`` give publication dates and outlets;
    ``previous`` maps finding keys to the incident keys an earlier run gave them;
    ``outlets`` maps article sha256 to an outlet already worked out (``outlet_of``), for
    findings read back from a stored result whose articles' text is not at hand."""
    by_sha = {a.sha256: a for a in articles}
    previous = previous or {}
    seen: set[str] = set()
    keys: dict[int, str] = {}  # Finding.key is computed on each call: once per finding here
    grouped: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        k = f.key
        if k in seen:
            continue
        seen.add(k)
        keys[id(f)] = k
        grouped[(f.reference, f.country or "")].append(f)

    groups: list[tuple[str, str, list[_Draft]]] = []
    for (ref, country), members in sorted(grouped.items()):
        drafts: list[_Draft] = []
        if not country:
            for f in sorted(members, key=lambda f: keys[id(f)]):
                r = _range(f)
                drafts.append(
                    _Draft(
                        [f],
                        r,
                        "destination country unknown: not merged with any other report",
                        [],
                    )
                )
            groups.append((ref, country, drafts))
            continue
        dated = [(f, r) for f in members if (r := _range(f)) is not None]
        undated = [f for f in members if _range(f) is None]
        clusters = _cluster_dated(dated, keys)
        index = {id(c): i for i, c in enumerate(clusters)}
        for c in clusters:
            drafts.append(_Draft(c.members, c.core, "", [index[id(x)] for x in c.ambiguous_with]))
        if undated:
            n = len(drafts)
            note = (
                f"undated: {len(undated)} report(s) give no usable date, so they are kept "
                "together and apart from the dated incidents"
                + (f" of this person in this country ({n})" if n else "")
            )
            drafts.append(_Draft(sorted(undated, key=lambda f: keys[id(f)]), None, note, []))
        groups.append((ref, country, drafts))

    keyed = _assign_keys(groups, by_sha, previous, keys)
    key_of = {id(d): k for d, k, _ in keyed}
    group_of: dict[int, list[_Draft]] = {}
    for _, _, ds in groups:
        for d in ds:
            group_of[id(d)] = ds
    incidents = []
    for d, key, merged in keyed:
        note = d.note
        if d.ambiguous_with:
            siblings = group_of[id(d)]
            others = ", ".join(key_of[id(siblings[i])] for i in d.ambiguous_with)
            note = (
                "ambiguous: its dates hold several separate incidents of this person in this "
                f"country ({others}); it could be any of them, so it is not merged"
            )
        incidents.append(_build(d, key, merged, by_sha, note, keys, outlets or {}))
    incidents.sort(
        key=lambda i: (i.reference, i.when.start or date.max, i.when.end or date.max, i.key)
    )
    return tuple(incidents)


def incident_of(incidents: Iterable[Incident]) -> dict[str, str]:
    """Finding key → incident key."""
    return {k: i.key for i in incidents for k in i.finding_keys}
