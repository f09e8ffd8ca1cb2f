"""Corroboration: does what the article says about a person fit the listed entry?

Titles, organisations and descriptions from the article are compared with the entry's
designations, titles and comments after folding transliteration variants: both sides are
reduced to ASCII lower case and then to a consonant skeleton, so "Quds" and "Qods", or
"Sulaimani" and "Soleimani", meet. Nationalities are compared as ISO codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from anyascii import anyascii

from travelban.models import Entry, Person

# Words that carry no meaning for corroboration.
STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "its",
        "his",
        "her",
        "their",
        "who",
        "whom",
        "which",
        "runs",
        "run",
        "was",
        "were",
        "has",
        "have",
        "had",
        "been",
        "being",
        "into",
        "over",
        "under",
        "abroad",
        "also",
    ]
)
# Words too common in designations to count for much on their own.
GENERIC = frozenset(
    [
        "former",
        "deputy",
        "head",
        "chief",
        "member",
        "official",
        "officer",
        "director",
        "general",
        "brigadier",
        "major",
        "minister",
        "ministry",
        "commander",
        "force",
        "forces",
        "army",
        "military",
        "leader",
        "senior",
        "president",
        "vice",
        "office",
        "department",
        "operations",
        "operation",
        "branch",
        "unit",
        "affairs",
        "security",
        "national",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Corroboration:
    """A score in [-1, 1] with the pairs that agreed or disagreed."""

    score: float
    agreed: tuple[tuple[str, str], ...] = ()  # (article word, entry word)
    detail: str = ""


def _skeleton(word: str) -> str:
    """Fold a word to its consonant skeleton: first letter kept, vowels and doubles dropped."""
    w = word.replace("ou", "u").replace("kh", "k").replace("gh", "g").replace("q", "k")
    if not w:
        return w
    out = [w[0]]
    for ch in w[1:]:
        if ch in "aeiouy" or ch == out[-1]:
            continue
        out.append(ch)
    return "".join(out)


def significant_words(texts: Iterable[str]) -> dict[str, str]:
    """Significant words of ``texts`` keyed by skeleton (value: the word as folded)."""
    out: dict[str, str] = {}
    for t in texts:
        for w in _WORD.findall(anyascii(t).casefold()):
            if len(w) < 3 or w.isdigit():
                continue
            out.setdefault(_skeleton(w), w)
    return out


def corroborate(
    person: Person,
    entry: Entry | None,
    country_of: Callable[[str], str | None] | None = None,
) -> Corroboration:
    """Compare the article's evidence on ``person`` with ``entry``; score and readable detail."""
    if entry is None:
        return Corroboration(0.0, (), "no entry details to compare")
    strong = significant_words(person.titles + person.organisations)  # short, deliberate phrases
    weak = significant_words(person.descriptions)  # clauses: more filler, less weight each
    listed = significant_words(entry.designations + entry.titles + (entry.comments,))
    agreed = []
    score = 0.0
    for skel, word in {**weak, **strong}.items():
        if skel in listed and word not in STOP:
            agreed.append((word, listed[skel]))
            if word in GENERIC:
                score += 0.1
            else:
                score += 0.35 if skel in strong else 0.2
    parts = []
    if agreed:
        parts.append(
            "article and entry agree on " + ", ".join(f"'{a}'~'{b}'" for a, b in agreed[:6])
        )
    entry_nats = _iso_set(entry.nationalities, country_of)
    art_nats = {n.upper() for n in person.nationalities}
    if art_nats and entry_nats:
        if art_nats & entry_nats:
            score += 0.3
            parts.append(f"nationality {'/'.join(sorted(art_nats & entry_nats))} agrees")
        else:
            score -= 0.4
            parts.append(
                f"nationality in article {'/'.join(sorted(art_nats))} differs from entry "
                f"{'/'.join(sorted(entry_nats))}"
            )
    score = max(-1.0, min(1.0, score))
    if not parts:
        parts.append("nothing in the article to compare with the entry's designation")
    return Corroboration(round(score, 3), tuple(agreed), "; ".join(parts))


def _iso_set(values: Iterable[str], country_of: Callable[[str], str | None] | None) -> set[str]:
    out = set()
    for v in values:
        code = country_of(v) if country_of else None
        if code:
            out.add(code.upper())
    return out
