"""The status pass: occurred, reported, planned, cancelled or denied, from the words that
govern a predicate (``lists/extract/status_cues.tsv``), its source, and any exemption."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from travelban.extract.events.base import PassBase
from travelban.extract.events.merge import _STATUS_RANK, _source_name
from travelban.extract.events.syntax import (
    _GIVING,
    _LEAVE_NOUNS,
    _NEGATORS,
    _REQUEST_NOUNS,
    _clean,
    _forms,
    _infinitive,
    _leave_receiver,
    _np,
    _status_chain,
    _subject,
)
from travelban.extract.vocab import Trigger
from travelban.models import DateRange, EventStatus

if TYPE_CHECKING:
    from travelban.extract.events.context import _Context
    from travelban.extract.events.merge import _Raw


# asking leave to travel ("asked to travel to Doha", "applied to go to Mecca"): only the
# travel verb these govern directly is a plan ("asked the committee for permission, and
# the committee granted an exemption for his visit" is no plan of the visit)
_ASKING = frozenset({"ask", "request", "apply", "petition"})


# asking for leave: a request refused is a trip not made ("rejected a request ... so he
# could visit Moscow"), not the denial of a trip made
_REQUESTS = _REQUEST_NOUNS | {"appeal"}
# verbs that ask for a trip ("asked the committee to let X travel"): a plan, in their own
# clause only
_ASKING = frozenset({"ask", "request"})
# verbs that withhold leave ("denied him a visa"); giving verbs withhold it when negated
_WITHHOLD = frozenset({"deny", "refuse", "reject", "revoke", "withhold", "cancel", "decline"})
_GIVE = _GIVING | {"approve"}


def _withheld(verb: Any) -> bool:
    """True for a verb that refuses leave: "denied", "revoked", "would not give"."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = verb.lemma_.lower()
    negated = any(c.dep_ == "neg" for c in verb.children)
    if lemma == "turn" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return not negated  # "turned down a request for X to travel"
    return (lemma in _WITHHOLD and not negated) or (lemma in _GIVE and negated)


def _purpose_of(verb: Any, node: Any, finder: Any) -> bool:
    """'may travel to Saudi Arabia to perform the Hajj': the purpose of a journey shares
    the journey's "may" or "will" (the Hajj is as planned as the travel)."""
    return (
        verb is not None
        and verb.head.i == node.i
        and verb.i != node.i
        and verb.dep_ in {"advcl", "xcomp"}
        and _infinitive(verb)
        and finder._trigger(node) is not None
    )


class Status(PassBase):
    """The status pass of :class:`EventFinder` (its methods run on the finder)."""

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

    def _refused(self, request: Any, si: int, ctx: _Context, so_far: list[_Raw]) -> None:
        """'The committee turned down the request': the trip asked for just before did not
        happen (its status becomes cancelled, with this sentence as evidence). A request
        that names whose it was ("the request for a second official, X, was turned down",
        "X's application") is that person's: another's permitted trip stays, and X's own
        trip to the same place, asked for and refused, is recorded as not made."""
        owners = list(
            dict.fromkeys(
                p
                for t in request.subtree
                if t.i != request.i
                and t.pos_ == "PROPN"  # a name: "her request" leaves the trip to the rule
                and (p := ctx.people.token_pid.get(t.i)) is not None
            )
        )
        recent = [r for r in reversed(so_far) if si - 2 <= r.sentence <= si]
        for r in recent:
            if r.status is not EventStatus.PLANNED or (owners and r.pid not in owners):
                continue
            r.status = EventStatus.CANCELLED
            r.evidence[si] = _clean(ctx.sents[si].text)
            return
        # the trip others were let make ("X may travel to Z ...; the request for Y was
        # turned down"): Y asked for the same trip
        allowed = [r for r in recent if r.dest is not None and r.status is EventStatus.PLANNED]
        leg = next((r for r in allowed if r.when.start is not None), None) or next(
            iter(allowed), None
        )
        if leg is None:
            return
        for pid in owners:
            if pid != leg.pid:
                so_far.append(
                    replace(
                        leg,
                        pid=pid,
                        name=ctx.name_of(pid),
                        status=EventStatus.CANCELLED,
                        exemption="",
                        sentence=si,
                        evidence={si: _clean(ctx.sents[si].text)},
                        sentences=[si],
                        joined=True,
                    )
                )

    # ------------------------------------------------------------ status

    def _status(
        self, tok: Any, trig: Trigger, ctx: _Context, when: DateRange
    ) -> tuple[EventStatus, str]:
        found: set[EventStatus] = set()
        withheld = False
        denier: str | None = None
        chain = _status_chain(tok)
        gov = None
        if trig.pos == "noun":
            for anc in tok.ancestors:
                if anc.pos_ in {"VERB", "AUX"}:
                    gov = anc
                    break
        for k, node in enumerate(chain):
            lemma = node.lemma_.lower()
            if (
                k
                and (
                    chain[k - 1].lemma_.lower() in _LEAVE_NOUNS | _REQUESTS
                    or (_infinitive(chain[k - 1]) and _leave_receiver(node) is not None)
                    or any(  # "rejected a request ... so he could visit Moscow"
                        c.dep_ in {"dobj", "obj", "nsubjpass"}
                        and c.lemma_.lower() in _REQUESTS | _LEAVE_NOUNS
                        for c in node.children
                    )
                )
                and _withheld(node)
            ):
                # "refused him a visa to travel", "would not give him a visa", "his visa
                # was revoked": leave refused, a trip not made (never a denial of one made)
                found.add(EventStatus.CANCELLED)
                withheld = True
                continue
            st = self.planned_gov.get(lemma)
            if st is None:
                for form in _forms(node):  # the lemmatizer turns "hoped" into "hop"
                    st = self.planned_gov.get(form)
                    if st is not None:
                        break
            if (
                lemma in {"seek", "ask", "request", "apply"}
                and node.i in {tok.head.i, tok.head.head.i}
                and tok.lemma_.lower() in _SOUGHT_WHERE_ONE_IS
            ):
                # "sought refuge in Oman", "asked for asylum in Sweden": there already
                st = None
            if (
                st is EventStatus.PLANNED
                and lemma in _ASKING
                and any(c.dep_ not in {"xcomp", "ccomp"} for c in chain[:k])
            ):
                # only the trip asked for ("asked the committee to let X travel"), not one
                # told beside it ("asked reporters to leave after he arrived in Doha")
                st = None
            if st is not None and node.i != tok.i and st is not EventStatus.REPORTED:
                found.add(st)
                if st is EventStatus.DENIED and denier is None:
                    who = _subject(node)  # "the ministry rejected reports that X visited"
                    if who is not None and who.pos_ in {"NOUN", "PROPN"}:
                        denier = _np(tok.doc, who)
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
                        or _among_copula(node)  # "X will be among the leaders attending"
                        or _purpose_of(tok if trig.pos == "verb" else gov, node, self)
                    )
                    and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in node.children)
                ):
                    found.add(self.aux[ch.lower_])  # "may travel", not "may have travelled"
                if (
                    ch.dep_ == "aux"
                    and ch.lower_ == "would"
                    and trig.kind != "presence"  # ("said he would stay": the stay goes on)
                    and node.i == tok.i
                    and tok.dep_ == "ccomp"
                    and tok.head.lemma_.lower() in self.reporting
                    and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in node.children)
                ):
                    found.add(EventStatus.PLANNED)  # "said he would attend": his plan then
        if trig.plans:
            found.add(EventStatus.PLANNED)  # "Erdogan has invited X to Ankara"
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _ASKING:
            found.add(EventStatus.PLANNED)  # "asked to travel to Doha": leave, not a trip
        if tok.dep_ == "acl" and tok.head.lemma_.lower() == "invitation":
            found.add(EventStatus.PLANNED)  # "accepted an invitation to visit Beijing"
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
            else (
                gov
                if gov is not None
                and (
                    tok.dep_ in {"dobj", "obj"}
                    # "did not represent Iran at the funeral": the scene of a negated act
                    or (
                        tok.dep_ == "pobj"
                        and tok.head.head.i == gov.i
                        and tok.head.lower_ in {"at", "in"}
                        and gov.lemma_ != "be"
                    )
                )
                else None
            )
        )
        if neg_holder is not None and any(
            c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in self.negation)
            for c in neg_holder.children
        ):
            # "he will not return", "would not travel": an intention, not the denial of
            # a trip that was reported
            future = any(
                c.dep_ == "aux" and c.lower_ in {"will", "wo", "would", "shall", "'ll"}
                for c in neg_holder.children
            )
            found.add(EventStatus.CANCELLED if future else EventStatus.DENIED)
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
        if withheld:
            found.discard(EventStatus.DENIED)
            found.discard(EventStatus.REPORTED)
        status = max(found, key=lambda s: _STATUS_RANK[s]) if found else EventStatus.OCCURRED
        if status is EventStatus.DENIED and denier:
            source = _source_name(denier)  # who denied it, not who reported it
        return status, source or ""

    def _source(self, tok: Any, ctx: _Context) -> str | None:
        """Who the sentence attributes the event to, or None when the text asserts it itself."""
        sent = tok.sent
        ancestors = {a.i for a in tok.ancestors}
        # the few words that can attribute anything, found once per sentence (a sentence of
        # hundreds of clauses would otherwise be read once per travel word in it)
        key = ("source-words", sent.start)
        cues = ctx.cache.get(key)
        if cues is None:
            cues = [
                t
                for t in sent
                if t.lower_ == "according"
                or t.lower_ in self.adverbs
                or (t.lemma_.lower() in self.reporting and t.pos_ in {"VERB", "AUX"})
            ]
            ctx.cache[key] = cues
        for t in cues:
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
        for t in cues:
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
        key = ("exemption", si)
        if key not in ctx.cache:  # once per sentence, however many travel words it holds
            text = ctx.sents[si].text
            ctx.cache[key] = _clean(text) if self._has_exemption_cue(text) else ""
        found: str = ctx.cache[key]
        return found

    def _has_exemption_cue(self, text: str) -> bool:
        """True when the sentence mentions an exemption, waiver or permission that was given
        ("without any exemption", "not authorised" do not count)."""
        low = text.lower()
        for cue in self.vocab.exemption_cues:
            for m in re.finditer(r"\b" + re.escape(cue) + r"s?\b", low):  # "exemptions"
                before = low[max(0, m.start() - 40) : m.start()].split()[-4:]
                # "the waiver did not come through", "permission was never granted"
                after = re.split(r"[,;.]", low[m.end() : m.end() + 40])[0].split()[:4]
                if not (set(before) | set(after)) & _NEGATORS:
                    return True
        return False


def _among_copula(node: Any) -> bool:
    """'will be among the leaders attending ...': the copula whose subjects are travellers."""
    return node.lemma_ == "be" and any(
        c.dep_ == "prep" and c.lower_ == "among" for c in node.children
    )


# what one seeks where one already is ("sought refuge in Oman")
_SOUGHT_WHERE_ONE_IS = frozenset({"refuge", "asylum", "shelter", "sanctuary", "treatment", "care"})
