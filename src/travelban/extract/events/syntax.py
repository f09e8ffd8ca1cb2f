"""Dependency-tree helpers shared by the passes: subjects, groups, lists, the people met,
companions, and the closed word sets the passes consult."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from travelban.extract.events.context import _Context
    from travelban.extract.vocab import Vocabulary
    from travelban.models import Place

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
    "under",  # "lived under Turkish protection in the capital of Ankara"
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
_SPACES = re.compile(r"\s+")
# what people travel on: "among those on the plane were X"
_CRAFT = frozenset({"plane", "flight", "aircraft", "jet", "helicopter", "board", "ship", "boat"})
# what carries people: "a train carrying X arrived in Beijing" is X's arrival
_CARRIERS = _CRAFT - {"board"} | {"train", "motorcade", "convoy", "car", "vehicle", "bus"}


def _carried(head: Any) -> list[Any]:
    """The people a carrier's participle names: 'a special train carrying X (and Y)'."""
    if head.lemma_.lower() not in _CARRIERS:
        return []
    return [
        o
        for c in head.children
        if c.dep_ == "acl" and c.lemma_.lower() in {"carry", "bring", "transport", "ferry"}
        for o in c.children
        if o.dep_ in {"dobj", "obj"}
    ]


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


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
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ == "PROPN":
            break  # "X, living in exile in Dubai, denied the charges": the stay is not denied
        node = node.head
        chain.append(node)
    return chain


def _place_noun(tok: Any, words: frozenset[str]) -> bool:
    """True for a noun in ``words`` (a place hangs from it: "the outskirts of X", "south of
    X"), by lemma or as written (the lemmatiser makes "outskirts" into "outskirt")."""
    return tok.lemma_.lower() in words or tok.lower_ in words


# nouns of leave to travel, whose infinitive's traveller is the one granted the leave
_LEAVE_NOUNS = frozenset(
    {"exemption", "permission", "waiver", "visa", "approval", "authorisation"}
    | {"authorization", "clearance", "leave", "right", "green light", "go-ahead"}
)


# verbs of leave whose object is the one let go: "exempted X from the ban for a visit to
# Y", "allowed X to travel"
_LEAVE_VERBS = frozenset(
    {"exempt", "allow", "permit", "authorise", "authorize", "clear", "let", "waive"}
)


def _for_subject(verb: Any) -> Any | None:
    """The subject of a "for X to travel" infinitive ("a request for X to travel to
    Moscow", "approved an exemption for X to attend", "a bid by X to go"): the named
    person or pronoun just before the "to"."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i != verb.i - 1 or to.i < 2:
        return None
    prev = verb.doc[to.i - 1]
    for _ in range(3):  # "exemptions for A, B and C to travel": the list's head
        if prev.dep_ == "conj" and prev.head.i < prev.i:
            prev = prev.head
    if prev.dep_ != "pobj" or prev.head.lower_ not in {"for", "by", "from"}:
        return None
    if prev.pos_ not in {"PROPN", "PRON"}:
        return None
    return prev


# verbs that give leave to their indirect object: "granted X permission", "gave him a visa"
_GIVING = frozenset({"grant", "give", "issue"})


def _granted(verb: Any) -> Any | None:
    """The one a verb of leave lets go: "exempted X", "allowed X", "granted X permission"."""
    lemma = verb.lemma_.lower()
    if lemma in _LEAVE_VERBS:
        return next((c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}), None)
    if lemma in _GIVING:
        return next((c for c in verb.children if c.dep_ == "dative"), None)
    return None


def _infinitive(verb: Any) -> bool:
    """'to attend': a verb with its own "to"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _leave_receiver(verb: Any) -> Any | None:
    """The one a verb gives or withholds leave to, when its object is a leave noun:
    "denied X a visa", "granted him a waiver" (the parser reads X as a second object)."""
    objs = [c for c in verb.children if c.dep_ in {"dobj", "obj", "dative"}]
    # ("granted X an exemption": the parser may hang the second object on the first)
    objs += [g for o in objs for g in o.children if g.dep_ in {"dobj", "obj"}]
    if not any(o.lemma_.lower() in _LEAVE_NOUNS for o in objs):
        return None
    return next(
        (o for o in objs if o.lemma_.lower() not in _LEAVE_NOUNS and o.pos_ in {"PROPN", "PRON"}),
        None,
    )


# verbs whose subject is the one who gets leave: "X received an exemption to visit Y"
_LEAVE_GETTERS = frozenset(
    {"seek", "get", "receive", "obtain", "win", "secure", "request", "need", "have"}
)


# "X has plans to visit Y", "X announced a decision to travel": the one whose plan it is
_PLAN_NOUNS = frozenset({"plan", "intention", "intent", "decision", "bid"})
_PLAN_MAKERS = frozenset({"have", "make", "announce", "confirm", "reveal", "unveil"})


def _subject(verb: Any) -> Any | None:
    """The grammatical subject of a verb, following conjunctions, controls and participles."""
    node = verb
    for _ in range(4):
        subjects = [ch for ch in node.children if ch.dep_ in _SUBJ]
        if subjects:
            # two subjects is a misparse ("KABUL (Pajhwok): Minister X arrived", "X, the
            # former army chief turned rebel leader, spent"): the name nearest before the verb
            before = [ch for ch in subjects if ch.i < node.i]
            if not before:
                return subjects[0]
            nearest = before[-1]
            edge = nearest.left_edge.i
            if nearest.pos_ != "PROPN" and edge >= 2 and node.doc[edge - 1].text == ",":
                # ... unless it is the other's apposition, set off by a comma
                for other in before[:-1]:
                    if other.left_edge.i <= edge - 2 <= other.right_edge.i or other.i == edge - 2:
                        return other
            return nearest
        if node is verb and (misread := _misattached_subject(verb)) is not None:
            return misread
        held = _for_subject(node)
        if held is not None:
            return held
        if node.dep_ == "xcomp":
            objs = [c for c in node.head.children if c.dep_ in {"dobj", "obj"}]
            if objs and node.head.lemma_.lower() in {"invite", "ask", "allow", "permit", "urge"}:
                return objs[0]
            node = node.head
            continue
        if node.dep_ == "acomp" and node.head.pos_ in {"VERB", "AUX"}:
            node = node.head  # "had been due to travel": the subject of "been"
            continue
        if node.dep_ in {"advcl", "xcomp"} and _infinitive(node):
            receiver = _leave_receiver(node.head)
            if receiver is not None:
                return receiver  # "denied X a visa to attend": the infinitive hung on the verb
        if node.dep_ in {"conj", "advcl"} and node.head.pos_ in {"VERB", "AUX"}:
            node = node.head
            continue
        if (
            node.dep_ in {"pcomp", "pobj"}
            and node.tag_ == "VBG"
            and node.head.lower_ in {"upon", "on", "after", "before", "while", "since"}
            and node.head.head.pos_ in {"VERB", "AUX"}
        ):
            node = node.head.head  # "Upon landing in Doha, X told reporters"
            continue
        if node.dep_ == "dep" and node.head.pos_ == "VERB" and node.i > node.head.i:
            # "X, former army chief turned rebel leader, spent ...": an unlabelled later verb
            # without a subject of its own shares the one before it
            node = node.head
            continue
        if node.dep_ in {"acl", "relcl"} and (
            node.head.pos_ in {"NOUN", "PROPN"}
            or node.head.lower_ in {"himself", "herself", "those"}
        ):  # ("X, herself exiled in Vilnius"; "among those attending the summit were A, B")
            holder = node.head
            if holder.lemma_.lower() in _LEAVE_NOUNS and holder.head.pos_ in {"VERB", "AUX"}:
                # "X was granted an exemption to travel", "gave him permission to go": the
                # one granted leave is the traveller
                verb = holder.head
                for ch in verb.children:
                    if ch.dep_ in {"nsubjpass", "dative"} or (
                        ch.dep_ in {"dobj", "obj"} and ch.i != holder.i
                    ):
                        return ch
                if holder.dep_ in {"dobj", "obj"} and verb.lemma_.lower() in _LEAVE_GETTERS:
                    subj = _subject(verb)  # "X sought permission to travel"
                    if subj is not None:
                        return subj
            if (
                holder.lemma_.lower() in _LEAVE_NOUNS
                and holder.head.dep_ in {"dative", "dobj", "obj"}
                and holder.head.pos_ in {"PROPN", "PRON"}
            ):
                return holder.head  # "granted X an exemption to visit Y" (the leave hung on X)
            if (
                holder.lemma_.lower() in _PLAN_NOUNS
                and holder.dep_ in {"dobj", "obj"}
                and holder.head.lemma_.lower() in _PLAN_MAKERS
            ):
                subj = _subject(holder.head)  # "X has plans to visit Y": X's plans
                if subj is not None:
                    return subj
            return holder
        if (
            node.dep_ == "pcomp"
            and node.head.dep_ == "prep"
            and node.head.head.pos_ in {"VERB", "AUX"}
        ):
            node = node.head.head
            continue
        break
    return None


def _misattached_subject(verb: Any) -> Any | None:
    """'... as President X holds talks': a finite verb the parser left without a subject,
    right after a person's name it hung elsewhere (here as the object of "as"); the name
    is its subject."""
    if verb.tag_ not in {"VBZ", "VBD", "VBP"} or verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.pos_ != "PROPN" or prev.ent_type_ != "PERSON" or prev.dep_ in _SUBJ:
        return None
    if prev.head.i == verb.i or prev.dep_ not in {"pobj", "appos", "dobj", "conj"}:
        return None
    return prev


# kinds whose passive agent is the traveller ("was attended by X", "was visited by X"); for
# the others ("was arrested by police") the passive subject is
_AGENT_KINDS = frozenset({"attendance", "visit", "meeting"})
# kinds where "with <person>" names a companion, not the person met
_MOTION_KINDS = frozenset({"visit", "arrival", "departure", "flight", "exile", "transit"})
# light verbs whose object is a travel noun: "the visit that Lula made to China"
_LIGHT_VERBS = frozenset({"make", "pay", "undertake", "conduct", "take", "begin", "end"})


# force used on someone ("kidnapped", "shot"): it happened where the one taken or shot was,
# and the attackers' nationality says nothing of where that was
_FORCE = frozenset({"kidnap", "abduct", "snatch", "shoot"})


# what one asks leave with: "a request", "his application", "the bid"
_REQUEST_NOUNS = frozenset({"request", "application", "petition", "bid"})


def _refused_request(tok: Any) -> Any | None:
    """The request a verb turns down ('rejected the request', 'turned down his
    application', 'refused the bid'), or None."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB":
        return None
    if lemma == "turn" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return None
    if lemma not in {"reject", "refuse", "deny", "decline", "turn", "dismiss"}:
        return None
    return next(
        (
            c
            for c in tok.children
            if c.dep_ in {"dobj", "obj", "nsubjpass"} and c.lemma_.lower() in _REQUEST_NOUNS
        ),
        None,
    )


def _held(verb: Any) -> bool:
    """'took place', 'was held', 'opened', 'convened': a clause that places an event."""
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ in {"dobj", "obj"} and c.lower_ == "place" for c in verb.children)
    return lemma in {"hold", "open", "convene", "stage", "host"}


def _opens_title(place: Any, ctx: _Context) -> bool:
    """The place's words run straight into a titled name ("..., Kurdistan Regional
    Government Prime Minister Masrour Barzani held talks", the parser hanging the
    government on the place before it): the place is part of the title, not a scene."""
    doc = place.doc
    if place.dep_ != "appos" or ctx.place_at(place.head.i) is None:
        return False
    found = ctx.place_at(place.i)
    end = place.i + 1
    while found is not None and end < len(doc) and doc[end].idx < found.end:
        end += 1
    if end >= len(doc) or not doc[end].is_title or doc[end].dep_ not in {"compound", "nmod"}:
        return False
    node = doc[end]
    for _ in range(6):  # up through the title's words to the name
        if node.i in ctx.people.token_pid:
            return ctx.named_at(node)
        if node.dep_ not in {"compound", "nmod", "flat"} or node.head.i == node.i:
            return False
        node = node.head
    return False


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
    """The agents of a passive: "by A", also "by A and by B" (a second "by" joined to the
    first)."""
    bys = [c for c in verb.children if c.dep_ == "agent"]
    bys += [g for b in bys for g in b.children if g.dep_ == "conj" and g.lower_ == "by"]
    # "The UK will be represented by its minister A; Turkey by B; and Nepal by C": the
    # gapped clauses, a "by" hung on each clause's subject listed under the first agent
    bys += [
        g
        for b in list(bys)
        for g in b.subtree
        if g.lower_ == "by"
        and g not in bys
        and g.head.pos_ == "PROPN"
        and g.head.dep_ in {"appos", "conj"}
    ]
    return [o for c in bys for o in c.children if o.dep_ == "pobj"]


# "on the sidelines (margins) of the summit"
_SIDELINES = frozenset({"sidelines", "sideline", "margins", "margin"})


def _sidelines(tok: Any) -> list[Any]:
    """The "sidelines" nouns of the "on"/"at" phrases hung on a word ("met X on the
    sidelines of the forum")."""
    return [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in {"on", "at"}
        for g in c.children
        if g.dep_ == "pobj" and g.lower_ in _SIDELINES
    ]


def _in_presence_of(tok: Any) -> list[Any]:
    """Whose presence a word's phrase names: 'held talks in the presence of X'."""
    return [
        o
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ == "in"
        for n in p.children
        if n.dep_ == "pobj" and n.lower_ == "presence"
        for o in _of_objects(n)
    ]


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


# the verbs by which a plural subject's clause names its people ("... are A and B")
_NAMING_VERBS = frozenset({"be", "include"})
_NAMED = frozenset({"attr", "dobj", "obj"})


def _among(heads: list[Any]) -> list[Any]:
    """'Among the leaders who travelled to Beijing are X, Y and Z': the people the copula
    names are the travellers of the relative clause on 'leaders'."""
    out: list[Any] = []
    for h in heads:
        for ante in _relcl_antecedent(h) or [h]:
            if ante.dep_ == "pobj" and ante.head.lower_ == "of" and ante.head.head.dep_ == "pobj":
                ante = ante.head.head  # "among dozens of leaders attending the parade"
            if ante.dep_ == "pobj" and ante.head.lower_ == "among":
                verb = ante.head.head
                out.extend(c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "attr"})
                # "Among the arrivals were A, and B": the parser may hang the list's last
                # name on the copula
                out.extend(
                    c
                    for c in verb.children
                    if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > verb.i
                )
            elif ante.pos_ == "NOUN" and any(c.dep_ == "acl" for c in ante.children):
                # "Other leaders attending the summit are A and B", "the leaders expected at
                # the summit include A and B": the copula (or "include") names them
                out.extend(_named_as(ante))
    return out


def _named_as(tok: Any) -> list[Any]:
    """'Participants in the meeting included A, B and C', 'The guests were A and B': the
    people a plural noun is named as, by the verb it is the subject of (the list's last
    name may hang from the verb itself)."""
    verb = tok.head
    if tok.dep_ != "nsubj" or tok.tag_ != "NNS" or verb.lemma_ not in _NAMING_VERBS:
        return []
    return [
        c
        for c in verb.children
        if c.i > verb.i and (c.dep_ in _NAMED or (c.dep_ == "conj" and c.pos_ == "PROPN"))
    ]


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


def _of_objects(tok: Any) -> list[Any]:
    """The objects of the "of" phrases hung on a token ("a tour of the region", "a
    delegation of senior officials", "the presidents of Argentina, ...")."""
    return [
        o
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]


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
            if (
                ch.dep_ == "nmod"
                and ch.pos_ == "PROPN"
                and any(c.dep_ == "cc" for c in ch.children)
            ):
                # "Foreign Minister A and Defence Minister B arrived": the parser hangs the
                # first of two titled names on the second, its "and" still attached
                follow = True
            if ch.dep_ == "prep" and _along(ch):
                todo.append(ch)
                seen.add(ch.i)
                continue
            if ch.dep_ == "pobj" and node.dep_ == "prep" and _along(node):
                follow = True
            if follow:
                seen.add(ch.i)
                out.append(ch)
                todo.append(ch)
    return out


def _along(prep: Any) -> bool:
    """A preposition of company: "along with", "together with" (the parser may hang
    "together" on "with" or "with" on "together"), "alongside"."""
    if prep.lower_ in _ALONG:
        return True
    return prep.lower_ == "with" and (
        prep.head.lower_ in _ALONG
        or any(c.dep_ == "advmod" and c.lower_ in _ALONG for c in prep.children)
    )


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


def _collective(tok: Any, collectives: frozenset[str]) -> bool:
    """A group word: its lemma is listed, or its plural form as such ("heads" of state,
    "guests": the singular is no group)."""
    return tok.lemma_.lower() in collectives or tok.lower_ in collectives


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


# gatherings that a later definite mention ("the summit", "this session") refers back to
_GATHERINGS = frozenset(
    {"summit", "conference", "session", "assembly", "meeting", "ceremony", "forum"}
    | {"funeral", "parade", "inauguration", "gathering", "congress", "convention", "rally"}
    | {"talks", "negotiations", "celebration", "celebrations", "festival", "games"}
    # (the lemmas of the plurals: "the talks were attended by X" is read as "talk")
    | {"talk", "negotiation", "discussion", "discussions"}
)


def _definite(tok: Any) -> bool:
    """'the summit', 'this session', 'its congress', 'Sunday's parade': a known one
    (also 'the summit opening', 'the summit's close': the gathering named as a modifier of a
    definite noun)."""
    if tok.dep_ in {"compound", "poss"} and tok.head.i > tok.i and _definite(tok.head):
        return True
    return any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "that"}) or c.dep_ == "poss"
        for c in tok.children
    )


def _appositions(tok: Any) -> list[Any]:
    """Appositions of a noun, at any depth ("the chief negotiator and spokesman, X")."""
    out: list[Any] = []
    todo = [tok]
    while todo:
        node = todo.pop()
        for c in node.children:
            if c.dep_ in {"appos", "conj"} and c.pos_ in {"PROPN", "NOUN"}:
                out.append(c)
                todo.append(c)
    return out


def _of_a_role(tok: Any, roles: frozenset[str] | set[str]) -> bool:
    """A place that modifies a person's role ("the U.S. ambassador", "Iran's envoy"): it
    says whose the role is, not where anyone is; so does one under the role's "of" ("the
    Vice Minister of the People's Republic of China")."""
    hops = 0
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and hops < 3:
        # ("the Minister of External Relations of Cameroon": up a chain of "of" phrases)
        owner = tok.head.head
        if owner.lemma_.lower() in roles:
            return True
        tok, hops = owner, hops + 1
    if hops:
        return False
    return tok.dep_ in {"compound", "nmod", "poss"} and tok.head.lemma_.lower() in roles


def _country_topic(g: Any, t: Any, place: Place, vocab: Vocabulary) -> bool:
    """A country naming a gathering as its modifier ("a Ghana investment forum", "the
    Syria conference") says what the gathering is about, not where it is; a city does
    ("the Doha forum")."""
    trig = vocab.nouns.get(t.lemma_.lower())
    if trig is None or trig.kind != "attendance" or place.kind != "country" or g.i == t.i:
        return False
    node = g
    while node.i != t.i:
        if node.dep_ not in _MODIFIER_DEPS or node.head.i == node.i:
            return False  # ("a forum in Ghana": a preposition places it)
        node = node.head  # ("a Ghana-focused forum")
    return True


# dependencies of a word that modifies a noun without a preposition
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "npadvmod"})
