"""The argument pass: a predicate's travellers (subject, agent, possessor, group members,
people met, companions) and its places (any place in its own subtree, through
prepositional chains, appositions and lists), with the role each place plays."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from travelban.extract.events.base import PassBase
from travelban.extract.events.merge import _joined, _one_telling
from travelban.extract.events.predicates import (
    _ACCOMPANY_TRIGGER,
    _BASED_TRIGGER,
    _CAPTION_TRIGGER,
    _GROUP_TRIGGER,
    _NOW_TRIGGER,
    _PRESENT_TRIGGER,
    _VISITING_TRIGGER,
    _particle,
    _while_in,
)
from travelban.extract.events.syntax import (
    _AGENT_KINDS,
    _BLOCKING,
    _CLAUSAL,
    _CRAFT,
    _DIRECT_DEST,
    _FORCE,
    _LIGHT_VERBS,
    _LOCATIVE,
    _MOTION_KINDS,
    _NESTING,
    _ORIGIN,
    _SPECIFIC,
    _SUBJ,
    _VIA,
    _agents,
    _along,
    _among,
    _appositions,
    _carried,
    _collective,
    _conjuncts,
    _country_topic,
    _definite,
    _disjunctive,
    _granted,
    _group,
    _held,
    _in_presence_of,
    _located,
    _met,
    _named_as,
    _of_a_role,
    _of_objects,
    _opens_title,
    _place_noun,
    _relcl_antecedent,
    _sidelines,
    _subject,
    _with,
)
from travelban.extract.vocab import Trigger
from travelban.models import EventStatus, Place

if TYPE_CHECKING:
    from travelban.extract.events.context import _Context
    from travelban.extract.events.merge import _Raw


# the phrases that set a clause within a trip ("during his visit to X", "on a visit to X")
_DURING = frozenset({"during", "on"})
# the participle that names a tour's first stop ("starting with Turkey")
_OPENING = frozenset({"start", "begin", "kick"})


class Arguments(PassBase):
    """The arguments pass of :class:`EventFinder` (its methods run on the finder)."""

    def _companions(self, tok: Any, si: int, ctx: _Context, so_far: list[_Raw]) -> list[_Raw]:
        """'X was accompanied by Y' (or 'Y accompanied X'): Y made X's latest trip too."""
        if any(c.dep_ == "nsubjpass" for c in tok.children) or (
            tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)
        ):
            # "X was accompanied by Y", "with X accompanied by Y" (a subject labelled active)
            leaders = [c for c in tok.children if c.dep_ in {"nsubjpass", "nsubj"}]
            groups = [c for c in tok.children if c.dep_ == "agent"]
        else:
            leaders = [c for c in tok.children if c.dep_ in {"dobj", "obj"}]
            groups = [c for c in tok.children if c.dep_ == "nsubj"]
            inverted = next(
                (c for c in tok.children if c.dep_ == "aux" and c.lemma_ == "be" and c.i > tok.i),
                None,
            )
            if inverted is not None:
                # "Joining him in Riyadh were A and B", parsed with "were" as an auxiliary:
                # the objects after the copula are the company
                groups += [t for t in leaders if t.i > inverted.i]
                leaders = [t for t in leaders if t.i < inverted.i]
                # "Joining her at the ceremony will be A and B": the names hang from "be"
                groups += [c for c in inverted.children if c.dep_ in {"attr", "nsubj"}]
            copula = next(
                (c for c in tok.children if c.dep_ == "ccomp" and c.lemma_ == "be" and c.i > tok.i),
                None,
            )
            if not leaders and copula is not None and tok.i == tok.sent.start:
                # "Accompanying the Prime Minister are A; B; and C", parsed with the copula
                # as the participle's clause and the one accompanied as its subject
                leaders = [c for c in copula.children if c.dep_ == "nsubj" and c.i < copula.i]
                groups += [c for c in copula.children if c.dep_ == "attr"]
            if tok.dep_ == "csubj" and tok.head.lemma_ == "be":
                # "Accompanying the president on the trip are several officials, including
                # A and B": the copula's complement is the company
                groups += [c for c in tok.head.children if c.dep_ in {"attr", "nsubj"}]
                if not leaders:
                    # "Accompanying Petrov are A and B" with the name read as the
                    # copula's subject: the one between participle and copula is led
                    leaders = [c for c in groups if tok.i < c.i < tok.head.i]
                    groups = [c for c in groups if c not in leaders]
        if not leaders and tok.dep_ == "acl" and tok.head.pos_ in {"PROPN", "NOUN"}:
            leaders = [tok.head]  # "with X accompanied by Y", "X, accompanied by Y, ..."
            groups = [c for c in tok.children if c.dep_ == "agent"]
        if not leaders and tok.dep_ in {"advcl", "acl", "conj"}:
            # "arrived in Tashkent, accompanied by his adviser X": the arriving subject leads
            subj = _subject(tok.head) if tok.head.pos_ in {"VERB", "AUX"} else None
            leaders = [subj] if subj is not None else []
            groups = [c for c in tok.children if c.dep_ == "agent"]
        # "accompanied by A; and the minister, B": the parser may hang the list's last
        # member on the verb itself; "joined the trip, along with A and B"
        groups = groups + [c for c in tok.children if c.dep_ == "conj" and c.pos_ in _NOMINAL]
        groups += [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in {"with", "along"} and c.i > tok.i
            for g in c.subtree
            if g.dep_ == "pobj" and g.head.lower_ == "with"
        ]
        if tok.dep_ == "relcl" and any(g.lower_ in {"who", "that"} for g in groups):
            # "Other leaders who accompanied President X were A, B and C": the copula's
            # complement names the ones the relative clause is about
            ante = tok.head
            if ante.dep_ == "nsubj" and ante.head.lemma_ == "be":
                groups += [c for c in ante.head.children if c.dep_ == "attr"]
        if leaders and tok.dep_ == "relcl":
            # "Ramaphosa, who was joined by A and B, landed in Moscow"
            leaders = _relcl_antecedent(leaders[0]) or leaders
        leader = ctx.who(leaders[0]) if leaders else None
        pids = ctx.people.token_pid

        def named(tokens: Any) -> set[str]:
            # (not "his wife X"'s "his")
            return {pids[t.i] for t in tokens if t.i in pids and t.dep_ != "poss"}

        def last_other(window: int) -> tuple[str, str] | None:
            """The last person with a trip told in the ``window`` sentences before, not one
            of the company."""
            pid = next(
                (
                    r.pid
                    for r in reversed(so_far)
                    if r.pid is not None and r.pid not in company and si - window <= r.sentence
                ),
                None,
            )
            return (pid, ctx.name_of(pid)) if pid is not None else None

        company = named(t for g in groups for t in g.subtree)
        company |= named(_list_mates([t for g in groups for t in g.subtree], pids))
        marks = [t.i for t in tok.sent if t.text in {";", ":"} and t.i > tok.i]
        if marks and (not company or tok.sent.text.count(";") >= 2):
            # "Several officials are accompanying the couple on this trip; A, B and C": the
            # names a semicolon or colon after the clause lists; "was accompanied by A, the
            # foreign minister; B, the energy minister; C, ...": a list set off by semicolons
            # (the list's first item may come before the first mark: "Accompanying the
            # Prime Minister are the Minister of Foreign Affairs, A; Ms B, ...; and C")
            led = {t.i for lead in leaders for t in lead.subtree}
            company |= named(
                t for t in tok.sent if t.i > marks[0] or (t.i > tok.i and t.i not in led)
            )
        if (leader is None or leader[0] is None) and leaders and leaders[0].pos_ == "NOUN":
            # "accompanying the first couple", "X joined the trip": the one whose trip was
            # just told
            leader = last_other(6)
            role = leaders[0].lemma_.lower()
            if (
                leader is not None
                and role in self.vocab.roles
                and not ctx.called(leader[0], role)
                and role != "leader"
            ):  # ("the Party leader" may be anyone who leads: no post to check)
                # "The prime minister was accompanied by A and B to welcome President X":
                # a post the traveller just told does not hold is someone else's (a host)
                leader = None
        if not leaders and groups and tok.lemma_.lower() == "join":
            leader = last_other(6)  # "A, B and C are also joining": the trip just told
        if leader is None or leader[0] is None:
            return []
        if leader[0] in company and leaders and leaders[0].lower_ in {"him", "her", "them"}:
            # "Mahmoud joined him on Tuesday": an object pronoun is never its own clause's
            # subject; it stands for the last other person with a trip
            leader = last_other(10)
            if leader is None:
                return []
        companions = company - {leader[0]}

        def legs_of(pid: str | None) -> list[_Raw]:
            return [r for r in reversed(so_far) if r.pid == pid and si - 10 <= r.sentence <= si]

        legs = legs_of(leader[0])
        if not legs and tok.dep_ == "acl" and tok.i > 0 and tok.doc[tok.i - 1].text == ",":
            # "X arrived in Osaka to hold a summit with Y, accompanied by Z": set off by a
            # comma at the clause's end, the participle goes with the traveller, not with
            # the host it follows
            clause = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            while clause is not None and clause.dep_ in {"advcl", "xcomp"}:
                clause = clause.head
            subj = _subject(clause) if clause is not None else None
            other = ctx.who(subj) if subj is not None else None
            if other is not None and other[0] is not None and other[0] not in company:
                leader = other
                companions = company - {leader[0]}
                legs = legs_of(leader[0])
        # a leg in the leader's own country is a send-off or the way home, not the trip the
        # company joined ("seen off at the airport in Ankara ... Joining the president on
        # the trip were A and B")
        legs = [r for r in legs if r.dest is None or not ctx.own(leader[0], r.dest)] or legs
        # the trip under way rather than a meeting still ahead in it ("arrived in Dushanbe
        # ... is to meet Rahmon on Thursday ... Accompanying him are A and B")
        latest = next((r for r in legs if r.status is EventStatus.OCCURRED), None) or next(
            iter(legs), None
        )
        if companions and leaders and leaders[0].lower_ not in ctx.finder.vocab.pronouns:
            # "Ri accompanied Kim to Vladivostok", "X accompanied Y on a visit to Z": the
            # verb's own place is the trip of both, whatever was told before
            out = []
            for person in (leaders[0], *(g for g in groups if ctx.who(g) is not None)):
                out.extend(self._events_for(tok, _ACCOMPANY_TRIGGER, si, ctx, so_far, who=person))
            if out:
                # the company the agent phrase lists shares the trip ("X and his wife are
                # accompanied by Vice Chairman of the Assembly A, Deputy Minister B"), not a
                # leg in X's own country
                done = {r.pid for r in out}
                return out + [
                    _joined(leg, pid, tok, si, ctx)
                    for leg in out
                    if leg.pid == leader[0]
                    and (leg.dest is None or not ctx.own(leader[0], leg.dest))
                    for pid in sorted(companions - done)
                ]
        if latest is None or not companions:
            return []
        joined = _one_telling(latest, legs)
        if latest.dest is None:
            # "X has left for Maputo ... X left Harare on Sunday accompanied by A and B":
            # a departure that names only where it began is the trip told with its end
            ahead = next((r for r in legs if r.dest is not None and r.kind != "departure"), None)
            ahead = ahead or next((r for r in legs if r.dest is not None), None)
            if ahead is not None:
                joined.append(ahead)
        return [_joined(leg, pid, tok, si, ctx) for leg in joined for pid in sorted(companions)]

    def _members(self, tok: Any, si: int, ctx: _Context, so_far: list[_Raw]) -> list[_Raw]:
        """Members of a travelling group: "the delegation includes X", "Also on board was
        X", "Among the delegation was X", "X is heading the delegation", "X, who is also a
        member of the delegation", "X and Y are part of Ruto's visit". Each makes the
        group's trip: the place the group phrase names ("the delegation to the US"), else
        the trip of the person it belongs to ("Ruto's delegation"), else the group trip
        told in this sentence or the four before."""
        lemma = tok.lemma_.lower()
        collectives = self.vocab.collectives
        if any(c.dep_ == "neg" for c in tok.children):
            return []  # "X was not part of the delegation"
        heads: list[Any] = []
        group: Any | None = None
        subj = _subject(tok)
        if subj is not None and lemma in self.vocab.member_verbs:
            # "The delegation, which included X and Y, reached Baku"
            subj = next(iter(_relcl_antecedent(subj)), subj)
        recent_only = it_group = False
        if lemma in self.vocab.member_verbs and subj is not None:
            # "Members of the delegation included X", "Others in the party were X"
            subj = _share_of(subj, collectives) or subj
        if (
            lemma in self.vocab.member_verbs
            and tok.tag_ == "VBG"
            and (subj is None or (tok.dep_ == "acl" and tok.head.lemma_.lower() in collectives))
        ):  # ("heading a delegation including A": the participle's own noun, not the clause's)
            # "The team, led by X and including Y, reached Pyongyang": the group the
            # participle hangs from
            group = _group_above(tok, collectives)
            if group is not None:
                # ("including, Minister of X, Ambassador A": a name after a comma reads as
                # an adverbial noun phrase)
                heads = [
                    c
                    for c in tok.children
                    if c.dep_ in {"dobj", "obj", "pobj", "attr"}
                    or (c.dep_ in {"npadvmod", "appos"} and c.pos_ == "PROPN" and c.i > tok.i)
                ]
        elif lemma in self.vocab.member_verbs:
            if subj is not None and _collective(subj, collectives):
                heads = [c for c in tok.children if c.dep_ in {"dobj", "obj", "attr"}]
                group = subj
            elif (
                subj is not None
                and subj.lower_ in _LIST_SUBJECTS
                and not self._stands_for_others(subj, ctx)
            ):
                # "The leaders alighted first ... They include A, B and C": the people of
                # the trip just told
                heads = [c for c in tok.children if c.dep_ in {"dobj", "obj", "attr"}]
                recent_only = True
        elif lemma in {"head", "lead"}:
            led = [c for c in tok.children if c.dep_ in {"dobj", "obj"}]
            passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
            if led and led[0].lemma_.lower() in collectives:  # "X is heading the delegation"
                heads = (_relcl_antecedent(subj) or [subj]) if subj is not None else []
                group = led[0]
            elif passive and passive[0].lemma_.lower() in collectives:
                # "The delegation was led by the chief negotiator, X"
                heads = [a for a in _agents(tok) for a in (a, *_appositions(a))]
                group = passive[0]
            elif passive and passive[0].lower_ == "it":
                # "A delegation arrived in Ankara. It is headed by X": the group just told
                heads = [a for a in _agents(tok) for a in (a, *_appositions(a))]
                recent_only = it_group = True
            elif tok.dep_ == "acl" and tok.head.lemma_.lower() in collectives:
                # "The delegation, headed by Hamas chairman X, includes ..."
                heads = [a for a in _agents(tok) for a in (a, *_appositions(a))]
                group = tok.head
        else:  # a copula: "on board was X", "among (also with) the delegation was X"
            for prep in (c for c in tok.children if c.dep_ == "prep"):
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                aboard = any(
                    q.dep_ == "prep"
                    and q.lower_ in {"on", "aboard"}
                    and any(g.lemma_.lower() in _CRAFT for g in q.children)
                    for o in objs
                    for q in o.children
                )  # "among those on the plane were X and Y"
                named = [o for o in objs if o.lemma_.lower() in collectives]
                trip = prep.lower_ == "on" and any(
                    o.lemma_.lower() in self.vocab.journey_nouns and not _names_own_place(o, ctx)
                    for o in objs
                )  # "Also on the trip are A and B": the trip just told
                if (
                    (prep.lower_ == "on" and any(o.lemma_.lower() == "board" for o in objs))
                    or (prep.lower_ in {"among", "with"} and (named or aboard))
                    or trip
                ):
                    heads = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "attr"}]
                    group = named[0] if named else None
                    break
            share = _share_of(subj, collectives) if subj is not None else None
            if not heads and share is not None:
                # "other members of the delegation are A, B and C"
                heads = _complements(tok)
                group = share
            if not heads and subj is not None and subj.lower_ == "others":
                # "Others are National Security Advisor X, ...": a list of members goes on
                heads = _complements(tok)
                recent_only = True
            if not heads and any(c.lower_ == "aboard" for c in tok.children):
                heads = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not heads and subj is not None:
                group = self._part_of(tok)
                if group is not None:
                    # "X is a member of the delegation", "X, who was part of the team, said"
                    heads = _relcl_antecedent(subj) or [subj]
        if not heads and lemma in self.vocab.member_verbs and (group is not None or recent_only):
            # "They include:" and a numbered or bulleted list on the lines below
            heads = _list_items(tok, ctx)
        members = _listed(heads, self.vocab.roles)
        members += _list_mates(members, ctx.people.token_pid)
        pids = list(dict.fromkeys(p for t in members if (p := ctx.people.token_pid.get(t.i))))
        if not pids:
            return []
        legs = self._group_legs(group, si, ctx, so_far, window=5 if recent_only else 4)
        if it_group:  # "It" stands for a group only when a group's trip was just told
            legs = [leg for leg in legs if leg.pid is None and leg.name in collectives]
        if group is not None and legs:
            # "Shoigu will be part of the Russian delegation": the hosts' own team
            home = {
                code
                for m in group.children
                if m.dep_ in {"amod", "compound"}
                and (code := self.gazetteer.demonym(m.text)) is not None
            }
            legs = [leg for leg in legs if leg.dest is None or leg.dest.country not in home]
        if not legs:
            if group is None or not _names_own_place(group, ctx):
                return []  # "the Beijing group": where it comes from, not where it went
            out: list[_Raw] = []
            for t in members:
                if ctx.people.token_pid.get(t.i) is not None:
                    out.extend(self._events_for(group, _GROUP_TRIGGER, si, ctx, so_far, who=t))
            return out
        exemption = self._exemption(tok, si, ctx)
        return [
            replace(_joined(leg, pid, tok, si, ctx), exemption=exemption or leg.exemption)
            for leg in legs
            for pid in pids
            if pid != leg.pid
        ]

    def _fronted_subject(self, tok: Any, ctx: _Context) -> Any | None:
        """'At the invitation of President Xi, President Talon of Benin will pay a visit to
        China': a subject the parser swallowed into the opening phrase, the name after
        the phrase's last comma, right before the verb."""
        opening = next(
            (c for c in tok.children if c.dep_ == "prep" and c.i == tok.sent.start), None
        )
        if opening is None or opening.right_edge.i >= tok.i:
            return None
        between = ctx.doc[opening.right_edge.i + 1 : tok.i]
        if any(t.dep_ not in {"aux", "auxpass", "neg", "advmod", "punct"} for t in between):
            return None
        commas = [t.i for t in opening.subtree if t.text == ","]
        if not commas:
            return None
        tail = [t for t in opening.subtree if t.i > commas[-1] and not t.is_punct]
        inside = {t.i for t in tail}
        pids = ctx.people.token_pid

        def in_a_clause(t: Any) -> bool:
            while t.i in inside:
                if t.dep_ in {"relcl", "acl", "advcl", "ccomp"}:
                    return True
                t = t.head
            return False

        # (the phrase's own person, not one in a clause on it: "a leader who challenged X")
        named = [t for t in tail if t.i in pids and not in_a_clause(t)]
        return named[-1] if named else None

    def _told_of_list(
        self, tok: Any, subj: Any, si: int, ctx: _Context, so_far: list[_Raw]
    ) -> list[_Raw] | None:
        """'Lawyers who will attend the hearing in The Hague include A and B', 'Leaders who
        flew to Beijing were A and B': the trip the relative clause on the plural subject
        tells is each listed person's; None when the subject carries no such clause."""
        rel = next(
            (
                c
                for c in subj.children
                if c.dep_ == "relcl" and any(g.lower_ in {"who", "that"} for g in c.children)
            ),
            None,
        )
        trig = self._trigger(rel) if rel is not None else None
        if rel is None or trig is None or trig.host:
            return None
        scene = None
        if not any(ctx.place_at(g.i) is not None for g in rel.subtree):
            # "Leaders continued to arrive in Honiara. Those who arrived this morning
            # included A and B": an arrival with no place of its own is the one just told
            scene = ctx.trip_place_before(rel, 2) if trig.kind == "arrival" else None
            if scene is None:
                return None  # (the clause names where: not a gathering looked up elsewhere)
        # (not the names after the verb that the parser hung on the subject: "Those who
        # arrived included: A, Prime Minister of K; B, ..." with A read as its apposition)
        inside = {g.i for g in subj.subtree if g.i < tok.i}
        out: list[_Raw] = []
        for t, _ in _named_once(tok.subtree, ctx.people.token_pid, inside):
            # (the clause's own place, date and status, for the person named)
            out.extend(self._events_for(rel, _PRESENT_TRIGGER, si, ctx, so_far, who=t, scene=scene))
        return out

    def _attendees(self, subj: Any) -> bool:
        """A plural subject that names those at a gathering: one of the attendee nouns
        ("attendees", "arrivals", "guests"), or people said to be there ("leaders in
        attendance", "heads of state attending the summit", "dignitaries present")."""
        if subj.tag_ not in {"NNS", "NNPS"}:
            # "The most prominent guest at the conference will be X": one attendee noun, at
            # a gathering
            return subj.lemma_.lower() in self.vocab.attendee_nouns and any(
                c.dep_ == "prep" and c.lower_ == "at" for c in subj.children
            )
        if subj.lemma_.lower() in self.vocab.attendee_nouns:
            return True
        for c in subj.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                if any(o.lower_ == "attendance" for o in c.children):
                    return True
            elif c.dep_ in {"acl", "amod", "advmod"} and (
                c.lower_ == "present" or (c.lemma_.lower() == "attend" and c.tag_ == "VBG")
            ):
                return True
        return False

    def _stands_for_others(self, pronoun: Any, ctx: _Context) -> bool:
        """'X arrived in Moscow. Several leaders remain under sanctions. They include A and
        B': "they" stands for the plural subject of the sentence before when that sentence
        tells no trip, not for the travellers."""
        si = ctx.sent_of(pronoun)
        # ("They include A. They include: 1. B": a second "they" stands for the first's)
        while si > 1 and any(
            t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ in _LIST_SUBJECTS
            for t in ctx.sents[si - 1]
        ):
            si -= 1
        if si == 0:
            return False
        before = ctx.sents[si - 1]
        plural = any(
            t.dep_ in {"nsubj", "nsubjpass"}
            and (t.tag_ in {"NNS", "NNPS"} or t.lower_ in _PLURAL_WORDS)
            for t in before
        )
        if not plural:
            return False
        words = {t.lemma_.lower() for t in before}
        return (
            not any(self._travel_word(t) for t in before)
            and not words & self.vocab.collectives
            # ... and that sentence sets them apart ("remain under sanctions", "stayed
            # behind"), where "The ministers alighted first" does not
            and bool(words & (self.vocab.apart_words | _STATUS_WORDS))
        )

    def _present(self, tok: Any, si: int, ctx: _Context, so_far: list[_Raw]) -> list[_Raw]:
        """ "Those present were A, B and C", "Present at the talks were A and B", "Among
        those present were A": each named one attended, at the copula's own place, else at
        the gathering the story is about."""
        subj = _subject(tok)
        present = next(
            (
                c
                for c in tok.children
                if c.dep_ in {"acomp", "advmod"} and c.lower_ == "present" and c.i < tok.i
            ),
            None,
        )
        said_of: set[int] | None = None  # the words a trailing "present" is said of
        if present is None and subj is not None and subj.dep_ == "nsubj":
            # "Officials from Zambia, including A and B, will also be present to welcome
            # the President": those the subject names, not those they welcome
            present = next(
                (c for c in tok.children if c.dep_ == "acomp" and c.lower_ == "present"), None
            )
            if present is not None:
                said_of = {g.i for g in subj.subtree}
        if present is None and subj is not None and subj.lower_ in _LIST_SUBJECTS:
            present = next((c for c in subj.children if c.lower_ == "present"), None)
        if present is None:
            present = next(
                (
                    c
                    for p in tok.children
                    if p.dep_ == "prep" and p.lower_ == "among" and p.i < tok.i
                    for o in p.children
                    if o.lower_ in _LIST_SUBJECTS
                    for c in o.children
                    if c.lower_ == "present"
                ),
                None,
            )
        if present is None:
            # "Also in attendance was X", "In attendance were A and B"
            present = next(
                (
                    p
                    for p in tok.children
                    if p.dep_ == "prep"
                    and p.lower_ == "in"
                    and p.i < tok.i
                    and any(o.lower_ == "attendance" for o in p.children)
                ),
                None,
            )
        listed = False  # the subject itself says its people were there
        if present is None and subj is not None and (subj.tag_ == "NNS" or subj.lower_ == "those"):
            told = self._told_of_list(tok, subj, si, ctx, so_far)
            if told is not None:
                return told
        if (
            present is None
            and subj is not None
            and self._attendees(subj)
            # ("Guests expected in Accra include A": the clause's own trigger tells it)
            and not any(
                (trig := self._trigger(c)) is not None and trig.plans
                for c in subj.children
                if c.dep_ == "acl"
            )
        ):
            # "Other attendees included A and B", "Key arrivals include A", "Other leaders
            # in attendance are A and B"
            present = subj
            listed = True
        if present is None and tok.lemma_ == "be":
            # "Among the presidents are A, B and C", "Among the guests was X": those a
            # gathering's comers or office holders are said to be
            # ("Sources said among the presidents are A": the phrase hung on "said")
            around = (*tok.children, *(tok.head.children if tok.dep_ == "ccomp" else ()))
            present = next(
                (
                    o
                    for p in around
                    if p.dep_ == "prep" and p.lower_ == "among"
                    for o in p.children
                    if o.dep_ == "pobj"
                    and (
                        (
                            p.i < tok.i
                            and (
                                self._attendees(o)
                                or (o.tag_ == "NNS" and o.lemma_.lower() in self.vocab.roles)
                            )
                        )
                        # "X and Y are also among the distinguished guests": after the
                        # copula, a gathering's comers only, said of named people
                        or (
                            self._attendees(o)
                            and subj is not None
                            and ctx.who(subj) is not None
                            and not any(c.dep_ == "neg" for c in tok.children)
                        )
                    )
                ),
                None,
            )
            listed = present is not None
        if present is None:
            return []
        # the words of "those present" themselves ("Among those present were X": X may be
        # parsed as the subject)
        phrase = present.head if present.head.lower_ in _LIST_SUBJECTS else present
        skip = set(range(phrase.left_edge.i, phrase.right_edge.i + 1))
        # ... but "Also present in Accra alongside Buhari are A and B": Buhari is there too
        skip -= {
            g.i
            for p in phrase.subtree
            if p.dep_ == "prep" and p.lower_ in {"alongside", "beside"}
            for g in p.subtree
        }
        pids = ctx.people.token_pid
        out: list[_Raw] = []
        legs: list[_Raw] | None = None
        scene: Place | None = None
        sought = False  # (the scene is looked up once, for the first person who needs it)
        venue = next(
            (
                o
                for p in (present.subtree if listed else present.children)
                if p.dep_ == "prep" and p.lower_ in {"at", "in", "inside"}
                for o in p.children
                if o.dep_ == "pobj" and o.lower_ != "attendance"
            ),
            None,
        )
        # "Officials from Zambia ... will be present": the country the subject is from
        came_from = (
            {
                pl.country
                for g in subj.subtree
                if (pl := ctx.place_at(g.i)) is not None and g.head.lower_ == "from"
            }
            if said_of is not None and subj is not None
            else set()
        )
        keep = (lambda t: t.i in said_of and ctx.named_at(t)) if said_of is not None else None
        for t, pid in _named_once(tok.subtree, pids, skip, keep):
            new = self._events_for(tok, _PRESENT_TRIGGER, si, ctx, so_far, who=t)
            if not new and venue is not None:
                # "present at the airport": that venue, where the story named it before
                place = next(
                    (pl for g in venue.subtree if (pl := ctx.place_at(g.i)) is not None), None
                ) or ctx.gathering_place(venue)
                if place is not None:
                    new = self._events_for(
                        tok, _PRESENT_TRIGGER, si, ctx, so_far, who=t, scene=place
                    )
                out.extend(new)
                continue
            if not new:
                # no place of its own: the scene the story just told ("Leaders met in Abuja
                # ... Those present were ...")
                if legs is None:
                    # (not where a trip began, nor a scene at the traveller's own home: those
                    # seeing a president off at home are at home too)
                    legs = [
                        leg
                        for leg in self._group_legs(None, si, ctx, so_far)
                        if leg.kind != "departure"
                        and leg.dest is not None
                        and not ctx.home_to(leg.pid, leg.dest)
                    ]
                new = [_joined(leg, pid, tok, si, ctx) for leg in legs if leg.pid != pid]
            if not new and not sought:
                sought = True
                # ... or where the gathering just told took place ("The summit opened in
                # Nairobi. Among those present were ...")
                scene = ctx.trip_place_before(tok, 2) or ctx.recent_gathering(tok, 2)
            if not new and scene is not None:
                new = self._events_for(tok, _PRESENT_TRIGGER, si, ctx, so_far, who=t, scene=scene)
            out.extend(new)
        # "X departed Abuja ... Among those present at the airport were A and B": those who
        # saw a traveller off are at home where the trip began
        home = {r.origin.country for r in so_far if r.origin and si - 3 <= r.sentence}
        if said_of is not None:
            # "X was present to greet the delegation": a host at home unless the text
            # makes the subject foreign to the scene
            out = [
                r
                for r in out
                if r.dest is not None
                and (
                    ctx.foreign_to(r.pid, r.dest) or (came_from and r.dest.country not in came_from)
                )
            ]
        return [r for r in out if r.dest is None or r.dest.country not in home]

    def _part_of(self, verb: Any) -> Any | None:
        """The group a copula's complement puts its subject in: "a member of the
        delegation", "part of the team", "part of Ruto's state visit"."""
        for c in verb.children:
            if c.dep_ not in {"attr", "acomp"} or c.lemma_.lower() not in {"member", "part"}:
                continue
            for p in c.children:
                if p.dep_ != "prep" or p.lower_ != "of":
                    continue
                for g in p.children:
                    low = g.lemma_.lower()
                    if g.dep_ == "pobj" and (
                        low in self.vocab.collectives or low in self.vocab.nouns
                    ):
                        return g
        return None

    def _group_legs(
        self, group: Any | None, si: int, ctx: _Context, so_far: list[_Raw], window: int = 4
    ) -> list[_Raw]:
        """The trip a group made, as legs already found: none when the group phrase names
        its own place (then the caller reads it there); the trip of the group's owner
        ("Ruto's delegation", "the president's entourage"); else the latest group trip."""
        if group is not None:
            if _names_own_place(group, ctx):
                return []  # "the delegation to the US": the caller reads it there
            owner = next((c for c in group.children if c.dep_ == "poss"), None)
            who = ctx.who(owner) if owner is not None else None
            if who is not None and who[0] is not None:
                mine = [r for r in so_far if r.pid == who[0] and r.dest is not None]
                mine = [r for r in mine if r.sentence >= si - 12 and r.kind != "departure"]
                if mine:
                    last = mine[-1].sentence
                    return [r for r in mine if r.sentence == last]
        # a trip counts as told where it was last told: a member's share of a group's trip
        # ("The delegation is headed by X") brings that trip up again
        recent = [
            r
            for r in reversed(so_far)
            if r.dest is not None
            and r.sentence <= si
            and si - window <= max(r.sentences, default=r.sentence)
        ]
        collectives = self.vocab.collectives
        groups = [r for r in recent if r.pid is None and r.name in collectives]
        # "The delegation also includes X": the delegation's trip, not "a group" led later
        word = group.lemma_.lower() if group is not None else ""
        latest = next((r for r in groups if r.name.lower() == word), None)
        latest = latest or next(iter(groups), None) or next(iter(recent), None)

        def about_group(sentence: int) -> bool:  # the sentence names the group by its word
            return any(t.lemma_.lower() == word for t in ctx.sents[sentence])

        def made(r: _Raw) -> bool:  # a leg made: no departure, nothing called off or denied
            return r.kind != "departure" and r.status not in {
                EventStatus.CANCELLED,
                EventStatus.DENIED,
            }

        if latest is None and word in collectives:
            # "The delegation included A, B and C" told well after the delegation's trip:
            # the group named by the same word is the one told before
            latest = next(
                (
                    r
                    for r in reversed(so_far)
                    if r.dest is not None and r.pid is None and r.name.lower() == word
                ),
                None,
            ) or next(
                # "Members of a delegation, led by X, arrived in Guyana ... The delegation
                # includes A, B and C": the trip told in a sentence about the same group
                (
                    r
                    for r in reversed(so_far)
                    if r.dest is not None
                    and r.sentence < si
                    and made(r)
                    and about_group(r.sentence)
                ),
                None,
            )
        if latest is None:
            return []
        # every leg of the group's trip told in that sentence ("returned to Sanaa after
        # talks in Riyadh"), not only the last
        legs = [r for r in so_far if r.sentence == latest.sentence and r.name == latest.name]
        if word in collectives and about_group(latest.sentence):
            # "The delegation led by A arrived in Addis Ababa. Earlier, the delegation
            # concluded its visit to South Africa. The delegation includes A, B and C": the
            # members share every leg the same group (or its leader, who stands for it) is
            # told to have made before, in sentences about the group
            legs += [
                r
                for r in so_far
                if (r.pid == latest.pid if latest.pid else r.name == latest.name)
                and about_group(r.sentence)
                and r.dest is not None
                and not ctx.own(latest.pid, r.dest)  # (seen off at home by officials)
                and r.sentence < latest.sentence
                and made(r)
            ]
        return legs

    def _based(self, tok: Any, si: int, ctx: _Context, so_far: list[_Raw]) -> list[_Raw]:
        """'Taliban's Qatar-based spokesman Suhail Shaheen': the person lives in Qatar."""
        holder = tok.head
        if tok.dep_ != "amod" or holder.pos_ not in {"NOUN", "PROPN"}:
            return []
        if holder.dep_ == "compound" and holder.head.pos_ == "PROPN":
            holder = holder.head  # "Qatar-based spokesman Suhail Shaheen": the name
        if not any(c.dep_ in {"npadvmod", "compound"} and ctx.place_at(c.i) for c in tok.children):
            return []
        return self._events_for(tok, _BASED_TRIGGER, si, ctx, so_far, who=holder)

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
        self._pair_pids = set()
        heads: list[Any] = []
        companions: list[Any] = []
        if trig in (
            _CAPTION_TRIGGER,
            _GROUP_TRIGGER,
            _BASED_TRIGGER,
            _ACCOMPANY_TRIGGER,
            _NOW_TRIGGER,
            _PRESENT_TRIGGER,
            _VISITING_TRIGGER,
        ):
            heads = [tok]
        elif trig.pos == "verb":
            if trig.host and _particle(tok, "up"):
                trig = replace(trig, host=False)  # "X showed up at a hotel in Nairobi"
            if trig.host:
                passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
                heads = passive or [c for c in tok.children if c.dep_ in {"dobj", "obj"}]
                if heads and _particle(tok, "together"):
                    # "The meeting brought together A with B and C": those with whom are
                    # brought together too, and the names the parser hung on the verb ("with
                    # their counterparts, B, C and D")
                    heads += _with(tok)
                    heads += [
                        c
                        for c in tok.children
                        if c.dep_ == "npadvmod" and c.i in ctx.people.token_pid
                    ]
                if heads and all(
                    h.tag_ == "NNS" or h.lemma_.lower() in self.vocab.collectives for h in heads
                ):
                    # "has drawn delegations from 45 countries, including A and B": the
                    # parser hangs where the guests are from on the verb, their names with it
                    heads += [
                        g
                        for c in tok.children
                        if c.dep_ == "prep" and c.lower_ == "from"
                        for g in c.children
                        if g.dep_ == "pobj"
                    ]
                if not heads and tok.dep_ == "acl" and tok.tag_ == "VBN":
                    heads = [tok.head]  # "journalist X, detained in Tehran since December"
                    # "the leaders expected at the summit include A and B"
                    heads = _among(heads) or heads
                if not heads:
                    # "arrested and extradited three suspects": the object is shared
                    heads = [
                        o
                        for v in tok.children
                        if v.dep_ == "conj" and v.pos_ == "VERB"
                        for o in v.children
                        if o.dep_ in {"dobj", "obj"}
                    ]
            else:
                subj = _subject(tok)
                if subj is not None and subj.head.i == tok.i and ctx.who(subj) is None:
                    # two subjects (a misparse): the other one when only it is a person
                    # ("X, the founder of the group Lashkar-e-Taiba, led prayers")
                    subj = next(
                        (
                            c
                            for c in subj.head.children
                            if c.dep_ in _SUBJ and c.i != subj.i and ctx.who(c) is not None
                        ),
                        subj,
                    )
                if subj is None and tok.tag_ == "VBG" and tok.i < tok.sent.start + 2:
                    # "Standing alongside him in Nairobi was X": the inverted subject
                    subj = next(
                        (
                            a
                            for be in tok.children
                            if be.dep_ == "aux" and be.lemma_ == "be"
                            for a in be.children
                            if a.dep_ in {"attr", "nsubj"}
                        ),
                        None,
                    )
                if subj is None and tok.tag_ == "VBG" and tok.dep_ == "csubj":
                    # "Also arriving were A, B and C": the participle is the copula's
                    # subject, the people are what it is said of
                    subj = next(
                        (
                            a
                            for a in tok.head.children
                            if a.dep_ in {"attr", "nsubj"} and a.i > tok.i
                            if tok.head.lemma_ == "be"
                        ),
                        None,
                    )
                if subj is None and tok.i > tok.sent.start + 2:
                    # "Together with X, the Minister Y, as well as Z, will attend": the
                    # parser hangs the whole subject on the opening "with"; its people
                    subj = next(
                        (
                            g
                            for c in tok.children
                            if c.dep_ == "prep" and c.i < tok.i and _along(c)
                            for g in c.children
                            if g.dep_ == "pobj" and ctx.who(g) is not None
                        ),
                        None,
                    )
                if subj is None and tok.dep_ == "ROOT":
                    subj = self._fronted_subject(tok, ctx)
                invited = _invitee(tok)
                if invited is not None:
                    subj = invited  # "accepted an invitation from Xi to visit Beijing"
                heads = [subj] if subj is not None else []
                ante = _relcl_antecedent(subj) if subj is not None else []
                if ante and any(c.dep_ == "conj" for c in ante[0].children):
                    # "A, B and C, who were present at the inauguration, ...": the relative
                    # pronoun stands for the whole list
                    heads = ante
                # "X said he would attend, as will Britain's prime minister, Y": a clause of
                # comparison with its verb left out says the same of its own subject
                heads += [
                    s
                    for c in tok.children
                    if c.dep_ == "advcl"
                    and (c.tag_ == "MD" or c.lemma_ in {"do", "be", "have"})
                    and any(m.dep_ == "mark" and m.lower_ in {"as", "so"} for m in c.children)
                    and not any(g.pos_ in {"VERB", "AUX"} for g in c.children)
                    for s in c.children
                    if s.dep_ == "nsubj"
                ]
                if (
                    subj is not None
                    and subj.tag_ in {"NNS", "NNPS"}
                    and subj.pos_ == "NOUN"
                    and ctx.who(subj) is None
                ):
                    # "Several leaders, including A and B, arrived": the people a plural
                    # subject names by example
                    heads += self._people_listed(
                        [g for p in _examples(subj) for g in p.children if g.dep_ == "pobj"], ctx
                    )
                if subj is not None and subj.dep_ == "nsubj" and subj.head.i == tok.i:
                    # "A's Chief of Defence Forces, General X, B's President Y, and C's
                    # Prime Minister Z are also in Rwanda": a long list the parser cuts
                    # into two subjects of one verb; both halves are the subject
                    heads += [
                        c
                        for c in tok.children
                        if c.dep_ == "nsubj"
                        and c.i != subj.i
                        and c.pos_ in {"PROPN", "NOUN"}
                        and _list_halves(*sorted((c, subj), key=lambda x: x.i))
                    ]
                if subj is not None and ctx.who(subj) is None:
                    # "The fighters, led by commander X, crossed into Chad": who leads a
                    # group goes with it
                    heads += [
                        a
                        for c in subj.children
                        if c.dep_ == "acl" and c.lemma_.lower() in _LEADING
                        for g in _agents(c)
                        for a in (g, *_appositions(g))
                    ]
                if subj is not None and (
                    subj.lemma_.lower() in self.vocab.collectives
                    # "Three other heads of state are there ...: A, B and C"
                    or (subj.tag_ == "NNS" and subj.lemma_.lower() in self.vocab.roles)
                ):
                    # "a U.S. delegation will be present in Istanbul: Secretary of State
                    # A, envoy B and C": the names after the colon are its members
                    listed = self._people_listed(_after_colon(tok, subj), ctx)
                    heads += listed or _names_after_colon(tok, subj, ctx.people.token_pid)
                among = _among(heads)
                if among:
                    # "Among those expected to attend are A, as well as the presidents of
                    # K, B, and L, C": every name of the written list the copula names (the
                    # parse hangs only its first part on the copula)
                    mates = _list_mates(among, ctx.people.token_pid)
                    heads = among + [m for m in mates if not _describes_another(m)]
                heads = [c for h in heads for c in (_carried(h) or [h])]
                if (
                    trig.kind in _AGENT_KINDS
                    and subj is not None
                    and (subj.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in tok.children))
                ):
                    # "the meeting was attended by X": the agent went there ("Putin will take
                    # part virtually and will be represented in Johannesburg by X": a passive
                    # that shares its subject)
                    # ("represented by the head of the office A, the foreign minister B, C
                    # and the deputy head D": every name of the agent's list)
                    agents = _agents(tok)
                    if trig.kind != "meeting":
                        heads = self._people_listed(agents, ctx) or agents or heads
                    # ("X was met at the airport by A": A is the one met, read below)
            if trig.kind in _MOTION_KINDS:
                companions = _with(tok)
            elif trig.kind == "presence":
                # "Standing alongside him in a hotel in Nairobi was X": both were there
                companions = [
                    g
                    for ch in tok.children
                    if ch.dep_ == "prep" and ch.lower_ in {"alongside", "beside"}
                    for g in ch.children
                    if g.dep_ == "pobj"
                ]
        else:
            heads = self._framed_traveller(tok, ctx) or self._noun_traveller(tok, ctx)
            if not heads:
                # "Participants in the meeting included A of K and B of L": the people
                # the plural noun is named as, every name of the written list
                named = _named_as(tok)
                heads = self._people_listed(named, ctx) or named
            if trig.kind in _MOTION_KINDS and trig is not _CAPTION_TRIGGER:
                # "made a visit to Oslo with his aide, X", "performed the Umrah with his
                # wife, Y": the company of a travel noun, on it or on its light verb
                companions = _with(tok)
                if tok.dep_ in {"dobj", "obj"} and tok.head.pos_ in {"VERB", "AUX"}:
                    companions += _with(tok.head)
        if trig is not _CAPTION_TRIGGER and not trig.host:
            # "X and Y held talks in Munich in the presence of Z": Z was there too
            companions = companions + _in_presence_of(tok)
            if tok.dep_ in {"dobj", "obj"} and tok.head.pos_ in {"VERB", "AUX"}:
                companions += _in_presence_of(tok.head)
        met: list[Any] = []
        self._host_countries: set[str] = set()
        if (
            trig.kind == "meeting"
            and trig.pos == "verb"
            and any(c.dep_ == "nsubjpass" for c in tok.children)
        ):
            # "On arrival at the airport, X was received by A and B": those receiving him
            # are there too
            # ("welcomed by both delegations, including A and B": the names listed; "by
            # Foreign Minister A and officials", the parser taking the name apart from
            # its title: the name the title opens)
            agents = _agents(tok)
            agents += [n for a in agents if (n := _name_after_title(a, ctx)) is not None]
            met = _listed(agents, self.vocab.roles)
        if trig.kind == "meeting" and not trig.host and trig is not _CAPTION_TRIGGER:
            met += _met(tok)
            # "held meetings with several leaders, including A, B and C": the names of the
            # list the people met stand in
            met += [t for t in _listed(met, self.vocab.roles) if t not in met]
            # "Nigerien officials met X in Niamey": the hosts are at home
            self._host_countries = {
                code
                for h in heads
                for m in h.children
                if m.dep_ in {"amod", "compound"}
                and (code := self.gazetteer.demonym(m.text)) is not None
            }
        # "arrived in Shanghai with his wife, Rosangela da Silva": named companions
        # "along with negotiators, including the spokesman, X": the named ones in the list
        heads = heads + [c for c in _listed(companions) if ctx.who(c) is not None]
        # "A and B, who have both been extradited ...": a plural relative clause is said of
        # every name of its antecedent's list
        heads = [_plural_antecedent(h) or h for h in heads]
        heads += [m for h in heads for m in self._role_list(h, ctx)]
        if trig.host and trig.pos == "verb":
            # "welcomed the presidents -- A of K, B of L and C of M": every name of the
            # written list the objects stand in (the parse hangs only part of it on the verb)
            # ("the presidents of the five nations -- A of K, ...": the names set off after
            # the object's own phrase)
            # ("drew leaders including A and B": the names of its "including" phrase)
            named = [
                t
                for h in heads
                for t in dict.fromkeys(
                    (
                        *_group(h),
                        *(a for a in h.subtree if a.dep_ == "appos"),
                        *_listed([h], self.vocab.roles),
                    )
                )
                if t.i in ctx.people.token_pid and not _describes_another(t)
            ]
            mates = _list_mates(named, ctx.people.token_pid)
            # ("X, the son of Y, and his aide Z were extradited": Y only describes X)
            heads += named + [m for m in mates if not _describes_another(m)]
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
        if not out and any(h.lower_ in {"they", "them"} for h in heads):
            out = ctx.recent_group(tok)  # "... X and Y, so they can attend ..."
        if not out and (
            any(self._pair(h) for h in heads)
            # "A held talks with his counterpart B on Saturday. They had met in South Africa
            # in June": a meeting's "they" with no list before is the two who met
            or (trig.kind == "meeting" and any(h.lower_ == "they" for h in heads))
        ):
            out = ctx.recent_pair(tok)  # "X was in Moscow ... the two leaders met in China"
            self._pair_pids = {p for p, _ in out if p is not None}
        if not out:
            for h in heads:
                out = ctx.named_group_next(h)  # "three suspects ... The three suspects - A, B"
                if out:
                    break
        if all(p is None for p, _ in out):
            for h in heads:
                if _collective(h, self.vocab.collectives):
                    # "A delegation led by X ... the delegation's visit to Washington"
                    told = ctx.group_told_before(h)
                    if told:
                        out = told
                        break
        return out

    def _people_listed(self, heads: list[Any], ctx: _Context) -> list[Any]:
        """The people of the written list the heads open, a role's holder with it
        (``_listed``): the tokens that stand for someone."""
        return [c for c in _listed(heads, self.vocab.roles) if ctx.who(c) is not None]

    def _role_list(self, head: Any, ctx: _Context) -> list[Any]:
        """'the presidents of Argentina, A; Chile, B; and Uruguay, C': a plural role whose
        'of' lists countries, each followed by its holder's name: the names."""
        if head.tag_ not in {"NNS", "NNPS"} or head.lemma_.lower() not in self.vocab.roles:
            return []
        names = [
            t
            for o in _of_objects(head)
            if ctx.place_at(o.i) is not None
            for t in _group(o)
            if t.i != o.i and ctx.place_at(t.i) is None and ctx.who(t) is not None
        ]
        # (two people at least: a plural role stands for no one person)
        return names if len({ctx.who(t) for t in names}) >= 2 else []

    def _pair(self, tok: Any) -> bool:
        """'the two leaders', 'both men', 'the two presidents': a pair told before."""
        low = tok.lemma_.lower()
        if tok.tag_ != "NNS" or (low not in self.vocab.roles and low not in _PAIR_NOUNS):
            return False
        return any(
            (c.dep_ == "nummod" and c.lower_ == "two")
            or (c.dep_ in {"det", "predet"} and c.lower_ == "both")
            for c in tok.children
        )

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
                if ch.lower_ in {"its", "their"} and ctx.who(ch) is None:
                    # "The delegation concluded its visit to K": a group's own trip, told
                    # through the possessive of the verb's subject
                    subj = _subject(tok.head) if tok.dep_ in {"dobj", "obj"} else None
                    if subj is not None and ctx.who(subj) is not None:
                        return [subj]
                return [ch]
        if tok.lemma_.lower() in _TWO_SIDED:
            for ch in tok.children:
                if ch.dep_ == "prep" and ch.lower_ == "between":
                    # "a meeting between A and B took place in Almaty": both sides were there
                    objs = [g for g in ch.children if g.dep_ == "pobj"]
                    if objs:
                        return objs
        if tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in _LIGHT_VERBS:
            # "The last state visit to Japan (by a Philippine president) was undertaken by
            # former President X"
            agents = [
                a
                for c in tok.head.children
                if c.dep_ == "agent"
                for a in c.children
                if a.dep_ == "pobj" and ctx.who(a) is not None
            ]
            if agents:
                return agents
        for ch in tok.children:
            if ch.dep_ == "prep" and ch.lower_ == "by":
                objs = [g for g in ch.children if g.dep_ == "pobj"]
                if objs:
                    return objs
        for ch in tok.children:
            if ch.dep_ == "compound" and ch.pos_ == "PROPN" and ctx.who(ch) is not None:
                return [ch]
        for ch in tok.children:
            if ch.dep_ == "prep" and ch.lower_ == "of" and tok.lemma_.lower() not in _HONOURING:
                objs = [g for g in ch.children if g.dep_ == "pobj" and ctx.who(g) is not None]
                if objs:
                    return objs  # "the arrest of X in Dominica", "the visit of X to Y"
                if any(
                    g.dep_ == "pobj"
                    and g.pos_ in {"NOUN", "PROPN"}
                    and ctx.place_at(g.i) is None  # ("a tour of Jordan and Oman": places)
                    for g in ch.children
                ):
                    return []  # "condemned the treatment of prisoners in Syria": theirs
        for ch in tok.children:
            if ch.dep_ == "relcl" and ch.lemma_.lower() in _LIGHT_VERBS:
                subj = _subject(ch)
                if subj is not None and ctx.who(subj) is not None:
                    return [subj]  # "the visit that Lula made to China"
        node = tok
        for _ in range(3):
            head = node.head
            if node.dep_ == "conj" and head.pos_ == "VERB" and node is tok:
                # "... left Hanoi for the assembly and visits to A and B", the noun read as
                # coordinated with the verb: the verb's subject
                subj = _subject(head)
                return [subj] if subj is not None else []
            if node.dep_ in {"dobj", "obj", "attr", "oprd"} and head.pos_ in {"VERB", "AUX"}:
                subj = _subject(head)
                if subj is None and head.dep_ == "ROOT":
                    # "At the invitation of X, Y will pay a visit": a swallowed subject
                    subj = self._fronted_subject(head, ctx)
                return [subj] if subj is not None else []
            if node.dep_ == "pobj" and head.dep_ == "prep":
                gov = head.head
                if head.lower_ == "among" and (named := _among([node])):
                    return named  # "Among the arrivals were A, and B"
                if gov.pos_ in {"VERB", "AUX"}:
                    granted = _granted(gov)
                    if granted is not None and ctx.who(granted) is not None:
                        return [granted]  # "exempted X from the ban for a visit to Y"
                    subj = _subject(gov)
                    if subj is None and gov.dep_ == "ROOT":
                        # "As part of an official visit to Ankara, the Minister of K, X, was
                        # received by Y": a subject the opening phrase swallowed
                        subj = self._fronted_subject(gov, ctx)
                    if (
                        subj is not None
                        and subj.i != tok.i
                        and ctx.who(subj) is None
                        and self._trigger(subj) is not None
                    ):
                        # "X's visit to Syria comes as part of a tour that began in Oman":
                        # the tour is the visit's traveller's
                        return self._noun_traveller(subj, ctx)
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
        self._stops: set[int] = set()
        out: list[Any] = []
        subj = _subject(tok) if trig.pos == "verb" else None

        def walk(node: Any, depth: int) -> None:
            for ch in node.children:
                if subj is not None and ch.i == subj.i:
                    continue
                listed = ch.dep_ == "conj" and ch.pos_ in {"PROPN", "NOUN"} and node.i != tok.i
                if ch.dep_ in {"relcl", "acl"} and node.i != tok.i and _held(ch):
                    listed = True  # "the summit that took place in Jordan"
                if node.i == tok.i and _while_in(ch):
                    listed = True  # "was kidnapped while in Nairobi"
                if (
                    node.i == tok.i
                    and trig.pos == "verb"
                    and ch.dep_ == "conj"
                    and ch.lemma_.lower() in self.vocab.collectives
                ):
                    # a group coordinated with the verb is its object misread: "welcomed his
                    # counterpart, X, and his delegation to Mogadishu"
                    listed = not any(c.dep_ in _SUBJ for c in ch.children)
                if (ch.dep_ in _CLAUSAL and not listed) or (ch.dep_ in _SUBJ and node.i == tok.i):
                    continue  # a list of places ("Egypt, Tunisia and Togo") stays in
                if trig.lemma == "be" and depth == 0 and ch.dep_ not in {"prep", "advmod", "attr"}:
                    continue
                out.append(ch)
                walk(ch, depth + 1)

        walk(tok, 0)
        if trig.pos == "verb" and trig.kind == "arrival" and not trig.host:
            # "arrived in Beirut on Sunday, coming from Istanbul": the participle tells
            # where the arrival set out from, as "arrived in Beirut from Istanbul" does
            for ch in tok.children:
                if ch.dep_ == "advcl" and ch.tag_ == "VBG" and ch.lemma_.lower() in _COMING:
                    said = [p for p in ch.children if p.dep_ == "prep"]
                    # (not "coming to Beirut from Istanbul": a trip of its own)
                    if not any(p.lower_ in {"to", "into", "in", "at"} for p in said):
                        for p in (p for p in said if p.lower_ == "from"):
                            out.append(p)
                            out.extend(p.subtree)
                            self._anchor.update({t.i: tok for t in p.subtree})
        if trig.pos == "verb" and trig.kind in _MOTION_KINDS:
            # "left today for Kenya to attend the inauguration": the parser reads the place
            # as the subject of a "for ... to" infinitive; it is where the trip goes
            for ch in tok.children:
                if ch.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ == "for" for m in ch.children
                ):
                    for g in ch.children:
                        if g.dep_ == "nsubj" and g.pos_ == "PROPN":
                            out.extend(g.subtree)
                            self._stops.add(g.i)
        if subj is not None and subj.dep_ == "nsubjpass" and trig.kind in _AGENT_KINDS:
            # "the summit in Geneva was attended by X", "the ceremony, held at Tehran
            # University, was attended by X": the subject's own place
            holders = [subj, *(c for c in subj.children if c.dep_ in {"acl", "relcl"} and _held(c))]
            for h in holders:
                for p in h.children:
                    if p.dep_ == "prep" and p.lower_ in _LOCATIVE:
                        out.extend(p.subtree)
                        self._anchor.update({t.i: tok for t in p.subtree})
        if (
            trig.pos == "verb"
            and trig.host
            and trig.kind == "attendance"
            and tok.dep_ == "advcl"
            and tok.head.pos_ in {"VERB", "AUX"}
        ):
            # "the summit opened in Baghdad, drawing leaders including X": where the
            # gathering the participle tells of was held
            for p in tok.head.children:
                if p.dep_ == "prep" and p.lower_ in _LOCATIVE:
                    out.extend(p.subtree)
                    self._anchor.update({t.i: tok.head for t in p.subtree})
        if trig.pos == "noun":
            # "a three-nation tour which included Vietnam and Malaysia", "a tour of the
            # region that will include Montenegro and Slovenia" (the clause hung on the
            # tour or on its "of" phrase): its stops
            toured = _of_objects(tok) if tok.lemma_.lower() in self.vocab.tour_nouns else None
            for n in (tok, *toured) if toured is not None else ():
                for ch in n.children:
                    if ch.dep_ == "relcl" and ch.lemma_.lower() in self.vocab.stop_verbs:
                        for o in ch.children:
                            if o.dep_ in {"dobj", "obj"}:
                                out.extend(o.subtree)
                                self._stops.update(t.i for t in o.subtree)
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
            if toured is not None and gov.pos_ in {"VERB", "AUX"}:
                # "embarked on a four-nation tour, starting with Turkey": the tour's first
                # stop, told by the participle on the verb that sets off on it
                for ch in gov.children:
                    if ch.dep_ == "advcl" and ch.lemma_.lower() in _OPENING:
                        for p in ch.children:
                            if p.dep_ == "prep" and p.lower_ in {"with", "in"}:
                                out.extend(p.subtree)
                                self._stops.update(t.i for t in p.subtree)
            if gov.pos_ in {"VERB", "AUX"} and tok.dep_ in _SUBJ:
                # "The meeting between A and B is expected to take place in Anchorage":
                # the place of the clause that holds the event the noun is the subject of
                for held in gov.children:
                    if held.dep_ == "xcomp" and _held(held):
                        for p in held.children:
                            if p.dep_ == "prep" and p.lower_ in _LOCATIVE:
                                out.extend(p.subtree)
                                self._anchor.update({t.i: held for t in p.subtree})
            if gov.pos_ in {"VERB", "AUX"} and gov.i != tok.i:
                # "approved the travel of X to Abu Dhabi": with the noun as the verb's
                # object, the verb's "to" phrase is the noun's destination
                # ("his first visit abroad was to Mauritania": the subject of "be" too)
                aimed = tok.dep_ in {"dobj", "obj"} or (tok.dep_ == "nsubj" and gov.lemma_ == "be")
                preps = _LOCATIVE | ({"to", "into"} if aimed else set())
                for ch in gov.children:
                    # "announced plans for visits this week to Qatar": a "to" phrase right
                    # after the trip noun is its destination, wherever the parser hung it
                    right_after = ch.lower_ in {"to", "into"} and ch.i == tok.right_edge.i + 1
                    if (
                        ch.dep_ == "prep"
                        and (ch.lower_ in preps or right_after)
                        and tok not in ch.subtree
                    ):
                        out.append(ch)
                        out.extend(ch.subtree)
                        self._anchor.update({t.i: gov for t in ch.subtree})
                    if ch.dep_ == "prep" and ch.lower_ in _DURING and tok not in ch.subtree:
                        # "during his visit to Uruguay, X held a meeting with Y": the
                        # trip the clause is set in places what the noun tells
                        for trip in ch.children:
                            told = self._trigger(trip) if trip.dep_ == "pobj" else None
                            if told is not None and told.pos == "noun" and told.kind == "visit":
                                out.extend(trip.subtree)
                                self._anchor.update({t.i: trip for t in trip.subtree})
        return out

    def _places(
        self, tok: Any, trig: Trigger, ctx: _Context
    ) -> tuple[list[Place], Place | None, bool]:
        region = self._region(tok, trig)
        found: list[tuple[Place, str]] = []
        origin: Place | None = None
        there = False
        self._via_places: list[Place] = []  # stops on the way ("fled to Britain via Japan")
        for t in region:
            if t.lower_ == "there" and t.dep_ == "advmod":
                there = True
            if t.lower_ == "where" and t.dep_ == "advmod" and tok.dep_ == "relcl":
                # "a stop in Moscow, where he joined talks": the antecedent, or (when the
                # parser hangs the clause on a date, "in Moscow on Tuesday, where") the
                # nearest place before "where" in the sentence
                # ("the UAE and South Africa, where he met X": the place just before it,
                # not the first of the list the parser hangs the clause on)
                ante = tok.head
                while (
                    last := [c for c in ante.children if c.dep_ == "conj" and c.i < t.i]
                ) and ctx.place_at(last[-1].i) is not None:
                    ante = last[-1]
                place = ctx.place_at(ante.i) or ctx.place_before(t)
                if place is not None:
                    found.append((place, "dest"))
            place = ctx.place_at(t.i)
            if place is None:
                continue
            if ctx.place_root(t.i) != t.i:
                continue
            if _of_a_role(t, self.vocab.roles):
                continue  # "a press conference with the U.S. ambassador": whose, not where
            if (
                t.dep_ == "pobj"
                and t.head.lower_ == "to"
                and t.head.head.i != tok.i
                and t.head.head.lemma_.lower() in self.vocab.roles
                # (not the post the traveller takes up: "sent to be the Ambassador to Italy")
                and not (t.head.head.dep_ in {"attr", "oprd"} and t.head.head.head.i == tok.i)
            ):
                continue  # "will meet the US ambassador to Libya": where he is posted
            if _opens_title(t, ctx):
                continue  # "Kurdistan Regional Government Prime Minister X": whose title
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
            if (
                holder.i == t.i
                and t.dep_ == "pobj"
                and t.head.lower_ == "via"
                and t.head.head.i == anchor.i
                and trig.pos == "verb"
                and trig.kind in _MOTION_KINDS
            ):
                # "fled to Britain via Japan", "left Iran via Turkey": a stop on the way is
                # a transit through that country (a travel ban covers transit too)
                self._via_places.append(place)
                continue
            if t.i in self._stops:
                found.append((place, "dest"))
                continue
            role = self._role(holder, anchor, trig)
            if (
                role == "dest"
                and trig.pos == "noun"
                and _country_topic(holder, tok, place, self.vocab)
            ):
                continue  # "a Ghana investment forum", "the Syria conference": its topic
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
        if not found:
            # "during his visit to this Arab country": the country named just before
            for t in region:
                if (
                    t.lemma_.lower() in _COUNTRY_NOUNS
                    and t.dep_ == "pobj"
                    and any(d.dep_ == "det" and d.lower_ in {"this", "that"} for d in t.children)
                ):
                    place = ctx.recent_country(t)
                    if place is not None:
                        found.append((place, "dest"))
                    break
        if not found:
            # "was flown to a Turkish hospital", "held in a South African prison": a facility
            # named by its country's adjective is in that country
            for t in region:
                if t.lemma_.lower() not in self.vocab.facility_nouns | self.vocab.custody_nouns:
                    continue
                if self._role(t, self._anchor.get(t.i, tok), trig) != "dest":
                    continue
                mods = [c for c in t.lefts if c.dep_ in {"amod", "compound", "nmod"}]
                if not mods:
                    continue
                words = t.doc[mods[0].left_edge.i : t.i].text
                code = self.gazetteer.demonym(words) or self.gazetteer.demonym(mods[-1].text)
                if code is not None:
                    found.append((ctx.country_place(code, t.text), "dest"))
                    break
        if not found and not there:
            # "spoke at the summit", "opened the session", "arrived to attend the ceremony":
            # a gathering told earlier with its place ("the AU summit in Addis Ababa") is
            # where its participants were
            purpose = [
                t
                for c in tok.children
                if c.dep_ in {"xcomp", "advcl"} and c.lemma_.lower() in {"attend", "join"}
                for t in c.subtree
            ]
            for t in [tok, *region, *purpose]:
                if t.lemma_.lower() in ctx.mentioned_places and (t.i == tok.i or _definite(t)):
                    place = ctx.gathering_place(t)
                    if place is not None:
                        found.append((place, "dest"))
                        break
            if trig.kind == "meeting" and not found:
                # "met X on the sidelines of the Antalya Diplomacy Forum" ("held a meeting
                # ... on the sidelines", the phrase on the light verb): the gathering's
                # place, named in it or told with it
                light = tok.dep_ in {"dobj", "obj"} and tok.head.pos_ == "VERB"
                gatherings = _sidelines_of(tok) or (_sidelines_of(tok.head) if light else [])
                for gathering in gatherings:
                    place = next(
                        (p for g in gathering.subtree if (p := ctx.place_at(g.i)) is not None),
                        None,
                    ) or ctx.own_gathering_place(gathering)
                    if place is not None and place.country:
                        found.append((place, "dest"))
                        break
            subj = _subject(tok) if trig.host and trig.pos == "verb" else None
            if not found and subj is not None:
                # "a summit that took place in Ankara brought together A and B": the place
                # of the gathering that brings them
                place = ctx.own_gathering_place(subj)
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
        if t.dep_ == "appos" and t.head.i != trigger.i and _place_noun(t.head, places):
            t = t.head  # "reached the Maldivian capital Male": the capital's role
        if (
            t.dep_ == "compound"
            and t.head.lower_ in _FREQUENCY_WORDS
            and t.head.dep_ in {"dobj", "obj"}
            and t.head.head.i == trigger.i
        ):
            t = t.head  # "visited Tajikistan thrice", read as a compound of "thrice"
        if t.dep_ == "poss" or (t.dep_ in {"compound", "amod", "nmod"} and t.head.i != trigger.i):
            return ""  # "Iran's forces", "Russian warplanes"
        if t.dep_ in {"compound", "nmod", "npadvmod"} and t.head.i == trigger.i:
            return "dest"  # "the Moscow talks", "Qatar-based"
        if (
            t.dep_ == "amod"
            and t.head.i == trigger.i
            and trig.pos == "noun"
            and self.gazetteer.demonym(t.text) is None
        ):
            # "his Bhutan visit": the name read as an adjective ("Russian" is no place)
            return "dest"
        if t.dep_ in {"dobj", "obj"} and t.head.i == trigger.i:
            if trig.agent_only:
                return ""  # "X represented India at the funeral in Hanoi": whom he stood for
            if trig.kind == "presence" and not trig.host:
                # "will lead Kano State pilgrims", "fought Russia", "served Kenya": what is
                # led, fought or served, not where
                return ""
            return "origin" if trig.leaves else "dest"
        path: list[tuple[str, Any, Any]] = []  # (preposition, its head, its object) upwards
        node = t
        while node.i != trigger.i and node.head.i != node.i:
            head = node.head
            if head.dep_ == "appos" and head.ent_type_ == "TIME":
                return ""  # "this afternoon (morning in Ghana)": the time back home
            if head.dep_ == "prep" or head.pos_ == "ADP":
                path.append((head.lower_, head.head, node))
            elif head.dep_ == "advmod" and head.head.i == trigger.i:
                # "went back to Kabul", "arrived prior to a summit in Lisbon"; not the
                # other side of talks ("arrived ahead of talks with the United States")
                return "" if any(p == "with" for p, _, _ in path) else "dest"
            node = head
        if node.i != trigger.i or not path:
            return ""
        top_prep = path[-1][0]
        direct = len(path) == 1 or all(
            p == "of" and _place_noun(owner, places) for p, owner, _ in path[:-1]
        )
        if direct:
            if top_prep == "between":
                # "travelled between Malabo and Madrid": both ends; "talks between Russia
                # and Ukraine" are the parties, not places
                return "dest" if trig.pos == "verb" and trig.kind in _MOTION_KINDS else ""
            if top_prep in _ORIGIN:
                return "origin"
            if top_prep in _VIA:
                if trig.kind == "presence" and len(path) > 1 and _place_noun(path[-1][2], places):
                    return "dest"  # "led his men through the streets of the capital"
                return "dest" if trig.kind == "transit" else ""
            if top_prep == "on" and not _place_noun(path[-1][2], places):
                return ""  # "talks on Afghanistan" is a topic; "on the front lines" is a place
            owner = path[-1][1]
            if (
                top_prep == "of"
                and owner.dep_ in {"dobj", "obj"}
                and owner.head.i == trigger.i
                and _place_noun(owner, places)
            ):
                return "origin" if trig.leaves else "dest"  # "visited the port of Chittagong"
            if top_prep == "of" and trig.pos == "noun" and trig.lemma == "tour":
                return "dest"  # "a tour of Jordan, Kuwait and Oman"
            return "dest" if top_prep in _DIRECT_DEST or top_prep in _LOCATIVE else ""
        for k, (prep, _, obj) in enumerate(path):
            if (
                prep in {"at", "inside", "before"}
                or (prep == "to" and k == len(path) - 1 and trig.host)  # "admitted to a hospital"
            ) and obj.lemma_.lower() in self.vocab.venue_nouns:
                # "at the commission office in Sabha", "appeared before a court in London"
                if all(p in _NESTING or p == "of" for p, _, _ in path[:k]):
                    return "dest"  # "at the commission office in the city of Sabha"
                break
        first, carrier, _ = path[0]
        if (
            len(path) == 2
            and top_prep == "by"
            and first in {"in", "at", "near", "outside"}
            and trig.kind == "presence"
            and carrier.pos_ == "NOUN"  # (the military, a drone strike: not a place)
        ):
            # "was assassinated by the US military near Baghdad": the scene the parser hung
            # on the passive's agent
            return "dest"
        if (
            trig.kind in _MOTION_KINDS
            and first in _ORIGIN
            and carrier.lemma_.lower() in _CRAFT
            and all(p in {"on", "aboard", "by", "in"} for p, _, _ in path[1:])
        ):
            return "origin"  # "returned home on a special flight from Dubai"
        if (
            trig.kind in _MOTION_KINDS
            and len(path) == 2
            and top_prep == "for"
            and first in {"to", "in"}
            and path[-1][1].i == trigger.i
            and (told := self._trigger(carrier)) is not None
            and told.pos == "noun"
            and told.kind == "visit"
        ):
            # "left Hanoi for the assembly in Geneva and official visits to Georgia and
            # Armenia": the trips the journey is for are where it goes
            return "dest"
        if (
            trig.kind == "departure"
            and len(path) == 2
            and first in {"for", "to"}
            and top_prep in _ORIGIN | {"at"}
            and path[-1][1].i == trigger.i
            and carrier.lemma_.lower() in self.vocab.venue_nouns
        ):
            return "dest"  # "departed from Mogadishu airport for Turkey": where he went
        if (
            (trig.lemma in _FORCE or (trig.host and trig.kind == "presence"))
            and top_prep == "by"
            and len(path) == 2
            and path[0][0] in _LOCATIVE
            and path[-1][1].i == trigger.i
        ):
            # "was abducted by agents in the capital Ankara", "was arrested by police in
            # Nairobi": where it happened
            return "dest"
        # nested: no purpose or topic phrase above it, and "on" only "on the front line"
        if (
            path[-1][1].i == trigger.i
            and top_prep not in _NESTING
            and not (top_prep == "on" and _place_noun(path[-1][2], places))
        ):
            return ""  # ("on the sidelines of the UN General Assembly" still places)
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


_NOMINAL = frozenset({"NOUN", "PROPN"})
# verbs of a group's leader ("the fighters, led by X")
_LEADING = frozenset({"lead", "head", "command"})
# plural nouns that, counted as two, stand for the last two people named
_PAIR_NOUNS = frozenset({"man", "woman", "leader", "politician", "official", "diplomat"})
# subjects of a member verb that stand for the people of the trip just told
_LIST_SUBJECTS = frozenset({"they", "these", "those"})
# words of a sentence about people's legal standing, not a trip ("are on the sanctions list")
_STATUS_WORDS = frozenset({"sanction", "sanctions", "list", "ban", "wanted", "charge", "accuse"})
# subjects that stand for several people ("Several of his colleagues remain ...")
_PLURAL_WORDS = frozenset({"several", "many", "some", "most", "few", "others", "both", "all"})


# adverbs of frequency the parser reads as the object noun ("visited Tajikistan thrice")
_FREQUENCY_WORDS = frozenset({"once", "twice", "thrice", "again", "often"})


# participles that tell where an arrival set out from ("coming from Istanbul")
_COMING = frozenset({"come", "fly", "travel", "arrive", "drive", "sail"})
# nouns that stand for a country named before ("this country", "that Gulf state")
_COUNTRY_NOUNS = frozenset({"country", "nation", "kingdom", "state", "republic", "emirate"})


# meeting nouns whose two sides are named with "between"
_TWO_SIDED = frozenset({"meeting", "talk", "talks", "negotiation", "summit"})


def _list_halves(first: Any, second: Any) -> bool:
    """Two subjects of one verb that are one list cut in two: the second opens right after
    the first's phrase, after its comma or "and" ("..., B's President Y, and C's Prime
    Minister Z are")."""
    before = second.left_edge.i - 1
    return (
        before > first.i
        and first.right_edge.i >= before
        and second.doc[before].dep_ in {"cc", "punct"}
    )


def _named_once(
    tokens: Iterable[Any],
    pids: dict[int, str],
    skip: Container[int],
    keep: Callable[[Any], bool] | None = None,
) -> Iterator[tuple[Any, str]]:
    """Each token that first names a person among ``tokens``, with the person's id: not a
    pronoun, not in ``skip``, and one ``keep`` accepts (a token it refuses does not use the
    person up)."""
    seen: set[str] = set()
    for t in tokens:
        pid = pids.get(t.i)
        if pid is None or pid in seen or t.i in skip or t.pos_ == "PRON":
            continue
        if keep is not None and not keep(t):
            continue
        seen.add(pid)
        yield t, pid


def _plural_antecedent(tok: Any) -> Any | None:
    """The antecedent of a relative pronoun whose clause is plural ("who have both been",
    "who were"), when it heads a list of names, or the name a noun antecedent is set off
    with; None otherwise."""
    ante = _relcl_antecedent(tok)
    if ante and ante[0].pos_ == "NOUN":
        # "Two activists, A and B, who were abducted in Uganda": the names the noun is
        # set off with
        named = next((c for c in ante[0].children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            return named
    if not ante or not any(c.dep_ == "conj" for c in ante[0].children):
        return None
    clause = tok.head
    plural = clause.tag_ == "VBP" or any(
        c.lower_ in {"are", "were", "have", "both", "all"} for c in clause.children
    )
    return ante[0] if plural else None


def _invitee(verb: Any) -> Any | None:
    """The one who took up an invitation the travel verb completes: "X accepted an
    invitation from Y to visit Beijing" (the subject of "accept", not the inviter)."""
    inv = verb.head
    if verb.dep_ != "acl" or inv.lemma_.lower() != "invitation" or inv.dep_ not in {"dobj", "obj"}:
        return None
    if inv.head.lemma_.lower() not in {"accept", "receive", "get", "decline", "reject"}:
        return None
    return _subject(inv.head)


def _complements(copula: Any) -> list[Any]:
    """What a copula says its subject is, with the names of a long list the parser hung on
    the copula itself ("Others are A of X, B of Y, C of Z": B read as "dep")."""
    return [
        c
        for c in copula.children
        if c.dep_ in {"attr", "acomp"}
        or (c.dep_ in {"dep", "npadvmod", "appos"} and c.pos_ == "PROPN" and c.i > copula.i)
    ]


_LIST_MARK = re.compile(r"\s*(?:\d{1,2}[.)]|[-•*–·])\s")
_LIST_MAX = 40  # items read after a colon
_ITEM_WORDS = 12  # a line this short with no verb is a list item ("Senator A of B")


def _list_items(verb: Any, ctx: _Context) -> list[Any]:
    """The people of the list a clause ending in a colon opens, one item a line ("They
    include:\n1. Kiharu MP A\n2. Senator B"): the first person of each line-long sentence
    after it that starts with a number or a bullet, follows a bare marker, or is short and
    has no verb, up to the first that is none of these."""
    sent = verb.sent
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or last.text != ":":
        return []
    out: list[Any] = []
    si = ctx.sent_of(verb)
    marked = False  # the last sentence was a bare marker ("1." read as a sentence)
    for item in ctx.sents[si + 1 : si + 1 + 2 * _LIST_MAX]:
        text = item.text.strip()
        if _LIST_MARK.fullmatch(" " + text + " "):
            marked = True
            continue
        words = [t for t in item if not t.is_space and not t.is_punct]
        short = len(words) <= _ITEM_WORDS and not any(t.pos_ in {"VERB", "AUX"} for t in words)
        if not (marked or _LIST_MARK.match(text + " ") or short):
            break
        marked = False
        person = next((t for t in item if t.i in ctx.people.token_pid), None)
        if person is not None:
            out.append(person)
    return out


def _listed(heads: list[Any], roles: frozenset[str] = frozenset()) -> list[Any]:
    """Every name a list of members holds: conjuncts, their appositions ("her Machakos
    counterpart Wavinya Ndeti"), "including" phrases ("Kim's top officials, including
    Marshals Ri Pyong Chol and Pak Jong Chon") and the holder of a role whose title the
    parser read as an "of" or "for" phrase ("the head of the president's office Yermak",
    "the envoy for Ukraine Keith Kellogg": one of ``roles`` opens it)."""
    out: list[Any] = []
    todo = list(heads)
    while todo and len(out) < 200:
        h = todo.pop(0)
        # a name the parser hung on the next one as a modifier ("Minister A and B's
        # officials ... and Minister C" read with A as C's nmod) is a member too
        misread = [g for g in h.children if g.dep_ == "nmod" and g.pos_ == "PROPN"]
        for c in (h, *_conjuncts(h), *_appositions(h), *misread):
            if c in out:
                continue
            out.append(c)
            if c.pos_ in {"NOUN", "PROPN"} and c.lemma_.lower() in roles:
                todo.extend(_title_holder(c))  # with the names listed after it
            for p in _examples(c):
                todo.extend(g for g in p.children if g.dep_ == "pobj")
    return out


# what may stand between two names of one written list ("A (BJP), B of Mali, and C")
_LIST_GAP = 14
_LIST_JOINS = frozenset({",", ";", "and", "&", "—", "–"})


def _describes_another(name: Any) -> bool:
    """The name only says whose kin or aide someone is: "X, the son of Y", "X, a son of the
    late leader Y" (a name under "of", directly or through one singular noun), not the
    names set off after a plural ("the presidents of the five nations -- A, B and C")."""
    if name.dep_ == "pobj" and name.head.lower_ == "of":
        return True
    node = name
    for _ in range(4):
        node = node.head
        if node.i == node.head.i:
            return False
        if node.pos_ == "NOUN":
            return bool(node.tag_ == "NN" and node.dep_ == "pobj" and node.head.lower_ == "of")
    return False


def _list_mates(members: list[Any], token_pid: dict[int, str]) -> list[Any]:
    """The other names of the written lists the members stand in: names whose gaps hold
    list punctuation or "and" and no verb or preposition but "of" (titles, roles, party
    initials may stand between). The parse of a long list often hangs only part of it on
    the verb; its surface does not change."""
    if not members:
        return []
    sent = members[0].sent
    doc = sent.doc
    spans: list[tuple[str, int, int]] = []  # pid, first and last token of each mention
    for tok in sent:
        pid = token_pid.get(tok.i)
        if pid is None or tok.pos_ == "PRON":
            continue
        if spans and spans[-1][0] == pid and spans[-1][2] == tok.i - 1:
            spans[-1] = (pid, spans[-1][1], tok.i)
        else:
            spans.append((pid, tok.i, tok.i))
    runs: list[list[tuple[str, int, int]]] = []
    describers: set[int] = set()
    for span in spans:
        root = next(
            (t for t in doc[span[1] : span[2] + 1] if not span[1] <= t.head.i <= span[2]), None
        )
        if root is not None and (
            (root.dep_ == "pobj" and root.head.lower_ == "of") or root.dep_ == "poss"
        ):
            # "B, the sister of leader C", "C's son, B": C describes, is no member (and
            # a possessor starts no list: the name after it is the one it describes)
            runs.append([span])
            if root.dep_ == "poss":
                describers.add(span[2])
                runs.append([])
            continue
        if runs and runs[-1]:
            gap = doc[runs[-1][-1][2] + 1 : span[1]]
            if (
                0 < len(gap) <= _LIST_GAP
                and any(t.lower_ in _LIST_JOINS for t in gap)
                and not any(
                    t.pos_ in {"VERB", "AUX"}
                    or (t.pos_ == "ADP" and t.lower_ != "of" and not _as_well_as(t))
                    for t in gap
                )
            ):
                runs[-1].append(span)
                continue
        runs.append([span])
    wanted = {t.i for t in members}
    out: list[Any] = []
    for run in runs:
        if len(run) > 1 and any(a <= i <= b for _, a, b in run for i in wanted):
            out.extend(
                doc[b]
                for _, a, b in run
                if b not in describers and not any(a <= i <= b for i in wanted)
            )
    return out


def _sidelines_of(tok: Any) -> list[Any]:
    """The gatherings on whose sidelines a word's phrase tells it ("met X on the sidelines
    of the forum")."""
    return [o for g in _sidelines(tok) for o in _of_objects(g)]


def _as_well_as(tok: Any) -> bool:
    """One of the "as"es of "as well as", a list's join ("Felipe VI, as well as the
    presidents of Argentina, A, and Ecuador, B")."""
    doc = tok.doc
    words = [t.lower_ for t in doc[max(tok.i - 2, 0) : tok.i + 3]]
    return tok.lower_ == "as" and any(
        words[k : k + 3] == ["as", "well", "as"] for k in range(len(words) - 2)
    )


def _examples(head: Any) -> list[Any]:
    """The "including", "like" and "such as" phrases of a noun phrase, also those hung on
    a word inside it ("lawmakers from several parties such as A and B"), not inside a
    clause of its own."""
    out = []
    todo = [head]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ == "prep" and (
                c.lower_ in {"including", "like"}
                or (c.lower_ == "as" and any(g.lower_ == "such" for g in c.children))
            ):
                out.append(c)  # ("including" is often tagged a verb)
            elif c.dep_ in {"prep", "pobj"} and c.pos_ not in {"VERB", "AUX"}:
                todo.append(c)
    return out


def _colon_after(verb: Any, group: Any) -> Any | None:
    """The first colon of the sentence after the group subject (one glued to a bracket,
    "(AfDB):", too)."""
    return next((t for t in verb.sent if t.text.endswith(":") and t.i > group.i), None)


def _after_colon(verb: Any, group: Any) -> list[Any]:
    """The nominals a colon after a clause opens, hung on its verb or its group subject."""
    colon = _colon_after(verb, group)
    if colon is None:
        return []
    at = colon.i
    return [
        c
        for c in (*verb.children, *group.children)
        if c.i > at and c.dep_ in {"nsubj", "attr", "appos", "dobj", "npadvmod", "dep"}
    ]


def _names_after_colon(verb: Any, group: Any, token_pid: dict[int, str]) -> list[Any]:
    """'Three other heads of state are there ...: A, B and C': the names of a list that
    ends the sentence after its colon (no verb in it), however the parser hung them."""
    colon = _colon_after(verb, group)
    if colon is None:
        return []
    tail = verb.doc[colon.i + 1 : verb.sent.end]
    if any(t.pos_ in {"VERB", "AUX"} for t in tail):
        return []
    out: list[Any] = []
    seen: set[str] = set()
    for t in tail:
        pid = token_pid.get(t.i)
        if pid is not None and pid not in seen:
            seen.add(pid)
            out.append(t)
    return out if len(out) >= 2 else []


# gatherings held for someone: "the funeral of X" is no trip of X's
_HONOURING = frozenset(
    {"funeral", "burial", "memorial", "inauguration", "swearing", "coronation", "wedding"}
)


def _name_after_title(title: Any, ctx: _Context) -> Any | None:
    """The name a title that is no person's token opens, written right after it ("by
    Foreign Minister A" with "Minister" read as the agent and "A" hung elsewhere): the
    last token of the name that starts at the next word."""
    pids = ctx.people.token_pid
    if title.i in pids or title.pos_ not in {"NOUN", "PROPN"}:
        return None
    nxt = title.i + 1
    if nxt >= len(title.doc) or nxt not in pids:
        return None
    end = nxt
    while end + 1 < len(title.doc) and pids.get(end + 1) == pids[nxt]:
        end += 1
    return title.doc[end]


def _title_holder(role: Any) -> list[Any]:
    """The name that closes a role's "of"/"for" phrase, read there by the parser: the
    last proper noun of the chain, when it ends the role's phrase ("the head of the
    president's office Yermak"), not a title's object ("the wife of President X" holds no
    role word)."""
    node = role
    for _ in range(4):
        preps = [c for c in node.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}]
        objs = [g for p in preps for g in p.children if g.dep_ == "pobj"]
        if not objs:
            return []
        node = objs[-1]
        if node.pos_ == "PROPN" and (
            node.i == role.right_edge.i
            or any(c.dep_ == "conj" for c in node.children)
            # ("the head of the office A, the head of the ministry B, ...": the name is
            # set off from the next item of a list)
            or (
                node.i + 1 < len(node.doc)
                and node.doc[node.i + 1].text == ","
                and any(c.dep_ == "appos" for c in node.children)
            )
        ):
            return [node]
    return []


# words for some of a group's people: "members of the delegation", "others in the party"
_SHARES = frozenset({"member", "other", "some", "those", "many", "several", "part"})


def _share_of(subj: Any, collectives: frozenset[str]) -> Any | None:
    """The group a subject takes some of its people from: "Members of the delegation",
    "Others in the party", "Some of the team"; None otherwise."""
    if subj.lemma_.lower() not in _SHARES and subj.lower_ not in _SHARES:
        return None
    return next(
        (
            g
            for p in subj.children
            if p.dep_ == "prep" and p.lower_ in {"of", "in", "on", "with", "among"}
            for g in p.children
            if g.dep_ == "pobj" and g.lemma_.lower() in collectives
        ),
        None,
    )


def _group_above(tok: Any, collectives: frozenset[str]) -> Any | None:
    """The group noun a participle ("including X") hangs from, through at most four
    heads ("the team, led by X and including Y")."""
    node = tok
    for _ in range(4):
        if node.head is node:
            return None
        node = node.head
        if node.pos_ in {"NOUN", "PROPN"} and node.lemma_.lower() in collectives:
            return node
    return None


def _names_own_place(group: Any, ctx: _Context) -> bool:
    """True when a group phrase says where the group went ("the delegation to the US",
    "the team in Doha", "Ruto's US state visit"); a place before a group noun says where
    the group is from ("the Beijing group", "the Russian delegation")."""
    trip_noun = group.lemma_.lower() not in ctx.finder.vocab.collectives
    return any(
        ctx.place_at(t.i) is not None
        for c in group.children
        if (c.dep_ == "prep" and c.lower_ in {"to", "in", "at", "into"})
        or (trip_noun and c.dep_ in {"compound", "nmod"})
        for t in c.subtree
    )
