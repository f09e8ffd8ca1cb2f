"""People in an article: names, titles, descriptions, aliases, and who each mention is.

Sources of person mentions, combined:

* the NER pipeline's PERSON entities, cleaned (titles and possessives stripped) and
  corrected: news agencies ("Fars") and places ("Tal Ksaiba") are not persons;
* the UN list scan (names and aliases of listed people found verbatim), so a listed person
  is never lost to an NER mistake;
* titles before a capitalised word ("General Soleimani", "President Putin"), and names
  the model labelled ORG or GPE but that stand in apposition to a role ("Samantha Power,
  the U.S. ambassador").

Coreference is rule-based and conservative: later surname or given-name mentions join the
person most recently named with that token; definite descriptions ("the commander of ...",
"the general") join the person whose titles share their head noun; in-text aliases ("also
known as") become names of the person; subject pronouns join the most recent compatible
subject. Bylines and credits are never persons.
"""

from __future__ import annotations

import itertools
import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from anyascii import anyascii

from travelban.extract.places import PLACE_PREPOSITIONS
from travelban.extract.vocab import Vocabulary, figure_key, name_words
from travelban.models import Mention, Person, Place

log = logging.getLogger(__name__)

_NAME_ENT_LABELS = {"PERSON"}
_INITIAL = re.compile(r"[A-Z]\.?")
_NICKNAMED = re.compile(
    r"(?P<first>[A-Z][a-z]+)[ \t]+[\"“'‘](?P<nick>[A-Z][\w-]+)[\"”'’][ \t]+"
    r"(?P<rest>(?:(?:da|de|dos|do|al|el|bin|ibn)[ \t-]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)"
)
_PAGE_CHROME = frozenset(
    {"Home", "News", "Latest", "Breaking", "Politics", "Opinion", "Video", "Live", "Exclusive"}
)
_HEADLINE_PARTICLES = frozenset(
    {"Off", "To", "In", "At", "On", "For", "Up", "Out", "Back", "Down", "Over", "From", "With"}
)
_MAYBE_NAME_LABELS = {"ORG", "GPE", "LOC", "NORP", "FAC"}
# words of a written-out title that are no title on their own ("First" of "First Lady":
# "a first Iranian" is no titled name; "His" of "His Excellency": "his Libyan hosts")
_ORDINARY_TITLE_WORDS = frozenset({"first", "his", "her"})
# where a word that is both a surname of the story and a town stands for the person
_NAME_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "appos", "conj", "compound"})
# prepositions that make such a word the town ("in Heredia", "to Lula", "the province of
# Heredia")
_TOWN_PREPOSITIONS = PLACE_PREPOSITIONS | {"of"}
_PARTICLES = {
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "abu",
    "abd",
    "de",
    "da",
    "del",
    "der",
    "van",
    "von",
    "la",
    "le",
    "ul",
    "ud",
    "ad",
    "as",
    "ben",
}
_NAME_TOKEN = (
    r"(?:(?:[A-Z]\.)+|[A-Z][\w'’-]+"
    r"|(?:al|el|bin|ibn|bint|abu|ad|ul|ud|de|van|von)-?[A-Z]?[\w'’-]*"
    # "as-Sadr" takes its hyphen: a bare "as" is the English word ("X as Prime Minister")
    r"|as-[\w'’-]+)"
)
_PORTFOLIO_WORD = re.compile(r"\s*(?P<w>,|&|[A-Za-z][\w'’-]*)")
_PORTFOLIO_JOINS = frozenset({"and", "&", "the", "of", "for", "in"})
# words that open no name ("At the summit, ...")
_FUNCTION_WORDS = _PORTFOLIO_JOINS | {"at", "on", "to", "with", "by", "as", "from", "after"}
# the holder's name: two to six capitalised words (initials and particles allowed)
_PORTFOLIO_NAME = re.compile(
    r"[ \t]*(?P<n>(?:[A-Z][a-z]?\.|[A-Z][\w'’-]*\b(?!\.)|(?:bin|al|el|de|da|van|von|ibn)\b)"
    r"(?:[ \t]+(?:[A-Z][a-z]?\.|[A-Z][\w'’-]*\b(?!\.\s+[A-Z])|(?:bin|al|el|de|da|van|von|ibn)\b))"
    r"{1,5})"
)
# a capitalised word opening a run of one to three more ("Mamadou Keita", "Ivan Petrov")
_GIVEN_RUN = re.compile(
    r"(?<![\w'’-])(?=(?P<first>[A-Z][a-z'’-]+)(?P<rest>(?:[ \t]+(?:(?:al|el|bin|ibn|abu|de|"
    r"van|von|ould|wa)[ -])?[A-Z][\w'’-]+(?<!'s)(?<!’s)){1,3}))"
)
# runs of capitalised words, lowercase particles allowed inside ("Maria dos Santos Lucas")
_CAPITAL_RUN = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’.-]*(?:[ \t]+(?:(?:al|el|bin|ibn|bint|abu|de|da|dos|das|do|du|van|"
    r"von|der|ould|wa|la|le)[ \t]+)*[A-Z][\w'’.-]*)+"
)
_RUN_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_WORD = re.compile(r"(?:(?:al|el|bin|ibn|abu|de|van|von|ould|wa)[ -])?[A-Z][\w'’-]*[\w]")
# a capitalised third-person or plural verb form ("Visits", "Arrives", "Meets", "Flies")
_TITLE_VERB = re.compile(r"[A-Z][a-z]+(?:s|es)")
_CALENDAR = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ALIAS_BEFORE = re.compile(
    # an apposition may come first: "Ahmed al-Sharaa, the former commander once known by ..."
    r"^\s*,?\s*[(\[]?\s*(?:the\s+[^,.;()\n]{0,80}?\s+)?(?:who\s+is\s+|who\s+was\s+)?"
    r"(?:also|previously|formerly|better|widely|"
    r"commonly|otherwise|popularly|once|now|then|later)?\s*(?:known|called|referred\s+to|dubbed|named)"
    r"\s+(?:by\s+(?:his|her|the)\s+(?:nom\s+de\s+guerre|alias|kunya|pseudonym|nickname)\s+|as\s+)"
    r"[\"“‘']?(?P<alias>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al-[\w'’-]+|bin|ibn|abu|el-[\w'’-]+)){0,5})"
)
_ALIAS_TAG = re.compile(
    r"^\s*,?\s*[(\[]?\s*(?:(?:whose|his|her)\s+)?(?:nom\s+de\s+guerre|alias|a\.k\.a\.?|aka|kunya|"
    r"pseudonym|nickname|also\s+spelt|also\s+spelled)\s*(?:is\s+)?[:,]?\s*"
    r"[\"“‘']?(?P<alias>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al-[\w'’-]+|bin|ibn|abu|el-[\w'’-]+)){0,5})"
)
_REAL_NAME = re.compile(
    r"^\s*,?\s*[(\[]?\s*(?:whose\s+real\s+name\s+is|born|real\s+name|n[ée]e?)\s+"
    r"[\"“‘']?(?P<alias>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al-[\w'’-]+|bin|ibn|abu)){0,5})"
)
_PRONOUN_SUBJ = {"nsubj", "nsubjpass"}
# a reflexive subject set off after a name is that name ("X, himself exiled in Y")
_REFLEXIVES = frozenset({"himself", "herself"})
# parts of speech that end a title written before a name
_NOT_IN_TITLES = frozenset({"VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ", "PART", "NUM"})
_REPORTING = {"say", "tell", "report", "claim", "add", "state", "announce", "write"}


class GazetteerLike(Protocol):
    def lookup(self, name: str) -> Place | None: ...

    def demonym(self, word: str) -> str | None: ...


def names_country(gazetteer: GazetteerLike, name: str) -> bool:
    """The words name a country as a whole ("Israel", "Armenia"), not a town or a region."""
    place = gazetteer.lookup(name)
    return place is not None and place.kind == "country"


class ScanHitLike(Protocol):
    """A list-name hit in the text (``travelban.names.TextHit``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...


@dataclass
class _Cluster:
    pid: str
    name: str
    first_start: int
    tokens: list[str]
    references: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    # those of a title written on the name itself ("Iranian Foreign Minister X"): they
    # outweigh any a description or an apposition suggests ("his Somali counterpart")
    own_nationalities: list[str] = field(default_factory=list)
    last_seen: int = 0
    genders: set[str] = field(default_factory=set)

    def add(self, mention: Mention) -> None:
        if any(m.start == mention.start and m.end == mention.end for m in self.mentions):
            return
        self.mentions.append(mention)
        self.last_seen = max(self.last_seen, mention.start)


@dataclass(frozen=True, slots=True)
class People:
    """The people of one article and, per token, who a mention stands for."""

    persons: tuple[Person, ...]
    token_pid: dict[int, str]  # token index -> pid, for every token of every mention
    unresolved: dict[int, str]  # token index -> description text of an unlinked description
    credits: tuple[tuple[int, int], ...]  # char spans of bylines and credits
    credit_names: tuple[str, ...]  # names found in credits (reporters, editors, photographers)
    sources: tuple[tuple[int, int], ...]  # char spans of news agencies named in the text
    listed_pids: frozenset[str] = frozenset()

    def by_pid(self) -> dict[str, Person]:
        return {p.pid: p for p in self.persons}


def fold(text: str) -> str:
    """Lower-case ASCII form of a name token for comparisons."""
    return anyascii(text).lower().strip(".'’-")


def _tokens(name: str) -> list[str]:
    return [fold(t) for t in re.split(r"[\s-]+", name) if fold(t)]


def find_credits(text: str, vocab: Vocabulary) -> list[tuple[int, int]]:
    """Character spans of bylines, reporting/editing credits, photo credits and datelines."""
    spans = []
    for pattern in vocab.credits:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                spans.append((m.start(), m.end()))
    return _union(spans)


# last words of organisations' names ("Coca-Cola Company"), never a person's surname
_ORG_WORDS = frozenset(
    {"company", "corporation", "corp", "group", "bank", "party", "airlines", "airways"}
    | {"holdings", "industries", "international", "foundation", "institute", "university"}
    | {"council", "committee", "agency", "ministry", "force", "forces", "army", "front"}
    | {"movement", "league", "union", "association", "club", "fund", "trust", "news"}
)


def _run_start(tok: Any, *, hyphens: bool) -> tuple[Any, bool]:
    """The first word of the proper-noun run ``tok`` closes: its compounds before it, and
    with ``hyphens`` a hyphenated given name the parser split ("Kassym-Jomart",
    "Faustin-Archange"); and whether such a hyphen was crossed."""
    doc = tok.doc
    left, hyphened = tok, False
    while left.i > 0:
        before = doc[left.i - 1]
        if before.dep_ == "compound" and before.pos_ == "PROPN":
            left = before
        elif (
            before.is_alpha
            and before.text[:1].isupper()
            and not before.text.isascii()
            and before.ent_type_ not in {"GPE", "LOC", "NORP", "ORG"}
        ):
            # "Nguyễn Duy Ngọc": a name word with diacritics the tagger read as a verb
            left = before
        elif (
            hyphens
            and before.tag_ == "HYPH"
            and left.i >= 2
            and left.idx == before.idx + 1
            and doc[left.i - 2].idx + len(doc[left.i - 2].text) == before.idx
            and doc[left.i - 2].pos_ == "PROPN"
        ):
            left, hyphened = doc[left.i - 2], True
        else:
            break
    return left, hyphened


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# the words of an Arabic or Malay lineage ("Reema bint Bandar", "Anwar bin Ibrahim"): the
# model often ends one name before the word and starts another after it
_LINEAGE = frozenset({"bin", "bint", "ibn", "binti", "binte"})


def _lineage_joined(doc: Any) -> list[tuple[Any, str]]:
    """The model's entities with their labels, two person entities written either side of
    a lineage word made one ("Princess Reema bint Bandar bin Sultan": one woman)."""
    out: list[tuple[Any, str]] = []
    for ent in doc.ents:
        if out:
            prev, label = out[-1]
            if (
                label == "PERSON"
                and ent.label_ == "PERSON"
                and ent.start == prev.end + 1
                and doc[prev.end].lower_ in _LINEAGE
            ):
                out[-1] = (doc[prev.start : ent.end], label)
                continue
        out.append((ent, ent.label_))
    return out


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


# the words that join names into a list ("Oli and Modi", "Lula, Boric & Petro")
_LIST_JOINS = frozenset({"and", "&", ","})


def _names_only(ent: Any, forms: Mapping[str, object]) -> bool:
    """An entity the model reads as one organisation that is only names the story already
    gave and the words joining them ("Oli and Modi also held talks"): the people, listed."""
    words = [t for t in ent if t.lower_ not in _LIST_JOINS]
    return len(words) < len(ent) and all(t.text in forms for t in words)


class PeopleFinder:
    """Finds people and resolves mentions; one instance per extractor, stateless per call."""

    def __init__(
        self,
        vocab: Vocabulary,
        gazetteer: GazetteerLike,
        verbs: frozenset[str] = frozenset(),
        nouns: frozenset[str] = frozenset(),
    ) -> None:
        self.vocab = vocab
        self.gazetteer = gazetteer
        self.verbs = verbs  # English verb lemmas: a headline's "Holds" opens no name
        # English nouns that are no one's name as the name tables know them: a lone
        # "Monarch", "Guard" or "Analysis" the model calls a person is none
        figure_words = {w for k in vocab.figures for w in k.split()}
        self._plain_nouns = nouns - set(vocab.given_names) - figure_words
        self._title_words = {
            fold(t) for title in vocab.titles for t in title.split()
        } - _ORDINARY_TITLE_WORDS
        self._titles_folded = {fold(t) for t in vocab.titles}
        cues = "|".join(r"\s+".join(re.escape(w) for w in cue.split()) for cue in vocab.alias_cues)
        # a cue right before a name: "... under the name <Y>", "a.k.a. <Y>"
        self._alias_cue = (
            re.compile(r"(?i)(?<![\w.])(?:" + cues + r")\s*[:,]?\s*[\"“‘']?\s*$") if cues else None
        )
        self._title_run = re.compile(r"(?<![\w-])(?:" + vocab.title_pattern() + r")(?=[ \t]+[A-Z])")
        # a post with a portfolio after it: "Minister of ...", "High Commissioner to ..."
        posts = sorted((w.title() for w in vocab.post_words), key=lambda w: (-len(w), w))
        self._portfolio_post = re.compile(
            r"\b(?:" + "|".join(map(re.escape, posts)) + r")\s+(?P<prep>of|for|to)\s+"
        )
        # titles may follow one another ("H.E. Mr. X", "Datuk Seri Dr. X")
        one_title = r"(?:" + vocab.title_pattern() + r")(?<=[a-zA-Z.])s?"
        self._titled = re.compile(
            r"\b"
            + one_title
            + r"(?:[ \t]+"
            + one_title
            + r")*[ \t]+(?P<name>"
            + _NAME_TOKEN
            + r"(?:[ \t]+"
            + _NAME_TOKEN
            + r"){0,3})"
        )

    # ------------------------------------------------------------ candidates

    def _is_source(self, text: str, start: int, end: int, full: str) -> bool:
        low = text.lower().strip()
        if low in self.vocab.sources:
            return True
        after = full[end : end + 30].lower()
        return bool(re.match(r"\s*(?:news\s+agency|agency|news|tv|television|radio)\b", after))

    def _clean(self, text: str, start: int, end: int) -> tuple[str, int, int]:
        """Strip whitespace, a possessive and leading titles from a candidate name span."""
        raw = text[start:end]
        stripped = raw.rstrip()
        end = start + len(stripped)
        m = _POSSESSIVE.search(stripped)
        if m and len(stripped) > 3 and stripped[m.start() - 1 : m.start()].isalpha():
            stripped = stripped[: m.start()]
            end = start + len(stripped)
        lead = len(stripped) - len(stripped.lstrip(" \"“‘'(["))
        start += lead
        stripped = stripped[lead:]
        # leading titles ("General", "Supreme Leader Ayatollah")
        while True:
            words = stripped.split()
            cut = 0
            for n in (3, 2, 1):
                if len(words) > n and fold(" ".join(words[:n])) in self._titles_folded:
                    cut = n
                    break
            if not cut:
                break
            prefix = " ".join(words[:cut])
            idx = stripped.find(words[cut], len(prefix))
            start += idx
            stripped = stripped[idx:]
        # "Home News Gustavo Petro": a web page's menu words before a headline's name
        words = stripped.split()
        while len(words) > 2 and words[0] in _PAGE_CHROME:
            idx = stripped.find(words[1], len(words[0]))
            start += idx
            stripped = stripped[idx:]
            words = words[1:]
        # "A, B and C - have been in Pakistan": a spaced dash ends a name the model ran on
        dash = re.search(r"\s[-–—]\s", stripped)
        if dash:
            stripped = stripped[: dash.start()]
        stripped = stripped.rstrip(" ,;:.)\"”’'")
        # "Did Al-Sisi Meet Haftar ...": a Title Case travel verb inside a headline run
        # ends the name before it
        words = stripped.split()
        for k in range(1, len(words)):
            w = words[k]
            low = w.lower()
            if (
                w[:1].isupper()
                and w[1:].islower()
                and low not in self.vocab.given_names
                and any(
                    form in self.vocab.verbs for form in (low, low[:-1], low[:-2], low[:-2] + "e")
                )
                and (low in self.vocab.verbs or low.endswith(("s", "ed")))
            ):  # "Hemedti Received", "Al-Sisi Meet Haftar"
                stripped = stripped[: stripped.find(w, len(" ".join(words[:k])))].rstrip()
                words = words[:k]
                break
        # "Ethiopian Leader Abiy Tesfaye Visits Nairobi": a Title Case travel verb ends it
        while (
            len(words) > 1
            and _TITLE_VERB.fullmatch(words[-1])
            and (
                words[-1].lower()[:-1] in self.vocab.verbs
                or words[-1].lower()[:-2] in self.vocab.verbs
                or words[-1].lower()[:-1] in self.vocab.nouns
            )
        ):
            words.pop()
            stripped = stripped[: stripped.rfind(" ")].rstrip()
        # "President Buhari Off To London": a Title Case particle of a headline ends it
        while len(words) > 1 and words[-1] in _HEADLINE_PARTICLES:
            words.pop()
            stripped = stripped[: stripped.rfind(" ")].rstrip()
        # "Wang Yi Chinese": a nationality word closing a run is not part of the name
        while len(words) > 1 and self.gazetteer.demonym(words[-1]):
            words.pop()
            stripped = stripped[: stripped.rfind(" ")].rstrip()
        end = start + len(stripped)
        return stripped, start, end

    def _title_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of titles and ranks written before a capitalised word ("Major General")."""
        return [(m.start(), m.end()) for m in self._title_run.finditer(text)]

    def _looks_like_name(self, name: str) -> bool:
        words = [w for w in re.split(r"\s+", name) if w]
        # (a lineage is long: "Reema bint Bandar bin Sultan bin Abdulaziz")
        if not words or len([w for w in words if w.lower() not in _LINEAGE]) > 6:
            return False
        if words[0] in {"The", "THE"}:
            return False  # "The Dutch", "The Houthi": a people or a group, not a name
        if len(words) == 1 and words[0].isupper() and len(words[0]) <= 5:
            return False  # "NSA", "SUV": an acronym
        caps = [w for w in words if w[:1].isupper()]
        if not caps:
            return False
        if "as" in words:
            return False  # "Hasina as Prime Minister": the English word, not "as-Sadr"
        if self._only_titles(words, roles=True):
            return False  # "National Security Adviser": a title alone
        if words[-1].lower().strip(",.") in self.vocab.notname_words:
            return False  # "Rapid Support Forces", "Lok Sabha": a body, not a person
        if (
            len(words) > 1
            and words[-1].lower() in self.vocab.roles | {"officers"}
            and words[-2].lower() not in _LINEAGE  # ("Bandar bin Sultan": a father's name)
        ):
            return False  # "National Security Adviser", "Executive Officers": a post
        return all(w[:1].isupper() or fold(w).split("-")[0] in _PARTICLES for w in words)

    def _only_titles(self, words: Sequence[str], *, roles: bool) -> bool:
        """Every word is a title word (with ``roles``, or a role word): "Chairman",
        "National Security Adviser"."""
        return all(
            fold(w) in self._title_words or (roles and w.lower() in self.vocab.roles) for w in words
        )

    def _is_place(
        self,
        name: str,
        start: int,
        end: int,
        place_spans: Sequence[tuple[int, int]],
        titled: bool = False,
        person: bool = False,
    ) -> bool:
        """The name is a place's (or inside one); not when a title or a given name opens
        it and the place is only a later word ("First Lady Nadine Heredia": Heredia is
        also a province of Costa Rica); with ``person`` (a titled name the model calls a
        person), not when the last word is no place ("Foreign Minister Israel Katz")."""
        if _overlaps(place_spans, start, end):
            first, last = name.split()[0], name.split()[-1]
            if (
                person
                and " " in name
                and not re.search(r"['’]s\b", name)
                and not _overlaps(place_spans, end - len(last), end)
                and self.gazetteer.lookup(last) is None
                and last.lower() not in self._plain_nouns
            ):
                # "Foreign Minister Israel Katz": a titled name the model calls a person
                # keeps a given name that is also a place's
                return False
            return not (
                " " in name
                and (titled or first.lower() in self.vocab.given_names)
                and not _overlaps(place_spans, start, start + len(first))
            )
        place = self.gazetteer.lookup(name)
        return place is not None and place.kind in {"country", "region", "continent"}

    def candidates(
        self,
        doc: Any,
        text: str,
        credits: Sequence[tuple[int, int]],
        place_spans: Sequence[tuple[int, int]],
        hits: Sequence[ScanHitLike],
        runs: Sequence[tuple[int, int]] = (),
    ) -> tuple[
        list[tuple[int, int, str, str, frozenset[str]]],
        list[str],
        list[tuple[int, int]],
        dict[int, tuple[str, str | None]],
    ]:
        """(start, end, name, kind, references) of each name mention; credit names; sources;
        the post and its country written before a name that follows a portfolio, by the
        name's start."""
        out: list[tuple[int, int, str, str, frozenset[str]]] = []
        credit_names: list[str] = []
        sources: list[tuple[int, int]] = []
        posts: dict[int, tuple[str, str | None]] = {}
        titles = self._title_spans(text)
        for hit in hits:
            if _inside(titles, hit.start, hit.end):
                continue  # "Major" of "Major General": a rank, whatever the list calls it
            # only whole names and aliases identify an entry; a bare surname may be a namesake
            references = tuple(getattr(hit, "references", ()) or ())
            if references and all(r[2:3] == "e" for r in references):
                continue  # an entity of the list ("Pakistani Taliban"), not a person
            whole = getattr(hit, "kind", "name") in {"name", "alias", ""}
            refs = frozenset(getattr(hit, "references", ()) or ()) if whole else frozenset()
            if _inside(credits, hit.start, hit.end):
                continue
            name, s, e = self._clean(text, hit.start, hit.end)
            if not name:
                continue
            if self._only_titles(name.split(), roles=False):
                continue  # "and Chairman, Nigerians in Diaspora Commission": a title alone
            if " " not in name and self._inside_organisation(doc, s, e):
                continue  # "Grain" of "the National Grain Board": a one-word alias in a name
            if not whole:
                # a bare listed surname counts only where the parser sees a proper noun
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None or span.root.pos_ != "PROPN" or text[e : e + 1] == ":":
                    continue
                in_person = any(t.ent_type_ == "PERSON" for t in span)
                titled = span.start > 0 and fold(doc[span.start - 1].text) in self._title_words
                # ("Muttaqi travelled to Islamabad": the subject of a travel verb is a
                # person even where a sentence opens with it)
                mover = span.root.dep_ in {"nsubj", "nsubjpass"} and (
                    span.root.head.lemma_.lower() in self.vocab.verbs
                )
                if not (in_person or titled or mover) and (
                    span[0].is_sent_start or span.start == 0
                ):
                    continue
                if self._is_source(name, s, e, text) or self._is_place(name, s, e, place_spans):
                    continue
            out.append((s, e, name, "list-scan", refs))
        for ent, label in _lineage_joined(doc):
            if label not in _NAME_ENT_LABELS and label not in _MAYBE_NAME_LABELS:
                continue
            name, s, e = self._clean(text, ent.start_char, self._name_end(ent, label))
            if not name or not self._looks_like_name(name):
                continue
            if self._is_source(name, s, e, text):
                sources.append((s, e))
                continue
            titled = self._titled_inside(text[ent.start_char : s])
            if label in _MAYBE_NAME_LABELS and not titled and not self._person_by_context(ent):
                continue
            if label in _MAYBE_NAME_LABELS and self._word_of_a_title(doc, s, e):
                continue  # "Prime Cabinet Secretary X": "Cabinet" is no name
            if label == "PERSON" and self._modifier_of_thing(ent):
                continue
            if name.lower() in self.vocab.not_persons:
                continue  # "Hajj", "Umrah" tagged PERSON
            if (
                " " not in name
                and name.lower() in self._plain_nouns
                and not any(
                    m.group(1).lower() not in _FUNCTION_WORDS
                    for m in re.finditer(rf"\b([A-Z][\w.'-]*)\s+{re.escape(name)}\b", text)
                )
            ):
                # "the Monarch has returned": a word, not a name (unless the text writes it
                # after another name word: "Gordon Brown ... Brown said")
                continue
            if " " not in name and self.gazetteer.demonym(name):
                continue  # "Nigerien", "Emirati": a nationality, not a name
            after = text[e:].split(None, 1)
            if " " not in name and after and self.gazetteer.demonym(after[0].strip(",.")):
                continue  # "Veteran Ugandan opposition figure X": a word describing him
            if _inside(credits, s, e):
                credit_names.append(name)
                continue
            # the word just before: a title ("Foreign Minister Israel Katz"), or the start
            # of a longer capitalised run the name is the tail of ("Hayat Tahrir al-Sham")
            before = re.search(r"([\w-]+)\W{0,2}$", text[max(0, s - 40) : s])
            word = before.group(1) if before is not None else ""
            after_title = fold(word) in self._title_words
            cut = word[:1].isupper() and not after_title
            person = label == "PERSON"
            if self._is_place(
                name, s, e, place_spans, titled or (person and not cut), person and after_title
            ):
                continue
            out.append((s, e, name, "name", frozenset()))
        taken = [(s, e) for s, e, *_ in out]
        for m in self._titled.finditer(text):
            name, s, e = self._clean(text, m.start("name"), m.end("name"))
            if not name or _inside(credits, s, e):
                continue
            if any(a < e and s < b and not (s <= a and b <= e) for a, b in taken):
                continue  # crosses a name found otherwise; a longer titled name may replace it
            if not self._looks_like_name(name) or fold(name.split()[0]) in self._title_words:
                continue
            if self._headline_word(doc, s, e):
                continue  # "Somali President Arrives in ...": a Title Case verb, not a name
            if self._word_of_a_title(doc, s, e):
                continue  # "head of the General Staff directorate": "Staff" is no name
            if self._is_source(name, s, e, text) or self._is_place(name, s, e, place_spans):
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and any(
                t.ent_type_ in {"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "DATE"}
                and not (
                    # "Marshals Ganbold Erdene" read as a title of a work: the entity
                    # opens with the title, so the name after it is a person's
                    t.ent_type_ in {"WORK_OF_ART", "PRODUCT"}
                    and span.start > 0
                    and doc[span.start - 1].ent_type_ == t.ent_type_
                    and doc[span.start - 1].ent_iob_ == "B"
                )
                for t in span
            ):
                continue
            out.append((s, e, name, "titled", frozenset()))
            taken.append((s, e))
        for gs, ge in [*self._travel_arguments(doc), *self._listed_with_people(doc)]:
            name, s, e = self._clean(text, gs, ge)
            if not name or _inside(credits, s, e) or self._is_source(name, s, e, text):
                continue
            if any(a < e and s < b for a, b, *_ in out) or self._is_place(name, s, e, place_spans):
                continue
            out.append((s, e, name, "argument", frozenset()))
        for m in _NICKNAMED.finditer(text):
            # 'Rosangela "Janja" da Silva', 'Mohamed "Hemedti" Dagalo': a nickname in
            # quotes inside a name; the model splits it, the name is the whole
            s, e = m.start(), m.end()
            if _inside(credits, s, e) or any(a <= s and e <= b for a, b, *_ in out):
                continue
            first = m.group("first")
            if fold(first) in self._title_words or first.lower() in self.vocab.not_persons:
                continue
            out = [c for c in out if not (s <= c[0] and c[1] <= e and c[3] != "list-scan")]
            out.append((s, e, f"{m.group('first')} {m.group('rest')}", "name", frozenset()))
        for gs, ge in self._given_runs(text, doc):
            name, s, e = self._clean(text, gs, ge)
            if not name or _inside(credits, s, e) or self._is_source(name, s, e, text):
                continue
            if any(a <= s and e <= b for a, b, *_ in out):
                continue  # inside a name found otherwise
            first = name.split()[0]
            family = len(name.split()) >= 3 and fold(first) in self.vocab.family_first
            if self.gazetteer.lookup(name) is not None or _overlaps(
                place_spans, s, s + len(first) if family else e
            ):
                continue  # "Abu Dhabi", "San Jose": a place that opens with a given name
                # ("Phan Van Giang": a later word may be a town's name, "Van")
            out.append((s, e, name, "given", frozenset()))
        for ps, pe, post, country in self._portfolio_runs(text):
            name, s, e = self._clean(text, ps, pe)
            if not name or _inside(credits, s, e) or self._is_source(name, s, e, text):
                continue
            if not self._looks_like_name(name) or _overlaps(place_spans, s, e):
                continue
            # the model's reading of the run took part of the portfolio ("Trade Tran Tuan
            # Anh"): the portfolio rule's cut replaces it
            crossing = [c for c in out if c[0] < e and s < c[1]]
            if any(c[3] == "list-scan" or c[0] >= s for c in crossing):
                # a name found otherwise that does not reach into the portfolio: the post
                # is still its holder's
                if any(c[0] == s for c in crossing):
                    posts[s] = (post, country)
                continue
            out = [c for c in out if c not in crossing]
            out.append((s, e, name, "titled", frozenset()))
            posts[s] = (post, country)
        figured: set[tuple[int, int]] = set()
        for fs, fe in self._figure_runs(text):
            # a public office holder's name as the public-figures table writes it ("hosted
            # Kassym-Jomart Tokayev at ..."): a person, whatever the model made of it
            name, s, e = self._clean(text, fs, fe)
            if not name or _inside(credits, s, e) or self._is_source(name, s, e, text):
                continue
            if any(a <= s and e <= b for a, b, *_ in out):
                if any((a, b) == (s, e) for a, b, *_ in out):
                    figured.add((s, e))  # found otherwise too: still the table's name
                continue  # inside a name found otherwise
            crossing = [c for c in out if c[0] < e and s < c[1]]
            if any(c[3] == "list-scan" for c in crossing):
                continue
            out = [c for c in out if c not in crossing]
            out.append((s, e, name, "given", frozenset()))
            figured.add((s, e))
        for rs, re_ in runs:
            name, s, e = self._clean(text, rs, re_)
            if not name or len(name.split()) < 2 or _inside(credits, s, e):
                continue
            if self._is_source(name, s, e, text) or _overlaps(place_spans, s, e):
                continue
            out.append((s, e, name, "name", frozenset()))
        # a whole listed name or alias stays whatever it looks like; a bare listed surname
        # that is a group's name ("Houthi") does not
        out = [
            c
            for c in out
            if (
                c[3] == "list-scan"
                and c[4]
                and not names_country(self.gazetteer, c[2])
                and not (" " not in c[2] and self.gazetteer.demonym(c[2]))
            )
            or not (
                self._never_a_person(c[2], figure=(c[0], c[1]) in figured)
                or self._names_a_facility(text, c[1])
            )
        ]
        out.sort()
        # drop overlaps: keep list-scan, then the longer
        kept: list[tuple[int, int, str, str, frozenset[str]]] = []
        for cand in sorted(out, key=lambda c: (-(c[1] - c[0]), c[3] != "list-scan", c[0])):
            if not any(k[0] < cand[1] and cand[0] < k[1] for k in kept):
                kept.append(cand)
        kept.sort()
        # "Atul and Rajesh Gupta", "Bashar and Asma al-Assad": a given name joined to a
        # full name by "and" shares its family name
        for k in range(len(kept) - 1):
            s1, e1, n1, kind1, refs1 = kept[k]
            s2, _e2, n2, _kind2, _refs2 = kept[k + 1]
            words2 = n2.split()
            if (
                " " not in n1
                and len(words2) >= 2
                and text[e1:s2] == " and "
                and n1.lower() in self.vocab.given_names
                and words2[0].lower() in self.vocab.given_names
            ):
                kept[k] = (s1, e1, f"{n1} {words2[-1]}", kind1, refs1)
        return kept, credit_names, _union(sources), posts

    def _never_a_person(self, name: str, figure: bool = False) -> bool:
        """'The Amir Hajj', 'Hajj Medical', 'Houthis': a name that opens with 'The', is a
        group or outlet as a whole, or holds a travel word ('Hajj', 'Umrah') as a word.
        ``figure``: the name is a public office holder's as the public-figures table writes
        it, which may open with a word English uses otherwise ("To Lam")."""
        words = name.split()
        if not words or words[0].lower() == "the" or name.lower() in self.vocab.not_persons:
            return True
        if words[0].lower() in _FUNCTION_WORDS and not figure:
            return True  # "Chancellor. At the summit": a sentence's first word after a title
        if len(words) == 1 and name.lower() in self.vocab.pronouns:
            return True  # "They include ...": a pronoun opening a sentence
        if fold(name) in self._titles_folded or all(
            fold(w) in self._title_words or w.lower() in self.vocab.roles for w in words
        ):
            return True  # "High Commissioner": a title, whoever holds it
        if names_country(self.gazetteer, name):
            return True  # "Israel" tagged as a person, or as one listed person's alias
        if len(words) == 1 and self.gazetteer.demonym(name):
            return True  # "the Chadian capital": a nationality, not a name
        last = words[-1].lower().strip(",.")
        if last in self.vocab.notname_words or last in self.vocab.facility_nouns:
            return True  # "Rapid Support Forces", "Arthur Lewis Community College": a body
        if len(words) > 1 and (last in _ORG_WORDS or words[0].lower() in self.vocab.notopen_words):
            return True  # "Operation Restore Legacy", "Khalid International": not a person
        low = name.lower()
        if len(words) > 1 and self._participle(words[0]):
            return True  # "Joining Maren at the ceremony are ...": a verb opens no name
        if self._present_verb(words[0]):
            return True  # "Crown Prince Holds Annual Meet": a headline's verb opens no name
        if (
            len(words) == 1
            and low not in self.vocab.given_names
            and any(form in self.vocab.verbs for form in (low, low[:-1], low[:-2]))
        ):
            return True  # "... Opposition Leader Returns": a headline's verb
        return any(fold(w) in self.vocab.nouns for w in words) and len(words) > 1

    def _names_a_facility(self, text: str, end: int) -> bool:
        """The name is the start of a facility's name: up to three more capitalised words
        end in a facility word ("Prince Mohammad Bin Abdul Aziz International Airport",
        "Robert Gabriel Mugabe Airport")."""
        words = text[end : end + 80].split()[:4]
        for w in words:
            low = w.lower().strip(",.;:")
            if not w[:1].isupper() or self._present_verb(w) or low in self.vocab.verbs:
                return False  # "Erdogan Attends Summit": a headline's verb comes first
            if low in self.vocab.facility_nouns:
                return True
        return False

    def _participle(self, word: str) -> bool:
        """True for the -ing form of a travel verb ("Joining", "Accompanying", "Leading")
        that is not a given name."""
        low = word.lower()
        if len(low) < 6 or not low.endswith("ing") or low in self.vocab.given_names:
            return False
        stem = low[:-3]
        return any(s in self.verbs for s in (stem, stem + "e", stem[:-1]))

    def _present_verb(self, word: str) -> bool:
        """True for a present-tense verb form ("Holds", "Arrives", "Watches") that is not a
        given name."""
        low = word.lower()
        if len(low) < 4 or not low.endswith("s") or low in self.vocab.given_names:
            return False
        if low[:-1] in self.verbs:
            return True
        sibilant = low.endswith(("ches", "shes", "sses", "xes", "zes", "oes"))
        return sibilant and low[:-2] in self.verbs

    def _name_end(self, ent: Any, label: str | None = None) -> int:
        """Where a PERSON entity's name ends: a capitalised proper noun the model left
        outside right after it belongs to it ("his daughter Kim Ju Ae" tagged "Kim Ju")."""
        doc = ent.doc
        if (label or ent.label_) != "PERSON" or ent.end >= len(doc):
            return int(ent.end_char)
        nxt = doc[ent.end]
        last = doc[ent.end - 1]
        if (
            len(ent) >= 2
            and last.text.islower()
            and last.text in _PARTICLES
            and last.whitespace_ == " "
            and nxt.pos_ == "PROPN"
            and nxt.text.isalpha()
            and nxt.text[:1].isupper()
            and fold(nxt.text) not in self._title_words
        ):
            # "Ursula von der" tagged a person and "Leyen" a place: a name never ends on
            # a lowercase particle
            return int(nxt.idx + len(nxt.text))
        if (
            self._more_of_name(nxt)
            and nxt.text.isalpha()
            and not nxt.is_upper
            and not nxt.is_sent_start
            and doc[ent.end - 1].whitespace_ == " "
            and (ent.end + 1 >= len(doc) or not doc[ent.end + 1].text[:1].isupper())
        ):
            return int(nxt.idx + len(nxt.text))
        last = doc[ent.end - 1]
        head = last.head
        if (
            last.dep_ == "compound"
            and head.pos_ == "PROPN"
            and ent.end <= head.i <= ent.end + 2
            and all(
                self._more_of_name(t)
                and t.text.replace("-", "").isalpha()
                and (t.i == head.i or t.head.i == head.i)
                for t in doc[ent.end : head.i + 1]
            )
        ):
            # "Roch Marc Christian Kaboré" tagged "Roch Marc": the run goes on to its head
            return int(head.idx + len(head.text))
        return int(ent.end_char)

    def _more_of_name(self, t: Any) -> bool:
        """A capitalised proper noun the NER model left outside a name, which may go on it:
        not a title, a place or a nationality."""
        return (
            t.pos_ == "PROPN"
            and t.ent_type_ == ""
            and t.text[:1].isupper()
            and fold(t.text) not in self._title_words
            and self.gazetteer.lookup(t.text) is None
            and not self.gazetteer.demonym(t.text)
        )

    def _headline_word(self, doc: Any, start: int, end: int) -> bool:
        """True when a capitalised word of the span is a verb or a travel word (headlines)."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        for t in span:
            low = t.lower_
            if (
                t.tag_.startswith("VB")
                or low in self.vocab.verbs
                or t.lemma_.lower() in self.vocab.verbs
            ):
                return True
            if low in self.vocab.nouns or low in _CALENDAR:
                return True
        return False

    @staticmethod
    def _inside_organisation(doc: Any, start: int, end: int) -> bool:
        """True when the span lies strictly inside a longer ORG/FAC/EVENT/PRODUCT entity."""
        for ent in _ents_in(doc[:]):
            if ent.label_ not in {"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}:
                continue
            if (
                ent.start_char <= start
                and end <= ent.end_char
                and ent.end_char - ent.start_char > end - start
            ):
                return True
        return False

    def _travel_arguments(self, doc: Any) -> list[tuple[int, int]]:
        """Proper nouns the NER model left out that are the subject of a travel verb or the
        possessor of a travel noun ("Petrov's visit to Oslo", "Diallo flew to Paris").

        The word must be a capitalised proper noun, not at the very start of a sentence
        unless a title precedes it, not a demonym, place or organisation entity.
        """
        out: list[tuple[int, int]] = []
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.ent_type_ not in {"", "PERSON", "ORG", "PRODUCT"}:
                continue
            head = tok.head
            lemma = head.lemma_.lower()
            if tok.dep_ in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
                if lemma not in self.vocab.verbs:
                    continue
            elif tok.dep_ == "poss" and head.pos_ == "NOUN":
                if lemma not in self.vocab.nouns:
                    continue
            elif (
                tok.dep_ == "pobj"
                and head.lower_ in {"of", "between"}
                and head.head.pos_ == "NOUN"
                and head.head.lemma_.lower() in self.vocab.nouns
            ):
                pass  # "the arrest of Mehul Choksi", "the visit of X", "talks between X and Y"
            elif tok.dep_ == "appos" and head.pos_ in {"NOUN", "PROPN"}:
                # "with his daughter Saran Dorj", "his adviser Omar Haddad": a name set
                # beside a kinship or role noun
                if lemma not in self.vocab.roles and head.lower_ not in self.vocab.genders:
                    continue
            else:
                continue
            if tok.ent_type_ == "PERSON":
                continue  # the NER pass has it
            if fold(tok.text) in self._title_words or tok.lemma_.lower() in self.vocab.roles:
                # "Minister of State for Water Resources K R Menon visited ...": the name
                # closes the title that heads the subject
                closing = self._closing_run(tok)
                if closing is not None:
                    out.append(closing)
                continue
            left, hyphened = _run_start(tok, hyphens=True)
            words = [t for t in doc[left.i : tok.i + 1] if t.tag_ != "HYPH"]
            if (
                tok.ent_type_ in {"ORG", "PRODUCT"}
                and tok.dep_ != "appos"
                and not (hyphened and tok.lower_ not in _ORG_WORDS)  # (read as firms)
                and (left.ent_iob_ == "B" or doc[left.i - 1].pos_ not in {"PROPN", "NOUN"})
                and not self._moving_name(words, tok)
            ):
                continue  # an organisation's own name; only a name closing a long title
                # the model read as one ORG ("State for External Affairs M J Akbar") is his
            if not self._reads_as_name(words):
                continue  # ("the President's visit": a title, not a name)
            if (
                len(words) == 1
                and left.is_sent_start
                and not any(
                    t.text == tok.text and not t.is_sent_start and t.i != tok.i for t in doc
                )
                # ("Haqqani travelled to the UAE": a word no English word list holds,
                # the subject of a travel verb, is a name even where a sentence opens)
                and not (
                    tok.dep_ in {"nsubj", "nsubjpass"}
                    and self._plain_nouns
                    and (low := tok.lower_) not in self._plain_nouns
                    and low not in self.verbs
                    and tok.is_alpha
                    and len(low) >= 4
                )
            ):
                continue  # "Photo: ...": a capitalised first word named nowhere else
            out.append((left.idx, tok.idx + len(tok.text)))
        return out

    def _moving_name(self, words: Sequence[Any], tok: Any) -> bool:
        """Two or three name-like words the model read as an organisation, the subject of
        a verb by which people come and go ("Kagiso Molefe arrived in Kigali"): a person,
        when no word is an organisation's, a place's or a word never in a name."""
        if not 2 <= len(words) <= 3 or tok.dep_ != "nsubj":
            return False
        trig = self.vocab.verbs.get(tok.head.lemma_.lower())
        if trig is None or trig.kind not in {"arrival", "departure", "visit", "flight"}:
            return False
        return not any(
            (low := t.lower_) in _ORG_WORDS
            or low in self.vocab.notname_words
            or low in self.vocab.not_persons
            or self.gazetteer.lookup(t.text) is not None
            for t in words
        )

    def _listed_with_people(self, doc: Any) -> list[tuple[int, int]]:
        """Proper-noun runs listed beside names the NER model found ("The delegation
        includes Sushil Kumar Modi, Fauzia Tahseen Ahmed Khan, M K Vishnu Prasad, P
        Ravindhranath, Shankar Lalwani and ...": the model read some as a building, an
        organisation, a date or nothing). In a list of two or more people found, a member
        the model mislabelled is a person too; beside one, only a member it left unlabelled.
        Places, demonyms, titles and organisations' own names are never taken."""
        out: list[tuple[int, int]] = []
        for head in doc:
            if head.dep_ == "conj" or not any(c.dep_ == "conj" for c in head.children):
                continue
            chain = [head]
            todo = [head]
            while todo:
                node = todo.pop()
                for c in node.children:
                    if c.dep_ == "conj" and c.pos_ == "PROPN":
                        chain.append(c)
                        todo.append(c)
            people = sum(1 for t in chain if t.ent_type_ == "PERSON")
            of_place = people == 1
            if of_place:
                # "include the President of Niger, A; B of Togo; C of Ghana and D": the parser
                # hangs some names of such a list as appositions; the sentence's persons
                # count, and only members named with their country are taken
                people = sum(1 for e in head.sent.ents if e.label_ == "PERSON")
            if people < 2 or len(chain) < 3:
                continue  # a list of people, not "Energy, Tourism and Minister X"
            for tok in chain:
                if tok.ent_type_ in {"PERSON", "GPE", "LOC", "NORP"} or tok.pos_ != "PROPN":
                    continue
                if of_place and not any(
                    p.dep_ == "prep"
                    and p.lower_ == "of"
                    and any(self.gazetteer.lookup(g.text) is not None for g in p.children)
                    for p in tok.children
                ):
                    continue
                run = self._proper_run(tok)
                if run is None:
                    continue
                words = doc.char_span(*run, alignment_mode="expand")
                if (
                    words is None
                    or len(words) < 2
                    or any(t.tag_ in {"NNS", "NNPS"} or t.is_stop for t in words)
                ):
                    continue  # one word alone, plurals ("Mineral Resources"), "More ..."
                out.append(run)
        return out

    def _proper_run(self, tok: Any) -> tuple[int, int] | None:
        """The span of the proper-noun run ``tok`` closes (its compounds before it), when it
        reads as a person's name and holds no word that is never one."""
        left, _ = _run_start(tok, hyphens=True)  # ("Nana Akufo-Addo")
        run = tok.doc[left.i : tok.i + 1]
        words = [t for t in run if t.tag_ != "HYPH"]
        if not self._reads_as_name(words) or any(t.lower_ in self.vocab.not_persons for t in words):
            return None
        return run.start_char, run.end_char

    def _reads_as_name(self, words: Sequence[Any]) -> bool:
        """Capitalised words (initials allowed first: "M K Vishnu Prasad", "A. Latif
        Mansoor"), no demonym, no title or role word."""
        initials = 0
        while initials < len(words) - 1 and _INITIAL.fullmatch(words[initials].text):
            initials += 1
        return (
            all(
                t.text[:1].isupper() and t.text.isalpha() and not t.is_upper
                for t in words[initials:]
            )
            and not any(self.gazetteer.demonym(t.text) for t in words)
            and not any(
                fold(t.text) in self._title_words or t.lemma_.lower() in self.vocab.roles
                for t in words
            )
        )

    def _closing_run(self, title: Any) -> tuple[int, int] | None:
        """The name that closes a title phrase: the last proper noun reached from the title
        through "of"/"for" phrases and compounds, when its run opens with initials or a
        known given name (the only signs of where the title ends and the name begins)."""
        node = title
        for _ in range(4):
            objs = [
                g
                for c in node.children
                if c.dep_ == "prep" and c.lower_ in {"of", "for"}
                for g in c.children
                if g.dep_ == "pobj" and g.pos_ == "PROPN"
            ]
            if not objs:
                return None
            node = objs[-1]
            left = node
            doc = node.doc
            while left.i > 0 and (
                doc[left.i - 1].dep_ == "compound"
                or (doc[left.i - 1].tag_ == "HYPH" and left.i >= 2)  # "Kassym-Jomart"
            ):
                if doc[left.i - 1] not in node.subtree:
                    break
                left = doc[left.i - 1]
            run = list(doc[left.i : node.i + 1])
            for k, t in enumerate(run[:-1]):
                if (
                    _INITIAL.fullmatch(t.text)
                    or t.lower_ in self.vocab.given_names
                    or (run[k + 1].tag_ == "HYPH" and k + 2 < len(run))  # "Kassym-Jomart"
                ):
                    words = run[k:]
                    if all(t.text[:1].isupper() for t in words if t.tag_ != "HYPH"):
                        return words[0].idx, node.idx + len(node.text)
                    return None
        return None

    def _given_runs(self, text: str, doc: Any) -> list[tuple[int, int]]:
        """Spans of a known given name followed by one to three capitalised words.

        The small NER model misses or mislabels many names ("Mamadou Keita" as ORG,
        "Ousmane Diallo" as nothing, "Belarus Ivan Petrov" inside an ORG); a given name of
        ``given_names.tsv`` that opens a run of capitalised words is a person's name. The
        run stops at a place, a month or weekday, or a word the parser reads as a verb.
        """
        out: list[tuple[int, int]] = []
        given = self.vocab.given_names
        for m in _GIVEN_RUN.finditer(text):
            first = m.group("first")
            # ("Phan Van Giang": a family name written first opens a run of three or four)
            low_first = first.lower()
            family = (low_first if low_first.isascii() else fold(first)) in self.vocab.family_first
            if low_first not in given and not family:
                continue
            start, end = m.start("first"), m.end("first")
            portfolio_from: int | None = None  # where a run of portfolio words began
            for w in _WORD.finditer(text, end, m.end("rest")):
                if text[end : w.start()].strip():
                    break
                word = w.group(0)
                low = word.lower().strip("'’")
                if low in _CALENDAR or self.gazetteer.demonym(word):
                    break  # "Wang Yi Chinese Foreign Minister": a nationality ends the name
                if low in self.vocab.post_words:
                    # "Pete Hansen Commerce Secretary X": the next one's post, with the
                    # portfolio words just before it
                    end = portfolio_from if portfolio_from is not None else end
                    break
                if low in self.vocab.portfolio_words:
                    portfolio_from = end if portfolio_from is None else portfolio_from
                else:
                    portfolio_from = None
                span = doc.char_span(w.start(), w.end(), alignment_mode="expand")
                if span is not None and span.root.pos_ in {"VERB", "AUX", "ADP", "DET"}:
                    break
                place = self.gazetteer.lookup(word)
                if (
                    place is not None
                    and (
                        place.kind in {"country", "region", "continent"}
                        or (span is not None and span.root.ent_type_ in {"GPE", "LOC"})
                    )
                    and not (family and place.kind != "country")
                ):
                    break  # "Ivan Petrov Moscow" is not a name; "Hassan" the town may be
                    # (a Vietnamese given name may be a province's: "Phan Van Giang")
                end = w.end()
            if end > m.end("first") and (not family or len(text[start:end].split()) in {3, 4}):
                out.append((start, end))
        return out

    def _figure_runs(self, text: str) -> list[tuple[int, int]]:
        """Spans of the longest runs of two to five capitalised words (particles allowed)
        whose words are a name of ``public_figures.tsv``."""
        figures = self.vocab.figures
        if not figures:
            return []
        out: list[tuple[int, int]] = []
        for m in _CAPITAL_RUN.finditer(text):
            words = list(_RUN_WORD.finditer(m.group(0)))
            keyed = [name_words(w.group(0)) for w in words]  # each word folded once
            k = 0
            while k < len(words) - 1:
                for j in range(min(len(words), k + 5), k + 1, -1):
                    folded = [f for parts in keyed[k:j] for f in parts]
                    if len(folded) >= 2 and figure_key(folded)[0] in figures:
                        out.append((m.start() + words[k].start(), m.start() + words[j - 1].end()))
                        k = j - 1
                        break
                k += 1
        return out

    def _portfolio_runs(self, text: str) -> list[tuple[int, int, str, str | None]]:
        """Spans of the name after a post's portfolio: "Minister of Industry and Trade Tran
        Tuan Anh", "Minister of Transport, Highways and Civil Aviation, Bimal Rathnayake",
        "High Commissioner to the United Kingdom Manoah Esipisu". The posts (``post`` in
        lexicon.tsv) open it; the portfolio's words (``portfolio``), nationality words and
        places are read past; the two
        to six capitalised words that follow are the holder's name. Also the post as
        written, and the country it is "of" (none for "Ambassador to X")."""
        out: list[tuple[int, int, str, str | None]] = []
        portfolio = self.vocab.portfolio_words
        for m in self._portfolio_post.finditer(text):
            pos, domain = m.end(), 0
            # "Minister of Foreign Affairs of Hungary X": the post is that country's;
            # "Ambassador to Bangladesh X" is posted there
            country: str | None = None
            of = m.group("prep") == "of"
            state_last = False  # the word just read past was a country
            while True:
                w = _PORTFOLIO_WORD.match(text, pos)
                if w is None:
                    break
                word = w.group("w")
                low = word.lower().strip(",")
                if low == "and" and state_last:
                    break  # "... of the Parliament of Bulgaria, and X": the post ends there
                if word == "," or low in _PORTFOLIO_JOINS:
                    pos = w.end()
                    continue
                state_last = False
                two = _PORTFOLIO_WORD.match(text, w.end())
                pair = self.gazetteer.lookup(f"{word} {two.group('w')}") if two else None
                if two is not None and pair is not None:
                    pos, domain = two.end(), domain + 1  # "United Kingdom"
                    if of and pair.kind == "country":
                        country = country or pair.country
                    state_last = pair.kind == "country"
                    continue
                place = self.gazetteer.lookup(word)
                if place is not None and place.kind in {"country", "region", "continent"}:
                    pos, domain = w.end(), domain + 1
                    if of and place.kind == "country":
                        country = country or place.country
                    state_last = place.kind == "country"
                    continue
                if low in portfolio or self.gazetteer.demonym(word):
                    pos, domain = w.end(), domain + 1
                    continue
                break
            if not domain:
                continue
            name = _PORTFOLIO_NAME.match(text, pos)
            if name is None:
                continue
            words = name.group("n").split()
            if len(words) < 2 or any(
                x.lower() in portfolio
                or fold(x) in self._title_words
                or x.lower() in self.vocab.roles
                or self.gazetteer.demonym(x)
                or x.lower() in _FUNCTION_WORDS
                for x in words
            ):
                continue
            post = text[m.start() : pos].strip(" ,")
            out.append((name.start("n"), name.end("n"), post, country))
        return out

    def _modifier_of_thing(self, ent: Any) -> bool:
        """'the Tiananmen rostrum': a one-word 'name' modifying a common noun is no person."""
        root = ent.root
        if len(ent) != 1 or root.dep_ != "compound" or root.head.pos_ != "NOUN":
            return False
        if root.head.lemma_.lower() in self.vocab.roles or ent.start == 0:
            return False
        return ent.doc[ent.start - 1].lower_ == "the"

    def _word_of_a_title(self, doc: Any, start: int, end: int) -> bool:
        """A one-word "name" that is a word of a longer title or of a noun phrase: the next
        word is a title or role word ("Prime Cabinet Secretary"), or the word modifies a
        common noun after it ("the General Staff directorate")."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) != 1:
            return False
        tok = span[0]
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            nxt is not None
            and nxt.is_title
            and (fold(nxt.text) in self._title_words or nxt.lemma_.lower() in self.vocab.roles)
        ):
            return True
        return (
            tok.dep_ in {"compound", "amod", "nmod"}
            and tok.head.i > tok.i
            and tok.head.pos_ == "NOUN"
            and tok.head.is_lower
        )

    def _titled_inside(self, prefix: str) -> bool:
        """The words the model took into an entity before the name are a title ("First
        Lady Nadine Heredia" read as an organisation)."""
        words = [fold(w) for w in prefix.split()]
        return bool(words) and all(
            w in self._title_words or w in _ORDINARY_TITLE_WORDS for w in words
        )

    def _person_by_context(self, ent: Any) -> bool:
        """An ORG/GPE-labelled name that the syntax shows is a person (title or role apposition)."""
        root = ent.root
        prev = ent.doc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and fold(prev.text) in self._title_words:
            return True
        for child in root.children:
            if child.dep_ == "appos" and child.lemma_.lower() in self.vocab.roles:
                return True
        if root.dep_ == "appos" and root.head.lemma_.lower() in self.vocab.roles:
            return True
        return self._after_role_phrase(ent)

    def _after_role_phrase(self, ent: Any) -> bool:
        """'The president of the Central African Republic, Faustin-Archange Touadera,':
        a name set off by commas right after a role phrase, whatever the parser hung it on
        (here "Republic")."""
        doc = ent.doc
        if ent.start < 2 or doc[ent.start - 1].text != ",":
            return False
        if ent.end < len(doc) and doc[ent.end].text not in {",", "(", "said", "told"}:
            return False
        # read back over the role's complement ("of the Central African Republic")
        for i in range(ent.start - 2, max(ent.sent.start, ent.start - 12) - 1, -1):
            t = doc[i]
            if t.pos_ in {"NOUN", "PROPN"} and t.lemma_.lower() in self.vocab.roles:
                return True  # ("the Minister of Foreign Affairs, X": a capitalised role too)
            if t.pos_ not in {"PROPN", "ADJ", "DET", "ADP", "NOUN", "PART"}:
                return False
        return False

    # ------------------------------------------------------------ clustering

    def find(
        self,
        doc: Any,
        text: str,
        places: Sequence[Place],
        hits: Sequence[ScanHitLike],
        credits: Sequence[tuple[int, int]] | None = None,
        runs: Sequence[tuple[int, int]] = (),
    ) -> People:
        """Every person of the article with mentions, titles, descriptions and aliases.

        ``runs`` are spans of capitalised words that screen against the UN list; they are
        names even where the NER model cut them short ("Raghad Saddam Hussein").
        """
        credits = list(credits) if credits is not None else find_credits(text, self.vocab)
        place_spans = [(p.start, p.end) for p in places if p.start >= 0]
        cands, credit_names, sources, posts = self.candidates(
            doc, text, credits, place_spans, hits, runs
        )
        clusters: list[_Cluster] = []
        alias_owner: dict[str, _Cluster] = {}
        for s, e, name, kind, refs in cands:
            owner = alias_owner.get(fold(name))
            if owner is not None:
                owner.add(Mention(name, s, e, "alias"))
                owner.references |= refs
                continue
            owner = self._alias_owner(clusters, text, s)
            if owner is not None:
                owner.aliases.append(name)
                owner.add(Mention(name, s, e, "alias"))
                owner.references |= refs
                alias_owner[fold(name)] = owner
                continue
            kin = _KIN_BEFORE.search(text[max(0, s - 40) : s]) is not None
            cluster = self._assign(clusters, s, e, name, kind, refs, kin=kin)
            nick = _NICKNAMED.fullmatch(text[s:e])
            if nick is not None and nick.group("nick") not in cluster.aliases:
                cluster.aliases.append(nick.group("nick"))  # "Hemedti" later is him
                alias_owner[fold(nick.group("nick"))] = cluster
            found = _alias_after(text, e)
            if found is not None and fold(found[0]) != fold(cluster.name):
                alias, at = found
                cluster.aliases.append(alias)
                cluster.add(Mention(alias, at, at + len(alias), "alias"))
                alias_owner[fold(alias)] = cluster
        self._variants(clusters, doc, text, credits, places, sources)
        token_pid: dict[int, str] = {}
        for c in clusters:
            for m in c.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    for t in span:
                        token_pid.setdefault(t.i, c.pid)
        for c in clusters:
            self._attributes(c, doc, token_pid, posts)
            self._gender(c, doc)
        unresolved = self._descriptions(clusters, doc, token_pid, credits)
        self._pronouns(clusters, doc, token_pid, credits)
        persons = []
        for c in clusters:
            if not c.mentions:
                continue
            c.mentions.sort(key=lambda m: m.start)
            persons.append(
                Person(
                    pid=c.pid,
                    name=_usual_spelling(c),
                    mentions=tuple(c.mentions),
                    titles=tuple(dict.fromkeys(c.titles)),
                    descriptions=tuple(dict.fromkeys(c.descriptions)),
                    aliases=tuple(dict.fromkeys(c.aliases)),
                    organisations=tuple(dict.fromkeys(c.organisations)),
                    nationalities=tuple(dict.fromkeys(c.own_nationalities or c.nationalities)),
                    office_country=self._office_country(_usual_spelling(c), bool(c.titles)),
                )
            )
        listed = frozenset(c.pid for c in clusters if c.references)
        return People(
            persons=tuple(persons),
            token_pid=token_pid,
            unresolved=unresolved,
            credits=tuple(credits),
            credit_names=tuple(dict.fromkeys(credit_names)),
            sources=tuple(sources),
            listed_pids=listed,
        )

    def _office_country(self, name: str, titled: bool = False) -> str:
        """The state a public office holder served, by the whole name or its first and last
        words ("Yoweri Kaguta Museveni"), or by a titled surname alone that only one
        state's holders bear ("President Museveni"); "" for anyone else."""
        figures = self.vocab.figures
        words = name_words(name)
        if len(words) == 1 and (titled or len(words[0]) >= 6):
            # ("Lukashenko met X in Minsk": a long surname the article never names in full
            # is the one office holder's who bears it)
            return figures.get(f"={words[0]}", "")
        if len(words) < 2 or not figures:
            return ""
        full, first_last = figure_key(words)
        return figures.get(full) or (figures.get(first_last, "") if first_last else "")

    def _alias_owner(self, clusters: list[_Cluster], text: str, start: int) -> _Cluster | None:
        """The person a name at ``start`` is an alias of, when an alias cue comes just before.

        The owner is the person mentioned last before the cue in the same sentence ("X, who
        led the group under the name Y"); with no such person the name stands alone.
        """
        if self._alias_cue is None:
            return None
        cue = self._alias_cue.search(text, max(0, start - 60), start)
        if cue is None:
            return None
        best: tuple[int, _Cluster] | None = None
        for c in clusters:
            for m in c.mentions:
                if m.end <= cue.start() and (best is None or m.end > best[0]):
                    best = (m.end, c)
        if best is None:
            return None
        between = text[best[0] : cue.start()]
        if re.search(r"[.!?][\"”’']?\s+[A-Z\"“]|\n", between) or len(between) > 250:
            return None  # another sentence: the cue is not about that person
        return best[1]

    def _assign(
        self,
        clusters: list[_Cluster],
        s: int,
        e: int,
        name: str,
        kind: str,
        refs: frozenset[str],
        *,
        kin: bool = False,
    ) -> _Cluster:
        toks = _tokens(name)
        target = self._match(clusters, toks, refs, s, kin=kin)
        mkind = kind if len(toks) > 1 else "surname"
        if target is None:
            target = _Cluster(pid=f"P{len(clusters) + 1}", name=name, first_start=s, tokens=toks)
            clusters.append(target)
        elif len(toks) > len(target.tokens) or (
            len(toks) == len(target.tokens) and kind == "list-scan" and not target.references
        ):
            target.name, target.tokens = name, toks
        target.references |= refs
        target.add(Mention(name, s, e, mkind))
        return target

    def _match(
        self,
        clusters: list[_Cluster],
        toks: list[str],
        refs: frozenset[str],
        start: int,
        *,
        kin: bool = False,
    ) -> _Cluster | None:
        if not toks:
            return None
        if refs:
            for c in clusters:
                if c.references & refs:
                    return c
        key = set(toks) - _PARTICLES
        recent = sorted(clusters, key=lambda c: -c.last_seen)
        # same name, or one name's tokens inside the other's
        shared: list[_Cluster] = []
        for c in recent:
            ck = set(c.tokens) - _PARTICLES
            if key == ck or (len(key) > 1 and key <= ck) or (len(ck) > 1 and ck <= key):
                return c
            if len(key) == 1 and key <= ck:
                shared.append(c)
        if shared:
            # "Kim" after "Kim Jong Un" and "his daughter Kim Ju Ae": the one the story
            # introduced first (as for any bare word two people share)
            return min(shared, key=lambda c: c.first_start)
        # a full name after a surname-only mention (headline "Soleimani", then "Qassem
        # Soleimani"; "Malong", then "Paul Malong Awan" where the family name is in the middle)
        if len(toks) > 1 and not kin:  # ("Rajapaksa ... his wife Ioma Rajapaksa": another)
            for c in recent:
                ck = set(c.tokens) - _PARTICLES
                if len(ck) == 1 and ck <= key:  # "Al-Sisi", then "Abdel Fattah Al-Sisi"
                    return c
        # a one-letter slip in one word of a full name ("William Rutio" and "William Ruto")
        if len(toks) > 1:
            for c in recent:
                if len(c.tokens) != len(toks) or c.tokens == toks:
                    continue
                diff = [(a, b) for a, b in zip(toks, c.tokens, strict=True) if a != b]
                if (
                    len(diff) == 1
                    and min(map(len, diff[0])) >= 4
                    and all(w.isalpha() for w in diff[0])
                    and _one_edit(*diff[0])
                ):
                    return c
        # a one-letter slip in a long surname ("Tilerson" after "Rex Tillerson")
        if len(key) == 1:
            (word,) = key
            for c in recent:
                if len(c.tokens) > 1 and len(word) >= 6 and _one_edit(word, c.tokens[-1]):
                    return c
        # one name written as two words, or hyphenated, elsewhere ("Amirabdollahian" and
        # "Hossein Amir-Abdollahian", "Abdel Halim" and "Abdelhalim")
        # ... when the other words agree too (not "Abdelrahman El Tayeb" and "Abdel Rahman
        # El Masri": two men who share a given name)
        for c in recent:
            for one, two in ((toks, c.tokens), (c.tokens, toks)):
                for k, (a, b) in enumerate(itertools.pairwise(two)):
                    w = a + b
                    if len(w) < 8 or w not in one:
                        continue
                    rest_one = set(one) - {w} - _PARTICLES
                    rest_two = set(two[:k] + two[k + 2 :]) - _PARTICLES
                    if rest_one <= rest_two or rest_two <= rest_one:
                        return c
        return None

    def _variants(
        self,
        clusters: list[_Cluster],
        doc: Any,
        text: str,
        credits: Sequence[tuple[int, int]],
        places: Sequence[Place],
        sources: Sequence[tuple[int, int]],
    ) -> None:
        """Later bare mentions of a surname, given name or alias; each joins the nearest
        person. A country's name is never such a mention; a town's or province's name is,
        unless the model read the word there as a place ("Heredia took refuge ...": the
        surname of Nadine Heredia; "in Heredia": the province)."""
        countries = [(p.start, p.end) for p in places if p.start >= 0 and p.kind == "country"]
        others = [(p.start, p.end) for p in places if p.start >= 0 and p.kind != "country"]
        covered = [(m.start, m.end) for c in clusters for m in c.mentions]
        owners: dict[str, list[_Cluster]] = {}
        for c in clusters:
            forms = {c.name, *c.aliases}
            for form in list(forms):
                words = form.split()
                if len(words) > 1:
                    # (a long name's inner word may be the name the story uses: "Lula" of
                    # Luiz Inacio Lula da Silva)
                    inner = [w for w in words[1:-1] if len(w) >= 4] if len(words) >= 4 else []
                    for w in (words[-1], words[0], *inner):
                        if fold(w) not in _PARTICLES and fold(w) not in self._title_words:
                            forms.add(w)
                    last = words[-1]
                    if last.lower().startswith(("al-", "el-", "ad-", "as-", "ash-", "ar-")):
                        article, bare = last.split("-", 1)
                        forms.add(bare[:1].upper() + bare[1:])  # "al-Sharaa" -> "Sharaa"
                        # "al-Burhan" opening a sentence: "Al-Burhan will hold talks"
                        forms.add(article.capitalize() + "-" + bare)
                        forms.add(article.lower() + "-" + bare)
            for form in forms:
                if len(form) >= 2 and form[:1].isupper() and fold(form) not in _PARTICLES:
                    owners.setdefault(form, []).append(c)
        if not owners:
            return
        pattern = re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(f) for f in sorted(owners, key=len, reverse=True))
            + r")(?![\w-])"
        )
        blocked = [*credits, *countries, *sources]
        ent_of = {t.i: ent for ent in doc.ents for t in ent}
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if _overlaps(covered, s, e) or _overlaps(blocked, s, e):
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if _overlaps(others, s, e) and (
                span is None
                or (span.root.dep_ != "pobj" and span.root.dep_ not in _NAME_DEPS)
                or (span.root.dep_ == "pobj" and span.root.head.lower_ in _TOWN_PREPOSITIONS)
            ):
                continue  # the town, not the person
            if span is not None and any(
                (ent := ent_of.get(t.i)) is not None
                and ent.label_ in {"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW"}
                and (ent.start < span.start or ent.end > span.end)
                and not _names_only(ent, owners)
                for t in span
            ):
                continue  # "Soleimani Foundation" is not Soleimani
            if span is not None and len(span) == 1:
                root = span.root
                if (
                    root.dep_ in {"compound", "amod", "nmod"}
                    and root.head.pos_ == "NOUN"
                    and root.head.i > root.i
                ):
                    continue  # "Houthi official", "a Bhutto grandson": a modifier, not him
            cands = owners[m.group(0)]
            before = [c for c in cands if c.first_start < s]
            # two people who share the word ("Kim Jong Un ... his daughter Kim Ju Ae ...
            # Kim rarely leaves"): the bare word means the one the story introduced first
            chosen = min(before, key=lambda c: c.first_start) if before else cands[0]
            kind = "alias" if m.group(0) in chosen.aliases else "surname"
            chosen.add(Mention(m.group(0), s, e, kind))
            covered.append((s, e))

    # ------------------------------------------------------------ attributes

    def _attributes(
        self,
        c: _Cluster,
        doc: Any,
        token_pid: dict[int, str],
        posts: dict[int, tuple[str, str | None]] | None = None,
    ) -> None:
        """Titles (left modifiers), descriptions (appositions, relative clauses), organisations."""
        for m in list(c.mentions):
            if m.kind in {"pronoun", "description"}:
                continue
            if posts and m.start in posts:
                # "President of Turkmenistan X": the post, and the country it is of
                post, country = posts[m.start]
                c.titles.append(post)
                if country:
                    c.nationalities.append(country)
                    c.own_nationalities.append(country)
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            # left modifiers: "Quds Force chief", "Iranian Revolutionary Guard Commander", titles
            left = span.start
            while left > 0:
                prev = doc[left - 1]
                if prev.is_space or prev.is_punct or token_pid.get(prev.i) not in (None, c.pid):
                    break
                if prev.pos_ in _NOT_IN_TITLES or prev.tag_.startswith("VB"):
                    break  # "showed the general kissing Khamenei's shoulder": a verb, no title
                modifier = prev.dep_ in {"compound", "amod", "nmod", "npadvmod"}
                if (modifier or fold(prev.text) in self._title_words) and prev.head.i < span.end:
                    left -= 1
                    continue
                break
            if left < span.start:
                title = doc[left : span.start]
                words = [t for t in title if t.pos_ not in {"DET", "PUNCT"} and t.dep_ != "poss"]
                if words:
                    ttext = doc[words[0].i : span.start].text.strip()
                    c.titles.append(ttext)
                    had = len(c.nationalities)
                    self._evidence(c, doc[words[0].i : span.start])
                    mark = doc[left - 1] if left > 1 else None
                    if (
                        mark is not None
                        and mark.text in {"'s", "’s"}
                        and mark.head.dep_ == "poss"
                        and left <= mark.head.head.i < span.end
                    ):
                        # "Türkiye's Defense Minister X": the country whose post it is
                        owner = mark.head
                        self._evidence(c, doc[owner.left_edge.i : mark.i + 1])
                    c.own_nationalities.extend(c.nationalities[had:])
            # the name in apposition to a description before it ("An Iranian official,
            # Ali Akbar Tabatabaei, ..."; "A second Iranian named in the case, X, ...")
            head = root.head
            if (
                root.dep_ == "appos"
                and head.i < span.start
                and head.pos_ in {"NOUN", "PROPN", "ADJ"}
                and token_pid.get(head.i) is None
            ):
                sub = doc[head.left_edge.i : head.i + 1]
                desc = _trim_det(sub)
                if desc and len(sub) <= 12:
                    c.descriptions.append(desc)
                    self._evidence(c, sub)
            # appositions and relative clauses
            for child in root.children:
                if child.i < span.end:
                    continue
                if child.dep_ == "prep" and child.lower_ == "of" and c.titles:
                    # "President Tendai Moyo of Zimbabwe": the state a titled name is of
                    for g in child.children:
                        place = self._country_of(g) if g.dep_ == "pobj" else None
                        if place is not None:
                            c.nationalities.append(place)
                            c.own_nationalities.append(place)
                if child.dep_ == "appos" and token_pid.get(child.i) is None:
                    iso = self.gazetteer.demonym(child.text)
                    if iso:  # "X, an Iranian, ..."
                        c.nationalities.append(iso)
                if (
                    child.dep_ == "appos"
                    and token_pid.get(child.i) is None
                    and (
                        child.pos_ == "NOUN"
                        # ", the President of Kenya,": a title the tagger reads as a name
                        or (child.pos_ == "PROPN" and fold(child.text) in self._title_words)
                    )
                    and (
                        child.lemma_.lower() in self.vocab.roles
                        or any(g.dep_ in {"prep", "poss"} for g in child.children)
                    )
                ):
                    sub = doc[child.left_edge.i : child.right_edge.i + 1]
                    desc = _trim_det(sub)
                    if desc and len(desc.split()) <= 25:
                        c.descriptions.append(desc)
                        self._evidence(c, sub)
                        c.nationalities.extend(self._office_states(child))
                elif child.dep_ == "relcl":
                    sub = doc[child.left_edge.i : child.right_edge.i + 1]
                    if len(sub) <= 25:
                        c.descriptions.append(sub.text.strip())
                        self._evidence(c, sub, organisations_only=True)
            # "X is/was the commander of ..." (copula with an attribute)
            if root.dep_ in _PRONOUN_SUBJ and root.head.lemma_ == "be":
                for child in root.head.children:
                    if child.dep_ == "attr" and child.lemma_.lower() in self.vocab.roles:
                        sub = doc[child.left_edge.i : child.right_edge.i + 1]
                        c.descriptions.append(_trim_det(sub))
                        self._evidence(c, sub)

    def _office_states(self, role: Any) -> list[str]:
        """'Chairman of the Foreign Affairs Committee of the Grand National Assembly of
        Türkiye', 'Prime Minister of Albania': the state a chain of 'of' phrases under a
        role ends in (the office is that state's)."""
        found: list[str] = []
        for t in role.subtree:
            head = t
            while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i != head.i:
                head = head.head.head
            if head.i != t.i and head.i == role.i and (iso := self._country_of(t)):
                found.append(iso)
        return found[-1:]

    def _country_of(self, tok: Any) -> str | None:
        """The country a noun phrase names as a whole ("Zimbabwe", "the Democratic
        Republic of Congo"), not a city or a region in it."""
        words = [t for t in tok.subtree if t.pos_ != "DET"]
        if not words or len(words) > 6 or tok.pos_ != "PROPN":
            return None
        text = tok.doc[words[0].i : words[-1].i + 1].text
        place = self.gazetteer.lookup(text)
        if place is not None and place.country and place.kind == "country":
            return place.country
        return None

    def _gender(self, c: _Cluster, doc: Any) -> None:
        """Grammatical gender from titles, descriptions and the word before a name."""
        for m in c.mentions:
            if m.kind in {"pronoun", "description"}:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.start == 0:
                continue
            prev = doc[span.start - 1]
            word = prev.text.rstrip(".")  # "Mr." as one token
            g = self.vocab.genders.get(word.lower()) or self.vocab.genders.get(word)
            if g is not None and prev.pos_ != "PRON":
                c.genders.add(g)  # "her brother Saif", "Mr Khan"
        given = c.name.split()[0].lower() if c.name.split() else ""
        if len(c.name.split()) > 1 and given in self.vocab.given_names:
            c.genders.add(self.vocab.given_names[given])  # "Aisha Qadhafi", "Ali Karimi"
        for phrase in c.titles + c.descriptions[:2]:
            words = re.findall(r"[\w'’-]+", phrase)
            head = words[:4]  # the head of a description comes first ("daughter of ...")
            for w in head:
                g = self.vocab.genders.get(w.lower())
                if g is not None and w.lower() not in {"his", "her", "he", "she"}:
                    c.genders.add(g)
                    break

    def _describes_person(self, tok: Any) -> bool:
        """True when a modifier qualifies a person: a role or title noun, or a name
        ("Iranian general", "U.S. ambassador", "Libyan Khalifa Haftar"), not a thing ("a
        U.S. bounty", "a Libyan court")."""
        head = tok.head if tok.dep_ in {"amod", "compound", "nmod", "poss"} else tok
        if head.i == tok.i:
            return True
        low = head.lemma_.lower()
        return (
            head.pos_ == "PROPN" or low in self.vocab.roles or fold(head.text) in self._title_words
        )

    def _evidence(self, c: _Cluster, span: Any, organisations_only: bool = False) -> None:
        for ent in _ents_in(span):
            if ent.label_ == "ORG":
                org = _trim_det(ent)
                if org.lower() not in self.vocab.sources:
                    c.organisations.append(org)
            elif ent.label_ == "NORP" and not organisations_only:
                if not self._describes_person(ent.root):
                    continue  # "a Libyan court", "Afghan soil": not the person's nationality
                iso = self.gazetteer.demonym(ent.text.strip())
                if iso:
                    c.nationalities.append(iso)
            elif ent.label_ == "GPE" and not organisations_only:
                # "Iran's ...", "U.S. ambassador": the country the role belongs to (not
                # "a U.S. bounty on his head")
                r = ent.root
                if not self._describes_person(r):
                    continue
                if ent.start > 0 and ent.doc[ent.start - 1].lower_ == "to":
                    continue  # "Sudan's Ambassador to Saudi Arabia X": where posted
                if r.dep_ in {"poss", "compound", "nmod"} or any(
                    t.text in {"'s", "’s"} for t in r.children
                ):
                    place = self.gazetteer.lookup(ent.text.strip())
                    if place is not None and place.country and place.kind == "country":
                        c.nationalities.append(place.country)
        for tok in span:
            if (
                # ("Moldovan Foreign Minister X": the model may call the demonym a name)
                tok.ent_type_ in {"", "PERSON", "ORG"}
                and tok.text[:1].isupper()
                and self._describes_person(tok)
                and not (tok.i > 0 and tok.doc[tok.i - 1].lower_ == "to")  # (where posted)
            ):
                iso = self.gazetteer.demonym(tok.text)
                if iso and not organisations_only:
                    c.nationalities.append(iso)
            if (
                tok.ent_type_ not in {"", "GPE"}
                and not organisations_only
                and tok.dep_ == "poss"
                and any(t.text in {"'s", "’s"} for t in tok.children)
                and self._describes_person(tok)
                and (iso := self._country_of(tok))
            ):
                c.nationalities.append(iso)  # "Moldova's Minister" (the model: an ORG)

    # ------------------------------------------------------------ descriptions

    def _descriptions(
        self,
        clusters: list[_Cluster],
        doc: Any,
        token_pid: dict[int, str],
        credits: Sequence[tuple[int, int]],
    ) -> dict[int, str]:
        """Link definite role descriptions ("the commander of ...") to a person; return the rest."""
        unresolved: dict[int, str] = {}
        for tok in doc:
            if tok.i in token_pid or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            head = tok.lemma_.lower()
            if head not in self.vocab.roles and fold(tok.text) not in self._title_words:
                continue
            if tok.dep_ in {"compound", "appos", "amod"} or _inside(credits, tok.idx, tok.idx + 1):
                continue
            if (
                tok.i >= 2
                and doc[tok.i - 1].text == "-"
                and not doc[tok.i - 1].whitespace_
                and not doc[tok.i - 2].whitespace_
            ):
                # "the Secretary-General" is called by the whole compound, not by "general"
                head = fold(f"{doc[tok.i - 2].text}-{tok.text}")
            if tok.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "poss", "conj"}:
                continue
            if tok.tag_ in {"NNS", "NNPS"}:
                continue  # "its advisers", "Iranian officials": a group, not one person
            dets = [ch for ch in tok.children if ch.dep_ in {"det", "poss"}]
            if not dets and not (
                # "Somali president has previously visited ...": headline style drops the
                # article; a nationality makes the role definite all the same
                tok.dep_ in {"nsubj", "nsubjpass"}
                and any(
                    ch.dep_ in {"amod", "compound"} and self.gazetteer.demonym(ch.text)
                    for ch in tok.children
                )
            ):
                continue
            if any(
                d.dep_ == "det" and d.lower_ in {"a", "an", "another", "some", "any"} for d in dets
            ):
                # "A senior Taliban official arrived in Moscow ... X, the deputy prime
                # minister, said": a lede's indefinite subject is the one named next
                lede = (
                    tok.dep_ in _PRONOUN_SUBJ
                    and any(d.lower_ in {"a", "an"} for d in dets)
                    and self._named_next(clusters, doc, token_pid, tok)
                )
                if lede:
                    for t in doc[tok.left_edge.i : tok.i + 1]:
                        token_pid.setdefault(t.i, lede.pid)
                    token_pid[tok.i] = lede.pid
                continue
            sub = _core(doc, tok)
            if tok.dep_ == "attr":
                continue
            text = _trim_det(sub) if len(sub) <= 25 else tok.text
            # "President Donald Trump's adviser": the possessor's own words name the possessor
            owner = {t.i for d in tok.children if d.dep_ == "poss" for t in d.subtree}
            named = [
                token_pid[t.i]
                for t in [
                    *sub,
                    # ("The President of Mexico, X": an apposition with no other name
                    # before it, not a name the parser hung on it from across a list)
                    *(
                        c
                        for c in tok.children
                        if c.dep_ == "appos"
                        and not any(
                            t.i in token_pid or t.text == ";"
                            for t in doc[tok.i + 1 : c.left_edge.i]
                        )
                    ),
                ]
                if t.i in token_pid
                and t.i not in owner  # "Putin's envoy" is not Putin
                and (t.head.i == tok.i or t.dep_ in {"appos", "compound"})
            ]
            if not named:
                closing = closing_name(tok, token_pid)
                named = [closing] if closing is not None else []
            if not named:
                # "Hosted by the President of Azerbaijan, Ilham Aliyev, the summit ...": a
                # name set off by a comma right after the phrase is its apposition, however
                # the parser hung it
                after = tok.right_edge.i + 1
                if (
                    after + 1 < len(doc)
                    and doc[after].text == ","
                    and (pid := token_pid.get(doc[after + 1].i)) is not None
                    and doc[after + 1].sent.start == tok.sent.start
                ):
                    named = [pid]
            if not named and tok.dep_ in _PRONOUN_SUBJ:
                named = _closing_apposition(tok, token_pid)
            by_pid = {c.pid: c for c in clusters}
            target = by_pid.get(named[0]) if named else None
            if target is not None:
                # "Iran's nuclear chief Mohammad Eslami": the name's own title phrase
                token_pid[tok.i] = target.pid
                for t in doc[tok.left_edge.i : tok.i + 1]:
                    token_pid.setdefault(t.i, target.pid)
                continue
            if _names_its_holder(doc, tok):
                # "the President of Turkmenistan Serdar Berdimuhamedov", "Chinese Ambassador
                # to Bangladesh Yao Wen": the phrase names its own holder, one the finder
                # did not take; it is never another person's description
                continue
            target = self._link_description(clusters, head, text, tok.i)
            opens = tok.dep_ in {"nsubj", "nsubjpass"} and tok.left_edge.is_sent_start
            # "al-Houthi's chief of staff", "his brother": someone else's aide or kin is a
            # person of their own, never the possessor and never guessed
            someone_elses = any(
                d.dep_ == "poss" and (d.i in token_pid or d.lower_ in {"his", "her", "their"})
                for d in tok.children
            )
            if (
                someone_elses
                and target is not None
                and target.pid
                == token_pid.get(next(d.i for d in tok.children if d.dep_ == "poss"), "")
            ):
                target = None
            if someone_elses:
                for t in doc[tok.left_edge.i : tok.i + 1]:
                    if t.i not in token_pid:
                        unresolved[t.i] = text
                if target is None:
                    continue
            if target is None and (len(sub) <= 3 or (opens and len(sub) <= 8)):
                # "the general", or a sentence opening "The commander of the Quds Force
                # spoke ...": the person the text is about at this point
                target = self._salient(clusters, doc, token_pid, tok, head)
            if target is None and tok.dep_ in _PRONOUN_SUBJ and len(sub) <= 8:
                # a lede that names its subject a sentence later: "Uganda's leading
                # opposition leader returned home ... Retired Col Kizza Besigye said ..."
                target = self._named_next(clusters, doc, token_pid, tok)
            if target is None and tok.dep_ in _PRONOUN_SUBJ | {"poss"} and len(sub) <= 8:
                # "Moscow's top diplomat", "Uganda's leading opposition leader", "The US
                # envoy" as a subject with no one named before: the article's protagonist
                target = self._protagonist(clusters, sub)
            if target is not None and _co_argument(tok, target.pid, token_pid):
                # "Tokayev was met by the Uzbek president", "Karimi met the Russian foreign
                # minister": two sides of one act are two people
                target = None
            if target is None:
                for t in doc[tok.left_edge.i : tok.i + 1]:
                    unresolved[t.i] = text
                continue
            whole = sub if len(sub) <= 25 else doc[tok.i : tok.i + 1]
            target.add(Mention(whole.text.strip(), whole.start_char, whole.end_char, "description"))
            if len(sub) <= 25 and text not in target.descriptions:
                target.descriptions.append(text)
                self._evidence(target, sub)
            for t in doc[tok.left_edge.i : tok.i + 1]:
                token_pid.setdefault(t.i, target.pid)
            token_pid[tok.i] = target.pid
        return unresolved

    def _salient(
        self,
        clusters: list[_Cluster],
        doc: Any,
        token_pid: dict[int, str],
        tok: Any,
        head: str = "",
    ) -> _Cluster | None:
        """The person most recently named as a subject in the five sentences before; for an
        office ``head``, not one known only by other offices ("the president" is not the
        one called "foreign minister")."""
        by_pid = {c.pid: c for c in clusters}
        sent_starts = [s.start for s in doc.sents if s.start <= tok.i]
        if len(sent_starts) < 2:
            return None
        lo = sent_starts[-6] if len(sent_starts) >= 6 else 0
        hi = sent_starts[-1]
        offices = self.vocab.office_words
        for t in reversed(doc[lo:hi]):
            pid = token_pid.get(t.i)
            if pid is not None and t.dep_ in _PRONOUN_SUBJ:
                c = by_pid.get(pid)
                if c is not None and head in offices:
                    heads = self._heads(c)
                    others = (heads - offices) & self.vocab.roles
                    if heads & offices and head not in heads and not others:
                        continue
                return c
        return None

    def _named_next(
        self, clusters: list[_Cluster], doc: Any, token_pid: dict[int, str], tok: Any
    ) -> _Cluster | None:
        """In the article's first three sentences, with no person named before: the person
        named as the subject, or first, in the next sentence."""
        sents = list(doc.sents)
        idx = next((k for k, s in enumerate(sents) if s.start <= tok.i < s.end), None)
        if idx is None or idx > 2 or idx + 1 >= len(sents):
            return None
        if any(t.i in token_pid for t in doc[: tok.left_edge.i]):
            return None
        nxt = sents[idx + 1]
        by_pid = {c.pid: c for c in clusters}
        named = [t for t in nxt if t.i in token_pid and not t.is_punct]
        if not named:
            return None
        subject = next((t for t in named if t.dep_ in _PRONOUN_SUBJ), None)
        first = subject or (named[0] if named[0].i - nxt.start <= 6 else None)
        return by_pid.get(token_pid[first.i]) if first is not None else None

    def _protagonist(self, clusters: list[_Cluster], sub: Any) -> _Cluster | None:
        """The person the article is about: named most often (pronouns aside), at least
        twice, and clearly ahead of the next; never one whose known nationality the
        description contradicts ("Moscow's top diplomat" is no Kenyan)."""
        top = _leading(clusters, at_least=2)  # else two people share the story
        if top is None:
            return None
        said = {
            code
            for t in sub
            if (code := self.gazetteer.demonym(t.text))
            or (t.dep_ == "poss" and (code := self._country(t.text)))
        }
        if said and top.nationalities and not said & set(top.nationalities):
            return None
        return top

    def _country(self, word: str) -> str | None:
        place = self.gazetteer.lookup(word)
        return place.country if place is not None and place.kind == "country" else None

    def _heads(self, c: _Cluster) -> set[str]:
        """The role nouns a person is called by: the last word of a title ("Quds Force
        commander"), the role word opening a description ("head of the Quds Force")."""
        heads = set()
        for title in c.titles:
            words = title.split()
            heads |= {
                fold(w)
                for w in words
                if fold(w) in self.vocab.roles
                or fold(w) in self._title_words
                or self._role_compound(w)
            }
        for desc in c.descriptions:
            for w in re.findall(r"[\w'’-]+", desc):
                lw = fold(w)
                if lw in {"of", "for", "in", "at", "to", "who", "which", "that", "with"}:
                    break
                if lw in self.vocab.roles or lw in self._title_words or self._role_compound(lw):
                    heads.add(lw)
        return heads

    def _role_compound(self, word: str) -> bool:
        """A hyphened role ("secretary-general", "director-general"): a compound whose
        last part is a role noun."""
        parts = fold(word).split("-")
        return len(parts) > 1 and parts[-1] in self.vocab.roles

    def _link_description(
        self, clusters: list[_Cluster], head: str, text: str, at: int
    ) -> _Cluster | None:
        words = {fold(w) for w in re.findall(r"[\w'’-]+", text)} - {
            "the",
            "of",
            "for",
            "and",
            "in",
            "s",
        }
        best: tuple[float, _Cluster] | None = None
        for c in clusters:
            roles = " ".join(c.titles + c.descriptions).lower()
            role_words = {fold(w) for w in re.findall(r"[\w'’-]+", roles)}
            if head not in self._heads(c):
                continue
            overlap = len(words & role_words) / max(1, len(words))
            score = 1.0 + overlap + (0.5 if c.references else 0.0) + 0.01 * len(c.mentions)
            if best is None or score > best[0]:
                best = (score, c)
        return best[1] if best else None

    # ------------------------------------------------------------ pronouns

    def _pronouns(
        self,
        clusters: list[_Cluster],
        doc: Any,
        token_pid: dict[int, str],
        credits: Sequence[tuple[int, int]],
    ) -> None:
        """He/she/his/her as subject or possessor -> the most recent compatible person."""
        by_pid = {c.pid: c for c in clusters}
        # the story's topic: named at least three times, twice as often as anyone else
        leader = _leading(clusters, at_least=3)
        topic = leader.pid if leader is not None else None
        # the one named most (three times at least, more than anyone else): who a pronoun
        # means when no one is named in the sentences before it
        most = _leading(clusters, at_least=3, ratio=1.01)
        principal = most.pid if most is not None else None
        sents = list(doc.sents)
        sent_index = {}
        for si, s in enumerate(sents):
            for t in s:
                sent_index[t.i] = si
        for tok in doc:
            low = tok.lower_
            if low not in self.vocab.pronouns or self.vocab.pronouns[low] != "singular":
                continue
            if low in _REFLEXIVES:
                # "opposition leader X, herself exiled in Vilnius": the name set off just
                # before it
                before = tok.i - 2
                if before >= 0 and doc[tok.i - 1].text == "," and before in token_pid:
                    named = token_pid[before]
                    token_pid[tok.i] = named
                    by_pid[named].add(
                        Mention(tok.text, tok.idx, tok.idx + len(tok.text), "pronoun")
                    )
                continue
            # "a tour that will take him to Nigeria": an object "him" counts too
            if (
                low not in {"he", "she", "his", "her"}
                and tok.dep_ not in _PRONOUN_SUBJ
                and not (low == "him" and tok.dep_ in {"dobj", "obj", "pobj"})
            ):
                continue
            if _inside(credits, tok.idx, tok.idx + 1):
                continue
            gender = self.vocab.genders.get(low)
            if gender is not None and self._gendered_noun_subject(tok, token_pid, gender):
                continue  # "Gaddafi's daughter shows her paintings": the daughter's, unnamed
            compatible = {c.pid for c in clusters if not c.genders or gender in c.genders}
            pid = self._antecedent(
                tok, doc, token_pid, sents, sent_index, compatible, topic, principal
            )
            if pid is None:
                continue
            token_pid[tok.i] = pid
            by_pid[pid].add(Mention(tok.text, tok.idx, tok.idx + len(tok.text), "pronoun"))
            if gender and len(by_pid[pid].genders) == 0:
                by_pid[pid].genders.add(gender)

    def _gendered_noun_subject(self, tok: Any, token_pid: dict[int, str], gender: str) -> bool:
        """True when the pronoun's clause has an unnamed subject noun of its gender before it
        ("the woman ... her", "Gaddafi's daughter shows her paintings")."""
        verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is None:
            return False
        for ch in verb.children:
            if (
                ch.dep_ in _PRONOUN_SUBJ
                and ch.i < tok.i
                and ch.pos_ == "NOUN"
                and ch.i not in token_pid
                and self.vocab.genders.get(ch.lower_) == gender
            ):
                return True
        return False

    def _antecedent(
        self,
        tok: Any,
        doc: Any,
        token_pid: dict[int, str],
        sents: list[Any],
        sent_index: dict[int, int],
        compatible: set[str],
        topic: str | None = None,
        principal: str | None = None,
    ) -> str | None:
        si = sent_index[tok.i]
        ahead = _fronted_possessor(tok, token_pid, compatible)
        if ahead is not None:
            return ahead
        welcomed = _welcomed_guest(tok, token_pid, compatible)
        if welcomed is not None:
            return welcomed
        excluded: set[str] = set()
        # "X said his trips ...": the speaker is rarely the one the pronoun means
        # ("X said he would travel" is X: only a possessive is kept from the speaker)
        for anc in tok.ancestors if tok.dep_ == "poss" else ():
            if anc.lemma_ in _REPORTING:
                for ch in anc.children:
                    # not when the pronoun sits in the speaker's own phrase ("the lawyer,
                    # who has lived where Oman granted her refuge, told ...")
                    if ch.dep_ in _PRONOUN_SUBJ and ch.i in token_pid and tok not in ch.subtree:
                        excluded.add(token_pid[ch.i])
        subjects: list[tuple[int, str]] = []
        anyone: list[tuple[int, str]] = []
        lo = sents[max(0, si - 2)].start
        for t in doc[lo : tok.i]:
            pid = token_pid.get(t.i)
            if pid is None or pid in excluded or pid not in compatible:
                continue
            anyone.append((t.i, pid))
            if (
                t.dep_ in _PRONOUN_SUBJ
                or (t.head.dep_ in _PRONOUN_SUBJ and t.dep_ in {"compound", "appos"})
                # "Another name on the list is X. He ...": the named complement of a
                # copula whose subject is no one is the sentence's topic
                or (
                    t.dep_ == "attr"
                    and t.head.lemma_ == "be"
                    and not any(
                        c.dep_ in _PRONOUN_SUBJ and c.i in token_pid for c in t.head.children
                    )
                )
            ):
                subjects.append((t.i, pid))
        same = [p for i, p in subjects if sent_index[i] == si]
        if same:
            return same[-1]
        # "India had requested the extradition of X in 2017; but he was only arrested in
        # 2018": no person is a subject in the sentence, and one is named in a clause
        # before the pronoun's own
        named = [(i, p) for i, p in anyone if sent_index[i] == si and not _same_clause(doc[i], tok)]
        if (
            named
            and not any(sent_index[i] == si for i, _ in subjects)
            and tok.dep_ in _PRONOUN_SUBJ
        ):
            span = doc[named[-1][0] : tok.i]
            clause_break = any(
                t.text == ";"
                or t.lower_ == "but"
                # "the exemption for X expired, and he was unable to travel"
                or (t.lower_ == "and" and t.i > 0 and doc[t.i - 1].text == ",")
                for t in span
            )
            if clause_break:
                return named[-1][1]
        # the person the story is about, when among the recent subjects: "Kim ... met
        # Trump in Singapore ... he remained in North Korea" is Kim
        if topic is not None and any(p == topic for _, p in subjects):
            return topic
        if subjects:
            # the latest sentence with a subject: its first one, the sentence's topic ("X,
            # arrested by forces loyal to Y, was released ... He ..." is X, even where the
            # parser hangs Y on the main verb)
            last = sent_index[subjects[-1][0]]
            return next(p for i, p in subjects if sent_index[i] == last)
        if anyone:
            return anyone[-1][1]
        # nobody named in the last sentences (a caption or a photo credit came between):
        # the person the story is about
        if principal is not None and principal in compatible and principal not in excluded:
            return principal
        return None


# a name introduced as someone's relative: "his wife", "her son", "their daughter, "
_KIN_BEFORE = re.compile(
    r"\b(?:his|her|their)\s+(?:\w+\s+)?(?:wife|husband|spouse|son|daughter|brother|sister"
    r"|mother|father|nephew|niece|cousin|uncle|aunt|widow)\s*,?\s*$",
    re.IGNORECASE,
)


def _usual_spelling(c: _Cluster) -> str:
    """The person's name as the text writes it most often, among spellings of the same
    length ("Muhammadu Buhari" three times over one "Muhammad Buhari")."""
    n = len(c.name.split())
    counts: dict[str, int] = {}
    for m in c.mentions:
        if (
            m.kind not in {"pronoun", "description", "surname", "alias"}
            and len(m.text.split()) == n
        ):
            counts[m.text] = counts.get(m.text, 0) + 1
    best = max(counts, key=lambda k: (counts[k], k == c.name), default=c.name)
    return best if counts.get(best, 0) > counts.get(c.name, 0) else c.name


def _same_clause(a: Any, b: Any) -> bool:
    """True when two tokens hang on the same verb."""

    def verb(t: Any) -> Any:
        for anc in (t, *t.ancestors):
            if anc.pos_ in {"VERB", "AUX"}:
                return anc
        return None

    return verb(a) is not None and verb(a) == verb(b)


def _fronted_possessor(tok: Any, token_pid: dict[int, str], compatible: set[str]) -> str | None:
    """'In his address to the assembly, the Iranian president said ...': a possessive in a
    phrase fronted before its clause's subject means that subject (cataphora)."""
    if tok.dep_ != "poss":
        return None
    node = tok.head
    for _ in range(4):
        if node.dep_ in {"prep", "pobj", "advcl", "npadvmod"} and node.head.i != node.i:
            node = node.head
            continue
        break
    if node.pos_ not in {"VERB", "AUX"} or tok.i > node.i:
        return None
    for ch in node.children:
        if ch.dep_ in {"nsubj", "nsubjpass"} and ch.i > tok.i:
            pid = token_pid.get(ch.i)
            return pid if pid in compatible else None
    return None


def _ents_in(span: Any) -> list[Any]:
    """The entities inside a span. ``Span.ents`` rebuilds every entity of the Doc on each
    read, which is quadratic over a long article; the Doc's list is built once and
    searched by position."""
    doc = span.doc
    key = ("travelban", "ents")
    cached = doc.user_data.get(key)
    if cached is None:
        ents = list(doc.ents)
        cached = ([e.start for e in ents], ents)
        doc.user_data[key] = cached
    starts, ents = cached
    out = []
    for k in range(bisect_left(starts, span.start), len(ents)):
        ent = ents[k]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out


def _names_its_holder(doc: Any, role: Any) -> bool:
    """The role phrase goes on into a person's name within a few words, with no verb or
    punctuation between, however the parser hung it: "the President of Turkmenistan
    Serdar Berdimuhamedov", "the Chinese Ambassador to Bangladesh Yao Wen"."""
    for t in doc[role.i + 1 : min(len(doc), role.i + 7)]:
        if t.is_punct or t.pos_ in {"VERB", "AUX", "CCONJ", "SCONJ", "PRON"}:
            return False
        if t.ent_type_ == "PERSON" and t.pos_ == "PROPN":
            return True
    return False


def _one_edit(a: str, b: str) -> bool:
    """True when two different words are one insertion, deletion or substitution apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b) == 1


def _leading(clusters: Sequence[_Cluster], *, at_least: int, ratio: float = 2.0) -> _Cluster | None:
    """The person named most often (pronouns aside), at least ``at_least`` times and at
    least ``ratio`` times as often as the next one; None when no one leads so clearly."""
    counts = sorted(
        ((sum(m.kind != "pronoun" for m in c.mentions), c) for c in clusters),
        key=lambda x: x[0],
        reverse=True,
    )
    if not counts or counts[0][0] < at_least:
        return None
    if len(counts) > 1 and counts[1][0] * ratio > counts[0][0]:
        return None
    return counts[0][1]


def closing_name(tok: Any, token_pid: dict[int, str]) -> str | None:
    """The person whose name closes a role phrase: 'The President of Somalia Mohamed
    Abdullahi Farmajo', 'Head of the Grain Board of Belarus Ivan Petrov', 'Minister of
    State for Water K R Menon on Monday visited' (the name is reached from the role
    through 'of'/'for' phrases and compounds only, and ends the role's own words)."""
    for edge in sorted(tok.subtree, key=lambda t: -t.i):
        if edge.i <= tok.i:
            break
        pid = token_pid.get(edge.i)
        if pid is None or (edge.i + 1 < len(edge.doc) and edge.doc[edge.i + 1].i in token_pid):
            continue
        node = edge
        while node.i != tok.i:
            if node.dep_ == "prep" and token_pid.get(node.i) == pid:
                # a word of the name itself that the parser read as a preposition ("To" of
                # To Lam): the name goes on to the role all the same
                node = node.head
                continue
            if node.dep_ not in {"compound", "pobj", "prep", "flat", "amod", "det", "nmod"}:
                break
            if node.dep_ == "prep" and node.lower_ not in {"of", "for"}:
                break
            node = node.head
        if node.i == tok.i:
            return pid
        if edge.pos_ == "PROPN":
            return None  # the last name in the phrase is inside a clause or an aside
    return None


def _alias_after(text: str, end: int) -> tuple[str, int] | None:
    """An in-text alias right after a name ("X, also known as Y"): (alias, start) or None."""
    tail = text[end : end + 160]
    for pattern in (_ALIAS_BEFORE, _ALIAS_TAG, _REAL_NAME):
        hit = pattern.match(tail)
        if not hit:
            continue
        alias = hit.group("alias").rstrip(" ,.;:)\"”’'")
        alias = re.sub(r"\s+(?:who|and|in|on|at|was|is|has|had)$", "", alias)
        if alias:
            return alias, end + hit.start("alias")
    return None


def _core(doc: Any, tok: Any) -> Any:
    """The noun phrase of ``tok`` without relative clauses, appositions or what follows them."""
    right = tok.i
    for ch in tok.rights:
        if ch.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj"}:
            break
        right = ch.right_edge.i
    return doc[tok.left_edge.i : right + 1]


def _trim_det(span: Any) -> str:
    """The span's text without a leading determiner or trailing punctuation."""
    toks = list(span)
    while toks and (toks[0].pos_ == "DET" or toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return ""
    return span.doc[toks[0].i : toks[-1].i + 1].text.strip()


def _clause_verb(tok: Any) -> Any | None:
    """The verb whose argument ``tok`` is, through "by", "with" and other prepositions."""
    node = tok
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if head.dep_ not in {"prep", "agent"} and node.dep_ not in {"pobj"}:
            return None
        node = head
    return None


def _co_argument(tok: Any, pid: str, token_pid: dict[int, str]) -> bool:
    """A word of person ``pid`` stands as another argument of the verb ``tok`` depends on."""
    verb = _clause_verb(tok)
    if verb is None:
        return False
    # ("Qatar's Minister of State, X": a name set off by a comma right after the
    # description is its apposition, however hung)
    after = tok.right_edge.i + 1
    for t in tok.sent:
        if t.i != tok.i and token_pid.get(t.i) == pid and t.head.dep_ != "compound":
            if tok.left_edge.i <= t.i <= tok.right_edge.i or (
                t.i > after
                and tok.doc[after].text == ","
                and all(
                    token_pid.get(u.i) == pid or u.dep_ == "compound"
                    for u in tok.doc[after + 1 : t.i + 1]
                )
            ):
                continue
            while t.dep_ in {"conj", "appos"} and t.head.i != t.i:
                t = t.head  # one of a list of arguments ("was accompanied by A; B; C")
            # (a name the parser hung on the verb as "npadvmod" is one of its arguments)
            args = {"nsubj", "nsubjpass", "dobj", "pobj", "npadvmod"}
            other = _clause_verb(t) if t.dep_ in args else None
            if other is not None and other.i == verb.i:
                return True
    return False


def _closing_apposition(subj: Any, token_pid: dict[int, str]) -> list[str]:
    """'The army officer who led the coup in Benin, Pascal Tigri, fled ...': a subject
    phrase that ends in a name set off by commas right before its verb names its holder,
    however the parser hung the name."""
    verb = subj.head
    doc = subj.doc
    end = verb.i - 1
    while end > subj.i and doc[end].dep_ in {"aux", "auxpass", "neg", "advmod"}:
        end -= 1
    if end <= subj.i + 2 or doc[end].text != ",":
        return []
    pid = token_pid.get(doc[end - 1].i)
    if pid is None:
        return []
    start = end - 1
    while start > subj.i and token_pid.get(doc[start - 1].i) == pid:
        start -= 1
    if doc[start - 1].text != "," or start - 1 <= subj.i:
        return []
    if any(t.i in token_pid for t in doc[subj.i : start - 1]):
        return []  # another person named inside the phrase: leave it to the other rules
    return [pid]


# verbs of a host receiving a guest ("X welcomed Y as he began a visit to Cairo")
_WELCOMING = frozenset({"welcome", "receive", "greet", "host"})


def _welcomed_guest(tok: Any, token_pid: dict[int, str], compatible: set[str]) -> str | None:
    """'X welcomed President Y today as he commenced a visit to Cairo': the subject pronoun
    of a clause set on a host's welcome ("as", "when") is the guest welcomed, not the host."""
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ != "advcl":
        return None
    if not any(c.dep_ == "mark" and c.lower_ in {"as", "when"} for c in clause.children):
        return None
    host = clause.head
    if host.lemma_.lower() not in _WELCOMING:
        return None
    guest = next((c for c in host.children if c.dep_ in {"dobj", "obj"}), None)
    pid = token_pid.get(guest.i) if guest is not None else None
    return pid if pid in compatible else None
