"""The event finder: runs the passes over each sentence and builds the events."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from travelban.extract.dates import DateHit
from travelban.extract.events.arguments import Arguments, _list_mates
from travelban.extract.events.context import _Context
from travelban.extract.events.merge import _joined, _merge, _Raw
from travelban.extract.events.predicates import (
    _NOW_TRIGGER,
    _PRESENT_TRIGGER,
    _VISITING_TRIGGER,
    _WHILE_TRIGGER,
    Predicates,
    _now_in,
    _while_in,
)
from travelban.extract.events.status import Status
from travelban.extract.events.syntax import (
    _FORCE,
    _MOTION_KINDS,
    _clean,
    _refused_request,
    _sidelines,
    _subject,
)
from travelban.extract.events.when import _WEEKDAYS, When, _ahead, _clip, _looks_ahead, _present
from travelban.extract.people import People, names_country
from travelban.extract.vocab import Trigger, Vocabulary
from travelban.models import Article, DateRange, EventStatus, Place, Precision, TravelEvent

if TYPE_CHECKING:
    from travelban.extract.events.context import GazetteerLike


class EventFinder(Predicates, Arguments, When, Status):
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
            # Members and companions join the group's trip once every trip of the sentence
            # is known ("The delegation, which included X, reached Baku").
            joining: list[tuple[Callable[..., list[_Raw]], Any]] = []
            for tok in sent:
                lemma = _verb_lemma(tok)
                if lemma == "accompany" or (lemma == "join" and _company_join(tok, ctx)):
                    joining.append((self._companions, tok))
                    continue
                if (
                    tok.dep_ in _MEMBER_DEPS or (tok.dep_ == "prep" and tok.tag_ == "VBG")
                ) and tok.lemma_.lower() in self.vocab.member_verbs | {"be", "head", "lead"}:
                    # ("prep": "The delegation, including A and B, arrived")
                    joining.append((self._members, tok))
                if tok.dep_ in {"ROOT", "conj", "ccomp"} and (
                    tok.lemma_ == "be" or tok.lemma_.lower() in self.vocab.member_verbs
                ):  # ("Sources said among the presidents are A and B")
                    joining.append((self._present, tok))
                if tok.lower_ == "based" and tok.tag_ == "VBN" and tok.dep_ == "amod":
                    raws.extend(self._based(tok, si, ctx, raws))
                    continue
                request = _refused_request(tok)
                if request is not None:
                    self._refused(request, si, ctx, raws)
                if _now_in(tok):
                    holder = tok.head if tok.head.pos_ in {"NOUN", "PROPN"} else _subject(tok.head)
                    if holder is not None:
                        raws.extend(self._events_for(tok, _NOW_TRIGGER, si, ctx, raws, who=holder))
                guest = self._visiting(tok)
                if guest is not None:
                    raws.extend(self._visitor(tok, guest, si, ctx, raws))
                    continue
                if _while_in(tok) and self._trigger(tok.head) is None:
                    raws.extend(self._events_for(tok.head, _WHILE_TRIGGER, si, ctx, raws))
                trig = self._trigger(tok)
                if trig is None:
                    continue
                new = self._events_for(tok, trig, si, ctx, raws)
                if not new and trig.pos == "noun":
                    self._restatus(tok, trig, si, ctx, raws)
                raws.extend(new)
            for join, tok in joining:
                joined = join(tok, si, ctx, raws)
                if not joined and join == self._companions and _verb_lemma(tok) == "join":
                    # "X joined the Iranian delegation at the consulate in Istanbul": with no
                    # trip of the group told, joining where a place is named is attendance
                    trig = self._trigger(tok)
                    if trig is not None and self._places(tok, trig, ctx)[0]:
                        joined = self._events_for(tok, trig, si, ctx, raws)
                raws.extend(joined)
            if len(raws) == found and ctx.is_caption(si):
                raws.extend(self._caption_events(sent, si, ctx, raws))
            raws.extend(_list_shares(raws[found:], sent, si, ctx))
        raws.extend(self._line_lists(ctx, raws))
        raws.extend(_colon_lists(raws, ctx, self.vocab.collectives))
        raws.extend(self._company(ctx, raws))
        merged = _merge(_story_dates(_scene_dates(_without_named_groups(raws)), ctx))
        # a public office holder in the state they serve is at home, not travelling ("The
        # President departed Abuja", "the Crown Prince received X in Jeddah")
        return [
            self._final(r, ctx)
            for r in merged
            if not ctx.serves_in(r.pid, r.dest)
            # (a host receiving at home, not a guest, or one coming home: one
            # nationality, the place's)
            and not (
                r.dest is not None
                and (r.kind in _AT_HOME_KINDS or _returning(r, ctx))
                and ctx.only_home(r.pid, r.dest)
            )
        ]

    def _line_lists(self, ctx: _Context, raws: list[_Raw]) -> list[_Raw]:
        """'Following is a list of the leaders who will attend the funeral on Saturday in
        Rome.' and then one line per country, 'SPAIN – King Felipe and Queen Letizia.': the
        people of three or more such lines in a row make the trip the sentence before them
        tells, with its place, date and status."""
        spans: list[tuple[int, int]] = []
        at = 0
        for line in ctx.text.split("\n"):
            m = _COUNTRY_LINE.match(line)
            if m and (m.group(1).isupper() or names_country(self.gazetteer, m.group(1).strip())):
                spans.append((at, at + len(line)))
            at += len(line) + 1
        blocks: list[list[tuple[int, int]]] = []
        for a, b in spans:
            if blocks and ctx.text[blocks[-1][-1][1] : a].strip() == "":
                blocks[-1].append((a, b))
            else:
                blocks.append([(a, b)])
        out: list[_Raw] = []
        pids = ctx.people.token_pid
        for block in blocks:
            if not ctx.text[: block[0][0]].strip():
                block = block[1:]  # ("VATICAN CITY — Following is a list ...": the lead)
            if len(block) < 3:
                continue  # (so the block never opens the text: a sentence stands before it)
            first = block[0][0]
            intro = ctx.sent_of(ctx.doc.char_span(0, first, alignment_mode="expand")[-1])
            told = next(
                (
                    (t, trig)
                    for t in ctx.sents[intro]
                    if (trig := self._trigger(t)) is not None
                    and trig.kind in _SCENE_KINDS
                    and not trig.host
                ),
                None,
            )
            if told is None:
                continue
            tok, trig = told
            # where: the clause's own place, else the last place its sentence names ("will
            # attend the summit on Saturday in Astana"), else the dateline's
            scene = next(
                (
                    p
                    for t in reversed(ctx.sents[intro])
                    if (p := ctx.place_at(t.i)) is not None and p.country
                ),
                ctx.dateline,
            )
            for a, b in block:
                seen: set[str] = set()
                for t in ctx.doc.char_span(a, b, alignment_mode="expand") or ():
                    pid = pids.get(t.i)
                    if pid is not None and pid not in seen:
                        seen.add(pid)
                        out.extend(
                            self._events_for(
                                tok, _PRESENT_TRIGGER, intro, ctx, raws, who=t, scene=scene
                            )
                        )
        return out

    def _company(self, ctx: _Context, raws: list[_Raw]) -> list[_Raw]:
        """People in a sentence about a trip's company ("the delegation", "accompanied",
        "included", "entourage") whom no pass gave a trip: they made the named trip told in
        that sentence or the five before, whatever the wording that lists them. Hosts at
        home there, speakers and names used as modifiers are left out."""
        have = {r.pid for r in raws if r.pid is not None}
        out: list[_Raw] = []
        pids = ctx.people.token_pid
        for si, sent in enumerate(ctx.sents):
            if ctx.in_credit(sent.start_char, sent.end_char) or ctx.is_caption(si):
                continue
            if not any(t.lemma_.lower() in self.vocab.company_words for t in sent):
                continue
            for t in sent:
                pid = pids.get(t.i)
                if pid is None or pid in have:
                    continue
                window = self._company_window(t, pid, ctx)
                if window is None:
                    continue
                # "The prime minister was accompanied by X": the trip is the prime
                # minister's, or none when the text gives the prime minister none (a host)
                escorted = _escorted(t, ctx)
                leg = next(
                    (
                        r
                        for r in reversed(raws)
                        if si - window <= r.sentence <= si
                        and (r.pid is not None or self._group_trip(r))
                        and r.pid != pid
                        and (escorted is None or (r.pid, r.pid or r.name) == escorted)
                        and r.dest is not None
                        and r.kind in _SCENE_KINDS
                        and not r.caption
                        and r.status in _COMPANY_STATUSES
                    ),
                    None,
                )
                if leg is None or leg.dest is None:
                    continue
                if ctx.home_to(pid, leg.dest) or ctx.home_to(leg.pid, leg.dest):
                    continue
                have.add(pid)
                out.append(_joined(leg, pid, t, si, ctx))
        return out

    def _company_window(self, t: Any, pid: str, ctx: _Context) -> int | None:
        """How many sentences back the trip of the person named at ``t`` may be told when
        the name's own clause makes it part of a trip's company; None when it does not."""
        if t.dep_ == "poss" or t.pos_ == "PRON" or not _full_name(ctx.name_of(pid)):
            return None  # a one-word "name" is too often a party, a firm or a title
        clause = next(
            (a for a in t.ancestors if a.pos_ in {"VERB", "AUX"} and a.lower_ not in _LIST_OPENERS),
            None,
        )  # ("the following", tagged a verb, opens the list: the clause is above it)
        if clause is None or clause.lemma_.lower() in self.reporting:
            return None  # "X said the delegation ...": a speaker, not a member
        if any(c.dep_ == "neg" for c in clause.children):
            return None  # "X was not part of the delegation"
        vocab = self.vocab
        name_head = t
        while name_head.dep_ in {"compound", "flat"} and name_head.head.i != name_head.i:
            name_head = name_head.head  # "Sami" of "Sami Karimi": the name's head
        described = {d.i for a in name_head.children if a.dep_ == "appos" for d in a.subtree}
        inside = [c for c in clause.subtree if c.i not in described]
        if clause.dep_ == "acl" and _membership_verb(clause):
            # "the delegation, made up of X and Y": the group (the parser may hang the
            # clause on the noun after it: "the delegation accompanying the president,
            # made up of X")
            inside += [clause.head, *list(clause.head.ancestors)[:2]]
        words = {c.lemma_.lower() for c in inside}
        if not words & vocab.company_words:
            return None  # a trip's company, told in the name's own clause (not in what
            # describes the name: "X, a senior member of the movement, is ...")
        aside = {
            d.i
            for c in clause.subtree
            if c.dep_ in {"relcl", "acl"}
            and not any(g.lemma_.lower() in vocab.company_words for g in c.subtree)
            for d in c.subtree
        }  # ("..., who did not speak to reporters": about the name, not the trip)
        if {c.lemma_.lower() for c in clause.subtree if c.i not in aside} & vocab.apart_words:
            return None  # "Absent from the delegation was X", "X, who had hoped to join the
            # delegation, was refused": kept out of it
        if not words & vocab.group_words and not any(self._travel_word(c) for c in inside):
            return None  # "officials including X are on the sanctions list": a list, not a
            # trip's company (no trip or group word in the clause)
        path = [t, *t.ancestors][: _HOST_HOPS + 1]
        intro = next((i for i, a in enumerate(path) if a.lower_ in _LIST_OPENERS), None)
        if intro is not None:
            path = path[:intro]  # "made up of the following: X, Y": the list, not "of X"
        if any(
            (a.lemma_.lower() in vocab.hosting_words and not _received(path, k))
            or a.lower_ == "with"
            or (a.lower_ == "of" and not _membership_verb(a.head))  # (not "made up of X")
            for k, a in enumerate(path)
        ):
            return None  # "X welcomed the delegation", "talks with X", "will call on X";
            # "the sister of leader X": a name describing another
        if any(
            a.dep_ in {"dobj", "obj"}
            and (trig := self._trigger(a.head)) is not None
            and not trig.host
            and trig.kind in {"visit", "meeting"}
            for a in path
        ):
            return None  # "Faisal visited A and B and other members of Congress": hosts
        subject = any(a.dep_ in {"nsubj", "csubj", "attr"} for a in path)
        if subject and any(c.lemma_.lower() in vocab.hosting_words for c in clause.subtree):
            return None  # "A and B accorded a warm welcome to the delegation"
        name_words = {w.lower() for w in ctx.name_of(pid).split()}
        if name_words & (vocab.venue_nouns | vocab.thing_words) or ctx.place_at(t.i) is not None:
            return None  # "Angkor Wat", "Safa Royal Palace": places
        # "including" or "members" alone may be any list: then only the trip told just
        # before is theirs
        return _COMPANY_WINDOW if words & vocab.group_words else _WEAK_WINDOW

    def _group_trip(self, r: _Raw) -> bool:
        """A trip told of a group with no name ("the delegation landed in Nairobi")."""
        words = r.name.lower().split()
        return bool(words) and words[-1] in self.vocab.collectives

    # ------------------------------------------------------------ one trigger

    def _events_for(
        self,
        tok: Any,
        trig: Trigger,
        si: int,
        ctx: _Context,
        so_far: list[_Raw],
        who: Any | None = None,
        scene: Place | None = None,
    ) -> list[_Raw]:
        """The events of one predicate; ``scene``: the place to take when the predicate
        names none (the caller knows the scene: "Those present were ...")."""
        travellers = self._travellers(who if who is not None else tok, trig, ctx)
        if not travellers or self._remote(tok):
            return []
        dests, origin, there = self._places(tok, trig, ctx)
        if (
            not dests
            and scene is None
            and who is None  # (not a companion's trip, which "accompanied" gives)
            and trig.pos == "verb"
            and tok.dep_ == "conj"
        ):
            dests = self._conjunct_scene(tok, ctx)
        if not dests and scene is not None:
            dests = [scene]
        via_context = False
        kind = trig.kind
        if not dests and there:
            p = ctx.recent_place(tok.idx)
            if p is not None:
                dests = [p]
        if not dests and trig.country:
            dests = [ctx.country_place(trig.country, trig.lemma)]
        if not dests and trig.pos == "noun":
            # "his Hajj pilgrimage": a modifier that names its country places the trip
            named = [
                t
                for c in tok.children
                if c.dep_ in {"compound", "amod"} and (t := self._trigger(c)) and t.country
            ]
            if named:
                dests = [ctx.country_place(named[0].country, named[0].lemma)]
        if not dests and trig.host:
            # "the UAE is hosting Ghani", "Dubai hosted Yingluck": the host is the place
            subj = _subject(tok)
            if subj is not None and subj.dep_ == "nsubjpass":
                # "X was detained by Turkish authorities": the one acting is the agent,
                # the subject is the one held
                agents = [a for c in tok.children if c.dep_ == "agent" for a in c.children]
                subj = agents[0] if agents else None
            if subj is not None and subj.lower_ == "it" and tok.dep_ == "ccomp":
                # "the UAE said it has accepted X": "it" is the speaker
                subj = _subject(tok.head) or subj
            place = ctx.place_at(subj.i) if subj is not None else None
            if place is None and subj is not None and subj.lemma_.lower() not in _POSTED:
                # "the emirate of Dubai hosted X", "the government of Oman received X"
                # "Police in Kigali arrested X" (not "the Representative of Azerbaijan to the
                # UN received X": a post abroad names the state it speaks for)
                place = next(
                    (
                        pl
                        for c in subj.children
                        if c.dep_ == "prep" and c.lower_ in {"of", "in"}
                        for g in c.children
                        if g.dep_ == "pobj" and (pl := ctx.place_at(g.i)) is not None
                    ),
                    None,
                )
            if (
                place is None
                and subj is not None
                and trig.kind == "presence"
                and trig.lemma not in _FORCE
            ):
                # "Dubai Police arrested X", "Pakistani security forces detained X": the
                # authority's own place or country (kidnappers act abroad: no country)
                place = self._authority_place(subj, ctx)
            if place is None and subj is not None and trig.kind == "attendance":
                # "The summit has drawn delegations from 45 countries, including A and B":
                # the gathering told before with its place
                place = ctx.gathering_place(subj)
            if place is None and subj is not None and trig.kind == "meeting":
                # "Japanese Prime Minister X welcomed the presidents ... for talks": a
                # host who serves or belongs to one country receives there; only guests
                # the text makes foreign to it travelled
                place = self._host_home(subj, si, ctx, so_far)
                if place is not None:
                    travellers = [
                        t
                        for t in travellers
                        if t[0] not in self._met_pids and ctx.abroad_in(t[0], place)
                    ]
            if place is not None:
                dests = [place]
        if dests and origin is None and trig.host and trig.kind == "arrival":
            # "Niger deported X to Mali": the state that sends someone away is where he was;
            # "a Dubai court ruled to extradite X": the authority's own place
            subj = _subject(tok)
            sender = ctx.place_at(subj.i) if subj is not None else None
            if sender is None and subj is not None:
                sender = self._authority_place(subj, ctx)
            if sender is not None and all(sender.country != d.country for d in dests):
                origin = sender
        departure_from: Place | None = None
        homeward = any(
            c.lower_ == "home" and c.dep_ in {"advmod", "npadvmod"} for c in tok.children
        )
        arriving = trig.kind == "arrival" and not trig.host
        # "was deported from Turkey", "his extradition from Dubai": he was where he was sent
        # away from, whoever he is
        removed = trig.kind == "arrival" and trig.host
        if not dests and origin is not None and (trig.leaves or homeward or arriving or removed):
            # ("returned home on a flight from Dubai": he was in Dubai until then)
            # "left X", no destination given: a trip abroad begins at X (origin, destination
            # unknown), unless the text makes X foreign to the traveller ("an Iranian ...
            # left Nigeria"): then he was present in X until he left
            departure_from, kind = origin, "departure"
        roles = self.vocab.roles
        if (
            not dests
            and departure_from is None
            and (
                trig.kind == "attendance"
                # "Key arrivals include A and B", "X is among the distinguished guests":
                # the people a plural noun of a gathering's comers names
                or (trig.pos == "noun" and tok.tag_ == "NNS" and trig.kind in {"arrival", "visit"})
            )
            and not any(
                ctx.place_at(t.i)
                and t.dep_ == "pobj"
                and t.head.lower_ in _PLACING
                # (not a role's: "the ambassador to the US, X")
                and not (t.head.lower_ in {"of", "to"} and t.head.head.lemma_.lower() in roles)
                for t in ctx.sents[si]
            )
        ):
            # "X will be another speaker on Tuesday", "X is scheduled to speak": in a
            # story that opens with a gathering and its place, its speakers are there
            scene = ctx.story_gathering()
            if scene is not None:
                dests = [scene]
        if (
            not dests
            and departure_from is None
            and self._met_pids
            and _told_past(tok.head if trig.pos == "noun" else tok)
        ):
            # "He also met X, the President of Kenya": with no place of its own, a meeting
            # is where the one who met just went, and only those foreign there made a trip
            scene = _latest_leg(travellers, self._met_pids, si, so_far, ctx)
            if scene is None:
                # "Throughout the day he had meetings with leaders attending the summit. He
                # met A, the President of K": the trip the one who met is on, told before
                scene = _ongoing_trip(travellers, self._met_pids, si, so_far)
            if scene is not None and any(
                t.dep_ == "pobj"
                and t.head.lower_ in {"in", "at"}
                and (pl := ctx.place_at(t.i)) is not None
                and pl.country != scene.country
                for t in ctx.sents[si]
            ):
                # ("X, who had been in London, was received by A at Abuja airport": a
                # sentence naming another country does not say the meeting was there)
                scene = None
            if scene is not None:
                travellers = [
                    t for t in travellers if t[0] in self._met_pids and ctx.abroad_in(t[0], scene)
                ]
                dests = [scene]
        if not dests and departure_from is None and self._met_pids:
            # "During the summit, the Prime Minister held talks with President X of Congo":
            # with no place named and no trip of the one who met told, a host who serves
            # one state meets at home when the story's dateline, else its most named
            # country, is there; only those the text makes foreign there travelled
            hosts = [p for p, _ in travellers if p is not None and p not in self._met_pids]
            line = ctx.dateline
            visiting = bool(hosts) and any(
                ctx.people.token_pid.get(a.i) == hosts[0]
                for t in ctx.sents[si]
                if t.lower_ == "visiting"
                for a in [t, *list(t.ancestors)[:3]]
            )  # ("The visiting German minister is set to meet President X": the guest)
            home = (
                self._home_of(hosts[0], ctx.name_of(hosts[0]), si, ctx, so_far)
                if len(hosts) == 1 and ctx.holds_office(hosts[0]) and not visiting
                else None
            )
            if home is not None:
                # (``_home_of`` found the dateline, else the story's most named country,
                # in the host's country)
                scene = line if line is not None else home
                travellers = [
                    t for t in travellers if t[0] in self._met_pids and ctx.abroad_in(t[0], scene)
                ]
                dests = [scene]
        if not dests and departure_from is None and arriving:
            # "Leaders are arriving in Accra ... X touched down on Friday"
            scene = _group_arrival(si, so_far)
            if scene is None and not trig.needs_place:
                scene = _parallel_arrival(si, so_far)  # (not "returned to power")
            if scene is not None:
                dests = [scene]
        if not dests and departure_from is None and trig.kind != "departure":
            # "The inauguration of Paz was attended by A and B", "to attend the swearing-in
            # of Senegalese President X": a ceremony that gives an office is held in the
            # state of that office
            seat = self._inaugural_place(tok, ctx)
            if seat is not None:
                dests = [seat]
        if not dests and departure_from is None and trig.needs_place:
            # "X was detained at Athens airport. Y was detained alongside him": where the
            # one the clause puts the traveller beside was just told to be
            beside = _beside_scene(tok, trig.kind, si, so_far, ctx, {p for p, _ in travellers})
            if beside is not None:
                travellers = [t for t in travellers if not ctx.home_to(t[0], beside)]
                dests = [beside]
        if not dests and departure_from is None and trig.needs_place:
            # "Police arrested X at Athens airport. Y, a Moldovan, was also detained": an
            # 'also' event with no place of its own is where the one just told took place,
            # for those the text makes foreign there (not the hosts "also in attendance")
            also = _shared_scene(tok, si, so_far, ctx)
            if also is not None:
                travellers = [t for t in travellers if ctx.abroad_in(t[0], also)]
                dests = [also]
        if not dests and departure_from is None and trig.kind == "attendance":
            # "X welcomed in Tripoli a Turkish delegation ... The meeting was attended by A
            # and B": the meeting just told, where it took place; only those the text
            # makes foreign there travelled (the host's ministers attend at home)
            told = _told_meeting(tok, si, so_far, ctx)
            if told is not None:
                travellers = [t for t in travellers if ctx.abroad_in(t[0], told)]
                dests = [told]
        if not dests and departure_from is None:
            if trig.needs_place:
                return []
            via_context = True
        when = self._date(tok, ctx)
        if not when.resolved and not ctx.is_headline(si) and not ctx.is_caption(si):
            # headlines and captions use the present for past events
            when = _present(tok, ctx.article.published) or when
        status, source = self._status(tok, trig, ctx, when)
        if status is EventStatus.DENIED and when.precision is Precision.OPEN:
            # "had not been seen in Chad since 2021": an absence, not the denial of a trip
            return []
        if status in {EventStatus.PLANNED, EventStatus.CANCELLED} and _looks_ahead(tok):
            when = _ahead(when, ctx.article.published)
            when = _clip(when, ctx.article.published, past=False)
        elif status is not EventStatus.PLANNED:
            when = _clip(when, ctx.article.published, past=True)
        exemption = self._exemption(tok, si, ctx)
        sent = ctx.sents[si]
        caption = ctx.is_caption(si)
        out: list[_Raw] = []

        def raw(
            pid: str | None, name: str, dest: Place | None, kind: str, origin: Place | None
        ) -> _Raw:
            return _Raw(
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

        lead_place: Place | None = None
        sidelines = _on_sidelines(tok)
        paired = _respectively(tok, travellers, dests, ctx)
        for pid, name in travellers:
            targets: list[Place | None] = list(dests)
            if pid in paired:
                targets = [paired[pid]]  # "A and B ... in Australia and the UK, respectively"
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
                        ctx.abroad_in(pid, d)
                        or any(ctx.home_to(h, d) for h in hosts)
                        or d.country in self._host_countries
                        # "on the sidelines of the summit, X met Y": both came to it
                        or (sidelines and not ctx.home_to(pid, d))
                    )
                ]
            if trig.host and trig.kind == "attendance":
                # "a summit in Ankara brought together Turkey's minister A with B": a comer
                # at home there hosted it
                targets = [d for d in targets if d is None or not ctx.own(pid, d)]
            if pid in self._pair_pids:
                # "the two leaders met in New Delhi": the one at home there made no trip
                targets = [d for d in targets if d is None or not ctx.home_to(pid, d)]
            if departure_from is not None:
                # "returned home from Dubai": where one comes home from is abroad
                # ("arriving from Johannesburg": he was there before, wherever he is from)
                # (one sent away from one's own country was not abroad there: "the request
                # for the extradition of the Bangladeshi X from Dhaka")
                sent_off = removed and not ctx.home_to(pid, departure_from)
                foreign = homeward or arriving or sent_off or ctx.foreign_to(pid, departure_from)
                if status is EventStatus.DENIED and not foreign:
                    continue  # "has never left Haiti": he stayed; no trip to record
                targets = [departure_from] if foreign else [None]
                origin = None if foreign else departure_from
            elif via_context:
                if pid in self._pair_pids:
                    continue  # "the two leaders addressed ...": a pair names no place of its own
                p = _shared_scene(tok, si, so_far, ctx) or ctx.context_destination(
                    pid, so_far, caption, kind, current=_current(tok)
                )
                # "travelling with his daughter X": those who go with the first traveller
                # go where the first traveller's trip went
                p = p or lead_place
                if p is None:
                    continue
                lead_place = lead_place or p
                targets = [p]

            if status in {EventStatus.CANCELLED, EventStatus.DENIED}:
                # "says he will not return to Congo": no trip, and none abroad either
                targets = [d for d in targets if d is None or not ctx.home_to(pid, d)]
            if kind == "presence":
                # "the Iraqi commander X was killed near Baghdad": being somewhere in one's
                # only country (as the text gives it) is no trip
                targets = [d for d in targets if d is None or not ctx.only_home(pid, d)]
            out.extend(raw(pid, name, dest, kind, origin) for dest in targets)
            if status not in {EventStatus.CANCELLED, EventStatus.DENIED}:
                # the stops on the way, each a transit through its country
                went = {d.country for d in targets if d is not None}
                out.extend(
                    raw(pid, name, stop, "transit", None)
                    for stop in self._via_places
                    if stop.country not in went and not ctx.home_to(pid, stop)
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
                out.append(raw(pid, name, origin, "departure", None))
        return out

    def _other_places(self, verb: Any, trig: Trigger, ctx: _Context) -> list[Place]:
        """The places another predicate's phrase names, read without taking its stops on
        the way for the predicate being read."""
        via = getattr(self, "_via_places", [])
        found, _, _ = self._places(verb, trig, ctx)
        self._via_places = via
        return found

    def _conjunct_scene(self, tok: Any, ctx: _Context) -> list[Place]:
        """'Security forces raided a seminary in Quetta and arrested X': a verb joined to an
        earlier one, with no place of its own, acts where that verb did (not where a
        departure began: "left Kabul and arrived on Monday")."""
        head = tok.head
        if head.pos_ not in {"VERB", "AUX"}:
            return []
        head_trig = self._trigger(head)
        if head_trig is not None and (head_trig.leaves or head_trig.kind == "departure"):
            return []
        found = self._other_places(head, head_trig or _WHILE_TRIGGER, ctx)
        return [p for p in found if p.start < tok.idx]

    def _visitor(
        self, tok: Any, guest: Any, si: int, ctx: _Context, so_far: list[_Raw]
    ) -> list[_Raw]:
        """'X hosted visiting Malaysian Prime Minister Y in Dili': Y is on a visit where the
        clause takes place; with no place in the clause, where the visitor's trip was told,
        else where the story is told from."""
        verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        scene: Place | None = None
        if verb is not None:
            scene = next(iter(self._other_places(verb, _VISITING_TRIGGER, ctx)), None)
        return self._events_for(tok, _VISITING_TRIGGER, si, ctx, so_far, who=guest, scene=scene)

    def _inaugural_place(self, tok: Any, ctx: _Context) -> Place | None:
        """The state whose office an inauguration told at ``tok`` gives: the country of the
        one sworn in ("the inauguration of President X", "X's swearing-in"), the predicate's
        own noun, its subject or object, or what its preposition governs."""
        nouns = [tok] if tok.pos_ == "NOUN" else []
        for c in tok.children:
            if c.dep_ in {"nsubj", "nsubjpass", "dobj", "obj"}:
                nouns.append(c)
            elif c.dep_ == "prep" and c.lower_ in {"at", "for", "to", "in"}:
                nouns.extend(g for g in c.children if g.dep_ == "pobj")
        inaugural = self.vocab.inaugural_nouns
        for noun in nouns:
            if noun.lower_ not in inaugural and noun.lemma_.lower() not in inaugural:
                continue
            holders = [c for c in noun.children if c.dep_ in {"poss", "compound"}] + [
                g
                for c in noun.subtree
                if c.dep_ == "prep" and c.lower_ == "of" and c.head.i in {noun.i, noun.i + 2}
                for g in c.children
                if g.dep_ == "pobj"
            ]  # (the parser may hang "of X" on the "in" of "swearing-in")
            for h in holders:
                pid = ctx.people.token_pid.get(h.i)
                seat = ctx.host_country(pid, h.text) if pid is not None else None
                if seat is not None:
                    return seat
        return None

    def _remote(self, tok: Any) -> bool:
        """'will take part virtually', 'addressed the assembly by video link', 'joined the
        summit online', 'a virtual summit': taking part from afar is no trip (the words:
        lexicon set ``remote``)."""
        words = self.vocab.remote_words
        holders = [tok]
        if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"dobj", "pobj"}:
            # ("joined the summit online", "took part in the meeting virtually")
            verb = tok.head if tok.dep_ == "dobj" else tok.head.head
            if verb.pos_ in {"VERB", "AUX"}:
                holders.append(verb)
        elif tok.pos_ in {"VERB", "AUX"}:
            # ("attended a virtual summit", "took part in an online forum")
            holders += [
                g
                for c in tok.children
                for g in ([c] if c.dep_ == "dobj" else c.children if c.dep_ == "prep" else [])
                if g.dep_ in {"dobj", "pobj"} and g.pos_ == "NOUN"
            ]
        for h in holders:
            for c in h.children:
                if c.dep_ in {"advmod", "amod", "npadvmod", "compound"} and c.lower_ in words:
                    return True
                if c.dep_ == "prep" and c.lower_ in {"via", "by", "through", "over"}:
                    for g in c.children:
                        if g.dep_ != "pobj":
                            continue
                        if g.lemma_.lower() in words or (
                            g.lemma_.lower() in _REMOTE_HEADS
                            and any(m.lower_ in words for m in g.children if m.i < g.i)
                        ):
                            return True
        return False

    def _host_home(self, host: Any, si: int, ctx: _Context, so_far: list[_Raw]) -> Place | None:
        """The country of a named host who receives at home: None when the sentence names
        a place of another country or the text sent the host abroad ("On arriving at his
        hotel in Tokyo, the emperor was greeted by Lula")."""
        # ("Azerbaijan's Minister of Foreign Affairs, X, received": the name in apposition)
        named = ctx.who(host)
        pid = named[0] if named is not None else None
        return self._home_of(pid, host.text, si, ctx, so_far) if pid is not None else None

    def _home_of(
        self, pid: str, word: str, si: int, ctx: _Context, so_far: list[_Raw]
    ) -> Place | None:
        """``_host_home`` for a person known by ``pid`` (``word``: the text the place is
        said through)."""
        place = ctx.host_country(pid, word)
        if place is None:
            return None
        if any(
            (q := ctx.place_at(t.i)) is not None
            and q.country != place.country
            and t.dep_ == "pobj"
            and t.head.lower_ in _PLACING
            for t in ctx.sents[si]
        ):
            return None  # (not "Portugal's Prime Minister": whose, not where)
        if any(r.pid == pid and r.dest is not None for r in so_far):
            return None
        scene = ctx.dateline.country if ctx.dateline is not None else ctx.main_country
        if scene != place.country:
            return None  # the story is told from elsewhere (the host may be abroad)
        return place

    def _authority_place(self, subj: Any, ctx: _Context) -> Place | None:
        """The place an authority belongs to: 'Dubai Police', 'a Dubai court', 'Pakistani
        security forces'."""
        for m in subj.children:
            if m.dep_ not in {"compound", "amod", "nmod", "poss"}:
                continue
            place = ctx.place_at(m.i)
            code = self.gazetteer.demonym(m.text) if place is None else None
            if code:
                place = ctx.country_place(code, m.text)
            if place is not None:
                return place
        return None

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


# words that open a list of names: the names are the list, whatever governs the word
_LIST_OPENERS = frozenset({"following"})

# prepositions that put someone at a place ("in Paris", "at the Kremlin", "to Doha")
_PLACING = frozenset({"in", "at", "to", "into", "inside", "near", "outside"})
# the nouns a word of taking part from afar makes remote ("by video link", "via a video
# address", "through a satellite feed")
_REMOTE_HEADS = frozenset({"link", "call", "conference", "address", "message", "feed", "stream"})


# where a member verb may stand in its sentence
_MEMBER_DEPS = frozenset(
    {
        "ROOT",
        "conj",
        "ccomp",  # "X is heading the delegation, ..., he added"
        "parataxis",
        "relcl",  # "X, who is also a member of the delegation, said"
        "acl",  # "The delegation, headed by X, includes ..."
        "pcomp",  # "with X leading the Beijing group"
    }
)


# posts held abroad: "the ambassador of X" is not in X
_POSTED = frozenset(
    {"representative", "ambassador", "envoy", "consul", "emissary", "delegate", "mission"}
)


def _respectively(
    tok: Any, travellers: list[tuple[str | None, str]], dests: list[Place], ctx: _Context
) -> dict[str, Place]:
    """'A and B were granted asylum in Australia and the UK, respectively': the n-th
    traveller named goes to the n-th place named, when the clause says "respectively" and
    names as many places (of distinct countries) as people."""
    if len(dests) < 2 or len(dests) != len(travellers):
        return {}
    if not any(t.lower_ == "respectively" for t in tok.sent):
        return {}
    if len({d.country for d in dests}) != len(dests) or any(p is None for p, _ in travellers):
        return {}
    sent = tok.sent
    first = {
        pid: min((t.i for t in sent if ctx.people.token_pid.get(t.i) == pid), default=-1)
        for pid, _ in travellers
        if pid is not None
    }
    if any(i < 0 for i in first.values()):
        return {}
    order = sorted(first, key=first.__getitem__)
    return dict(zip(order, sorted(dests, key=lambda d: d.start), strict=True))


def _received(path: list[Any], k: int) -> bool:
    """The path from a name reaches the hosting word ``path[k]`` as what is received ("the
    delegation, such as X, was received by ...", "welcomed the delegation of X"): the
    name is a guest, not the host."""
    return k > 0 and path[k - 1].dep_ in {"nsubjpass", "dobj", "obj"}


def _verb_lemma(tok: Any) -> str | None:
    """The lemma of a verb, also of a sentence's first word the tagger took for a name
    because of its capital ("Joining Maren at the ceremony are ...")."""
    if tok.pos_ == "VERB":
        return str(tok.lemma_.lower())
    low = tok.lower_
    if tok.pos_ == "PROPN" and tok.dep_ == "ROOT" and tok.is_sent_start and low.endswith("ing"):
        return {"joining": "join", "accompanying": "accompany"}.get(low)
    return None


def _membership_verb(verb: Any) -> bool:
    """A verb that gives a group's members: "made up of", "composed of", "consisting of",
    "comprising"."""
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and (
        lemma in {"compose", "consist", "comprise"}
        or (lemma == "make" and any(c.lower_ == "up" for c in verb.children))
    )


def _company_join(tok: Any, ctx: _Context) -> bool:
    """'join' said of company on a trip, as 'accompany' is: "he was joined by A and B",
    "Joining him were A and B", "A joined him (in Riyadh)", "A joined President X",
    "A also joined the trip"; not "joined the talks", which is attendance."""
    if any(c.dep_ == "agent" for c in tok.children):
        return True  # "was joined by A and B"
    objs = [c for c in tok.children if c.dep_ in {"dobj", "obj"}]
    if not objs and any(c.dep_ == "advmod" and c.lower_ in _ALSO for c in tok.children):
        # "A, B and C are also joining": the trip just told, with nothing else joined
        return not any(c.dep_ in {"prep", "xcomp", "ccomp", "advcl"} for c in tok.children)
    return bool(objs) and (
        objs[0].lower_ in ctx.finder.vocab.pronouns
        or objs[0].i in ctx.people.token_pid
        # "X also joined the trip", "joined the delegation": the trip under way
        or objs[0].lemma_.lower() in _JOINED_TRIPS
        or objs[0].lemma_.lower() in ctx.finder.vocab.collectives
    )


# what one joins when one joins a trip under way
_JOINED_TRIPS = frozenset({"trip", "visit", "tour", "journey", "mission"})


def _current(tok: Any) -> bool:
    """'his current visit', 'this trip', 'the ongoing tour': the story's present trip."""
    return any(
        (c.dep_ == "amod" and c.lower_ in {"current", "ongoing", "present"})
        or (c.dep_ == "det" and c.lower_ == "this")
        for c in tok.children
    )


_ALSO = frozenset({"also", "too", "likewise"})


def _escorted(t: Any, ctx: _Context) -> tuple[str | None, str] | None:
    """Whom the name at ``t`` accompanies ("P was accompanied by X", "X accompanied P"):
    (pid, pid) of a named person, (None, description) of one the text does not name ("the
    prime minister"); None when the clause says nothing of it."""
    verb = next((a for a in t.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None or verb.lemma_.lower() != "accompany":
        return None
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    for c in verb.children:
        if (passive and c.dep_ == "nsubjpass") or (not passive and c.dep_ in {"dobj", "obj"}):
            if t.i in {g.i for g in c.subtree}:
                return None
            who = ctx.who(c)
            if who is None:
                return None
            return (who[0], who[0]) if who[0] is not None else (None, who[1])
    return None


def _latest_leg(
    travellers: list[tuple[str | None, str]],
    met: set[str],
    si: int,
    so_far: list[_Raw],
    ctx: _Context,
) -> Place | None:
    """Where the side of a meeting that went to it (not one of ``met``) went in this
    sentence or the three before: the destination of its latest trip made (plans and
    trips called off are passed over, a departure ends the search) that is named in the
    sentence that tells it, when the legs placed from context after it agree; with no
    such leg, the latest leg placed from context, when all the side's legs made are in
    that one country."""
    own = {p for p, _ in travellers if p is not None and p not in met}
    read: set[str | None] = set()  # countries of legs placed from context on the way back
    first_read: Place | None = None
    for r in reversed(so_far):
        if r.sentence < si - 3:
            break
        if r.pid not in own or r.dest is None:
            continue
        if r.kind == "departure":
            return None
        if r.status is not EventStatus.OCCURRED:
            continue  # (a trip still to come or called off is no leg made)
        if not _named_where_told(r, ctx):
            # ("held several bilateral meetings on the margins of the forum": a leg placed
            # from context is the named leg told before it, when it agrees with it)
            read.add(r.dest.country)
            first_read = first_read or r.dest
            continue
        return r.dest if read <= {r.dest.country} else None
    # (with no named leg near, a leg placed from context, made just before, still tells
    # where the one who met is, unless the text puts that side in another country too: a
    # tour, whose stop the meeting was at is not told)
    made = {
        r.dest.country
        for r in so_far
        if r.pid in own and r.dest is not None and r.status is EventStatus.OCCURRED
    }
    return first_read if len(read) == 1 and made == read else None


def _colon_lists(raws: list[_Raw], ctx: _Context, collectives: frozenset[str]) -> list[_Raw]:
    """'The delegation arrived in Doha on Monday: A, B and C.': the parser ends the
    sentence at the colon; a list of two names or more with no verb of its own, after a
    sentence that ends in a colon and tells a group's trip, names the group's members, who
    make its trip where the text makes them foreign or says nothing of them."""
    pids = ctx.people.token_pid
    out: list[_Raw] = []
    for si in range(1, len(ctx.sents)):
        sent, prev = ctx.sents[si], ctx.sents[si - 1]
        if not prev.text.rstrip().endswith(":") or any(t.pos_ in {"VERB", "AUX"} for t in sent):
            continue
        names = list(dict.fromkeys(p for t in sent if (p := pids.get(t.i)) is not None))
        trips = [
            r
            for r in raws
            if r.sentence == si - 1
            and r.pid is None
            and r.dest is not None
            and r.name.lower() in collectives
        ]
        if len(names) < 2 or not trips:
            continue
        for pid in names:
            for r in trips:
                if r.dest is not None and not ctx.own(pid, r.dest):
                    out.append(_joined(r, pid, sent[0], si, ctx))
    return out


def _list_shares(new: list[_Raw], sent: Any, si: int, ctx: _Context) -> list[_Raw]:
    """'A, B and C arrived in Doha', the parse hanging only part of the written list on
    the verb: the names of the list a traveller of this sentence stands in who got no
    event here share that traveller's events, where the text makes them foreign."""
    pids = ctx.people.token_pid
    mine = [r for r in new if r.pid is not None and not r.joined and r.dest is not None]
    if not mine:
        return []
    told = {r.pid for r in new}
    out: list[_Raw] = []
    for pid in dict.fromkeys(r.pid for r in mine):
        toks = [t for t in sent if pids.get(t.i) == pid]
        if not toks:
            continue
        for mate in _list_mates(toks, pids):
            other = pids.get(mate.i)
            if other is None or other in told or " " not in ctx.name_of(other):
                continue  # (a one-word name in a list is too often a word the model misread)
            told.add(other)
            for r in (r for r in mine if r.pid == pid):
                # (only a mate the text makes foreign there: a list also names the hosts)
                if r.dest is not None and ctx.abroad_in(other, r.dest):
                    out.append(replace(r, pid=other, name=ctx.name_of(other), joined=True))
    return out


def _told_past(verb: Any) -> bool:
    """The verb tells something done: a simple past ("met X"), also through its
    auxiliary ("was received by X"; "held talks with X": the light verb of a noun)."""
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN"
        and any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in verb.children)
    )


def _named_where_told(r: _Raw, ctx: _Context) -> bool:
    """The event's place is named in the sentence that tells it, not read from context."""
    sent = ctx.sents[r.sentence]
    return r.dest is not None and sent.start_char <= r.dest.start < sent.end_char


def _told_meeting(tok: Any, si: int, so_far: list[_Raw], ctx: _Context) -> Place | None:
    """'The meeting was attended by A and B': where the meeting told in this sentence or
    the three before took place, when the passive's subject is that definite meeting."""
    subj = _subject(tok)
    if (
        subj is None
        or subj.dep_ != "nsubjpass"
        or subj.lemma_.lower() not in {"meeting", "talks", "session"}
        or not any(c.dep_ == "det" and c.lower_ in {"the", "this", "these"} for c in subj.children)
    ):
        return None
    for r in reversed(so_far):
        if r.sentence < si - 3:
            break
        if r.kind == "meeting" and not r.caption and _named_where_told(r, ctx):
            return r.dest
    return None


def _ongoing_trip(
    travellers: list[tuple[str | None, str]], met: set[str], si: int, so_far: list[_Raw]
) -> Place | None:
    """Where the side of a meeting that went to it is, when it is on one trip: the
    destination of its last journey told before this sentence, when that journey was made
    (not planned, not a departure) and nothing told of that side puts it in another
    country."""
    own = {p for p, _ in travellers if p is not None and p not in met}
    if len(own) != 1:
        return None
    mine = [r for r in so_far if r.pid in own and r.sentence < si and not r.caption]
    journeys = [r for r in mine if r.kind in _MOTION_KINDS and r.dest is not None]
    if not journeys:
        return None
    last = journeys[-1]
    made = last.status in {EventStatus.OCCURRED, EventStatus.REPORTED}
    if last.dest is None or not made or last.kind == "departure":
        return None
    if any(r.dest is not None and r.dest.country != last.dest.country for r in mine):
        return None  # a tour: which stop the meeting was at is not told
    return last.dest


def _group_arrival(si: int, so_far: list[_Raw]) -> Place | None:
    """Where a group told arriving in this sentence or the two before went ("Leaders are
    arriving in Accra for the summit"): a named arrival with no place of its own is
    theirs."""
    for r in reversed(so_far):
        if r.sentence < si - 2:
            break
        if r.pid is None and r.kind == "arrival" and r.dest is not None and not r.caption:
            return r.dest
    return None


def _parallel_arrival(si: int, so_far: list[_Raw]) -> Place | None:
    """'A arrived in Kigali on Wednesday while B arrived on Thursday': an arrival with no
    place of its own, told beside another arrival in the same sentence, went there too."""
    for r in reversed(so_far):
        if r.sentence != si:
            break
        if r.kind == "arrival" and r.pid is not None and r.dest is not None and not r.caption:
            return r.dest
    return None


def _shared_scene(tok: Any, si: int, so_far: list[_Raw], ctx: _Context) -> Place | None:
    """'X also arrived on Tuesday': with no place of its own, an 'also' trip goes where
    the trip told just before went (in this sentence or the two before)."""
    holders = [tok, tok.head] if tok.dep_ == "xcomp" else [tok]  # "are also expected to arrive"
    if not any(c.dep_ == "advmod" and c.lower_ in _ALSO for h in holders for c in h.children):
        return None
    for r in reversed(so_far):
        if r.sentence < si - 2:
            break
        if r.dest is not None and not r.caption and r.kind != "departure":
            return r.dest
    # "The funeral was held in Tehran ... X and Y are also expected to arrive"
    return ctx.recent_gathering(tok, sentences=2)


def _beside_scene(
    tok: Any, kind: str, si: int, so_far: list[_Raw], ctx: _Context, own: set[str | None]
) -> Place | None:
    """'Y was detained alongside him': with no place of its own, an event told of someone
    beside a person (named, or "him"/"her": the last other person with an event) is where
    that person's event of the same kind just told (this sentence or the two before) took
    place (not "shortly before boarding a flight to Dubai")."""
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in {"alongside", "beside"}:
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            who = ctx.who(g)
            # (an object pronoun is not the clause's own subject, whatever it was linked to)
            pronoun = g.lower_ in {"him", "her"} and (who is None or who[0] in {None, *own})
            if not pronoun and (who is None or who[0] is None):
                continue
            for r in reversed(so_far):
                if r.sentence < si - 2:
                    break
                if r.dest is None or r.kind != kind or r.pid is None:
                    continue
                if (r.pid not in own) if pronoun else (who is not None and r.pid == who[0]):
                    return r.dest
    return None


def _returning(r: _Raw, ctx: _Context) -> bool:
    """An arrival told by "return" ("returned to Nigeria"): of the one the text makes a
    national there, a return home, not a trip."""
    if r.kind != "arrival" or r.status is not EventStatus.OCCURRED:
        return False  # (a return planned or refused is what the story is about)
    span = ctx.doc.char_span(r.position, r.position + len(r.trigger), alignment_mode="expand")
    return span is not None and span.root.lemma_.lower() == "return"


_SCENE_KINDS = frozenset({"attendance", "arrival", "visit", "meeting"})
# a line of a wire list of attendees: a country (or a body, in capitals), a dash, its people
_COUNTRY_LINE = re.compile(r"\s*([A-Z][A-Za-z .&'’()-]{2,40}?)\s[–—-]\s+\S")
# kinds of event that someone the text makes a national of the place is at home for: a
# host meeting guests, attending at home
_AT_HOME_KINDS = frozenset({"meeting", "attendance"})
# how far back a trip's company may find the trip: five sentences when the clause names the
# group ("the delegation"), else only the sentence before
_COMPANY_WINDOW = 5
_WEAK_WINDOW = 1
_HOST_HOPS = 6  # how far up from a name a hosting word is looked for


def _full_name(name: str) -> bool:
    """Two or more capitalised words, as a person's name is written ("Ndindi Nyoro")."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words if w.isalpha())


_COMPANY_STATUSES = frozenset({EventStatus.OCCURRED, EventStatus.REPORTED, EventStatus.PLANNED})
# statuses of a trip that took place (reported or confirmed)
_HAPPENED = frozenset({EventStatus.OCCURRED, EventStatus.REPORTED})


def _undated_trip(r: _Raw) -> bool:
    """A trip that took place somewhere named, told with no date of its own: the trips
    ``_scene_dates`` and ``_story_dates`` may date from the story."""
    return r.when.start is None and r.dest is not None and r.status in _HAPPENED


def _scene_dates(raws: list[_Raw]) -> list[_Raw]:
    """A short trip told with no date of its own happened when the story dates the same
    person's trip to that country within five sentences ("arrived in Cairo on Tuesday ...
    met officials in Cairo"); a member's or companion's share of a group trip, when the
    story dates any trip to that country within five sentences ("arrived in Cairo on
    Tuesday ... The delegation includes X"). Stays (residence, exile) and trips not made
    take no borrowed date."""
    dated = [r for r in raws if r.when.start is not None and r.dest is not None]
    if not dated:
        return raws
    out = []
    for r in raws:
        if (
            _undated_trip(r)
            and r.dest is not None
            and r.dest.country
            and r.kind not in {"exile", "departure"}
            and (r.joined or r.kind != "presence")
        ):
            same = [
                d
                for d in dated
                if d.dest is not None
                and d.dest.country == r.dest.country
                and (
                    r.joined
                    or d.pid == r.pid
                    # several people at one scene ("Leaders arrived in Tehran on Wednesday
                    # ... The funeral was attended by X")
                    or (r.kind in _SCENE_KINDS and abs(d.sentence - r.sentence) <= 3)
                )
                and abs(d.sentence - r.sentence) <= 5
                and d.status in _HAPPENED
            ]
            mine = [d for d in same if d.pid == r.pid and d.pid is not None]
            if same:
                near = min(mine or same, key=lambda d: (abs(d.sentence - r.sentence), d.sentence))
                r = replace(r, when=near.when)
        out.append(r)
    return out


# trips the lede tells with no date of their own take the story's date
_LEDE_SENTENCES = 4
_LEDE_CHARS = 600
_STORY_DAYS = 2  # an undated lede trip: publication and the days just before
_DATELINE_CHARS = 80  # where a dateline's date may stand
_STORY_KINDS = frozenset(
    {"visit", "meeting", "arrival", "attendance", "presence", "transit", "flight"}
)
# a sentence that looks back ("had", "since", "earlier", "previously", "former") tells an
# older trip
_NEWS_DAY = re.compile(r"(?i)\b(?:" + "|".join((*_WEEKDAYS, "yesterday", "today")) + r")\b")
# "a spokesman said on Monday": the day of the telling, not of the trip
_SAID = re.compile(
    r"(?i)\b(?:said|says|told|announced|reported|stated|added|confirmed|disclosed)"
    r"(?:\s+on)?\s*$"
)
_LOOKS_BACK = re.compile(r"(?i)\b(?:had|since|previously|earlier|former)\b")


def _story_dates(raws: list[_Raw], ctx: _Context) -> list[_Raw]:
    """A trip the first sentences tell in the news tense with no date of its own happened on
    the story's day: the first weekday or "yesterday" of the lede within the week before
    publication ("MAKKAH, 11 June - The minister on Tuesday directed ...; during his visit
    to the mission ..."), never the dateline's own date. Older trips ("had visited",
    "since 2019") and stays keep none."""
    published = ctx.article.published
    if published is None:
        return raws
    day = next(
        (
            d.when
            for d in ctx.dates
            if d.start < _LEDE_CHARS
            and _NEWS_DAY.search(d.when.phrase)  # not the dateline's or a document's date
            and not _SAID.search(ctx.article.text[max(0, d.start - 30) : d.start])
            and d.when.start is not None
            and d.when.start == d.when.end
            and published - timedelta(days=7) <= d.when.start <= published
        ),
        None,
    )
    line = None
    filed_in: str | None = None
    if day is None:
        found = _dateline_day(ctx, published)
        if found is None:
            return _story_days(raws, ctx, published)
        line, filed_in = found
        # "Dushanbe, October 10, 2025 - The capital hosted the summit, which brought
        # together A and B": the lede's undated trips are of the dateline's day or the two
        # before (an estimate its phrase says)
        day = DateRange(
            phrase=f"the dateline's days ({line.phrase})",
            start=line.start - timedelta(days=_STORY_DAYS) if line.start else None,
            end=line.end,
            precision=Precision.RANGE,
        )
    out = []
    for r in raws:
        if (
            _undated_trip(r)
            and r.sentence < _LEDE_SENTENCES
            and r.kind in _STORY_KINDS
            and not _LOOKS_BACK.search(ctx.sents[r.sentence].text)
            # (the dateline's date is the day where it was filed: only trips to there)
            and (line is None or (r.dest is not None and r.dest.country == filed_in))
        ):
            told = day.phrase if line is not None else f"the story's date ({day.phrase})"
            r = replace(r, when=replace(day, phrase=told))
        out.append(r)
    # (what the dateline leaves undated, the story's days may still date)
    return out if line is None else _story_days(out, ctx, published)


def _dateline_day(ctx: _Context, published: date) -> tuple[DateRange, str | None] | None:
    """The full date a dateline opens the story with ("Dushanbe, October 10, 2025 -"), and
    the country of the place it was filed from: a day right after the dateline's place
    (``ctx.dateline``), in the week before publication, on the story's first line."""
    text = ctx.article.text
    first_line = text.find("\n", 0, _LEDE_CHARS)
    limit = min(_DATELINE_CHARS, first_line if first_line >= 0 else _LEDE_CHARS)
    line = ctx.dateline
    for d in ctx.dates:
        if d.start >= limit:
            break
        w = d.when
        place = line
        if place is not None and not (
            place.end <= d.start and re.fullmatch(r",?\s*", text[place.end : d.start])
        ):
            place = None
        if place is None:
            # ("DOHA, May 15, 2024 -": a dateline's capitals the place pass leaves out)
            head = re.sub(r"^\s*date\s+\S+\s*", "", text[: d.start]).strip().rstrip(",").strip()
            if 0 < len(head) <= 40:
                gaz = ctx.finder.gazetteer
                place = gaz.lookup(head) or gaz.lookup(head.title())
        if (
            place is not None
            and w.start is not None
            and w.start == w.end
            and w.precision is Precision.DAY
            and published - timedelta(days=7) <= w.start <= published
        ):
            return w, place.country
    return None


def _story_days(raws: list[_Raw], ctx: _Context, published: date) -> list[_Raw]:
    """With no news day in the lede, a trip the story's first sentence tells under way
    ("X has arrived in Y", "X is in Y", "X has begun a visit to Y"), with no date in that
    sentence nor anywhere else in the story, is of the days the story was written:
    publication and the two days before, an estimate its phrase says. A trip told in the
    past keeps no borrowed date."""
    first = min((r.sentence for r in raws if not r.headline and not r.caption), default=None)
    if first is None or first >= _LEDE_SENTENCES:
        return raws
    lede = ctx.sents[first]
    if ctx.dates_in(lede.start_char, lede.end_char):
        return raws  # the sentence dates something: what it leaves undated is not its day
    days = DateRange(
        phrase=f"the story's days (published {published.isoformat()})",
        start=published - timedelta(days=_STORY_DAYS),
        end=published,
        precision=Precision.RANGE,
    )
    # (a trip dated elsewhere in the story keeps that date: "toured Aleppo in late October")
    dated = {
        (r.pid, r.dest.country)
        for r in raws
        if r.when.start is not None and r.dest is not None and r.pid is not None
    }
    out = []
    for r in raws:
        if (
            r.sentence == first
            and _undated_trip(r)
            and r.kind in _STORY_KINDS
            and (r.pid, r.dest.country if r.dest else None) not in dated
            and _news_tense(ctx, r.position)
        ):
            r = replace(r, when=days)
        out.append(r)
    return out


def _news_tense(ctx: _Context, position: int) -> bool:
    """The trip word at ``position`` (or the verb that governs a trip noun) is in the
    present or the present perfect: the trip is under way as the story is written ("has
    arrived", "is in", "has begun a visit"), not one told in the past."""
    span = ctx.doc.char_span(position, position + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    if tok.pos_ == "NOUN" and tok.head.pos_ in {"VERB", "AUX"}:
        tok = tok.head
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    return tok.tag_ in {"VBZ", "VBP"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBZ", "VBP"} and c.lemma_ in {"have", "be"}
        for c in tok.children
    )


def _on_sidelines(tok: Any) -> bool:
    """A meeting told on the sidelines of a gathering ("on the sidelines of the summit"):
    those met came to the gathering too, unless they are at home there."""
    return bool(_sidelines(tok))


def _without_named_groups(raws: list[_Raw]) -> list[_Raw]:
    """A group's trip ("a delegation arrived in Moscow") once its members are named: the
    members' trips say it, the unnamed group's is dropped."""
    named = {(r.sentence, r.dest.country if r.dest else None) for r in raws if r.pid is not None}
    return [
        r
        for r in raws
        if r.pid is not None or (r.sentence, r.dest.country if r.dest else None) not in named
    ]
