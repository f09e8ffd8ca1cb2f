"""Per-article lookups shared by the passes: sentences, places and dates by token,
captions, headlines, quotes, the dateline, and coreference (who a token stands for)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from travelban.extract.dates import DateHit
from travelban.extract.events.syntax import (
    _GATHERINGS,
    _MOTION_KINDS,
    _SUBJ,
    _clean,
    _collective,
    _country_topic,
    _definite,
    _inside_any,
    _np,
    _of_a_role,
    _of_objects,
    _paragraph,
    _relcl_antecedent,
    _subject,
)
from travelban.extract.people import People, closing_name
from travelban.models import Article, DateRange, EventStatus, Place

# how far back a definite group word looks for the group it stands for
_GROUP_BEFORE = 4

if TYPE_CHECKING:
    from travelban.extract.events.finder import EventFinder
    from travelban.extract.events.merge import _Raw

_CAPTION = re.compile(
    r"(?i)\b(?:picture|photo|photograph|image)\s+taken\b"
    r"|^\s*(?:photo|picture|caption|file photo)\s*:"
    r"|\((?:L|R|C|left|right|centre|center)\)"
)
_CAPTION_DATE = re.compile(r"(?i)\b(?:picture|photo|photograph|image)\s+taken\s+(?:on\s+)?")
_QUOTES = re.compile(r"“[^”]{3,}”|\"[^\"\n]{3,}\"")


# how many sentences on a group told without names may be named ("Six suspects were
# arrested ... The suspects, identified as A, B and C, ...")
_NAMED_LATER = 4
# what follows a dateline's place: ", South Korea (AP) _", " (INA) –", " —", ", Nov 18"
_DATELINE_TAIL = re.compile(
    r"(?:[ -][A-Z][A-Z'’-]+){0,3}"  # "MAKKAH AL-MUKARRAMAH"
    r"(?:\s*,\s*[^\n,()—–]{1,30}?)?"  # ", South Korea"
    r"(?:\s*,?\s*[(\[][^()\[\]\n]{1,80}[)\]]\s*(?:—|–|--|-|_|:)?\s"  # " (AP) _", " (APP - ...)"
    r"|\s*(?:—|–|--|-|_|:)\s"  # " — "
    r"|,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"  # ", Nov 18"
)
# arrivals and visits with no place of their own end in the dateline's city
_DATELINE_KINDS = frozenset({"arrival", "visit", "attendance", "meeting"})
_NOT_MADE = frozenset({EventStatus.CANCELLED, EventStatus.DENIED})


class GazetteerLike(Protocol):
    def lookup(self, name: str) -> Place | None: ...

    def demonym(self, word: str) -> str | None: ...


# ---------------------------------------------------------------- article context


# nouns a nationality word makes into a place ("the Turkish port city", "the Gulf kingdom")
_DESCRIBED_PLACES = frozenset(
    {"city", "town", "village", "port", "kingdom", "emirate", "monarchy", "enclave", "island"}
)
_GULF = frozenset({"SA", "AE", "QA", "KW", "BH", "OM"})


# mentions that write a person's name (not "description", "pronoun")
_NAME_KINDS = frozenset({"name", "surname", "titled", "alias"})


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
        self.text: str = doc.text
        self.cache: dict[tuple[str, int], Any] = {}  # per-sentence results of the passes
        self._gatherings: list[tuple[int, str, Place]] | None = None
        # nouns a later definite mention refers back to with their place: gatherings ("the
        # summit") and facilities ("the airport": the one named before, with its city)
        self.mentioned_places: frozenset[str] = _GATHERINGS | finder.vocab.facility_nouns
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
            # ("to Côte d’Ivoire" parsed as two phrases: the one a preposition governs
            # is the place's root)
            root = next(
                (t for t in span if t.dep_ == "pobj" and not span.start <= t.head.i < span.end),
                span.root,
            )
            for t in span:
                self._place_tok.setdefault(t.i, p)
                self._place_root.setdefault(t.i, root.i)
        self._capitals()
        self.dateline = self._dateline(places)
        text = self.text
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

    @cached_property
    def main_country(self) -> str | None:
        """The article's most named country, its places complete (read only where a
        host's country must agree with where the story is told)."""
        return self._home_country()

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

    def _described(self, tok: Any) -> bool:
        """'the Turkish port city', 'the Emirati city', 'the Gulf kingdom': a place noun a
        nationality word places in its country (a Gulf word: the Gulf country named last).
        True when the noun became a place."""
        if any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.i in self._place_tok for g in c.subtree)
            for c in tok.children
        ):
            return False  # "the Turkish port city of Izmir": Izmir is the place
        mods = [c for c in tok.children if c.dep_ in {"amod", "compound"}]
        iso = None
        for m in mods:
            if m.text == "Gulf":
                before = self.recent_country(tok)
                iso = before.country if before is not None and before.country in _GULF else None
                break
            if tok.lower_ not in _DESCRIBED_PLACES:
                continue  # "the Iranian state" is its government; "the Gulf state" a place
            iso = self.finder.gazetteer.demonym(m.text) if m.pos_ in {"ADJ", "PROPN"} else None
            if iso:
                break
        if not iso:
            return False
        span = self.doc[tok.left_edge.i : tok.i + 1]
        place = Place(
            name=_clean(span.text),
            country=iso,
            kind="city" if tok.lower_ in {"city", "town", "port", "village"} else "country",
            how=f"{tok.lower_} described as {mods[0].text}",
            start=span[0].idx,
            end=tok.idx + len(tok.text),
        )
        for t in span:
            self._place_tok[t.i] = place
            self._place_root[t.i] = tok.i
        return True

    def _capitals(self) -> None:
        """'the Russian capital' -> a place in Russia; a bare 'the capital' is the capital of
        the article's own country; 'in Nigerian custody' -> held in Nigeria."""
        home = self._home_country()
        for tok in self.doc:
            low = tok.lower_
            held = tok.lemma_.lower() in self.finder.vocab.custody_nouns
            if tok.i in self._place_tok:
                continue
            if (
                (low in _DESCRIBED_PLACES or low in {"state", "nation", "country"})
                and tok.dep_ in {"pobj", "dobj", "appos", "attr", "nsubj", "nsubjpass"}
                and self._described(tok)
            ):
                continue
            if low != "capital" and not held:
                continue
            mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "poss"}]
            if any(c.dep_ == "appos" and c.i in self._place_tok for c in tok.children):
                continue  # "in the capital Ankara": the apposition names it
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
                # "the North Korean capital": the modifier with its own modifiers first
                whole = self.doc[m.left_edge.i : m.i + 1].text if m.left_edge.i < m.i else ""
                iso = (whole and self.finder.gazetteer.demonym(whole)) or (
                    self.finder.gazetteer.demonym(m.text)
                )
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

    def recent_country(self, tok: Any) -> Place | None:
        """The country named nearest before a token in its sentence or the one before, by
        a place or a nationality word ("Iraqi Prime Minister ... this Arab country")."""
        start = self.doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else 0
        for i in range(tok.i - 1, start - 1, -1):
            t = self.doc[i]
            if self.in_credit(t.idx, t.idx + 1):
                continue
            place = self.place_at(i)
            if place is not None and place.country:
                if i == tok.sent.start:
                    continue  # a dateline opening the sentence ("TEHRAN - ...")
                return place
            if t.pos_ in {"ADJ", "PROPN"} and (code := self.finder.gazetteer.demonym(t.text)):
                return self.country_place(code, t.text)
        return None

    def recent_place(self, before: int) -> Place | None:
        """The most recent destination-like place before a character offset ('there')."""
        best: Place | None = None
        for i, p in self._place_tok.items():
            tok = self.doc[i]
            if tok.idx >= before or tok.dep_ == "poss" or self.in_credit(tok.idx, tok.idx + 1):
                continue
            root = self.doc[self.place_root(i)]
            if (
                root.dep_ == "compound"
                and root.head.pos_ == "NOUN"
                and root.head.lemma_.lower() not in self.mentioned_places
            ):
                continue  # "since the 2023 Gaza war": a war, not a place anyone is in
            if best is None or p.start > best.start:
                best = p
        return best

    def trip_place_before(self, tok: Any, sentences: int) -> Place | None:
        """The last place, in the ``sentences`` before ``tok``'s own, that a travel or
        meeting predicate governs ("Leaders met in Abuja", "converged on Abuja"); not a
        place that only qualifies a noun ("a summit on the coup in Niger")."""
        si = self.sent_of(tok)
        lo, hi = self.sents[max(0, si - sentences)].start, self.sents[si].start
        best: Place | None = None
        for i, p in self._place_tok.items():
            if not lo <= i < hi:
                continue
            head = self.doc[i].head
            if head.pos_ == "ADP":
                if head.lower_ in {"from", "out"}:
                    continue  # where a trip began
                head = head.head
            if head.pos_ not in {"VERB", "AUX"}:
                continue
            trig = self.finder._trigger(head)
            if trig is None or trig.leaves or trig.kind == "departure":
                continue  # ("departed Abuja": where the story's trip began)
            if best is None or p.start > best.start:
                best = p
        return best

    def context_destination(
        self,
        pid: str | None,
        so_far: list[_Raw],
        caption: bool,
        kind: str = "",
        current: bool = False,
    ) -> Place | None:
        """Where an undirected 'visited' went: the same person's last trip, else the headline's.
        ``current`` ("his current visit", "this trip"): the person's trip dated nearest the
        publication, whatever background trips were told since."""
        mine = [
            r
            for r in reversed(so_far)
            if r.pid == pid
            and r.dest is not None
            and not r.caption
            and not caption
            and r.kind != "departure"  # where a journey began is not where it went
            and r.status not in _NOT_MADE  # "he will not return to Congo" went nowhere
        ]
        if current and mine:
            dated = [r for r in mine if r.when.end is not None]
            if dated:
                return max(dated, key=lambda r: r.when.end or date.min).dest
            return mine[-1].dest  # the first told
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
        if any(r.pid == pid and r.kind == "departure" for r in so_far):
            # "ISLAMABAD - X departed to Saudi Arabia ... his first foreign visit": the
            # dateline is where he left from, not where he went
            return None
        return self.dateline if kind in _DATELINE_KINDS else None

    def recent_group(self, tok: Any) -> list[tuple[str | None, str]]:
        """The people a plural 'they' stands for: the last list of two or more named people
        (conjuncts or appositions of one phrase) in this sentence or the two before."""
        si = self.sent_of(tok)
        lo = self.sents[max(0, si - 2)].start
        best: list[str] = []
        for t in self.doc[lo : tok.i]:
            pid = self.people.token_pid.get(t.i)
            if pid is None or t.dep_ not in {"conj", "appos"}:
                continue
            members: list[str] = []
            head = t.head
            for m in (head, *(c for c in head.subtree if c.dep_ in {"conj", "appos"})):
                p = self.people.token_pid.get(m.i)
                if p is not None and p not in members:
                    members.append(p)
            if len(members) >= 2:
                best = members
        return [(p, self.name_of(p)) for p in best]

    def recent_pair(self, tok: Any) -> list[tuple[str | None, str]]:
        """The two people 'the two leaders' or 'both men' stand for: the last two named
        people before it, in this sentence or the two before."""
        si = self.sent_of(tok)
        lo = self.sents[max(0, si - 2)].start
        last: list[str] = []
        for t in self.doc[lo : tok.i]:
            pid = self.people.token_pid.get(t.i)
            root = t
            while root.dep_ == "compound" and root.head.i != root.i:
                root = root.head
            if root.head.lemma_.lower() in self.finder.reporting | {"quote"}:
                continue  # "quoted spokesman X as saying the two leaders ...": the source
            if pid is not None:
                if pid in last:
                    last.remove(pid)
                last.append(pid)
        if len(last) < 2:
            return []
        return [(p, self.name_of(p)) for p in last[-2:]]

    def _listed_pids(self, heads: list[Any]) -> list[str]:
        """The people of the lists the heads open (themselves, their conjuncts and
        appositions at any depth), in order, each once."""
        pids: list[str] = []
        for a in heads:
            for m in (a, *(c for c in a.subtree if c.dep_ in {"conj", "appos"})):
                pid = self.people.token_pid.get(m.i)
                if pid is not None and pid not in pids:
                    pids.append(pid)
        return pids

    def group_told_before(self, tok: Any) -> list[tuple[str | None, str]]:
        """'A delegation led by X held talks ... The delegation arrived in Washington',
        '... during the delegation's visit': a definite group word stands for the group of
        that word told earlier (this sentence or the four before) with named people, its
        leader ('led by', 'headed by') or its members ('including', 'which included')."""
        if not _definite(tok) and not any(c.dep_ == "case" for c in tok.children):
            return []
        lemma = tok.lemma_.lower()
        namers = self.finder.vocab.namer_verbs
        si = self.sent_of(tok)
        lo = self.sents[max(0, si - _GROUP_BEFORE)].start
        found: list[str] = []
        for t in self.doc[lo : tok.i]:
            if t.lemma_.lower() != lemma or t.pos_ != "NOUN":
                continue
            named: list[Any] = []
            # ("a delegation of senior officials led by X": the parse hangs it on "officials")
            for c in (ch for n in (t, *_of_objects(t)) for ch in n.children):
                if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in namers:
                    for g in c.children:
                        if g.dep_ == "agent":
                            named += [o for o in g.children if o.dep_ == "pobj"]
                        elif g.dep_ in {"dobj", "obj"}:
                            named.append(g)
                elif c.dep_ == "prep" and c.lower_ == "including":
                    named += [o for o in c.children if o.dep_ == "pobj"]
            pids = self._listed_pids(named)
            if pids:
                found = pids  # the latest such group
        return [(p, self.name_of(p)) for p in found]

    def named_group_next(self, tok: Any) -> list[tuple[str | None, str]]:
        """'Police arrested three alleged gang leaders ... The three suspects - A, B and C -
        were ...': a plural group with no names, named in the next sentence by a definite
        plural phrase that the names stand beside."""
        if tok.tag_ not in {"NNS", "NNPS"} or not any(
            c.dep_ == "nummod" or c.lower_ in {"two", "three", "four", "five"} for c in tok.children
        ):
            return []
        si = self.sent_of(tok)
        for k, sent in enumerate(self.sents[si + 1 : si + 1 + _NAMED_LATER]):
            for t in sent:
                if t.tag_ not in {"NNS", "NNPS"} or not any(
                    c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in t.children
                ):
                    continue
                if k and t.lemma_.lower() != tok.lemma_.lower():
                    continue  # further on, only the same word: "Six suspects ... The suspects"
                # "The three suspects - A, B and C -", "The suspects, identified as A, B"
                lists = [c for c in t.children if c.dep_ == "appos"] + [
                    g
                    for c in t.children
                    if c.dep_ == "acl" and c.lemma_.lower() in {"identify", "name"}
                    for p in c.children
                    if p.dep_ == "prep" and p.lower_ == "as"
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
                pids = self._listed_pids(lists)
                if len(pids) >= 2:
                    return [(p, self.name_of(p)) for p in pids]
        return []

    def _gathering_mentions(self) -> list[tuple[int, str, Place]]:
        """(token, lemma, place) of every gathering or facility told with its place, built
        once per article."""
        if self._gatherings is None:
            self._gatherings = []
            pids = self.people.token_pid
            for t in self.doc:
                if t.lemma_.lower() not in self.mentioned_places or t.pos_ not in {"NOUN", "PROPN"}:
                    continue
                place = None
                verb = t.head if t.dep_ in _SUBJ else _subjectless_holding(t)
                if verb is None and _purpose_of(t):
                    verb = t.head.head  # "leaders gathered in Bangkok for the summit"
                # "The funeral was held in Tehran"; "held on 7 October in Baku", with the
                # place hung on the date
                kids = list(verb.children) if verb is not None else []
                heads = kids + [
                    g
                    for c in kids
                    if c.dep_ in {"prep", "npadvmod"}
                    for d in c.subtree
                    if d.ent_type_ == "DATE" and d.dep_ in {"pobj", "npadvmod"}
                    for g in d.children
                ]
                around = [
                    g
                    for c in heads
                    if c.dep_ == "prep" and c.lower_ in {"in", "at", "inside"}
                    for g in c.subtree
                ]
                # a venue ("Negotiations in Ankara") before a place that only qualifies the
                # gathering ("Somalia and Ethiopia Wrap Up Technical Negotiations in Ankara")
                candidates = sorted([*t.subtree, *around], key=lambda g: not _venue(g))
                for g in candidates:
                    p = self.place_at(g.i)
                    if p is None or not p.country or (g.i == t.i and p.kind != "landmark"):
                        continue  # "the UN General Assembly" is itself its place
                    root = self.doc[self.place_root(g.i)]
                    if _of_a_role(g, self.finder.vocab.roles) or _of_a_role(
                        root, self.finder.vocab.roles
                    ):
                        continue  # "a press conference with the U.S. ambassador"
                    if _topic_of(g, t):
                        continue  # "a summit focused on the coup in Niger": its subject
                    if root.dep_ in {"poss", "compound", "nmod"} and root.head.i in pids:
                        continue  # "meetings with Kuwait's Crown Prince X": whose, not where
                    if _country_topic(g, t, p, self.finder.vocab):
                        continue  # "a Ghana investment forum": its subject
                    if _party_of(g, t, p):
                        continue  # "talks with the United States", "Iran-US talks": a side
                    if self.dateline is not None and p.start == self.dateline.start:
                        continue  # "Pretoria - The AU summit opened in Addis Ababa"
                    place = p
                    break
                clause = next((a for a in t.ancestors if a.pos_ in {"VERB", "AUX"}), None)
                if place is not None and self._long_past(
                    [
                        *t.subtree,
                        *around,
                        *(
                            g
                            for c in (clause.children if clause is not None else ())
                            if c.dep_ in {"prep", "npadvmod"}
                            for g in c.subtree
                        ),
                    ]
                ):
                    # "since its 1st Summit in Cairo, Egypt, in 2000": an edition long
                    # past, not the gathering the story is about
                    place = None
                if place is not None:
                    self._gatherings.append((t.i, t.lemma_.lower(), place))
        return self._gatherings

    def _long_past(self, tokens: Sequence[Any]) -> bool:
        """A date among the tokens that ended more than a year before publication."""
        published = self.article.published
        if published is None or not tokens:
            return False
        lo = min(t.idx for t in tokens)
        hi = max(t.idx + len(t) for t in tokens)
        return any(
            d.range.end is not None and (published - d.range.end).days > 366
            for d in self.dates_in(lo, hi)
        )

    def gathering_place(self, tok: Any) -> Place | None:
        """Where an earlier mention of the same gathering took place: the nearest place in
        the subtree (or the compound) of a token with the same lemma before ``tok``
        ("The AU summit opened in the Ethiopian capital of Addis Ababa ... Kagame
        addressed the summit")."""
        if tok.lemma_.lower() in _SIDED and not _definite(tok):
            return None  # "talks with Macron": other talks than those told before
        near = self.sent_of(tok) - 3  # "the airport" means one named just before
        for i, lemma, place in reversed(self._gathering_mentions()):
            if i < tok.i and lemma == tok.lemma_.lower():
                if lemma not in _GATHERINGS and self.sent_of(self.doc[i]) < near:
                    return None
                return place
        lemma = tok.lemma_.lower()
        if lemma in _GATHERINGS and _definite(tok):
            # "X attended the summit ... The summit ... was held in Accra": told just after
            far = self.sent_of(tok) + 3
            for i, lem, place in self._gathering_mentions():
                if i > tok.i and lem == lemma:
                    return place if self.sent_of(self.doc[i]) <= far else None
        return None

    def own_gathering_place(self, tok: Any) -> Place | None:
        """Where the gathering ``tok`` names was held, told in its own phrase ("a summit that
        took place in Ankara")."""
        return next((place for i, _, place in self._gathering_mentions() if i == tok.i), None)

    def recent_gathering(self, tok: Any, sentences: int) -> Place | None:
        """The place of the last gathering told before ``tok`` in its sentence or the
        ``sentences`` before it ("The funeral was held in Tehran. X also arrived"); not a
        facility a verb acts on ("readiness to open a consulate in Erbil")."""
        lo = self.sents[max(0, self.sent_of(tok) - sentences)].start
        for i, lemma, place in reversed(self._gathering_mentions()):
            if lo <= i < tok.i:
                if lemma not in _GATHERINGS and self.doc[i].dep_ in {"dobj", "obj"}:
                    continue
                return place
        return None

    def story_gathering(self) -> Place | None:
        """Where the gathering the story opens with took place: a summit, session or
        assembly with its place in the headline or the first two sentences ("speeches at
        the annual session of the UN General Assembly began Tuesday")."""
        mentions = self._gathering_mentions()
        if not mentions or len(self.sents) == 0:
            return None
        lead_end = self.sents[min(2, len(self.sents) - 1)].end
        for i, _lemma, place in mentions:
            if i < lead_end:
                return place
        return None

    def _dateline(self, places: Sequence[Place]) -> Place | None:
        """The place a dateline opens the story with ("MAKKAH (INA) -", "Addis Ababa -",
        "SEOUL, South Korea (AP) _"): an arrival with no place of its own ends there."""
        text = self.text
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
        text = self.text
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
        if any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.tag_ in {"WDT", "WP"} for g in c.children)
            for c in tok.children
        ):
            return None  # "X, the movement, the leadership of which resides in Qatar"
        appositions = []
        todo = [tok]
        for _ in range(3):  # "The head of Korea, the DPRK, Kim Jong-un, arrived"
            todo = [c for t in todo for c in t.children if c.dep_ == "appos"]
            appositions.extend(todo)
        # "Hassan Sheikh, the president of Somalia, on Wednesday touched ...": the
        # apposition's head is the person
        holder = [
            t.head for t in (tok, *_relcl_antecedent(tok)) if t.dep_ == "appos" and t.head.i != t.i
        ]  # also "X, the minister's envoy who had travelled to Najaf"
        for t in (tok, *_relcl_antecedent(tok), *appositions, *holder):
            pid = self.people.token_pid.get(t.i)
            if pid is not None:
                return pid, self.name_of(pid)
            desc = self.people.unresolved.get(t.i)
            if desc is not None:
                return None, desc
            if _collective(t, self.finder.vocab.collectives):
                return self._member(t)
        closing = self._closing_name(tok)
        if closing is None and tok.dep_ in _SUBJ and self.place_at(tok.i) is not None:
            # "Tashkent, OCT 6: President of Uzbekistan X, ..., arrived": a dateline read
            # as the subject, the titled name hung on it as an apposition
            vocab = self.finder.vocab
            closing = next(
                (
                    pid
                    for a in appositions
                    if a.lower_ in vocab.roles or a.text in vocab.titles
                    if (pid := closing_name(a, self.people.token_pid)) is not None
                ),
                None,
            )
        if closing is not None:
            return closing, self.name_of(closing)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.finder.vocab.roles:
            # "The president of the Central African Republic, X, arrived": the parser hung
            # the name on the country; it still names the role the phrase heads
            for t in tok.subtree:
                if t.dep_ == "appos" and t.i > tok.i and t.i in self.people.token_pid:
                    pid = self.people.token_pid[t.i]
                    return pid, self.name_of(pid)
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
        # the name must be reached through "of" phrases or compounds, not sit inside a
        # clause ("the man who met Ivan Petrov"): the people pass's own rule
        return closing_name(tok, self.people.token_pid)

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
        hosted = tok.dep_ in {"dobj", "obj"} and (
            (trig := self.finder._trigger(tok.head)) is not None and trig.host
        )  # "X received a delegation from the US Congress in Abuja": the guests' trip
        if (
            tok.dep_ in _SUBJ
            or hosted
            or any(
                ch.dep_ == "relcl"
                and any(g.dep_ in _SUBJ and g.lower_ in {"which", "that"} for g in ch.children)
                for ch in tok.children
            )
        ):
            # "A delegation of the movement arrived in Moscow": the group's trip, its
            # members named later ("X is heading the delegation, other members are Y");
            # "Members of the delegation, which arrived in Hanoi, ...": the relative
            # clause's subject
            return None, tok.lemma_.lower()
        return None

    def foreign_to(self, pid: str | None, place: Place) -> bool:
        """True when the text gives the person a nationality other than the place's country."""
        p = self._persons.get(pid or "")
        nats = set(p.nationalities) if p is not None else set()
        return bool(nats) and place.country is not None and place.country not in nats

    def named_at(self, tok: Any) -> bool:
        """The token is part of a person's name as the text writes it (not a role or a
        description the text links to someone: "the Vice President of El Salvador")."""
        p = self._persons.get(self.people.token_pid.get(tok.i, ""))
        return p is not None and any(
            m.start <= tok.idx < m.end and m.kind in _NAME_KINDS for m in p.mentions
        )

    def host_country(self, pid: str, word: str) -> Place | None:
        """The country of a person as a host: the state they hold public office in, else
        their one nationality in the text (``word``: the text the place is said through)."""
        p = self._persons.get(pid)
        if p is None:
            return None
        code = p.office_country or (
            next(iter(p.nationalities)) if len(set(p.nationalities)) == 1 else None
        )
        return self.country_place(code, word) if code else None

    def holds_office(self, pid: str) -> bool:
        """The person holds a public office: the public-figures table says so, or a title
        names an office ("President", "Prime Minister")."""
        p = self._persons.get(pid)
        if p is None:
            return False
        offices = self.finder.vocab.office_words
        return bool(p.office_country) or any(
            w in offices for t in p.titles for w in t.lower().split()
        )

    def abroad_in(self, pid: str | None, place: Place) -> bool:
        """The text makes the person foreign to the place's country: another nationality,
        or public office held in another state."""
        p = self._persons.get(pid or "")
        if p is None or place.country is None:
            return False
        if p.office_country:
            return p.office_country != place.country
        return self.foreign_to(pid, place)

    def only_home(self, pid: str | None, place: Place) -> bool:
        """True when the text gives the person one nationality, the place's country's."""
        p = self._persons.get(pid or "")
        return (
            p is not None and place.country is not None and set(p.nationalities) == {place.country}
        )

    def home_to(self, pid: str | None, place: Place) -> bool:
        """True when the text makes the place's country one of the person's own."""
        p = self._persons.get(pid or "")
        return p is not None and place.country is not None and place.country in p.nationalities

    def own(self, pid: str | None, place: Place) -> bool:
        """The place is in the person's own country: a nationality the text gives, or the
        state whose public office they hold (the public-figures table)."""
        return self.home_to(pid, place) or self.serves_in(pid, place)

    def serves_in(self, pid: str | None, place: Place | None) -> bool:
        """True when the person is a public office holder of the place's country (from the
        public-figures table, not the text)."""
        p = self._persons.get(pid or "")
        return (
            p is not None
            and place is not None
            and bool(p.office_country)
            and place.country == p.office_country
        )

    def called(self, pid: str | None, word: str) -> bool:
        """The text gives the person a title or description holding ``word`` (a role
        lemma: "minister", "president")."""
        p = self._persons.get(pid or "")
        if p is None:
            return False
        word = word.lower()
        return any(
            w.lower().rstrip("s") == word or w.lower() == word
            for phrase in (*p.titles, *p.descriptions)
            for w in re.split(r"[\s-]+", phrase)
        )

    def name_of(self, pid: str) -> str:
        p = self._persons.get(pid)
        return p.name if p is not None else ""

    # quotes -------------------------------------------------------

    def quote_source(self, tok: Any) -> str | None:
        """The speaker of a quotation that contains the token ('“...,” Fars said')."""
        for qs, qe in self._quotes:
            if not qs <= tok.idx < qe:
                continue
            after = self.doc.char_span(qe, min(len(self.text), qe + 120), alignment_mode="contract")
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


# prepositions that open what a gathering is about, not where it is
_TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning", "against"})


# verbs that tell where a gathering met ("was held in", "opened in", "took place at")
_HOLDING = frozenset({"hold", "open", "convene", "take", "begin", "close"})


def _venue(tok: Any) -> bool:
    """The token stands in an "in" or "at" phrase ("in Ankara", "in Erbil's Pirmam
    district")."""
    node = tok
    for _ in range(3):
        if node.dep_ == "pobj":
            return node.head.lower_ in {"in", "at"}
        if node.dep_ not in {"poss", "compound", "nmod"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def _subjectless_holding(gathering: Any) -> Any | None:
    """'Hosted by X, the 12th Summit ... was held in Gabala', the summit misread as X's
    apposition: the sentence's holding verb left with no subject of its own is the
    gathering's, when the gathering is named before it."""
    return next(
        (
            v
            for v in gathering.sent
            if v.i > gathering.i
            and v.pos_ == "VERB"
            and v.lemma_.lower() in _HOLDING
            and v.dep_ not in {"acl", "xcomp"}  # ("readiness to open a consulate in Erbil")
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in v.children)
        ),
        None,
    )


def _purpose_of(gathering: Any) -> bool:
    """The gathering is what a trip or a meeting was for: 'gathered in Bangkok for the
    summit', 'arrived in Tianjin for the SCO summit' (the verb's place is the summit's)."""
    prep = gathering.head
    return (
        gathering.dep_ == "pobj"
        and prep.lower_ == "for"
        and prep.head.pos_ == "VERB"
        and prep.head.lemma_.lower() in _GATHERED
    )


# verbs whose place is that of the gathering they are for
_GATHERED = frozenset({"gather", "converge", "arrive", "land", "meet", "assemble", "travel"})


def _topic_of(place: Any, gathering: Any) -> bool:
    """``place`` belongs to what ``gathering`` is about: the path up to the gathering noun
    passes a topic preposition ("a summit on the war in Sudan", "a summit focused on the
    coup in Niger"), not a venue ("the summit in Abuja")."""
    node = place
    for _ in range(8):
        if node.i == gathering.i or node.head.i == node.i:
            return False
        if node.pos_ == "ADP" and node.lower_ in _TOPIC_PREPS:
            # (not a date's "on": "held on 7 October in Baku")
            return not any(c.dep_ == "pobj" and c.ent_type_ == "DATE" for c in node.children)
        node = node.head
    return False


# gatherings held between sides, whose "with", "between" or country modifiers name a side
_SIDED = frozenset({"talk", "talks", "negotiation", "negotiations", "discussion", "discussions"})
_SIDE_PREPS = frozenset({"with", "between", "against", "among"})


def _party_of(g: Any, gathering: Any, place: Place) -> bool:
    """The place names a side of talks, not where they are held: under "with" or "between"
    inside the gathering's phrase ("talks with Washington"), or a country modifying it
    ("the Iran-US talks"; "the Geneva talks" are held in Geneva)."""
    if gathering.lemma_.lower() not in _SIDED:
        return False
    node = g
    while node.i != gathering.i and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ in _SIDE_PREPS:
            return True
        node = node.head
    if node.i != gathering.i:
        return False
    return place.kind == "country" and g.dep_ in {"compound", "amod", "nmod"}
