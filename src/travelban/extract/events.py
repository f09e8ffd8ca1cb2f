"""Travel events: who went where, when, with what status, on what evidence.

A travel word (``lists/extract/triggers.tsv``) starts an event. The dependency parse gives
its traveller (the subject; the object of host verbs such as "received"; the possessor of
a noun such as "his visit") and its places (the objects of "to/in/at/near/into", or the
direct object of "visited"; "from" gives the origin). Places in clauses of their own
("to discuss the war in Syria"), possessives ("Iran's forces") and demonyms are not
destinations, so a country merely named in a sentence is never a trip.

Dates attach the same way: a date phrase governed by the travel word wins; a date
governed by a reporting verb ("said on Wednesday") is the report's date and is never the
trip's. A photo caption's "Picture taken <date>" dates the caption's event.

Status cues (``lists/extract/status_cues.tsv``): cancelled > denied > planned > reported >
occurred. Finally the same trip told several times (headline, lead, quote) is merged into
one event with the most precise date and every evidence sentence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Protocol

from travelban.extract.dates import DateHit
from travelban.extract.people import People
from travelban.extract.vocab import Trigger, Vocabulary
from travelban.models import Article, DateRange, EventStatus, Place, Precision, TravelEvent

log = logging.getLogger(__name__)

_SUBJ = {"nsubj", "nsubjpass"}
_CLAUSAL = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp", "conj", "pcomp"}
_LOCATIVE = {
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "on",
    "across",
    "around",
    "throughout",
    "within",
}
_DIRECT_DEST = {"to", "into", "for", "toward", "towards", "onto", "in", "at", "near", "inside"}
_ORIGIN = {"from"}
_NEGATORS = {"no", "not", "without", "never", "n't", "denied", "refused", "rejected", "lacked"}
# a place below these is a purpose or a topic ("for the construction of units in Iran")
_BLOCKING = {"for", "about", "over", "regarding", "concerning"}
# prepositions under which a nested place still says where the traveller was
_NESTING = {
    "in",
    "at",
    "near",
    "during",
    "with",
    "to",
    "into",
    "inside",
    "outside",
    "across",
    "around",
    "throughout",
    "within",
    "on",
}
_VIA = {"via", "through"}
_SPECIFIC = {
    "facility": 0,
    "airport": 0,
    "landmark": 0,
    "town": 1,
    "village": 1,
    "city": 1,
    "district": 1,
    "region": 2,
    "province": 2,
    "state": 2,
    "country": 3,
}
_STATUS_RANK = {
    EventStatus.CANCELLED: 4,
    EventStatus.DENIED: 3,
    EventStatus.PLANNED: 2,
    EventStatus.REPORTED: 1,
    EventStatus.OCCURRED: 0,
}
_CAPTION = re.compile(
    r"(?i)\b(?:picture|photo|photograph|image)\s+taken\b"
    r"|^\s*(?:photo|picture|caption|file photo)\s*:"
    r"|\((?:L|R|C|left|right|centre|center)\)"
)
_CAPTION_DATE = re.compile(r"(?i)\b(?:picture|photo|photograph|image)\s+taken\s+(?:on\s+)?")
_QUOTES = re.compile(r"“[^”]{3,}”|\"[^\"\n]{3,}\"")
_SPACES = re.compile(r"\s+")


# what follows a dateline's place: ", South Korea (AP) _", " (INA) –", " —", ", Nov 18"
_DATELINE_TAIL = re.compile(
    r"(?:[ -][A-Z][A-Z'’-]+){0,3}"  # "MAKKAH AL-MUKARRAMAH"
    r"(?:\s*,\s*[^\n,()—–]{1,30}?)?"  # ", South Korea"
    r"(?:\s*,?\s*[(\[][^()\[\]\n]{1,80}[)\]]\s*(?:—|–|--|-|_|:)?\s"  # " (AP) _", " (APP - ...)"
    r"|\s*(?:—|–|--|-|_|:)\s"  # " — "
    r"|,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"  # ", Nov 18"
)
# what people travel on: "among those on the plane were X"
_CRAFT = frozenset({"plane", "flight", "aircraft", "jet", "helicopter", "board", "ship", "boat"})
# arrivals and visits with no place of their own end in the dateline's city
_DATELINE_KINDS = frozenset({"arrival", "visit", "attendance", "meeting"})
_CAPTION_TRIGGER = Trigger("caption", "verb", "presence", needs_place=True)


class GazetteerLike(Protocol):
    def lookup(self, name: str) -> Place | None: ...

    def demonym(self, word: str) -> str | None: ...


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

    def width(self) -> int:
        w = self.when
        if w.start is None or w.end is None:
            return 10**6
        return (w.end - w.start).days


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


class EventFinder:
    """Finds travel events in a parsed article; one instance per extractor."""

    def __init__(self, vocab: Vocabulary, gazetteer: GazetteerLike) -> None:
        self.vocab = vocab
        self.gazetteer = gazetteer
        self.planned_gov = vocab.cue_words("governor")
        self.modifiers = vocab.cue_words("modifier")
        self.aux = vocab.cue_words("aux")
        self.negation = vocab.cue_words("negation")
        self.reporting = {c for c, s in vocab.cue_words("reporting").items() if " " not in c}
        self.adverbs = vocab.cue_words("adverb")
        self.phrasal = {tuple(c.split()): s for c, s in self.planned_gov.items() if " " in c}

    # ------------------------------------------------------------ entry point

    def find(
        self,
        doc: Any,
        article: Article,
        people: People,
        places: Sequence[Place],
        dates: Sequence[DateHit],
    ) -> list[TravelEvent]:
        """Every travel event of the article, duplicates merged."""
        ctx = _Context(doc, article, people, places, dates, self)
        raws: list[_Raw] = []
        for si, sent in enumerate(ctx.sents):
            if ctx.in_credit(sent.start_char, sent.end_char):
                continue
            found = len(raws)
            for tok in sent:
                if tok.lemma_.lower() == "accompany" and tok.pos_ == "VERB":
                    raws.extend(self._companions(tok, si, ctx, raws))
                    continue
                if tok.dep_ in {
                    "ROOT",
                    "conj",
                } and tok.lemma_.lower() in self.vocab.member_verbs | {
                    "be",
                    "head",
                    "lead",
                }:
                    raws.extend(self._members(tok, si, ctx, raws))
                if _refuses_request(tok):
                    self._refused(si, ctx, raws)
                trig = self._trigger(tok)
                if trig is None:
                    continue
                new = self._events_for(tok, trig, si, ctx, raws)
                if not new and trig.pos == "noun":
                    self._restatus(tok, trig, si, ctx, raws)
                raws.extend(new)
            if len(raws) == found and ctx.is_caption(si):
                raws.extend(self._caption_events(sent, si, ctx, raws))
        merged = _merge(raws)
        return [self._final(r, ctx) for r in merged]

    def _trigger(self, tok: Any) -> Trigger | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"}:
            trig = self.vocab.verbs.get(lemma)
            if trig is None:
                return None
            if (lemma == "be" and tok.dep_ == "aux") or tok.dep_ == "auxpass":
                return None
            return trig
        if tok.pos_ in {"NOUN", "PROPN"}:
            return self.vocab.nouns.get(lemma) or self.vocab.nouns.get(tok.lower_)
        return None

    # ------------------------------------------------------------ one trigger

    def _events_for(
        self,
        tok: Any,
        trig: Trigger,
        si: int,
        ctx: _Context,
        so_far: list[_Raw],
        who: Any | None = None,
    ) -> list[_Raw]:
        travellers = self._travellers(who if who is not None else tok, trig, ctx)
        if not travellers:
            return []
        dests, origin, there = self._places(tok, trig, ctx)
        via_context = False
        kind = trig.kind
        if not dests and there:
            p = ctx.recent_place(tok.idx)
            if p is not None:
                dests = [p]
        if not dests and trig.country:
            dests = [ctx.country_place(trig.country, trig.lemma)]
        if not dests and trig.host:
            # "the UAE is hosting Ghani", "Dubai hosted Yingluck": the host is the place
            subj = _subject(tok)
            place = ctx.place_at(subj.i) if subj is not None else None
            if place is not None:
                dests = [place]
        departure_from: Place | None = None
        if not dests and origin is not None and trig.leaves:
            # "left X", no destination given: a trip abroad begins at X (origin, destination
            # unknown), unless the text makes X foreign to the traveller ("an Iranian ...
            # left Nigeria"): then he was present in X until he left
            departure_from, kind = origin, "departure"
        if not dests and departure_from is None:
            if trig.needs_place:
                return []
            via_context = True
        when = self._date(tok, ctx)
        if not when.resolved and not ctx.is_headline(si) and not ctx.is_caption(si):
            # headlines and captions use the present for past events
            when = _present(tok, ctx.article.published) or when
        status, source = self._status(tok, trig, ctx, when)
        if status in {EventStatus.PLANNED, EventStatus.CANCELLED} and _looks_ahead(tok):
            when = _ahead(when, ctx.article.published)
            when = _clip(when, ctx.article.published, past=False)
        elif status is not EventStatus.PLANNED:
            when = _clip(when, ctx.article.published, past=True)
        exemption = self._exemption(tok, si, ctx)
        sent = ctx.sents[si]
        caption = ctx.is_caption(si)
        out = []
        for pid, name in travellers:
            targets: list[Place | None] = list(dests)
            if pid in self._met_pids:
                # the person met is there too when the text shows them foreign to the place
                # ("met with Libyan militia leader Haftar in Cairo") or shows the subject at
                # home there (the host received a visitor); otherwise the person met is
                # likely the host ("held talks with Putin in Moscow") and makes no trip
                hosts = [p for p, _ in travellers if p is not None and p not in self._met_pids]
                targets = [
                    d
                    for d in targets
                    if d is not None
                    and (
                        ctx.foreign_to(pid, d)
                        or any(ctx.home_to(h, d) for h in hosts)
                        or d.country in self._host_countries
                    )
                ]
            if departure_from is not None:
                foreign = ctx.foreign_to(pid, departure_from)
                if status is EventStatus.DENIED and not foreign:
                    continue  # "has never left Haiti": he stayed; no trip to record
                targets = [departure_from] if foreign else [None]
                origin = None if foreign else departure_from
            elif via_context:
                p = ctx.context_destination(pid, so_far, caption, kind)
                if p is None:
                    continue
                targets = [p]
            for dest in targets:
                out.append(
                    _Raw(
                        pid=pid,
                        name=name,
                        kind=kind,
                        dest=dest,
                        origin=origin,
                        when=when,
                        status=status,
                        source=source,
                        exemption=exemption,
                        sentence=si,
                        evidence={si: _clean(sent.text)},
                        trigger=tok.text,
                        caption=caption,
                        headline=ctx.is_headline(si),
                        position=tok.idx,
                        sentences=[si],
                    )
                )
            if (
                origin is not None
                and origin.country
                and departure_from is None
                and kind in {"arrival", "visit", "flight", "transit"}
                and status in {EventStatus.OCCURRED, EventStatus.REPORTED}
                and all(d is None or d.country != origin.country for d in targets)
                and not ctx.home_to(pid, origin)
            ):
                # "returned home from exile in South Africa", "arrived from Doha": the
                # traveller was where the journey began
                out.append(
                    _Raw(
                        pid=pid,
                        name=name,
                        kind="departure",
                        dest=origin,
                        origin=None,
                        when=when,
                        status=status,
                        source=source,
                        exemption=exemption,
                        sentence=si,
                        evidence={si: _clean(sent.text)},
                        trigger=tok.text,
                        caption=caption,
                        headline=ctx.is_headline(si),
                        position=tok.idx,
                        sentences=[si],
                    )
                )
        return out

    def _companions(self, tok: Any, si: int, ctx: _Context, so_far: list[_Raw]) -> list[_Raw]:
        """'X was accompanied by Y' (or 'Y accompanied X'): Y made X's latest trip too."""
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            leaders = [c for c in tok.children if c.dep_ == "nsubjpass"]
            groups = [c for c in tok.children if c.dep_ == "agent"]
        else:
            leaders = [c for c in tok.children if c.dep_ in {"dobj", "obj"}]
            groups = [c for c in tok.children if c.dep_ == "nsubj"]
        if not leaders and tok.dep_ in {"advcl", "acl", "conj"}:
            # "arrived in Tashkent, accompanied by his adviser X": the arriving subject leads
            subj = _subject(tok.head) if tok.head.pos_ in {"VERB", "AUX"} else None
            leaders = [subj] if subj is not None else []
            groups = [c for c in tok.children if c.dep_ == "agent"]
        leader = ctx.who(leaders[0]) if leaders else None
        if leader is None or leader[0] is None:
            return []
        companions = {
            ctx.people.token_pid[t.i]
            for g in groups
            for t in g.subtree
            if t.i in ctx.people.token_pid and ctx.people.token_pid[t.i] != leader[0]
        }
        latest = next(
            (r for r in reversed(so_far) if r.pid == leader[0] and si - 4 <= r.sentence <= si),
            None,
        )
        if latest is None or not companions:
            return []
        return [_joined(latest, pid, tok, si, ctx) for pid in sorted(companions)]

    def _members(self, tok: Any, si: int, ctx: _Context, so_far: list[_Raw]) -> list[_Raw]:
        """Members of the group whose trip was just told: "the delegation includes X",
        "Also on board was X", "Among the delegation was X". Each made that trip too."""
        lemma = tok.lemma_.lower()
        collectives = self.vocab.collectives
        heads: list[Any] = []
        if lemma in self.vocab.member_verbs:
            subj = _subject(tok)
            if subj is not None and subj.lemma_.lower() in collectives:
                heads = [c for c in tok.children if c.dep_ in {"dobj", "obj", "attr"}]
        elif lemma in {"head", "lead"}:
            # "X is heading the delegation"
            if any(
                c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in collectives for c in tok.children
            ):
                subj = _subject(tok)
                heads = [subj] if subj is not None else []
        else:  # a copula: "on board was X", "among the delegation was X"
            for prep in (c for c in tok.children if c.dep_ == "prep"):
                objs = [c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"]
                aboard = any(
                    q.dep_ == "prep"
                    and q.lower_ in {"on", "aboard"}
                    and any(g.lemma_.lower() in _CRAFT for g in q.children)
                    for o in prep.children
                    if o.dep_ == "pobj"
                    for q in o.children
                )  # "among those on the plane were X and Y"
                if (prep.lower_ == "on" and "board" in objs) or (
                    prep.lower_ == "among" and (set(objs) & collectives or aboard)
                ):
                    heads = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "attr"}]
                    break
            subj = _subject(tok)
            if (
                not heads
                and subj is not None
                and subj.lemma_.lower() == "member"
                and any(
                    p.lower_ == "of" and any(g.lemma_.lower() in collectives for g in p.children)
                    for p in subj.children
                )
            ):
                # "other members of the delegation are A, B and C"
                heads = [c for c in tok.children if c.dep_ in {"attr", "acomp"}]
            if not heads and any(c.lower_ == "aboard" for c in tok.children):
                heads = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        members = [t for h in heads for t in (h, *_conjuncts(h))]
        pids = list(dict.fromkeys(p for t in members if (p := ctx.people.token_pid.get(t.i))))
        latest = next(
            (r for r in reversed(so_far) if r.dest is not None and si - 3 <= r.sentence < si),
            None,
        )
        if latest is None or not pids:
            return []
        exemption = self._exemption(tok, si, ctx) or latest.exemption
        return [
            replace(_joined(latest, pid, tok, si, ctx), exemption=exemption)
            for pid in pids
            if pid != latest.pid
        ]

    def _restatus(
        self, tok: Any, trig: Trigger, si: int, ctx: _Context, so_far: list[_Raw]
    ) -> None:
        """'... but that trip was postponed', 'an exemption for the visit': a bare travel noun
        updates the trip just told (its status, its exemption)."""
        if not any(c.dep_ == "det" and c.lower_ in {"the", "that", "this"} for c in tok.children):
            return
        status, _ = self._status(tok, trig, ctx, DateRange(phrase=""))
        exemption = self._exemption(tok, si, ctx)
        if status not in {EventStatus.CANCELLED, EventStatus.DENIED} and not exemption:
            return
        for r in reversed(so_far):
            if si - 2 <= r.sentence <= si:
                if status in {EventStatus.CANCELLED, EventStatus.DENIED}:
                    r.status = status
                r.exemption = r.exemption or exemption
                r.evidence[si] = _clean(ctx.sents[si].text)
                break

    def _refused(self, si: int, ctx: _Context, so_far: list[_Raw]) -> None:
        """'The committee turned down the request': the trip asked for just before did not
        happen (its status becomes cancelled, with this sentence as evidence)."""
        for r in reversed(so_far):
            if si - 2 <= r.sentence <= si and r.status is EventStatus.PLANNED:
                r.status = EventStatus.CANCELLED
                r.evidence[si] = _clean(ctx.sents[si].text)
                break

    def _caption_events(self, sent: Any, si: int, ctx: _Context, so_far: list[_Raw]) -> list[_Raw]:
        """A caption without a verb: '<person> on the front line near <place>' is presence."""
        pids = ctx.people.token_pid
        for tok in sent:
            if tok.i not in pids or (tok.head.i in pids and tok.head.i != tok.i):
                continue
            for anchor in (tok, tok.head):
                if any(c.dep_ == "prep" and c.lower_ in _LOCATIVE for c in anchor.children):
                    return self._events_for(anchor, _CAPTION_TRIGGER, si, ctx, so_far, who=tok)
        return []

    # ------------------------------------------------------------ who

    def _travellers(self, tok: Any, trig: Trigger, ctx: _Context) -> list[tuple[str | None, str]]:
        heads: list[Any] = []
        companions: list[Any] = []
        if trig is _CAPTION_TRIGGER:
            heads = [tok]
        elif trig.pos == "verb":
            if trig.host:
                passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
                heads = passive or [c for c in tok.children if c.dep_ in {"dobj", "obj"}]
            else:
                subj = _subject(tok)
                heads = [subj] if subj is not None else []
                heads = _among(heads) or heads
                if trig.kind in _AGENT_KINDS and subj is not None and subj.dep_ == "nsubjpass":
                    # "the meeting was attended by X": the agent went there
                    heads = _agents(tok) or heads
            if trig.kind in _MOTION_KINDS:
                companions = _with(tok)
        else:
            heads = self._framed_traveller(tok, ctx) or self._noun_traveller(tok, ctx)
        met: list[Any] = []
        self._host_countries: set[str] = set()
        if trig.kind == "meeting" and not trig.host and trig is not _CAPTION_TRIGGER:
            met = _met(tok)
            # "Nigerien officials met X in Niamey": the hosts are at home
            self._host_countries = {
                code
                for h in heads
                for m in h.children
                if m.dep_ in {"amod", "compound"}
                and (code := self.gazetteer.demonym(m.text)) is not None
            }
        # "arrived in Shanghai with his wife, Rosangela da Silva": named companions
        heads = heads + [c for c in companions if ctx.who(c) is not None]
        out: list[tuple[str | None, str]] = []
        self._met_pids: set[str] = set()
        for h in [*heads, *met]:
            for k, t in enumerate(_group(h)):
                who = ctx.who(t)
                if who is None or who in out or ((k or h in met) and who[0] is None):
                    continue  # members of a group count when they are named people
                out.append(who)
                if h in met and who[0] is not None:
                    self._met_pids.add(who[0])
        return out

    def _framed_traveller(self, tok: Any, ctx: _Context) -> list[Any]:
        """'held over the disappearance of X during a visit to Libya': a 'during' trip with no
        owner of its own is the trip of the person an event noun before it names."""
        if tok.dep_ != "pobj" or tok.head.lower_ != "during":
            return []
        if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.children):
            return []
        gov = tok.head.head  # the verb, or the event noun itself ("abduction of X during")
        if gov.pos_ not in {"VERB", "AUX", "NOUN"}:
            return []
        for t in reversed(ctx.doc[gov.i + 1 : tok.head.i]):
            if t.dep_ != "pobj" or t.head.lower_ != "of" or t.head.head.pos_ != "NOUN":
                continue
            if ctx.who(t) is not None and ctx.who(t.head.head) is None:
                return [t]
        return []

    def _noun_traveller(self, tok: Any, ctx: _Context) -> list[Any]:
        """Whose trip a travel noun is: its possessor ("Petrov's visit"), its "by" agent,
        a name compounded on it ("the Petrov visit"), else the subject of the verb that
        governs it ("made a trip", "went on a visit") or the person it describes
        ("X, on a visit to Y, ...")."""
        for ch in tok.children:
            if ch.dep_ == "poss":
                return [ch]
        for ch in tok.children:
            if ch.dep_ == "prep" and ch.lower_ == "by":
                objs = [g for g in ch.children if g.dep_ == "pobj"]
                if objs:
                    return objs
        for ch in tok.children:
            if ch.dep_ == "compound" and ch.pos_ == "PROPN" and ctx.who(ch) is not None:
                return [ch]
        for ch in tok.children:
            if ch.dep_ == "prep" and ch.lower_ == "of":
                objs = [g for g in ch.children if g.dep_ == "pobj" and ctx.who(g) is not None]
                if objs:
                    return objs  # "the arrest of X in Dominica", "the visit of X to Y"
        for ch in tok.children:
            if ch.dep_ == "relcl" and ch.lemma_.lower() in _LIGHT_VERBS:
                subj = _subject(ch)
                if subj is not None and ctx.who(subj) is not None:
                    return [subj]  # "the visit that Lula made to China"
        node = tok
        for _ in range(3):
            head = node.head
            if node.dep_ in {"dobj", "obj", "attr", "oprd"} and head.pos_ in {"VERB", "AUX"}:
                subj = _subject(head)
                return [subj] if subj is not None else []
            if node.dep_ == "pobj" and head.dep_ == "prep":
                gov = head.head
                if gov.pos_ in {"VERB", "AUX"}:
                    subj = _subject(gov)
                    return [subj] if subj is not None else []
                if gov.pos_ in {"NOUN", "PROPN"} and ctx.who(gov) is not None:
                    return [gov]  # "Sheikh Hasina, on a visit to Saudi Arabia, ..."
                node = gov
                continue
            break
        return []

    # ------------------------------------------------------------ where

    def _region(self, tok: Any, trig: Trigger) -> list[Any]:
        """Tokens whose places belong to this trigger: its arguments, not other clauses.

        A travel noun's region includes the locative phrases of the verb that governs it
        ("performed the Umrah in Makkah"); ``self._anchor`` maps those tokens to that verb,
        whose preposition then decides their role.
        """
        self._anchor: dict[int, Any] = {}
        out: list[Any] = []
        subj = _subject(tok) if trig.pos == "verb" else None

        def walk(node: Any, depth: int) -> None:
            for ch in node.children:
                if subj is not None and ch.i == subj.i:
                    continue
                listed = ch.dep_ == "conj" and ch.pos_ in {"PROPN", "NOUN"} and node.i != tok.i
                if ch.dep_ in {"relcl", "acl"} and node.i != tok.i and _held(ch):
                    listed = True  # "the summit that took place in Jordan"
                if (ch.dep_ in _CLAUSAL and not listed) or (ch.dep_ in _SUBJ and node.i == tok.i):
                    continue  # a list of places ("Egypt, Tunisia and Togo") stays in
                if trig.lemma == "be" and depth == 0 and ch.dep_ not in {"prep", "advmod", "attr"}:
                    continue
                out.append(ch)
                walk(ch, depth + 1)

        walk(tok, 0)
        if subj is not None and subj.dep_ == "nsubjpass" and trig.kind in _AGENT_KINDS:
            # "the summit in Geneva was attended by X": the subject's own place
            for p in subj.children:
                if p.dep_ == "prep" and p.lower_ in _LOCATIVE:
                    out.extend(p.subtree)
                    self._anchor.update({t.i: tok for t in p.subtree})
        if trig.pos == "noun":
            for ch in tok.children:
                if ch.dep_ == "relcl" and ch.lemma_.lower() in _LIGHT_VERBS:
                    for p in ch.children:
                        if p.dep_ == "prep" and p.lower_ in _DIRECT_DEST | _LOCATIVE:
                            out.extend(p.subtree)
                            self._anchor.update({t.i: ch for t in p.subtree})
            gov = tok.head
            hops = 0
            while (
                gov.dep_ in {"prep", "pobj", "dobj"}
                and hops < 3
                and gov.pos_ not in {"VERB", "AUX"}
            ):
                gov = gov.head
                hops += 1
            if gov.pos_ in {"VERB", "AUX"} and gov.i != tok.i:
                for ch in gov.children:
                    if ch.dep_ == "prep" and ch.lower_ in _LOCATIVE and tok not in ch.subtree:
                        out.append(ch)
                        out.extend(ch.subtree)
                        self._anchor.update({t.i: gov for t in ch.subtree})
        return out

    def _places(
        self, tok: Any, trig: Trigger, ctx: _Context
    ) -> tuple[list[Place], Place | None, bool]:
        region = self._region(tok, trig)
        found: list[tuple[Place, str]] = []
        origin: Place | None = None
        there = False
        for t in region:
            if t.lower_ == "there" and t.dep_ == "advmod":
                there = True
            if t.lower_ == "where" and t.dep_ == "advmod" and tok.dep_ == "relcl":
                # "a stop in Moscow, where he joined talks": the antecedent, or (when the
                # parser hangs the clause on a date, "in Moscow on Tuesday, where") the
                # nearest place before "where" in the sentence
                place = ctx.place_at(tok.head.i) or ctx.place_before(t)
                if place is not None:
                    found.append((place, "dest"))
            place = ctx.place_at(t.i)
            if place is None:
                continue
            if ctx.place_root(t.i) != t.i:
                continue
            holder = t
            while (
                holder.dep_ in {"compound", "nmod", "amod", "poss"}
                and holder.head.i != tok.i
                and (
                    holder.head.lemma_.lower()
                    in self.vocab.facility_nouns | self.vocab.custody_nouns | self.vocab.venue_nouns
                    or (
                        holder.head.pos_ == "PROPN"
                        and any(
                            a.lemma_.lower() in self.vocab.facility_nouns
                            for a in (holder.head, holder.head.head)
                        )
                    )
                )
            ):
                holder = holder.head  # "at Incheon International Airport": the airport's role
            if holder.i != t.i and _located(holder, ctx):
                continue  # "the U.S. embassy in Beijing", "Bole airport in Addis Ababa"
            anchor = self._anchor.get(t.i, tok)
            role = self._role(holder, anchor, trig)
            if role == "origin":
                origin = origin or place
            elif role == "dest":
                found.append((place, role))
        if not found and trig.pos == "noun" and tok.dep_ in {"dobj", "obj", "dative"}:
            # "Oman granted her refuge": the country that gives asylum is where she went
            subj = _subject(tok.head) if tok.head.pos_ in {"VERB", "AUX"} else None
            place = ctx.place_at(subj.i) if subj is not None else None
            if place is not None:
                found.append((place, "dest"))
        dests: dict[str | None, Place] = {}
        for place, _role in found:
            key = place.country
            have = dests.get(key)
            if have is None or _SPECIFIC.get(place.kind, 2) < _SPECIFIC.get(have.kind, 2):
                dests[key] = place
        return list(dests.values()), origin, there

    def _role(self, t: Any, trigger: Any, trig: Trigger) -> str:
        """'dest', 'origin' or '' for a place token inside the trigger's region.

        The preposition that hangs the phrase on the travel word decides: "to/in/at/into"
        give a destination, "from" an origin, "via/through" a transit stop. A place nested
        deeper counts only below a locative phrase ("during operations ... in the town of
        X", "near the town of X"), never below a purpose or topic ("for the construction of
        units in Iran", "talks on the war in Syria").
        """
        places = self.vocab.place_nouns
        if _disjunctive(t):
            return ""  # "fled to Tajikistan, Uzbekistan or Oman": none of them is known
        while t.dep_ == "conj" and t.head.i != trigger.i and t.head.pos_ in {"PROPN", "NOUN"}:
            t = t.head  # "visit Egypt, Tunisia and Togo": each conjunct has the first's role
        if t.dep_ == "poss" or (t.dep_ in {"compound", "amod", "nmod"} and t.head.i != trigger.i):
            return ""  # "Iran's forces", "Russian warplanes"
        if t.dep_ in {"compound", "nmod"} and t.head.i == trigger.i:
            return "dest"  # "the Moscow talks"
        if t.dep_ in {"dobj", "obj"} and t.head.i == trigger.i:
            return "origin" if trig.leaves else "dest"
        path: list[tuple[str, Any, Any]] = []  # (preposition, its head, its object) upwards
        node = t
        while node.i != trigger.i and node.head.i != node.i:
            head = node.head
            if head.dep_ == "prep" or head.pos_ == "ADP":
                path.append((head.lower_, head.head, node))
            elif head.dep_ == "advmod" and head.head.i == trigger.i:
                return "dest"
            node = head
        if node.i != trigger.i or not path:
            return ""
        top_prep = path[-1][0]
        direct = len(path) == 1 or all(
            p == "of" and _place_noun(owner, places) for p, owner, _ in path[:-1]
        )
        if direct:
            if top_prep in _ORIGIN:
                return "origin"
            if top_prep in _VIA:
                if trig.kind == "presence" and len(path) > 1 and _place_noun(path[-1][2], places):
                    return "dest"  # "led his men through the streets of the capital"
                return "dest" if trig.kind == "transit" else ""
            if top_prep == "on" and not _place_noun(path[-1][2], places):
                return ""  # "talks on Afghanistan" is a topic; "on the front lines" is a place
            return "dest" if top_prep in _DIRECT_DEST or top_prep in _LOCATIVE else ""
        for k, (prep, _, obj) in enumerate(path):
            if prep in {"at", "inside"} and obj.lemma_.lower() in self.vocab.venue_nouns:
                if all(p in _NESTING or p == "of" for p, _, _ in path[:k]):
                    return "dest"  # "at the commission office in the city of Sabha"
                break
        # nested: no purpose or topic phrase above it, and "on" only "on the front line"
        if path[-1][1].i == trigger.i and top_prep not in _NESTING:
            return ""
        for prep, _, obj in path[1:]:
            if prep in _BLOCKING or (
                prep == "on" and not _place_noun(obj, places | self.vocab.route_nouns)
            ):
                return ""
        nearest, owner, _ = path[0]
        if nearest == "of" and _place_noun(owner, places):
            return "dest"
        if nearest == "with" and owner.lemma_.lower() in {"border", "frontier"}:
            return "dest"  # "refused entry at the border with Latvia"
        if (
            trig.kind in _MOTION_KINDS
            and nearest in {"to", "into", "toward", "towards"}
            and all(p in {"with", "of", "alongside", "along"} for p, _, _ in path[1:])
        ):
            return "dest"  # "travelled with an entourage of ministers to Ankara"
        if nearest in _DIRECT_DEST and _place_noun(owner, self.vocab.route_nouns):
            return "dest"  # "on the road to Aleppo"
        return "dest" if nearest in _LOCATIVE else ""

    # ------------------------------------------------------------ when

    def _date(self, tok: Any, ctx: _Context) -> DateRange:
        sent = tok.sent
        gov = tok
        if tok.pos_ in {"NOUN", "PROPN"}:
            g = tok.head
            for _ in range(3):
                if g.pos_ in {"VERB", "AUX"}:
                    gov = g
                    break
                g = g.head
        best: tuple[int, int, DateRange] | None = None
        for hit in ctx.dates_in(sent.start_char, sent.end_char):
            span = ctx.doc.char_span(hit.start, hit.end, alignment_mode="expand")
            if span is None:
                continue
            rng = hit.range
            root = span.root
            anchor = _governing_verb(root)
            if _set_off_after(ctx.doc, tok, hit.start):
                anchor = tok  # "his trip to Moscow, in the summer of 2015, ...": the trip's
            if anchor is not None and anchor.lemma_.lower() in self.reporting and anchor.i != tok.i:
                continue  # "said on Wednesday": the report's date
            if anchor is not None and anchor.i not in {tok.i, gov.i}:
                other = ctx.finder._trigger(anchor)
                if other is not None and anchor.i != tok.i:
                    continue  # another event's date
                if _in_time_clause(anchor, {tok.i, gov.i}):
                    continue  # "lived there after troops drove them out in 2006": that clause's
            if (
                tok.i in {t.i for t in root.ancestors}
                or root.i in {t.i for t in tok.subtree}
                or (anchor is not None and anchor.i in {tok.i, gov.i})
            ):
                score = 0
            elif anchor is None or anchor.i in {a.i for a in tok.ancestors}:
                score = 2  # a date of the clause that governs the travel word
            else:
                continue  # a date of some other clause ("since Oman granted her refuge in 2012")
            noun = _noun_dated(root)
            if noun is not None and noun.i != tok.i and ctx.finder._trigger(noun) is not None:
                continue  # "during a visit to Libya in 1978": that other trip's date
            if not rng.resolved:
                score += 1
            if score == 0 and _dates_a_noun(root, tok):
                score += 1  # "the Seleka government of 2013": that noun's date, not the trip's
            dist = abs(hit.start - tok.idx)
            if best is None or (score, dist) < (best[0], best[1]):
                best = (score, dist, rng)
        if best is not None and (best[0] < 2 or not ctx.is_caption(ctx.sent_of(tok))):
            return best[2]
        cap = ctx.caption_date(ctx.sent_of(tok))
        if cap is not None:
            return cap
        return best[2] if best else DateRange(phrase="")

    # ------------------------------------------------------------ status

    def _status(
        self, tok: Any, trig: Trigger, ctx: _Context, when: DateRange
    ) -> tuple[EventStatus, str]:
        found: set[EventStatus] = set()
        chain = _status_chain(tok)
        gov = None
        if trig.pos == "noun":
            for anc in tok.ancestors:
                if anc.pos_ in {"VERB", "AUX"}:
                    gov = anc
                    break
        for node in chain:
            lemma = node.lemma_.lower()
            st = self.planned_gov.get(lemma)
            if st is None:
                for form in _forms(node):  # the lemmatizer turns "hoped" into "hop"
                    st = self.planned_gov.get(form)
                    if st is not None:
                        break
            if st is not None and node.i != tok.i and st is not EventStatus.REPORTED:
                found.add(st)
            prts = [c.lower_ for c in node.children if c.dep_ == "prt"]
            for prt in prts:
                st2 = self.phrasal.get((lemma, prt))
                if st2 is not None:
                    found.add(st2)
            if lemma in {"deny", "refuse"} and any(c.lower_ == "entry" for c in node.children):
                found.add(EventStatus.CANCELLED)
                found.discard(EventStatus.DENIED)
            for ch in node.children:
                shares_aux = (
                    node.i == tok.head.i
                    and tok.dep_ == "conj"
                    and not any(c.dep_ in {"aux", "nsubj", "nsubjpass"} for c in tok.children)
                )  # "will travel to Africa and visit Egypt": the conjunct shares "will"
                if (
                    ch.dep_ == "aux"
                    and ch.lower_ in self.aux
                    and (
                        node.i == tok.i
                        or node.i == (gov.i if gov is not None else -1)
                        or shares_aux
                    )
                    and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in node.children)
                ):
                    found.add(self.aux[ch.lower_])  # "may travel", not "may have travelled"
        # modifiers of a travel noun and relative clauses on it ("a visit that had been planned")
        for ch in tok.children:
            if ch.dep_ in {"amod", "compound"} and ch.lower_ in self.modifiers:
                found.add(self.modifiers[ch.lower_])
            if ch.dep_ in {"relcl", "acl"}:
                st = self.planned_gov.get(ch.lemma_.lower())
                if st in {EventStatus.PLANNED, EventStatus.CANCELLED}:
                    found.add(st)
                for prt in (c.lower_ for c in ch.children if c.dep_ == "prt"):
                    st2 = self.phrasal.get((ch.lemma_.lower(), prt))
                    if st2 is not None:
                        found.add(st2)
        # negation of the travel word (not of a copula: "it was not his first trip")
        neg_holder = (
            tok
            if trig.pos == "verb"
            else (gov if gov is not None and tok.dep_ in {"dobj", "obj"} else None)
        )
        if neg_holder is not None and any(
            c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in self.negation)
            for c in neg_holder.children
        ):
            found.add(EventStatus.DENIED)
        if (
            when.start is not None
            and ctx.article.published is not None
            and when.start > ctx.article.published
            and not found & {EventStatus.CANCELLED, EventStatus.DENIED}
        ):
            found.add(EventStatus.PLANNED)
        source = self._source(tok, ctx)
        if source is not None:
            found.add(EventStatus.REPORTED)
            source = _source_name(source)
        status = max(found, key=lambda s: _STATUS_RANK[s]) if found else EventStatus.OCCURRED
        return status, source or ""

    def _source(self, tok: Any, ctx: _Context) -> str | None:
        """Who the sentence attributes the event to, or None when the text asserts it itself."""
        sent = tok.sent
        ancestors = {a.i for a in tok.ancestors}
        for t in sent:
            governs = t.head.i in ancestors or t.head.i == tok.i or t.head.dep_ == "ROOT"
            if (
                t.lower_ == "according"
                and governs
                and t.i + 1 < sent.end
                and ctx.doc[t.i + 1].lower_ == "to"
            ):
                to = ctx.doc[t.i + 1]
                objs = [c for c in to.children if c.dep_ == "pobj"]
                if objs:
                    o = objs[0]
                    return _np(ctx.doc, o)
                return "unnamed source"
            if t.lower_ in self.adverbs and t.dep_ == "advmod" and t.head.i in ancestors | {tok.i}:
                return "unnamed source"
        for t in sent:
            if t.lemma_.lower() not in self.reporting or t.pos_ not in {"VERB", "AUX"}:
                continue
            related = t.i in ancestors or (
                t.dep_ in {"parataxis", "ccomp", "advcl"} and t.head.i in ancestors | {tok.i}
            )
            if not related:
                continue
            subj = _subject(t)
            if subj is not None and tok in subj.subtree:
                continue  # "the lawyer, who has lived in Muscat, told ...": no attribution
            if subj is None:
                agents = [c for c in t.children if c.dep_ == "agent"]
                if agents:
                    objs = [c for c in agents[0].children if c.dep_ == "pobj"]
                    if objs:
                        return _np(ctx.doc, objs[0])
                continue
            if subj.lower_ in {"it", "he", "she", "they", "i", "we"} and subj.lower_ != "they":
                pid = ctx.people.token_pid.get(subj.i)
                if pid is not None:
                    return ctx.name_of(pid)
                continue
            return _np(ctx.doc, subj)
        return ctx.quote_source(tok)

    # ------------------------------------------------------------ exemptions

    def _exemption(self, tok: Any, si: int, ctx: _Context) -> str:
        text = ctx.sents[si].text
        if self._has_exemption_cue(text):
            return _clean(text)
        return ""

    def _has_exemption_cue(self, text: str) -> bool:
        """True when the sentence mentions an exemption, waiver or permission that was given
        ("without any exemption", "not authorised" do not count)."""
        low = text.lower()
        for cue in self.vocab.exemption_cues:
            for m in re.finditer(r"\b" + re.escape(cue) + r"\b", low):
                before = low[max(0, m.start() - 40) : m.start()].split()[-4:]
                # "the waiver did not come through", "permission was never granted"
                after = re.split(r"[,;.]", low[m.end() : m.end() + 40])[0].split()[:4]
                if not (set(before) | set(after)) & _NEGATORS:
                    return True
        return False

    # ------------------------------------------------------------ final record

    def _final(self, r: _Raw, ctx: _Context) -> TravelEvent:
        return TravelEvent(
            person_id=r.pid,
            person_name=r.name,
            kind=r.kind,
            destination=r.dest,
            when=r.when,
            status=r.status,
            evidence=" | ".join(dict.fromkeys(r.evidence[k] for k in sorted(r.evidence))),
            origin=r.origin,
            status_source=r.source,
            exemption=r.exemption,
            sentence_index=r.sentence,
            trigger=r.trigger,
        )


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


def _forms(tok: Any) -> set[str]:
    """Crude base forms of a verb besides its lemma ("hoped" -> "hope")."""
    low = tok.lower_
    out = {low}
    for suffix, repl in (
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
        ("s", ""),
    ):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            out.add(low[: -len(suffix)] + repl)
    return out


def _looks_ahead(tok: Any) -> bool:
    """False for a plan told in the past perfect ("had planned to visit in November", a
    plan of the past); True otherwise ("intends", "will", "said he intended")."""
    for node in [tok, *tok.ancestors]:
        if any(ch.dep_ == "aux" and ch.lower_ in {"had", "'d"} for ch in node.children):
            return node.tag_ != "VBN" or node.lemma_.lower() in {"call", "cancel", "postpone"}
        if node.dep_ == "ROOT":
            break
    return True


def _ahead(when: DateRange, published: date | None) -> DateRange:
    """A plan's month named alone is the next such month ("will travel in November")."""
    if (
        published is None
        or not when.relative
        or when.precision is not Precision.MONTH
        or when.start is None
        or when.end is None
        or when.end >= published
    ):
        return when
    try:
        start = when.start.replace(year=when.start.year + 1)
        end = (when.end + timedelta(days=1)).replace(year=when.end.year + 1) - timedelta(days=1)
    except ValueError:
        return when
    return replace(when, start=start, end=end)


_RELATIVES = frozenset({"who", "whom", "whose", "which", "where"})


def _status_chain(tok: Any) -> list[Any]:
    """The travel word and the words that govern it, up to the top of its own clause: a
    relative clause ends it ("Aweys, who lived in Asmara, had sought weapons": "sought"
    says nothing of the stay)."""
    chain = [tok]
    node = tok
    while node.head.i != node.i:
        if node.dep_ == "relcl" and any(c.lower_ in _RELATIVES for c in node.children):
            break  # "reports that X had crossed" (a complement misread as relcl) goes on
        node = node.head
        chain.append(node)
    return chain


def _place_noun(tok: Any, words: frozenset[str]) -> bool:
    """True for a noun in ``words`` (a place hangs from it: "the outskirts of X", "south of
    X"), by lemma or as written (the lemmatiser makes "outskirts" into "outskirt")."""
    return tok.lemma_.lower() in words or tok.lower_ in words


# subordinators of a clause that places the trip against another event, not at its date
_TIME_MARKS = frozenset({"after", "before", "since", "until", "till", "once"})


def _noun_dated(root: Any) -> Any | None:
    """The noun a date phrase hangs off through a preposition ("a visit ... in 1978"), if any."""
    prep = root.head if root.dep_ == "pobj" else root
    if prep.dep_ == "prep" and prep.head.pos_ in {"NOUN", "PROPN"}:
        return prep.head
    return None


def _set_off_after(doc: Any, travel: Any, start: int) -> bool:
    """True for a date set off by a comma right after a travel noun's phrase ("his trip to
    Moscow, in the summer of 2015, had ..."): it dates that noun, however it is parsed."""
    if travel.pos_ not in {"NOUN", "PROPN"}:
        return False
    edge = travel.right_edge
    end = edge.idx + len(edge.text)
    gap = doc.text[end:start].strip()
    if edge.text == ",":
        return gap == "" and edge.i > travel.i
    return gap == ","


def _dates_a_noun(root: Any, travel: Any) -> bool:
    """True when the date hangs off a noun other than the travel word ("government of 2013",
    "next month's election")."""
    if root.dep_ == "poss":  # "next month's election"
        return root.head.i != travel.i and root.head.pos_ in {"NOUN", "PROPN"}
    prep = root.head if root.dep_ == "pobj" else root
    if prep.dep_ == "prep" and prep.lower_ == "of":
        owner = prep.head
        return owner.i != travel.i and owner.pos_ in {"NOUN", "PROPN"}
    return False


def _in_time_clause(verb: Any, travel: set[int]) -> bool:
    """True when ``verb`` heads (or sits in) an "after/before/since ..." clause of the travel
    word: a date there belongs to that other event."""
    node = verb
    for _ in range(6):
        if node.i in travel or node.head.i == node.i:
            return False
        marks = {c.lower_ for c in node.children if c.dep_ in {"mark", "prep"}}
        if node.dep_ in {"advcl", "pcomp"} and marks & _TIME_MARKS:
            return node.head.i in travel or any(a.i in travel for a in node.ancestors)
        if node.dep_ == "pcomp" and node.head.lower_ in _TIME_MARKS:
            return any(a.i in travel for a in node.ancestors)
        node = node.head
    return False


def _clip(when: DateRange, published: date | None, *, past: bool) -> DateRange:
    """A relative range around the publication date cut at it: a trip told as done ends by
    then ("travelled to Vienna this week": Monday to the publication day), a plan still
    ahead starts then ("will visit this month")."""
    if (
        published is None
        or not when.relative
        or when.start is None
        or when.end is None
        or not when.start <= published <= when.end
        or when.precision is Precision.OPEN
        or (when.end if past else when.start) == published
    ):
        return when
    if past:
        return replace(when, end=published, precision=Precision.RANGE)
    return replace(when, start=published, precision=Precision.RANGE)


def _subject(verb: Any) -> Any | None:
    """The grammatical subject of a verb, following conjunctions, controls and participles."""
    node = verb
    for _ in range(4):
        for ch in node.children:
            if ch.dep_ in _SUBJ:
                return ch
        if node.dep_ == "xcomp":
            objs = [c for c in node.head.children if c.dep_ in {"dobj", "obj"}]
            if objs and node.head.lemma_.lower() in {"invite", "ask", "allow", "permit", "urge"}:
                return objs[0]
            node = node.head
            continue
        if node.dep_ == "acomp" and node.head.pos_ in {"VERB", "AUX"}:
            node = node.head  # "had been due to travel": the subject of "been"
            continue
        if node.dep_ in {"conj", "advcl"} and node.head.pos_ in {"VERB", "AUX"}:
            node = node.head
            continue
        if node.dep_ == "dep" and node.head.pos_ == "VERB" and node.i > node.head.i:
            # "X, former army chief turned rebel leader, spent ...": an unlabelled later verb
            # without a subject of its own shares the one before it
            node = node.head
            continue
        if node.dep_ in {"acl", "relcl"} and node.head.pos_ in {"NOUN", "PROPN"}:
            return node.head
        if (
            node.dep_ == "pcomp"
            and node.head.dep_ == "prep"
            and node.head.head.pos_ in {"VERB", "AUX"}
        ):
            node = node.head.head
            continue
        break
    return None


# kinds whose passive agent is the traveller ("was attended by X", "was visited by X"); for
# the others ("was arrested by police") the passive subject is
_AGENT_KINDS = frozenset({"attendance", "visit", "meeting"})
# kinds where "with <person>" names a companion, not the person met
_MOTION_KINDS = frozenset({"visit", "arrival", "departure", "flight", "exile", "transit"})
# light verbs whose object is a travel noun: "the visit that Lula made to China"
_LIGHT_VERBS = frozenset({"make", "pay", "undertake", "conduct", "take", "begin", "end"})


def _present(tok: Any, published: date | None) -> DateRange | None:
    """An undated trip told in the present tense is going on when the article appears
    ("X is in Paris", "X has been in Oslo", "X is on a visit to Oslo": the publication
    day). A completed trip ("has travelled to Doha", "flew to Doha") says nothing of when:
    no date is guessed for it, so its verdict asks for review."""
    if published is None:
        return None
    verb = tok
    if tok.pos_ in {"NOUN", "PROPN"}:
        verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is None:
            return None
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" or a.lower_ in {"had", "did", "was", "were", "to"} for a in auxes):
        return None
    if any(a.lower_ in {"has", "have"} for a in auxes):
        if any(a.lower_ == "been" for a in verb.children) or verb.lemma_ == "be":
            return DateRange("at the time of the report", published, published, Precision.DAY, True)
        return None  # "has travelled to Doha" says that it happened, not when
    if verb.tag_ in {"VBZ", "VBP"} or any(a.tag_ in {"VBZ", "VBP"} for a in auxes):
        if verb.lemma_ in {"say", "tell"}:
            return None
        return DateRange("at the time of the report", published, published, Precision.DAY, True)
    return None


def _refuses_request(tok: Any) -> bool:
    """'rejected the request', 'turned down his application', 'refused the bid'."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB":
        return False
    if lemma == "turn" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return False
    if lemma not in {"reject", "refuse", "deny", "decline", "turn", "dismiss"}:
        return False
    objs = [c for c in tok.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    return any(o.lemma_.lower() in {"request", "application", "petition", "bid"} for o in objs)


def _held(verb: Any) -> bool:
    """'took place', 'was held', 'opened', 'convened': a clause that places an event."""
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ in {"dobj", "obj"} and c.lower_ == "place" for c in verb.children)
    return lemma in {"hold", "open", "convene", "stage", "host"}


def _located(noun: Any, ctx: _Context) -> bool:
    """True when a building has a place of its own ('embassy in Beijing'): the name that
    modifies it is its owner or its name, not where it stands."""
    return any(
        ch.dep_ == "prep"
        and ch.lower_ in {"in", "at", "near", "outside"}
        and any(ctx.place_at(g.i) is not None for g in ch.subtree)
        for ch in noun.children
    )


def _agents(verb: Any) -> list[Any]:
    return [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]


def _with(verb: Any) -> list[Any]:
    """Objects of 'with' / 'along with' / 'alongside' hung on a motion word."""
    out: list[Any] = []
    for ch in verb.children:
        if ch.dep_ != "prep":
            continue
        if ch.lower_ in {"with", "alongside"}:
            out.extend(g for g in ch.children if g.dep_ == "pobj")
        elif ch.lower_ in _ALONG:
            for w in ch.children:
                if w.dep_ == "prep" and w.lower_ == "with":
                    out.extend(g for g in w.children if g.dep_ == "pobj")
    return out


def _among(heads: list[Any]) -> list[Any]:
    """'Among the leaders who travelled to Beijing are X, Y and Z': the people the copula
    names are the travellers of the relative clause on 'leaders'."""
    out: list[Any] = []
    for h in heads:
        for ante in _relcl_antecedent(h):
            if ante.dep_ == "pobj" and ante.head.lower_ == "among":
                verb = ante.head.head
                out.extend(c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "attr"})
    return out


def _met(tok: Any) -> list[Any]:
    """The people met: 'X met Y in Z', 'X met with Y', 'talks with Y in Z'. Both sides of a
    meeting are where it took place."""
    out = []
    for ch in tok.children:
        if ch.dep_ in {"dobj", "obj"} and tok.pos_ in {"VERB", "AUX"}:
            out.append(ch)
        elif ch.dep_ == "prep" and ch.lower_ == "with":
            out.extend(g for g in ch.children if g.dep_ == "pobj")
    return out


_GROUP_DEPS = frozenset({"conj", "appos", "compound", "flat", "npadvmod"})
_ALONG = frozenset({"along", "together", "alongside"})


def _group(head: Any) -> list[Any]:
    """The head of a subject and every member the phrase lists: conjuncts and appositions
    at any depth ("X, Y's President Z, and W"; "the delegates - X, Y and Z -"), and
    companions ("X along with Y", "X, together with Y", "X alongside Y"). Possessors,
    'of' phrases and clauses are not members ("Putin's envoy", "the wife of X")."""
    out = [head]
    seen = {head.i}
    todo = [head]
    while todo:
        node = todo.pop(0)
        for ch in node.children:
            if ch.i in seen:
                continue
            follow = ch.dep_ in _GROUP_DEPS and ch.pos_ in {"PROPN", "NOUN", "PRON"}
            if ch.dep_ == "prep" and (
                ch.lower_ in _ALONG or (ch.lower_ == "with" and node.lower_ in _ALONG)
            ):
                todo.append(ch)
                seen.add(ch.i)
                continue
            if (
                ch.dep_ == "pobj"
                and node.dep_ == "prep"
                and (
                    node.lower_ in _ALONG or (node.lower_ == "with" and node.head.lower_ in _ALONG)
                )
            ):
                follow = True
            if follow:
                seen.add(ch.i)
                out.append(ch)
                todo.append(ch)
    return out


def _disjunctive(tok: Any) -> bool:
    """True for a member of a list of alternatives ("Tajikistan, Uzbekistan or Oman")."""
    root = tok
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    members = [root]
    todo = [root]
    while todo:
        node = todo.pop()
        for c in node.children:
            if c.dep_ == "conj":
                members.append(c)
                todo.append(c)
    if len(members) < 2:
        return False
    return any(c.dep_ == "cc" and c.lower_ in {"or", "nor"} for m in members for c in m.children)


def _conjuncts(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN", "PRON"}]


def _governing_verb(tok: Any) -> Any | None:
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            return node if node.pos_ in {"VERB", "AUX"} else None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
    return None


def _np(doc: Any, tok: Any) -> str:
    """The noun phrase headed by ``tok`` (without clauses), e.g. 'the Fars news agency'."""
    left = tok.left_edge.i
    right = tok.i
    for ch in tok.rights:
        if ch.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj"}:
            break
        right = ch.right_edge.i
    text = _clean(doc[left : right + 1].text)
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


# ---------------------------------------------------------------- article context


class _Context:
    """Per-article lookups: sentences, places and dates by token, captions, quotes."""

    def __init__(
        self,
        doc: Any,
        article: Article,
        people: People,
        places: Sequence[Place],
        dates: Sequence[DateHit],
        finder: EventFinder,
    ) -> None:
        self.doc = doc
        self.article = article
        self.people = people
        self.finder = finder
        self.sents = list(doc.sents)
        self.sent_start = [s.start for s in self.sents]
        self.dates = sorted(dates, key=lambda d: d.start)
        self._persons = people.by_pid()
        self._place_tok: dict[int, Place] = {}
        self._place_root: dict[int, int] = {}
        for p in places:
            if p.start < 0 or _inside_any(people.credits, p.start, p.end):
                continue
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self._place_tok.setdefault(t.i, p)
                self._place_root.setdefault(t.i, span.root.i)
        self._capitals()
        self.dateline = self._dateline(places)
        text = doc.text
        self._captions: set[int] = set()
        for si, s in enumerate(self.sents):
            para = _paragraph(text, s.start_char)
            if _CAPTION.search(text[para[0] : para[1]]):
                self._captions.add(si)
        self._headline: set[int] = set()
        for si, s in enumerate(self.sents[:4]):
            stripped = s.text.strip()
            if stripped and stripped[-1:] not in '.!?"”' and len(stripped.split()) >= 4:
                if not self._headline or si == max(self._headline) + 1 or not self._headline:
                    self._headline.add(si)
                break
        self._quotes = [(m.start(), m.end()) for m in _QUOTES.finditer(text)]

    # places -------------------------------------------------------

    def _home_country(self) -> str | None:
        """The article's most named country (ties: the earliest, so the dateline's)."""
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for i, p in self._place_tok.items():
            if p.country and self._place_root.get(i, i) == i:
                counts[p.country] = counts.get(p.country, 0) + 1
                first[p.country] = min(first.get(p.country, i), i)
        if not counts:
            return None
        return min(counts, key=lambda c: (-counts[c], first[c]))

    def _capitals(self) -> None:
        """'the Russian capital' -> a place in Russia; a bare 'the capital' is the capital of
        the article's own country; 'in Nigerian custody' -> held in Nigeria."""
        home = self._home_country()
        for tok in self.doc:
            low = tok.lower_
            held = tok.lemma_.lower() in self.finder.vocab.custody_nouns
            if (low != "capital" and not held) or tok.i in self._place_tok:
                continue
            mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "poss"}]
            if low == "capital" and not mods and home is not None:
                det = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "the"]
                if det and tok.dep_ == "pobj":
                    bare = Place(
                        name="the capital",
                        country=home,
                        kind="city",
                        how="capital of the article's country",
                        start=det[0].idx,
                        end=tok.idx + len(tok.text),
                    )
                    for t in (det[0], tok):
                        self._place_tok[t.i] = bare
                        self._place_root[t.i] = tok.i
                continue
            if low != "capital":
                mods = [m for m in mods if m.dep_ == "amod"]  # "in Nigerian custody"
            for m in mods:
                iso = self.finder.gazetteer.demonym(m.text)
                if iso is None and m.ent_type_ in {"GPE"}:
                    place = self.finder.gazetteer.lookup(m.text)
                    iso = place.country if place is not None else None
                if iso:
                    start = tok.left_edge.idx
                    span = self.doc[tok.left_edge.i : tok.i + 1]
                    place = Place(
                        name=_clean(span.text),
                        country=iso,
                        kind="city" if low == "capital" else "country",
                        how=f"capital of {m.text}" if low == "capital" else f"{low} of {m.text}",
                        start=start,
                        end=tok.idx + len(tok.text),
                    )
                    for t in span:
                        self._place_tok[t.i] = place
                        self._place_root[t.i] = tok.i
                    break

    def place_at(self, i: int) -> Place | None:
        return self._place_tok.get(i)

    def place_root(self, i: int) -> int:
        return self._place_root.get(i, i)

    def place_before(self, tok: Any) -> Place | None:
        """The nearest place left of a token in its sentence ('in Moscow on Tuesday, where')."""
        for i in range(tok.i - 1, tok.sent.start - 1, -1):
            place = self._place_tok.get(i)
            if place is not None:
                return place
        return None

    def country_place(self, iso2: str, word: str) -> Place:
        """A place for a country a travel word names by itself ("performed the Umrah")."""
        name = getattr(self.finder.gazetteer, "country_name", lambda c: c)(iso2) or iso2
        return Place(name=name, country=iso2, kind="country", how=f"implied by '{word}'")

    def recent_place(self, before: int) -> Place | None:
        """The most recent destination-like place before a character offset ('there')."""
        best: Place | None = None
        for i, p in self._place_tok.items():
            tok = self.doc[i]
            if tok.idx >= before or tok.dep_ == "poss" or self.in_credit(tok.idx, tok.idx + 1):
                continue
            if best is None or p.start > best.start:
                best = p
        return best

    def context_destination(
        self, pid: str | None, so_far: list[_Raw], caption: bool, kind: str = ""
    ) -> Place | None:
        """Where an undirected 'visited' went: the same person's last trip, else the headline's."""
        mine = [
            r
            for r in reversed(so_far)
            if r.pid == pid
            and r.dest is not None
            and not r.caption
            and not caption
            and r.kind != "departure"  # where a journey began is not where it went
        ]
        # the last journey told ("has arrived in Bissau ... flew in on Friday") before any
        # background stay ("Chad, where he had lived since 2021")
        for r in mine:
            if r.kind in _MOTION_KINDS:
                return r.dest
        if mine:
            return mine[0].dest
        for r in so_far:
            if r.headline and r.dest is not None and r.pid == pid:
                return r.dest
        return self.dateline if kind in _DATELINE_KINDS else None

    def _dateline(self, places: Sequence[Place]) -> Place | None:
        """The place a dateline opens the story with ("MAKKAH (INA) -", "Addis Ababa -",
        "SEOUL, South Korea (AP) _"): an arrival with no place of its own ends there."""
        text = self.doc.text
        for p in places:
            if p.start < 0 or p.start > 600:
                continue
            line_start = text.rfind("\n", 0, p.start) + 1
            before = text[line_start : p.start].strip()
            if before and not re.fullmatch(r"(?:date\s+\S+)?", before):
                continue
            after = text[p.end : p.end + 60]
            if _DATELINE_TAIL.match(after):
                return p
        return None

    # dates --------------------------------------------------------

    def dates_in(self, start: int, end: int) -> list[DateHit]:
        return [d for d in self.dates if start <= d.start < end]

    def caption_date(self, si: int) -> DateRange | None:
        if si not in self._captions:
            return None
        text = self.doc.text
        para = _paragraph(text, self.sents[si].start_char)
        for m in _CAPTION_DATE.finditer(text, para[0], para[1]):
            for d in self.dates:
                if d.start == m.end() or (m.end() <= d.start <= m.end() + 3):
                    return d.range
        return None

    # sentences ----------------------------------------------------

    def sent_of(self, tok: Any) -> int:
        lo, hi = 0, len(self.sent_start) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sent_start[mid] <= tok.i:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def is_caption(self, si: int) -> bool:
        return si in self._captions

    def is_headline(self, si: int) -> bool:
        return si in self._headline

    def in_credit(self, start: int, end: int) -> bool:
        return _inside_any(self.people.credits, start, end)

    # people -------------------------------------------------------

    def who(self, tok: Any) -> tuple[str | None, str] | None:
        """(pid, name) of the person a token stands for; (None, description) when unresolved."""
        appositions = []
        todo = [tok]
        for _ in range(3):  # "The head of Korea, the DPRK, Kim Jong-un, arrived"
            todo = [c for t in todo for c in t.children if c.dep_ == "appos"]
            appositions.extend(todo)
        # "Hassan Sheikh, the president of Somalia, on Wednesday touched ...": the
        # apposition's head is the person
        holder = [tok.head] if tok.dep_ == "appos" and tok.head.i != tok.i else []
        for t in (tok, *_relcl_antecedent(tok), *appositions, *holder):
            pid = self.people.token_pid.get(t.i)
            if pid is not None:
                return pid, self.name_of(pid)
            desc = self.people.unresolved.get(t.i)
            if desc is not None:
                return None, desc
            if t.lemma_.lower() in self.finder.vocab.collectives:
                return self._member(t)
        closing = self._closing_name(tok)
        if closing is not None:
            return closing, self.name_of(closing)
        return None

    def _closing_name(self, tok: Any) -> str | None:
        """'Head of the National Grain Board of Belarus Ivan Petrov landed ...': a long title
        heads the subject and the name closes it; the phrase stands for that person."""
        if tok.dep_ not in _SUBJ or tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        if tok.tag_ in {"NNS", "NNPS"} or (
            tok.pos_ == "NOUN" and tok.lemma_.lower() not in self.finder.vocab.roles
        ):
            return None  # "opponents of Maduro": not a title of Maduro's
        edge = tok.right_edge
        while edge.i > tok.i and edge.is_punct:
            edge = self.doc[edge.i - 1]
        pid = self.people.token_pid.get(edge.i)
        if pid is None or edge.i == tok.i:
            return None
        # the name must be a run of proper nouns reached through "of" phrases or compounds,
        # not a name inside a clause ("the man who met Ivan Petrov")
        node = edge
        while node.i != tok.i:
            if node.dep_ in _CLAUSAL or node.dep_ in {"appos", "conj", "cc"}:
                return None
            node = node.head
        return pid

    def _member(self, tok: Any) -> tuple[str | None, str] | None:
        """A person put in a delegation: 'led by X', or 'he was part of a delegation that ...'."""
        for ch in tok.children:
            if ch.dep_ in {"acl", "relcl"}:
                for g in ch.children:
                    if g.dep_ == "agent":
                        for o in g.children:
                            # "led by X", "led by its head of state, X" (X in apposition)
                            for t in (o, *(a for a in o.children if a.dep_ == "appos")):
                                pid = self.people.token_pid.get(t.i)
                                if pid is not None:
                                    return pid, self.name_of(pid)
                        # the parser may hang the leader's name on the group noun itself
                        for a in tok.children:
                            pid = self.people.token_pid.get(a.i) if a.dep_ == "appos" else None
                            if pid is not None:
                                return pid, self.name_of(pid)
        node = tok
        for _ in range(3):
            if node.dep_ == "pobj" and node.head.head.lemma_.lower() in {"part", "member", "head"}:
                holder = node.head.head
                verb = holder.head
                subj = _subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
                if subj is not None:
                    pid = self.people.token_pid.get(subj.i)
                    if pid is not None:
                        return pid, self.name_of(pid)
            node = node.head
        if tok.dep_ in _SUBJ:
            # "A delegation of the movement arrived in Moscow": the group's trip, its
            # members named later ("X is heading the delegation, other members are Y")
            return None, tok.lemma_.lower()
        return None

    def foreign_to(self, pid: str | None, place: Place) -> bool:
        """True when the text gives the person a nationality other than the place's country."""
        p = self._persons.get(pid or "")
        nats = set(p.nationalities) if p is not None else set()
        return bool(nats) and place.country is not None and place.country not in nats

    def home_to(self, pid: str | None, place: Place) -> bool:
        """True when the text makes the place's country one of the person's own."""
        p = self._persons.get(pid or "")
        return p is not None and place.country is not None and place.country in p.nationalities

    def name_of(self, pid: str) -> str:
        p = self._persons.get(pid)
        return p.name if p is not None else ""

    # quotes -------------------------------------------------------

    def quote_source(self, tok: Any) -> str | None:
        """The speaker of a quotation that contains the token ('“...,” Fars said')."""
        for qs, qe in self._quotes:
            if not qs <= tok.idx < qe:
                continue
            after = self.doc.char_span(
                qe, min(len(self.doc.text), qe + 120), alignment_mode="contract"
            )
            if after is None:
                return None
            for t in after:
                if t.is_sent_start and t.idx > qe + 1:
                    break
                if t.lemma_.lower() in self.finder.reporting and t.pos_ in {"VERB", "AUX"}:
                    subj = _subject(t)
                    if subj is not None:
                        pid = self.people.token_pid.get(subj.i)
                        return self.name_of(pid) if pid else _np(self.doc, subj)
            return None
        return None


def _relcl_antecedent(tok: Any) -> list[Any]:
    if tok.lower_ in {"who", "that", "which", "whom"} and tok.head.dep_ in {"relcl", "acl"}:
        return [tok.head.head]
    return []


def _paragraph(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", at)
    return start, len(text) if end < 0 else end


def _inside_any(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


# ---------------------------------------------------------------- merging


def _compatible_dates(a: DateRange, b: DateRange) -> bool:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return True
    if (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end):
        return True
    near = {Precision.DAY, Precision.RANGE, Precision.WEEK}
    if a.precision in near and b.precision in near:
        gap = max(a.start, b.start) - min(a.end, b.end)
        return gap.days <= 7
    return False


def _edge(kind: str) -> str:
    """Which end of a stay an event kind dates: "start" (arrival), "end" (departure) or ""."""
    return {"arrival": "start", "departure": "end"}.get(kind, "")


def _combine_dates(a: DateRange, b: DateRange, a_edge: str = "", b_edge: str = "") -> DateRange:
    """The dates of one trip told twice: the narrower range, or a stay cut by its arrival.

    An arrival day inside a wider stay ("spent several days there this week ... arrived on
    Tuesday") starts the stay rather than replacing it; a departure day ends it.
    """
    if not b.resolved:
        return a
    if not a.resolved:
        return b
    assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
    for wide, day, edge in ((a, b, b_edge), (b, a, a_edge)):
        assert wide.start is not None and wide.end is not None and day.start is not None
        one_day = day.start == day.end and day.precision is Precision.DAY
        inside = wide.start <= day.start and day.end is not None and day.end <= wide.end
        short = 0 < (wide.end - wide.start).days <= 14  # a week's stay, not "in 2019"
        if edge and one_day and inside and short:
            start, end = (day.start, wide.end) if edge == "start" else (wide.start, day.start)
            return DateRange(
                phrase=f"{wide.phrase}; {day.phrase}",
                start=start,
                end=end,
                precision=Precision.RANGE,
                relative=a.relative or b.relative,
            )
    if a.start <= b.start and b.end <= a.end:
        return b
    if b.start <= a.start and a.end <= b.end:
        return a
    return DateRange(
        phrase=f"{a.phrase}; {b.phrase}",
        start=min(a.start, b.start),
        end=max(a.end, b.end),
        precision=Precision.RANGE,
        relative=a.relative or b.relative,
    )


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


def _overlap(a: DateRange, b: DateRange) -> bool:
    if a.start is None or b.start is None:
        return False
    a_end, b_end = a.end or date.max, b.end or date.max
    return a.start <= b_end and b.start <= a_end


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
    )
