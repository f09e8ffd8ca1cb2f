"""Extraction: people, places, dates and travel events from one article.

``Extractor(nlp, gazetteer, scanner)`` is built once (the spaCy pipeline, the gazetteer and
the UN list's name scanner are loaded by the caller); ``extract(article)`` is then a pure
function of the article. With ``full=False`` a cheap pass runs first: when the list scan
finds no listed name, the NLP is skipped and an empty extraction with a note is returned
(most news mentions no listed person, and the parse is the expensive part).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from travelban.extract.dates import MONTHS, DateHit, anaphoric_dates, find_dates, resolve_date
from travelban.extract.events import EventFinder
from travelban.extract.nlp import bullet_lists, english_nouns, english_verbs, parse, unwrap
from travelban.extract.people import PeopleFinder, ScanHitLike, find_credits
from travelban.extract.places import PLACE_PREPOSITIONS, without_lone_aliases
from travelban.extract.vocab import Vocabulary
from travelban.models import Article, Extraction, Person, Place
from travelban.settings import default_lists_dir

log = logging.getLogger(__name__)

CHEAP_PASS_NOTE = "cheap pass: no name of the UN list in the text; people and events not extracted"
# Hits that name a listed person (a bare surname such as "Chen" decides nothing).
DECISIVE_HITS = frozenset({"name", "alias", "partial", ""})
# Capitalised runs ("Aisha Gaddafi", "Maulvi Abdul Kabir") screened against the list in the
# cheap pass: a spelling the verbatim scan misses still makes the NLP run.
CHEAP_SCREEN_FLOOR = 0.7
_NAME_RUN = re.compile(
    r"\b[A-Z][\w'’-]+(?:[ \t]+(?:(?:al|el|bin|ibn|abu|de|van)[ -])?[A-Z][\w'’-]+){1,3}"
)
# With full=False, articles longer than this are parsed only where a listed name is.
FOCUS_MIN_WORDS = 300
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


class Scanner(Protocol):
    def find_in_text(self, text: str) -> Sequence[ScanHitLike]: ...


class GazetteerLike(Protocol):
    def lookup(self, name: str) -> Place | None: ...

    def demonym(self, word: str) -> str | None: ...

    def find_places(self, text: str) -> list[Place]: ...

    def lookup_town(self, name: str, *, prefer: frozenset[str]) -> Place | None: ...

    def is_stopname(self, name: str) -> bool: ...


def _individual(match: object) -> bool:
    """False for a match on an entity of the list ("QDe.132": the Pakistani Taliban)."""
    return str(getattr(match, "reference", "") or "")[2:3] != "e"


class Extractor:
    """People and travel events of articles, with the pipeline and tables loaded once."""

    def __init__(
        self,
        nlp: Any,
        gazetteer: GazetteerLike,
        scanner: Scanner | None = None,
        *,
        vocab: Vocabulary | None = None,
        lists_dir: Path | None = None,
    ) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.scanner = scanner
        self.vocab = vocab or Vocabulary.load(lists_dir or default_lists_dir())
        self.people = PeopleFinder(
            self.vocab, gazetteer, verbs=english_verbs(nlp), nouns=english_nouns(nlp)
        )
        self.events = EventFinder(self.vocab, gazetteer)
        # every word of a title, and every role noun, in lower case
        self._title_or_role = {
            w.lower() for t in self.vocab.titles for w in t.split()
        } | self.vocab.roles

    def extract(self, article: Article, full: bool = True) -> Extraction:
        """People, places and travel events of one article.

        ``full=False`` is the screening mode: when the list scan finds no listed name the NLP
        is skipped, and otherwise only the paragraphs around the list's names are parsed
        (the first three, every paragraph with a list-name hit, and the one after each).
        ``full=True`` parses everything.
        """
        given = article
        text = bullet_lists(unwrap(article.text))
        if text is not article.text:
            article = replace(article, text=text)  # (the same length: offsets hold)
        hits = list(self.scanner.find_in_text(text)) if self.scanner is not None else []
        decisive = [h for h in hits if getattr(h, "kind", "") in DECISIVE_HITS]
        screened = self._screened_runs(text)
        # a short story naming a listed surname alone ("Muttaqi travelled to Islamabad on
        # Monday.") is parsed all the same: the parse is cheap there, and the name may be
        # the listed person's (screening then says how sure it is)
        short = bool(hits) and len(text.split()) < FOCUS_MIN_WORDS
        if not full and not decisive and not screened and not short:
            return Extraction(article=given, people=(), events=(), notes=(CHEAP_PASS_NOTE,))
        notes: list[str] = []
        if not text.strip():
            return Extraction(article=given, people=(), events=(), notes=("empty text",))
        credits = find_credits(text, self.vocab)
        if not full:
            text, note = self._focus(text, [(h.start, h.end) for h in hits] + screened)
            if note:
                notes.append(note)
                hits = [h for h in hits if text[h.start : h.end].strip()]
                article_for_events = replace(article, text=text)
            else:
                article_for_events = article
        else:
            article_for_events = article
        doc = parse(self.nlp, text)
        places = self._places(doc, text, credits)
        dates = self._dates(doc, text, article.published)
        runs = [(s, e) for s, e in screened if text[s:e].strip()]
        people = self.people.find(doc, text, places, hits, credits, runs=runs)
        places = _outside_names(places, people.persons)
        events = self.events.find(doc, article_for_events, people, places, dates)
        if people.credit_names:
            notes.append("not actors (bylines and credits): " + ", ".join(people.credit_names))
        if article.published is None:
            notes.append("no publication date: relative dates are kept as phrases")
        return Extraction(
            article=given,
            people=people.persons,
            events=tuple(events),
            places=tuple(places),
            notes=tuple(notes),
        )

    def _dates(self, doc: Any, text: str, published: date | None) -> list[DateHit]:
        """Date phrases of the dates module, plus NER DATE entities it did not read."""
        hits = find_dates(text, published)
        taken = [(h.start, h.end) for h in hits]
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            s, e = ent.start_char, ent.end_char
            if any(a < e and s < b for a, b in taken):
                continue
            phrase = ent.text.strip()
            # "planned for October": a month named alone reads as "in October"
            when = resolve_date(f"in {phrase}" if phrase.lower() in MONTHS else phrase, published)
            if when.resolved:
                hits.append(DateHit(s, s + len(phrase), replace(when, phrase=phrase)))
        return anaphoric_dates(text, hits)

    def _screened_runs(self, text: str) -> list[tuple[int, int]]:
        """Spans of capitalised runs that screen against the list (scanner's screen_many)."""
        screen_many = getattr(self.scanner, "screen_many", None)
        if screen_many is None:
            return []
        runs = [(m.start(), m.end(), m.group(0)) for m in _NAME_RUN.finditer(text)]
        queries = sorted({q for _, _, q in runs})
        results = screen_many(queries, threshold=CHEAP_SCREEN_FLOOR)
        matched = {q for q, r in zip(queries, results, strict=True) if any(map(_individual, r))}
        return [(s, e) for s, e, q in runs if q in matched]

    def _focus(self, text: str, hits: Sequence[tuple[int, int]]) -> tuple[str, str]:
        """The text with paragraphs that cannot hold a trip blanked (offsets kept)."""
        if len(text.split()) < FOCUS_MIN_WORDS:
            return text, ""
        bounds = []
        start = 0
        for m in _PARAGRAPH.finditer(text):
            bounds.append((start, m.start()))
            start = m.end()
        bounds.append((start, len(text)))
        keep: set[int] = set(range(min(3, len(bounds))))
        for i, (s, e) in enumerate(bounds):
            if any(s <= h < e for h, _ in hits):
                keep |= {i, i + 1}
        if len(keep) >= len(bounds):
            return text, ""
        chars = list(text)
        for i, (s, e) in enumerate(bounds):
            if i not in keep:
                for j in range(s, e):
                    if chars[j] != "\n":
                        chars[j] = " "
        note = f"focused pass: parsed {len(keep)} of {len(bounds)} paragraphs"
        return "".join(chars), note

    def _places(self, doc: Any, text: str, credits: Sequence[tuple[int, int]]) -> list[Place]:
        """Gazetteer places in the text, plus GPE/LOC/FAC entities it did not place itself."""
        # a place word that closes a person's name opened by a given name is his surname
        # ("Nasir Wardak", "Ahmad Shah Massoud"), not the province
        surnames = [
            (ent[1].idx, ent.end_char)
            for ent in doc.ents
            if ent.label_ == "PERSON"
            and len(ent) > 1
            and any(t.lower_ in self.vocab.given_names for t in ent[:-1])
        ]
        # and a place word that opens a two- or three-word name the model reads as a
        # person, the rest of it no place, title or role, is his given name ("Ararat
        # Mirzoyan"), unless a preposition puts it in a sentence as a place
        surnames += [
            (ent.start_char, ent[0].idx + len(ent[0].text))
            for ent in doc.ents
            if ent.label_ == "PERSON"
            and 2 <= len(ent) <= 3
            and (
                ent.start == 0
                or doc[ent.start - 1].pos_ != "ADP"
                or doc[ent.start - 1].lower_ not in PLACE_PREPOSITIONS  # ("by", "with")
            )
            and all(
                t.text[:1].isupper()
                and t.lower_ not in self._title_or_role
                and self.gazetteer.lookup(t.text) is None
                and not self.gazetteer.demonym(t.text)
                for t in ent[1:]
            )
        ]
        places = [
            p
            for p in self.gazetteer.find_places(text)
            if not any(s <= p.start and p.end <= e for s, e in credits)
            and not (p.kind != "country" and any(s <= p.start and p.end <= e for s, e in surnames))
        ]
        taken = [(p.start, p.end) for p in places]
        named: frozenset[str] | None = None  # the countries of the text's places (for towns)
        for ent in doc.ents:
            if ent.label_ not in {"GPE", "LOC", "FAC"}:
                continue
            s, e = ent.start_char, ent.end_char
            if any(a < e and s < b for a, b in taken) or any(a <= s and e <= b for a, b in credits):
                continue
            name = ent.text.strip()
            if name.lower().startswith("the "):
                name, s = name[4:], s + 4
            if self.gazetteer.is_stopname(name):
                continue  # "lands in the South": a compass word, not Cameroon's region
            place = self.gazetteer.lookup(name)
            if place is None and ent.label_ == "GPE":
                # "Sharm el-Sheikh", "Gabala": a town too small for the text scan, read
                # where the parser itself sees a place
                if named is None:
                    named = frozenset(p.country for p in places if p.country)
                place = self.gazetteer.lookup_town(name, prefer=named)
            if place is None or place.country is None:
                continue
            places.append(
                replace(place, name=name, start=s, end=s + len(name), how=place.how + "+ner")
            )
            taken.append((s, s + len(name)))
        places.sort(key=lambda p: p.start)
        return without_lone_aliases(places)


__all__ = ["CHEAP_PASS_NOTE", "Extractor"]


def _outside_names(places: list[Place], persons: Sequence[Person]) -> list[Place]:
    """The places that are not a word of a person's name as written ("Heredia" of Nadine
    Heredia is also a province of Costa Rica; "Lula" a town in Sweden). A one-word "person"
    (a list-scan hit such as Kerman) does not take the place's word."""
    spans = [
        (m.start, m.end)
        for p in persons
        if " " in p.name
        for m in p.mentions
        if m.kind not in {"pronoun", "description"}
    ]
    if not spans:
        return places
    return [p for p in places if not any(s <= p.start and p.end <= e for s, e in spans)]
