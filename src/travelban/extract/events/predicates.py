"""The predicate pass: which words are travel or presence predicates (verbal and nominal),
from the lexicon in ``lists/extract/triggers.tsv``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from travelban.extract.events.base import PassBase
from travelban.extract.vocab import Trigger

if TYPE_CHECKING:
    pass

_CAPTION_TRIGGER = Trigger("caption", "verb", "presence", needs_place=True)
# a member of a group whose phrase names its place ("part of the delegation to the US")
_GROUP_TRIGGER = Trigger("group", "noun", "visit", needs_place=True)
# "Taliban's Qatar-based spokesman X", "the Doha-based Hamas leader X": where one lives
_BASED_TRIGGER = Trigger("based", "verb", "presence", needs_place=True)
# "Ri accompanied Kim to Vladivostok": both went where the verb's own phrase says
_ACCOMPANY_TRIGGER = Trigger("accompany", "verb", "visit", needs_place=True)
# "the activist, now in Vilnius", "X, still in Dubai, said": the one it is said of is there
_NOW_TRIGGER = Trigger("now", "verb", "presence", needs_place=True)
# "fell ill while in Paris", "was kidnapped while in Nairobi": the clause's subject was there
_WHILE_TRIGGER = Trigger("while", "verb", "presence", needs_place=True)
# "Those present were A, B and C", "Present at the talks were A and B": each attended
_PRESENT_TRIGGER = Trigger("present", "verb", "attendance")
# "hosted visiting Malaysian Prime Minister X", "the visiting leader": X is on a visit where
# the clause takes place (else where the story is told from)
_VISITING_TRIGGER = Trigger("visiting", "verb", "visit")


def _particle(verb: Any, word: str) -> bool:
    """The verb carries the particle ``word`` ("turned up", "set off")."""
    return any(
        c.lower_ == word and (c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1))
        for c in verb.children
    )  # ("brought together": the adverb right after the verb reads as its particle)


def _marked_place(tok: Any, marks: frozenset[str]) -> bool:
    """An "in"/"at" phrase opened by one of ``marks`` ("while in", "now in"), the mark read
    by the parser as the phrase's own or as its head's modifier."""
    if tok.pos_ != "ADP" or tok.lower_ not in {"in", "at", "inside"} or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return before.lower_ in marks and before.head.i in {tok.i, tok.head.i}


def _while_in(tok: Any) -> bool:
    """'while in Nairobi', 'when at the summit': a verbless clause of place on a verb."""
    return (
        tok.dep_ in {"advcl", "prep"}
        and tok.head.pos_ in {"VERB", "AUX"}
        and _marked_place(tok, frozenset({"while", "when"}))
    )


class Predicates(PassBase):
    """The predicates pass of :class:`EventFinder` (its methods run on the finder)."""

    def _trigger(self, tok: Any) -> Trigger | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"}:
            trig = self.vocab.verbs.get(lemma)
            if trig is None or lemma in self.vocab.adjectives:
                return None  # (an adjective's row: "presented a plan" is no "present at")
            if (lemma == "be" and tok.dep_ == "aux") or tok.dep_ == "auxpass":
                return None
            if trig.agent_only and not _agent_or_scene(tok):
                return None
            if trig.particle and not _particle(tok, trig.particle):
                return None  # "turned up in Dubai", not "turned to Moscow for help"
            if trig.not_before and any(
                c.dep_ == "prep" and c.lower_ == trig.not_before and c.i == tok.i + 1
                for c in tok.children
            ):
                return None  # "needs to attend to matters in Fiji": not attendance
            return trig
        if tok.pos_ in {"NOUN", "PROPN"}:
            return self.vocab.nouns.get(lemma) or self.vocab.nouns.get(tok.lower_)
        if tok.pos_ == "ADJ" and tok.dep_ == "acomp" and lemma in self.vocab.adjectives:
            return self.vocab.verbs[lemma]  # "is due in Riyadh"
        return None

    def _visiting(self, tok: Any) -> Any | None:
        """The one 'visiting' describes as on a visit ("visiting Malaysian Prime Minister
        X", "the visiting leader"; also the parser's "hosted (while) visiting X" with a host
        verb: the one said to be visiting is the guest), or None."""
        if tok.lower_ != "visiting":
            return None
        if tok.dep_ == "xcomp":
            host = self._trigger(tok.head)
            if host is None or not host.host:
                return None
            return next(
                (c for c in tok.children if c.dep_ in {"dobj", "obj"} and c.pos_ == "PROPN"),
                None,
            )
        if tok.dep_ not in {"amod", "compound"}:
            return None
        head = tok.head
        while head.dep_ in {"compound", "flat"} and head.head.i > head.i:
            head = head.head  # "visiting Malaysian Prime Minister X": the name the title opens
        return head if head.pos_ in {"NOUN", "PROPN"} else None

    def _travel_word(self, tok: Any) -> bool:
        """A word that tells a trip, not mere presence ("arrived", "visit", not "is")."""
        trig = self._trigger(tok)
        return trig is not None and trig.kind != "presence"


def _agent_or_scene(tok: Any) -> bool:
    """'represented in Brazil by X' (the agent), or the active 'X represented India at the
    funeral in Hanoi' (a scene phrase), or a summit's 'Also representing their countries
    were A and B' (the inverted participle); not 'X represents the district'."""
    if any(c.dep_ == "agent" for c in tok.children):
        return True
    if tok.tag_ == "VBG" and tok.dep_ == "csubj" and tok.head.lemma_ == "be":
        return True
    return not any(c.dep_ == "nsubjpass" for c in tok.children) and any(
        c.dep_ == "prep" and c.lower_ == "at" for c in tok.children
    )


def _now_in(tok: Any) -> bool:
    """'now in Vilnius', 'currently in Dubai', 'still in exile in London': where someone is."""
    return _marked_place(tok, frozenset({"now", "currently", "still"}))
