"""Identity facts an article states about one person: age, birth year, gender, birthplace, parent.

A pure reading of the article text around the person's own mentions (``Person.mentions``
carry character offsets into ``Article.text``), used to hold the person against a list
entry. Only close, unambiguous shapes are read, so a fact is never borrowed from someone
else in the sentence:

* age: "Kim Yong Chol, 45," / "Kim (45)" / "aged 45" right after a mention, or
  "the 45-year-old" just before a mention or as the person's own description;
* birth year: "born in 1957" / "(born 1957)" / "b. 1957" in a sentence that names only
  this person;
* place of birth: "born in Kerman" / "a native of Kerman" in such a sentence;
* gender: "Mr"/"Mrs"/"Ms" before a mention, gender words in the person's titles and
  descriptions ("businesswoman", "daughter of"), or two or more pronouns, all of one gender;
* parent: "son of X" / "daughter of X" right after a mention or in a description.

Two ages (or birth years) that disagree by more than two years are kept as a conflict,
which the comparison treats as saying nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from travelban.models import Person

# A sentence ends at . ! ? followed by space and a capital/quote/digit, or at a blank line.
_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(A-Z0-9])|\n\s*\n|\n")
_AGE_AFTER = re.compile(r"^\s*(?:,\s*|\(\s*)(?:aged\s+|age\s+)?(\d{2})\s*(?:,|\)|\.|;|$)")
_AGED_AFTER = re.compile(r"^\s*,?\s*(?:who\s+is\s+)?aged\s+(\d{2})\b")
_YEAR_OLD = re.compile(r"\b(\d{2})[- ]year[- ]old\b", re.I)
_BORN_YEAR = re.compile(
    r"\b(?:born(?:\s+(?:in|on))?|b\.)\s+(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?(1[89]\d\d|20[0-2]\d)\b"
)
_BORN_PLACE = re.compile(
    r"\b(?:born(?:\s+in\s+(?:1[89]\d\d|20[0-2]\d))?\s+in|a\s+native\s+of|hails\s+from)\s+"
    r"((?:the\s+)?[A-Z][\w'\-]+(?:\s+(?:[A-Z][\w'\-]+|de|al|el))*(?:,\s+[A-Z][\w'\-]+)?)"
)
_PARENT = re.compile(
    r"\b(son|daughter)\s+of\s+(?:the\s+(?:late\s+)?)?(?:[a-z]+\s+){0,2}?"
    r"((?:[A-Z][\w'\-]+)(?:\s+(?:[A-Z][\w'\-]+|al|bin|ibn|el))*)"
)
# "The Kenyan dentist Mun ..." / "Afghan national Jamal": an origin word just before the name.
_ORIGIN_BEFORE = re.compile(
    r"(?:^|\b(?:[Tt]he|[Aa]n?)\s+|[-,:]\s+)([A-Z][a-z]+)((?:\s+[a-z\-]+){0,2})\s+$"
)
# "Jamal, 63, an Afghan national" / "Mun, a Brazilian citizen".
_ORIGIN_AFTER = re.compile(r"^\s*,\s*(?:\d{2},\s*)?an?\s+([A-Z][a-z]+)\s+(?:national|citizen)\b")
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Madam)\.?\s*$")
_GENDER_WORDS = {
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
}
_GENDERED_NOUNS = re.compile(
    r"\b(woman|businesswoman|spokeswoman|chairwoman|daughter|sister|wife|mother|widow|"
    r"queen|princess|man|businessman|spokesman|chairman|son|brother|husband|father|"
    r"widower|king|prince)\b",
    re.I,
)
_NOUN_GENDER = {
    **dict.fromkeys(
        [
            "woman",
            "businesswoman",
            "spokeswoman",
            "chairwoman",
            "daughter",
            "sister",
            "wife",
            "mother",
            "widow",
            "queen",
            "princess",
        ],
        "f",
    ),
    **dict.fromkeys(
        [
            "man",
            "businessman",
            "spokesman",
            "chairman",
            "son",
            "brother",
            "husband",
            "father",
            "widower",
            "king",
            "prince",
        ],
        "m",
    ),
}
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f"}


@dataclass(frozen=True, slots=True)
class Stated:
    """One fact with the article's words it was read from."""

    value: str
    words: str


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What the article says about one person besides name, titles and organisations."""

    ages: tuple[Stated, ...] = ()  # value: the age in years, as digits
    birth_years: tuple[Stated, ...] = ()
    genders: tuple[Stated, ...] = ()  # value: "m" or "f"
    birth_places: tuple[Stated, ...] = ()
    parents: tuple[Stated, ...] = ()  # value: the parent's name as written
    origins: tuple[Stated, ...] = ()  # value: a capitalised origin word ("Kenyan"), unresolved

    @property
    def empty(self) -> bool:
        return not (self.ages or self.birth_years or self.genders or self.birth_places)


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (a light splitter, no model)."""
    out = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def facts_about(
    person: Person, text: str, others: Sequence[Person] = (), *, window: int = 40
) -> ArticleFacts:
    """The identity facts ``text`` states about ``person`` (``others``: everyone else in it)."""
    own = [m for m in person.mentions if 0 <= m.start < m.end <= len(text)]
    named = [m for m in own if m.kind != "pronoun"]
    other_spans = [
        (m.start, m.end)
        for p in others
        if p.pid != person.pid
        for m in p.mentions
        if m.kind != "pronoun"
    ]
    ages: list[Stated] = []
    years: list[Stated] = []
    places: list[Stated] = []
    parents: list[Stated] = []
    genders: list[Stated] = []
    origins: list[Stated] = []
    for m in named:
        o = _ORIGIN_BEFORE.search(text[max(0, m.start - 50) : m.start])
        if o:
            origins.append(Stated(o.group(1), _clip(o.group(0).strip(" -,:") + " " + m.text)))
        o = _ORIGIN_AFTER.match(text[m.end : m.end + 50])
        if o:
            origins.append(Stated(o.group(1), _clip(m.text + text[m.end : m.end + o.end()])))
        after = text[m.end : m.end + window]
        a = _AGE_AFTER.match(after) or _AGED_AFTER.match(after)
        if a and 15 <= int(a.group(1)) <= 99:
            ages.append(Stated(a.group(1), _clip(text[m.start : m.end + a.end()]).rstrip(",;.)")))
        before = text[max(0, m.start - window) : m.start]
        y = list(_YEAR_OLD.finditer(before))
        if y and not _someone_between(other_spans, m.start - window + y[-1].end(), m.start):
            ages.append(Stated(y[-1].group(1), _clip(y[-1].group(0) + " " + m.text)))
        if m.kind == "description":
            y2 = _YEAR_OLD.search(m.text)
            if y2:
                ages.append(Stated(y2.group(1), m.text))
        h = _HONORIFIC.search(text[max(0, m.start - 8) : m.start])
        if h:
            genders.append(Stated(_HONORIFIC_GENDER[h.group(1).lower()], f"{h.group(1)} {m.text}"))
        p = _PARENT.match(text[m.end : m.end + 80].lstrip(" ,("))
        if p:
            parents.append(Stated(p.group(2), _clip(f"{m.text}, {p.group(0)}")))
    for d in person.descriptions + person.titles:
        y2 = _YEAR_OLD.search(d)
        if y2 and not any(s.words == d for s in ages):
            ages.append(Stated(y2.group(1), d))
        p = _PARENT.search(d)
        if p and not any(s.value == p.group(2) for s in parents):
            parents.append(Stated(p.group(2), d))
        # Only a head noun near the start is the person's own ("businesswoman", "the
        # daughter of ..."); later nouns belong to others ("whose wife was ...").
        g = _GENDERED_NOUNS.search(" ".join(d.split()[:3]))
        if g:
            genders.append(Stated(_NOUN_GENDER[g.group(1).lower()], d))
    # Birth year and place: sentences that name this person and nobody else.
    for s0, s1 in sentences(text):
        if not any(s0 <= m.start < s1 for m in named):
            continue
        if any(s0 <= a < s1 for a, _ in other_spans):
            continue
        sent = text[s0:s1]
        for b in _BORN_YEAR.finditer(sent):
            years.append(Stated(b.group(1), _clip(b.group(0))))
        for b in _BORN_PLACE.finditer(sent):
            places.append(Stated(b.group(1).removeprefix("the "), _clip(b.group(0))))
    pronouns = [_GENDER_WORDS[m.text.lower()] for m in own if m.text.lower() in _GENDER_WORDS]
    if len(pronouns) >= 2 and len(set(pronouns)) == 1:
        genders.append(Stated(pronouns[0], f"{len(pronouns)} pronouns ({pronouns[0]})"))
    return ArticleFacts(
        tuple(_dedupe(ages)),
        tuple(_dedupe(years)),
        tuple(_dedupe(genders)),
        tuple(_dedupe(places)),
        tuple(_dedupe(parents)),
        tuple(_dedupe(origins)),
    )


def _someone_between(spans: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    return any(a <= s < b for s, _ in spans)


def _clip(s: str, n: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _dedupe(items: list[Stated]) -> list[Stated]:
    seen: dict[str, Stated] = {}
    for it in items:
        seen.setdefault(it.value.casefold(), it)
    return list(seen.values())
