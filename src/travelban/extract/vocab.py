"""The extraction vocabulary: the tables under ``lists/extract/`` read into one record.

Travel words, status cues, credit patterns, titles, role nouns, news sources and
exemption cues are data, so an analyst can extend them without touching code.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from travelban.errors import ConfigError
from travelban.models import EventStatus

log = logging.getLogger(__name__)

_COLUMNS = re.compile(r"\t+|\s{2,}")


# abbreviations of time zones that datelines and schedules print ("0900 GMT", "KST")
_TIME_ZONES = frozenset(
    {"gmt", "utc", "kst", "jst", "cet", "cest", "eet", "eest", "bst", "est", "edt", "pst"}
    | {"pdt", "cst", "cdt", "mst", "mdt", "ist", "pkt", "wat", "eat", "cat", "msk", "ast"}
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that signals travel."""

    lemma: str
    pos: str  # "verb" or "noun"
    kind: str  # visit, meeting, presence, ...
    needs_place: bool = False  # only an event when a place is attached
    host: bool = False  # the traveller is the object ("Putin received Choe")
    leaves: bool = False  # the direct object is where the traveller left ("fled Iraq")
    country: str = ""  # the country the word itself names ("Umrah": SA), flag "in:SA"
    agent_only: bool = False  # an event only in the passive with its agent, flag "agent"
    plans: bool = False  # the word itself tells a trip still to come ("invited"), flag "plan"
    particle: str = ""  # a verb that is a trip only with this particle ("turned up"), "prt:up"
    # a verb that is no trip when this preposition follows it ("attend to matters"), "not:to"
    not_before: str = ""


@dataclass(frozen=True, slots=True)
class StatusCue:
    cue: str  # lemma or phrase
    status: EventStatus
    use: str  # aux, governor, modifier, negation, reporting, adverb


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Everything the extractor reads from ``lists/extract/``."""

    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    cues: tuple[StatusCue, ...]
    credits: tuple[re.Pattern[str], ...]
    titles: tuple[str, ...]  # longest first
    roles: frozenset[str]
    sources: frozenset[str]  # lower case
    exemption_cues: tuple[str, ...]
    pronouns: dict[str, str]
    collectives: frozenset[str]
    genders: dict[str, str]  # word (lower case) -> "f" or "m"
    alias_cues: tuple[str, ...] = ()  # "under the name", "then known as" (lower case)
    given_names: dict[str, str] = field(default_factory=dict)  # "aisha" -> "f"
    groups: frozenset[str] = frozenset()  # "houthis", "flynas": never a person (lower case)
    family_first: frozenset[str] = frozenset()  # "phan": a family name written first
    # word sets from lexicon.tsv (lower case)
    place_nouns: frozenset[str] = frozenset()  # "the outskirts of X"
    route_nouns: frozenset[str] = frozenset()  # "on the road to X"
    facility_nouns: frozenset[str] = frozenset()  # "Incheon International Airport"
    venue_nouns: frozenset[str] = frozenset()  # facilities plus office, embassy, ...
    custody_nouns: frozenset[str] = frozenset()  # "in Nigerian custody"
    member_verbs: frozenset[str] = frozenset()  # "the delegation includes X"
    company_words: frozenset[str] = frozenset()  # a clause about a trip's company
    group_words: frozenset[str] = frozenset()  # ... that names the group ("delegation")
    hosting_words: frozenset[str] = frozenset()  # a clause about a group's hosts
    thing_words: frozenset[str] = frozenset()  # "Angkor Wat", "Safa Royal Palace"
    apart_words: frozenset[str] = frozenset()  # "Absent from the delegation was X"
    notname_words: frozenset[str] = frozenset()  # "Rapid Support Forces", "Lok Sabha"
    notopen_words: frozenset[str] = frozenset()  # "Operation Restore Legacy"
    portfolio_words: frozenset[str] = frozenset()  # "Minister of Industry and Trade X"
    post_words: frozenset[str] = frozenset()  # "Minister", "Director-General"
    tour_nouns: frozenset[str] = frozenset()  # "a tour which included A and B"
    inaugural_nouns: frozenset[str] = frozenset()  # "the inauguration of X": in X's state
    stop_verbs: frozenset[str] = frozenset()  # ... the verb of its stops ("include")
    namer_verbs: frozenset[str] = frozenset()  # "a delegation led by X" ("lead")
    office_words: frozenset[str] = frozenset()  # "president", "minister": offices
    attendee_nouns: frozenset[str] = frozenset()  # "Other attendees included A and B"
    remote_words: frozenset[str] = frozenset()  # "took part virtually", "by video link"
    journey_nouns: frozenset[str] = frozenset()  # "Also on the trip are A and B"
    adjectives: frozenset[str] = frozenset()  # triggers read after "be": "is due in X"
    # public office holders: folded name (or first + last word) -> ISO2 of their state
    figures: dict[str, str] = field(default_factory=dict)

    @property
    def not_persons(self) -> frozenset[str]:
        """Travel nouns, news sources and time zones, which the NER model sometimes calls
        persons."""
        return frozenset(self.nouns) | self.sources | self.groups | _TIME_ZONES

    @classmethod
    def load(cls, lists_dir: Path) -> Vocabulary:
        """Read the tables from ``lists_dir/extract``; ConfigError naming a missing file."""
        return _load(Path(lists_dir).resolve())

    def cue_words(self, use: str) -> dict[str, EventStatus]:
        """The cues of one use ("governor", "modifier", ...) as {cue: status}."""
        return {c.cue: c.status for c in self.cues if c.use == use}

    def title_pattern(self) -> str:
        """A regex alternation of the titles, longest first, with an optional trailing dot."""
        return "|".join(re.escape(t).replace(r"\ ", r"\.?\s+") + r"\.?" for t in self.titles)


def _rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise ConfigError(
            "extraction table is missing",
            path=path,
            fix="restore lists/extract/ from the repository or pass --lists-dir",
        )
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        rows.append([c.strip() for c in _COLUMNS.split(line) if c.strip()])
    return rows


@lru_cache(maxsize=4)
def _load(lists_dir: Path) -> Vocabulary:
    folder = lists_dir / "extract"
    verbs: dict[str, Trigger] = {}
    nouns: dict[str, Trigger] = {}
    adjectives: set[str] = set()
    for row in _rows(folder / "triggers.tsv"):
        if len(row) < 3:
            raise ConfigError(
                f"bad row {row!r}",
                path=folder / "triggers.tsv",
                fix="write: lemma pos kind [flags]",
            )
        flags = set(row[3].split(",")) if len(row) > 3 else set()
        implied = next((f[3:].upper() for f in flags if f.startswith("in:")), "")
        trig = Trigger(
            row[0],
            row[1],
            row[2],
            "place" in flags,
            "host" in flags,
            "from" in flags,
            implied,
            "agent" in flags,
            "plan" in flags,
            next((f[4:] for f in flags if f.startswith("prt:")), ""),
            next((f[4:] for f in flags if f.startswith("not:")), ""),
        )
        if row[1] == "adj":
            # an adjective after "be" ("is due in Riyadh") is read as the verb phrase it is
            trig = replace(trig, pos="verb")
            adjectives.add(row[0])
        (verbs if trig.pos == "verb" else nouns)[row[0]] = trig
    cues = []
    for row in _rows(folder / "status_cues.tsv"):
        try:
            cues.append(StatusCue(row[0], EventStatus(row[1]), row[2]))
        except (IndexError, ValueError) as exc:
            raise ConfigError(
                f"bad row {row!r}",
                path=folder / "status_cues.tsv",
                fix="write: cue status use (status: occurred/planned/cancelled/denied/reported)",
            ) from exc
    credits = []
    for row in _rows(folder / "credits.txt"):
        pattern = " ".join(row)
        try:
            credits.append(re.compile(pattern, re.MULTILINE))
        except re.error as exc:
            raise ConfigError(
                f"bad pattern {pattern!r}: {exc}",
                path=folder / "credits.txt",
                fix="fix the regular expression",
            ) from exc
    titles = sorted({" ".join(r) for r in _rows(folder / "titles.txt")}, key=lambda t: -len(t))
    pronouns = {
        r[0].lower(): (r[1] if len(r) > 1 else "singular") for r in _rows(folder / "pronouns.txt")
    }
    sets = _word_sets(folder / "lexicon.tsv")
    return Vocabulary(
        verbs=verbs,
        nouns=nouns,
        cues=tuple(cues),
        credits=tuple(credits),
        titles=tuple(titles),
        roles=frozenset(" ".join(r).lower() for r in _rows(folder / "roles.txt")),
        sources=frozenset(" ".join(r).lower() for r in _rows(folder / "sources.txt")),
        groups=frozenset(" ".join(r).lower() for r in _rows(folder / "groups.txt")),
        family_first=frozenset(" ".join(r).lower() for r in _rows(folder / "family_names.txt")),
        exemption_cues=tuple(" ".join(r).lower() for r in _rows(folder / "exemption_cues.txt")),
        pronouns=pronouns,
        collectives=frozenset(" ".join(r).lower() for r in _rows(folder / "collectives.txt")),
        genders={r[0].lower(): r[1] for r in _rows(folder / "genders.txt") if len(r) > 1},
        given_names={r[0].lower(): r[1] for r in _rows(folder / "given_names.tsv") if len(r) > 1},
        alias_cues=tuple(
            sorted({" ".join(r).lower() for r in _rows(folder / "alias_cues.txt")}, key=len)[::-1]
        ),
        place_nouns=sets["place"],
        route_nouns=sets["route"],
        facility_nouns=sets["facility"],
        venue_nouns=sets["facility"] | sets["venue"],
        custody_nouns=sets["custody"],
        member_verbs=sets["member"],
        company_words=sets["company"],
        group_words=sets["companyx"],
        hosting_words=sets["hosting"],
        thing_words=sets["thing"],
        apart_words=sets["apart"],
        notname_words=sets["notname"],
        notopen_words=sets["notopen"],
        portfolio_words=sets["portfolio"],
        post_words=sets["post"],
        tour_nouns=sets["tour"],
        inaugural_nouns=sets["inaugural"],
        stop_verbs=sets["stops"],
        namer_verbs=sets["namers"],
        office_words=sets["office"],
        attendee_nouns=sets["attendees"],
        remote_words=sets["remote"],
        journey_nouns=sets["journey"],
        adjectives=frozenset(adjectives),
        figures=_figures(folder / "public_figures.tsv", titles),
    )


_WORD_SETS = (
    "place",
    "route",
    "facility",
    "venue",
    "custody",
    "member",
    "company",
    "companyx",
    "hosting",
    "thing",
    "apart",
    "notname",
    "notopen",
    "portfolio",
    "post",
    "tour",
    "inaugural",
    "stops",
    "namers",
    "office",
    "attendees",
    "remote",
    "journey",
)


def _word_sets(path: Path) -> dict[str, frozenset[str]]:
    """The rows of ``lexicon.tsv`` (set name, word) grouped by set name."""
    sets: dict[str, set[str]] = {name: set() for name in _WORD_SETS}
    for row in _rows(path):
        if len(row) != 2 or row[0] not in sets:
            raise ConfigError(
                f"bad row {row!r}",
                path=path,
                fix=f"write: set word (set: {'/'.join(_WORD_SETS)})",
            )
        sets[row[0]].add(row[1].lower())
    return {name: frozenset(words) for name, words in sets.items()}


def figure_key(words: list[str]) -> tuple[str, str]:
    """The keys a public figure's name is found by: the whole folded name, and its first
    and last words ("yoweri museveni" for "Yoweri Kaguta Museveni")."""
    return " ".join(words), f"{words[0]} {words[-1]}" if len(words) > 2 else ""


def name_words(name: str) -> list[str]:
    """A name's words as the public-figures keys hold them: ASCII, lower case, split at
    spaces and hyphens, end dots and apostrophes dropped ("Kassym-Jomart Tokayev" ->
    kassym, jomart, tokayev)."""
    from anyascii import anyascii

    words = (w.strip(".'’-") for w in anyascii(name).lower().replace("-", " ").split())
    return [w for w in words if w]


def _figures(path: Path, titles: list[str]) -> dict[str, str]:
    """The rows of ``public_figures.tsv`` (name, country, office, from, to, other forms;
    TAB-separated, empty columns allowed) as {key: ISO2}. A first-and-last key two
    countries share is dropped; titles written into a name ("King Salman ...") are not
    part of it."""
    if not path.is_file():
        raise ConfigError(
            "extraction table is missing",
            path=path,
            fix="restore lists/extract/ from the repository or pass --lists-dir",
        )
    title_words = {words[0] for t in titles if (words := name_words(t))}
    whole: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not re.fullmatch(r"[A-Z]{2}", cols[1].strip()):
            raise ConfigError(
                f"bad row {n}: {line[:60]!r}",
                path=path,
                fix="write: name<TAB>ISO2 country<TAB>office<TAB>from<TAB>to<TAB>other forms",
            )
        country = cols[1].strip()
        forms = [cols[0], *(cols[5].split("|") if len(cols) > 5 else [])]
        for form in forms:
            words = name_words(form)
            while len(words) > 2 and words[0] in title_words:
                words = words[1:]
            if len(words) < 2:
                continue
            full, first_last = figure_key(words)
            whole.setdefault(full, country)
            if first_last:
                short.setdefault(first_last, set()).add(country)
    out = {k: next(iter(v)) for k, v in short.items() if len(v) == 1 and k not in whole}
    out.update(whole)
    # a surname alone, under the key "=surname", when one state's holders alone bear it
    last: dict[str, set[str]] = {}
    for key, country in whole.items():
        last.setdefault(key.split()[-1], set()).add(country)
    for word, countries in last.items():
        if len(countries) == 1 and len(word) > 2:
            out[f"={word}"] = next(iter(countries))
    return out
