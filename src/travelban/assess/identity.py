"""Is the person in the article the listed one? Evidence for and against one candidate entry.

Each fact the article states about the person is held against what the entry states, and
scored as agreeing, contradicting or silent, with the words of both sides:

* role — agrees when a distinctive word of the article's titles, organisations or
  descriptions meets the designation, titles or comments ("Quds Force" ~ "Qods force");
  contradicts *weakly* when the article gives a role with distinctive words and nothing
  meets the entry's (roles change; the designation may be years old);
* nationality — agrees (weakly: it names a naming culture more than a person) on an ISO
  code in common; contradicts *strongly* when all differ;
* age / birth year — agrees within 2 years; contradicts *weakly* 3-9 years apart,
  *strongly* 10 or more;
* gender — agrees (weakly) or contradicts *strongly*;
* place of birth — agrees when the town is in the entry's place of birth; contradicts
  *strongly* for another country, *weakly* for another town;
* parent — agrees when "son of Muammar" names one of the entry's later name parts or a
  word of its comments; contradicts *weakly* when the comments name another father;
* listed entity — agrees when an entity the entry cites (QDe.115) is named in the article;
* name — a rare name (``commonness``) counts for; a common one is noted, never held against.

Missing data is never a contradiction: an entry with no date of birth, or an article that
gives two ages that disagree, makes the item silent.

The namesake rule (``namesake_reason``): an apparent breach needs the name plus either a
rare name or a specific agreeing item (role, age, place of birth, parent, listed entity),
and no strong contradiction; a weak contradiction (a role that differs) with nothing at all
agreeing (not even rank words given as a title, or the nationality) also makes it one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from anyascii import anyascii

from travelban.assess.article_facts import ArticleFacts, Stated
from travelban.assess.commonness import NameCommonness
from travelban.assess.corroborate import GENERIC, STOP, corroborate, significant_words
from travelban.models import Entry, IdentityItem, Person, Stance

CountryOf = Callable[[str], str | None]
EntryLookup = Callable[[str], Entry | None]

# Items whose agreement identifies a person; nationality and gender only narrow it down.
SPECIFIC = frozenset({"role", "age", "place of birth", "parent", "listed entity"})
# Years apart (article's birth year against the entry's) for a weak / strong contradiction.
AGE_WEAK, AGE_STRONG = 3, 10
_REF = re.compile(r"\b([A-Z]{2}e\.\d{3})\b")
_FATHER = re.compile(r"\b(?:son of|father'?s name(?: is|:)?)\s+([A-Z][\w'\-]+)", re.I)
# Words of the article's roles that say nothing about the office itself.
_ROLE_FILLER = frozenset(
    [
        "top",
        "new",
        "late",
        "powerful",
        "influential",
        "shadowy",
        "veteran",
        "photo",
        "former",
        "ex",
        "current",
        "acting",
        "country",
        "country's",
        "government",
        "state",
    ]
)


@dataclass(frozen=True, slots=True)
class IdentityCheck:
    """Evidence for and against one entry, the name's commonness and the namesake verdict."""

    items: tuple[IdentityItem, ...]
    commonness: NameCommonness | None = None
    namesake: str = ""  # why this may be a namesake; "" when the entry may be taken

    @property
    def strong_against(self) -> tuple[IdentityItem, ...]:
        return tuple(i for i in self.items if i.stance is Stance.CONTRADICTS and i.strong)

    @property
    def specific_for(self) -> tuple[IdentityItem, ...]:
        return tuple(i for i in self.items if i.stance is Stance.AGREES and i.aspect in SPECIFIC)

    @property
    def balance(self) -> float:
        """For ranking candidate entries: specific agreements up, contradictions down."""
        up = 0.1 * len([i for i in self.specific_for if i.aspect != "role"])
        down = sum(0.3 if i.strong else 0.1 for i in self.items if i.stance is Stance.CONTRADICTS)
        return round(up - down, 3)


def check_identity(
    person: Person,
    facts: ArticleFacts,
    entry: Entry | None,
    *,
    latest: Entry | None = None,
    published: date | None = None,
    country_of: CountryOf | None = None,
    commonness: NameCommonness | None = None,
    article_text: str = "",
    lookup: EntryLookup | None = None,
) -> IdentityCheck:
    """Hold what the article says about ``person`` against ``entry`` (and its newest form)."""
    if entry is None:
        return IdentityCheck((), commonness, "")
    versions = [v for v in (entry, latest) if v is not None]
    items: list[IdentityItem] = []
    items += _role(person, entry, versions)
    items += _nationality(person, facts, versions, country_of)
    items += _age(facts, versions, published)
    items += _gender(facts, versions)
    items += _birthplace(facts, versions, country_of)
    items += _parent(facts, versions)
    items += _entities(versions, article_text, lookup)
    items += _group(person, entry)
    if commonness is not None:
        if commonness.common:
            items.append(
                IdentityItem("name", Stance.SILENT, False, person.name, "", commonness.detail)
            )
        else:
            items.append(
                IdentityItem("name", Stance.AGREES, False, person.name, "", commonness.detail)
            )
    check = IdentityCheck(tuple(items), commonness, "")
    return IdentityCheck(check.items, commonness, namesake_reason(check))


def namesake_reason(check: IdentityCheck) -> str:
    """Why an exact name is not enough here ('' when it is): the rule of issue 16."""
    strong = check.strong_against
    specific = check.specific_for
    if strong:
        against = "; ".join(_quote(i) for i in strong)
        support = f"; for it: {'; '.join(_quote(i) for i in specific)}" if specific else ""
        return f"possible namesake: the article contradicts the entry ({against}){support}"
    if check.commonness is not None and check.commonness.common and not specific:
        return (
            f"possible namesake: {check.commonness.detail}, and nothing specific in the "
            "article (role, age, place of birth, parent) agrees with the entry"
        )
    weak = [i for i in check.items if i.stance is Stance.CONTRADICTS]
    agreeing = [i for i in check.items if i.stance is Stance.AGREES and i.aspect != "name"]
    if weak and not agreeing:
        return (
            "possible namesake: the article differs from the entry ("
            + "; ".join(_quote(i) for i in weak)
            + ") and nothing agrees"
        )
    return ""


def describe(items: Iterable[IdentityItem]) -> str:
    """One line per item: '+' agrees, '-' contradicts, '·' silent; strong ones marked."""
    mark = {Stance.AGREES: "+", Stance.CONTRADICTS: "-", Stance.SILENT: "·"}
    lines = []
    for i in items:
        strength = " (strong)" if i.strong and i.stance is not Stance.SILENT else ""
        lines.append(f"{mark[i.stance]} {i.aspect}{strength}: {_quote(i)}")
    return "\n".join(lines)


def _quote(i: IdentityItem) -> str:
    sides = []
    if i.article:
        sides.append(f"article '{i.article}'")
    if i.entry:
        sides.append(f"entry '{i.entry}'")
    text = " vs ".join(sides)
    if i.detail:
        text = f"{text} ({i.detail})" if text and i.aspect != "name" else i.detail
    return text or "nothing to compare"


# ------------------------------------------------------------------------------ aspects


def _role(person: Person, entry: Entry, versions: Sequence[Entry]) -> list[IdentityItem]:
    corr = corroborate(person, entry)
    listed_texts = [t for v in versions for t in (*v.designations, *v.titles)]
    listed = " / ".join(dict.fromkeys(listed_texts))
    words = [a for a, _ in corr.agreed]
    specific = any(w not in GENERIC for w in words)
    if corr.agreed and specific:
        art = _phrase_with(person.titles + person.organisations + person.descriptions, words)
        ent = _phrase_with([*listed_texts, entry.comments], [b for _, b in corr.agreed]) or listed
        return [
            IdentityItem(
                "role",
                Stance.AGREES,
                False,
                art,
                _clip(ent),
                "agree on " + ", ".join(f"'{a}'~'{b}'" for a, b in corr.agreed[:4]),
            )
        ]
    # Short descriptions ("a lawyer in Busan") state a job; long ones are clauses.
    short = [d for d in person.descriptions if len(d.split()) <= 6]
    roles = [t for t in (*person.titles, *person.organisations, *short) if _distinctive(t)]
    # Only a designation states a role; comments mix legal boilerplate with background,
    # and titles are mostly honorifics (Haji, Mullah), so neither can be contradicted.
    designations = list(dict.fromkeys(d for v in versions for d in v.designations))
    # Rank or office words the article gives as a title ("Major General") and the entry
    # shares: weak agreement, but enough to keep a differing role from counting alone.
    titled = set(significant_words(person.titles + person.organisations).values())
    shared = [(a, b) for a, b in corr.agreed if a in titled]
    rank = (
        [
            IdentityItem(
                "title words",
                Stance.AGREES,
                False,
                _phrase_with(person.titles, [a for a, _ in shared]),
                _clip(listed),
                "agree on " + ", ".join(f"'{a}'~'{b}'" for a, b in shared[:4]),
            )
        ]
        if shared
        else []
    )
    if roles and designations:
        return [
            *rank,
            IdentityItem(
                "role",
                Stance.CONTRADICTS,
                False,
                _clip("; ".join(roles)),
                _clip(" / ".join(designations)),
                ("only generic words in common" if corr.agreed else "no word in common")
                + "; roles change, so this is weak",
            ),
        ]
    if rank:
        return rank
    if roles:
        return [
            IdentityItem(
                "role", Stance.SILENT, False, _clip("; ".join(roles)), "", "no designation"
            )
        ]
    return []


# the endings of English demonyms: Kenyan, Iraqi, Chinese, British, French, Swiss, Greek, Thai
_DEMONYM_SHAPE = re.compile(r"(?:an|i|ese|ish|ic|ch|ss|ek|ai|er|ot|ene|ino|ean|ite)$", re.I)


def _nationality(
    person: Person, facts: ArticleFacts, versions: Sequence[Entry], country_of: CountryOf | None
) -> list[IdentityItem]:
    found = {n.upper() for n in person.nationalities}
    for o in facts.origins:
        # Only a word the gazetteer knows as a country or demonym counts ("Kenyan"); a place
        # word that precedes a name is no nationality ("a Gulf ruler": Gulf is also a
        # province of Papua New Guinea), so the word must have a demonym's shape
        if not _DEMONYM_SHAPE.search(o.value):
            continue
        c = country_of(o.value) if country_of else None
        if c:
            found.add(c.upper())
    art = sorted(found)
    stated = list(dict.fromkeys(n for v in versions for n in v.nationalities))
    codes = sorted({c.upper() for n in stated if country_of and (c := country_of(n))})
    if not art:
        return []
    if not codes:
        return [
            IdentityItem(
                "nationality", Stance.SILENT, False, "/".join(art), "", "entry states none"
            )
        ]
    if set(art) & set(codes):
        return [IdentityItem("nationality", Stance.AGREES, False, "/".join(art), "; ".join(stated))]
    return [
        IdentityItem(
            "nationality",
            Stance.CONTRADICTS,
            True,
            "/".join(art),
            "; ".join(stated),
            f"{'/'.join(art)} is not {'/'.join(codes)}",
        )
    ]


def _age(
    facts: ArticleFacts, versions: Sequence[Entry], published: date | None
) -> list[IdentityItem]:
    said: list[tuple[int, int, Stated]] = []
    for s in facts.ages:
        if published is not None:
            y = published.year - int(s.value)
            said.append((y - 1, y, s))
    for s in facts.birth_years:
        said.append((int(s.value), int(s.value), s))
    if not said:
        if facts.ages and published is None:
            return [
                IdentityItem(
                    "age",
                    Stance.SILENT,
                    False,
                    facts.ages[0].words,
                    "",
                    "no publication date to turn the age into a birth year",
                )
            ]
        return []
    words = "; ".join(dict.fromkeys(s.words for _, _, s in said))
    lo = max(a for a, _, _ in said)
    hi = min(b for _, b, _ in said)
    if lo - hi > 2:
        return [
            IdentityItem(
                "age", Stance.SILENT, False, words, "", "the article gives ages that disagree"
            )
        ]
    lo, hi = min(lo, hi), max(lo, hi)
    dobs = [b for v in versions for b in v.birth_dates]
    ranges = [r for b in dobs if (r := b.years())]
    entry_words = ", ".join(dict.fromkeys(b.value or b.note or _span(b.years()) for b in dobs))
    if not ranges:
        return [
            IdentityItem(
                "age", Stance.SILENT, False, words, entry_words, "entry states no birth year"
            )
        ]
    gap = min(max(0, a - hi, lo - b) for a, b in ranges)
    born = f"born {lo}" if lo == hi else f"born {lo}-{hi}"
    detail = f"{born} vs {_span_all(ranges)}: {gap} year{'s' if gap != 1 else ''} apart"
    if gap < AGE_WEAK:
        return [IdentityItem("age", Stance.AGREES, False, words, f"DOB {entry_words}", detail)]
    return [
        IdentityItem(
            "age", Stance.CONTRADICTS, gap >= AGE_STRONG, words, f"DOB {entry_words}", detail
        )
    ]


def _gender(facts: ArticleFacts, versions: Sequence[Entry]) -> list[IdentityItem]:
    said = {s.value for s in facts.genders}
    listed = {v.gender.strip().lower()[:1] for v in versions if v.gender.strip()}
    listed &= {"m", "f"}
    if len(said) != 1:
        return []  # nothing said, or the article is inconsistent: say nothing
    g = next(iter(said))
    words = facts.genders[0].words
    if len(listed) != 1:
        return []
    e = next(iter(listed))
    name = {"m": "male", "f": "female"}
    if g == e:
        return [IdentityItem("gender", Stance.AGREES, False, words, name[e].capitalize())]
    return [
        IdentityItem(
            "gender",
            Stance.CONTRADICTS,
            True,
            words,
            name[e].capitalize(),
            f"the article's person is {name[g]}",
        )
    ]


def _birthplace(
    facts: ArticleFacts, versions: Sequence[Entry], country_of: CountryOf | None
) -> list[IdentityItem]:
    if not facts.birth_places:
        return []
    stated = list(dict.fromkeys(p for v in versions for p in v.birth_places))
    said = facts.birth_places[0]
    if not stated:
        return [
            IdentityItem(
                "place of birth", Stance.SILENT, False, said.words, "", "entry states none"
            )
        ]
    where = _fold(said.value)
    if any(where and where in _fold(p) for p in stated):
        return [IdentityItem("place of birth", Stance.AGREES, False, said.words, "; ".join(stated))]
    art_c = _country(said.value, country_of)
    ent_c = {c for p in stated if (c := _country(p, country_of))}
    if art_c and ent_c and art_c not in ent_c:
        return [
            IdentityItem(
                "place of birth",
                Stance.CONTRADICTS,
                True,
                said.words,
                "; ".join(stated),
                f"{art_c} is not {'/'.join(sorted(ent_c))}",
            )
        ]
    if art_c and art_c in ent_c and art_c != _fold(said.value).upper():
        same_country = _fold(said.value) not in {_fold(p.split(",")[-1]) for p in stated}
        if same_country:
            return [
                IdentityItem(
                    "place of birth",
                    Stance.CONTRADICTS,
                    False,
                    said.words,
                    "; ".join(stated),
                    f"another place in {art_c}",
                )
            ]
    return [IdentityItem("place of birth", Stance.SILENT, False, said.words, "; ".join(stated))]


def _parent(facts: ArticleFacts, versions: Sequence[Entry]) -> list[IdentityItem]:
    if not facts.parents:
        return []
    said = facts.parents[0]
    given = _fold(said.value.split()[0])
    later_parts = {_fold(p) for v in versions for p in v.name_parts[1:]}
    comments = " ".join(v.comments for v in versions)
    if given and (given in later_parts or given in _fold_words(comments)):
        return [
            IdentityItem(
                "parent",
                Stance.AGREES,
                False,
                said.words,
                " ".join(versions[0].name_parts),
                f"'{said.value.split()[0]}' is in the entry's name or comments",
            )
        ]
    father = _FATHER.search(comments)
    if father and _fold(father.group(1)) != given:
        return [
            IdentityItem(
                "parent",
                Stance.CONTRADICTS,
                False,
                said.words,
                _clip(father.group(0)),
                "another father",
            )
        ]
    return []


def _entities(
    versions: Sequence[Entry], article_text: str, lookup: EntryLookup | None
) -> list[IdentityItem]:
    """Listed entities the entry cites (QDe.115) and the article names: corroboration."""
    if lookup is None or not article_text:
        return []
    refs = dict.fromkeys(
        r for v in versions for t in (v.comments, *v.designations) for r in _REF.findall(t)
    )
    text = " " + _fold_text(article_text) + " "
    out = []
    for ref in refs:
        ent = lookup(ref)
        if ent is None:
            continue
        for name in (ent.name, *(a.name for a in ent.aliases if not a.original_script)):
            folded = _fold_text(name)
            telling = len(folded.split()) >= 2 or (len(folded) >= 4 and name.isupper())
            if telling and f" {folded} " in text:
                out.append(
                    IdentityItem(
                        "listed entity",
                        Stance.AGREES,
                        False,
                        name,
                        f"{ref} {ent.name}",
                        "the entry's comments cite this listed entity",
                    )
                )
                break
    return out


def _group(person: Person, entry: Entry) -> list[IdentityItem]:
    """The group the entry's sanctions list is about ("Taliban", "Al-Qaida"), named as the
    person's organisation or in their title ("the Taliban's interior minister"): agrees.
    Roles listed decades ago differ from today's; the group a person belongs to does not."""
    group = [w for w in _fold(entry.list_type).split() if len(w) >= 4]
    if not group:
        return []
    from rapidfuzz import fuzz

    said = [*person.organisations, *person.titles, *person.descriptions]
    for text in said:
        words = _fold(text).split()
        if all(any(fuzz.ratio(g, w) >= 80 for w in words) for g in group):
            return [
                IdentityItem(
                    "group",
                    Stance.AGREES,
                    False,
                    _clip(text),
                    f"{entry.list_type} sanctions list",
                    "the article ties the person to the group the list is about",
                )
            ]
    return []


# ------------------------------------------------------------------------------ helpers


def _distinctive(text: str) -> bool:
    return any(
        w not in GENERIC and w not in STOP and w not in _ROLE_FILLER and not _demonym(w)
        for w in significant_words([text]).values()
    )


_DEMONYM_END = ("ian", "ese", "ean", "ish", "ani", "i")


def _demonym(word: str) -> bool:
    # A capitalised origin word ("Iranian", "Syrian", "Iraqi") tells nationality, not role.
    return word.endswith(_DEMONYM_END) and len(word) > 4 and word[:1].isalpha()


def _phrase_with(texts: Sequence[str], words: Sequence[str]) -> str:
    """The text holding the most of ``words`` (folded), clipped; '' when none."""
    best, hits = "", 0
    for t in texts:
        low = _fold(t)
        n = sum(1 for w in words if w in low)
        if n > hits:
            best, hits = t, n
    return _clip(best or (texts[0] if texts else ""))


def _country(place: str, country_of: CountryOf | None) -> str | None:
    if country_of is None:
        return None
    for part in (place, place.split(",")[-1].strip(), re.sub(r"\s*\(.*\)", "", place)):
        if part and (c := country_of(part)):
            return c.upper()
    return None


def _fold(s: str) -> str:
    return anyascii(s).casefold().strip()


def _fold_words(s: str) -> set[str]:
    return set(re.findall(r"[a-z]+", _fold(s)))


def _fold_text(s: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", _fold(s)))


def _clip(s: str, n: int = 100) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _span(r: tuple[int, int] | None) -> str:
    if r is None:
        return ""
    return str(r[0]) if r[0] == r[1] else f"{r[0]}-{r[1]}"


def _span_all(ranges: Sequence[tuple[int, int]]) -> str:
    return "listed " + ", ".join(dict.fromkeys(_span(r) for r in ranges))
