"""Places to countries, offline: countries, capitals, cities, first-level regions.

The gazetteer is data shipped under ``lists/gazetteer/``:

* ``countries.tsv`` and ``places.tsv`` are derived once from GeoNames (CC BY 4.0) and
  ISO 3166 data by ``tools/build_gazetteer.py``;
* ``aliases.tsv`` (short and formal country names, region spellings), ``demonyms.tsv``,
  ``landmarks.tsv`` ("the White House" → Washington, US; it wins over Casablanca, whose
  Arabic name means "white house") and ``stopnames.txt`` are written by hand.

Ambiguous names are settled by kind (a country beats a city of the same name), then by
a country-context bias the caller passes (``prefer``), then by prominence (a capital
counts ten times its population; Moscow is RU, Tripoli is LY). Towns the gazetteer does
not know are placed from their container ("the town of Tal Ksaiba in Salahuddin
province" → IQ, ``how="container:Salahuddin"``; "Tal Afar, Iraq"). Misspelt country
names ("Kazakstan", "Phillipines") are matched with a tight fuzzy cutoff; nothing else is
fuzzy, so a surname never becomes a city by accident.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from anyascii import anyascii
from rapidfuzz import fuzz, process

from travelban.errors import ListError
from travelban.models import Place

log = logging.getLogger(__name__)


# prepositions that put a word in a sentence as a place ("in Ararat", "to Kirkuk")
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "to", "from", "into", "near", "across", "through", "toward", "towards"}
    | {"around", "outside", "inside", "via", "onto", "within"}
)

GAZETTEER_DIR = "gazetteer"
FUZZY_CUTOFF = 88.0  # rapidfuzz ratio; "Kazakstan" 95, "Phillipines" 91, "Austria/Australia" 82
FUZZY_MIN_LENGTH = 6
# population above which a city found inside a longer capitalised run still counts
# ("Moscow Mayor ..."), while "Vladimir Putin" does not give the city of Vladimir
_RUN_PART_MIN_POPULATION = 1_000_000
_SENTENCE_START_MIN_POPULATION = 500_000
_CAPITAL_WEIGHT = 10
_SENTENCE_START = "pending:sentence-start"  # internal marker, never returned
_MAX_WORDS = 8  # longest name tried, in words ("United Kingdom of Great Britain and ...")

# words after a name that say which kind of place it is ("Salahuddin province")
_REGION_WORDS = (
    "province",
    "governorate",
    "region",
    "state",
    "oblast",
    "district",
    "prefecture",
    "county",
    "department",
    "territory",
    "emirate",
    "krai",
)
_CITY_WORDS = ("city", "municipality")
_SUFFIX = re.compile(
    rf"\s+(?P<word>{'|'.join(_REGION_WORDS + _CITY_WORDS)})$",
    re.IGNORECASE,
)
# lower-case words that may join the capitalised words of one name ("Salah ad Din")
_CONNECTORS = frozenset(
    {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ez", "ed", "es", "de", "del", "la"}
    | {"le", "di", "da", "dos", "das", "do", "of", "and", "upon", "on", "sur"}
)
_PLACE_WORDS = (
    "town|city|village|hamlet|district|suburb|settlement|area|outskirts|port|region|province|"
    "governorate|enclave|neighbourhood|neighborhood|camp|oasis|island|capital"
)
_KIND_OF_WORD = {
    "city": "city",
    "capital": "city",
    "port": "city",
    "region": "region",
    "province": "region",
    "governorate": "region",
    "district": "region",
}
_NOT_AFTER = re.compile(r"\s+(?:news\s+agency|agency|newspaper|news\s+channel)\b", re.IGNORECASE)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|from|to|into|outside|inside|visited|visiting|toward|towards|reached|"
    r"around|via|through|left|arrived in))\s+$",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Lookup key: ASCII, lower case, no dots or apostrophes, hyphens and commas as spaces."""
    s = anyascii(text).lower().replace(".", "")
    s = re.sub(r"['`\u2019\u2018\u02bb\u02bc]", "", s)
    s = re.sub(r"[-_,/()\[\]]+", " ", s)
    return " ".join(s.split())


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    out = anyascii(ch)
    return out[0] if out else " "


def _fold_same_length(text: str) -> str:
    """ASCII transliteration that keeps every character's offset (for spans)."""
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else _fold_char(ch) for ch in text)


# two same-named regions whose estimated populations are within this factor tie
_REGION_TIE = 10


# a candidate in a country the text names beats a bigger namesake elsewhere only when it
# has at least a tenth of that namesake's people
_PREFER_RATIO = 10


class _Cand(NamedTuple):
    """One place a lookup key may mean (a tuple: thousands are built at load time)."""

    name: str  # canonical name
    country: str  # ISO alpha-2
    kind: str  # country, capital, city, region, landmark, notplace
    population: int

    @property
    def place_kind(self) -> str:
        return "city" if self.kind == "capital" else self.kind

    def weight(self, prefer: frozenset[str]) -> tuple[int, int, int]:
        pop = self.population * (_CAPITAL_WEIGHT if self.kind == "capital" else 1)
        return (self.kind == "country", self.country in prefer, pop)


@dataclass(frozen=True, slots=True)
class CountryInfo:
    iso2: str
    iso3: str
    name: str
    capital: str
    population: int


def _read_rows(path: Path) -> list[list[str]]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ListError(
            "gazetteer file missing", path=path, fix="restore lists/gazetteer from the repository"
        ) from exc
    return [ln.split("\t") for ln in raw.splitlines() if ln and not ln.startswith("#")]


class Gazetteer:
    """Place names → countries. Build with ``Gazetteer.load(lists_dir)`` (memoised)."""

    def __init__(
        self,
        countries: dict[str, CountryInfo],
        keys: dict[str, list[_Cand]],
        iso: dict[str, str],
        demonyms: dict[str, str],
        stopnames: frozenset[str],
        country_keys: Iterable[str],
        orgwords: frozenset[str] = frozenset(),
        landmark_cities: dict[str, str] | None = None,
        landmark_aliases: dict[str, tuple[str, ...]] | None = None,
        towns: Path | None = None,
    ) -> None:
        self._town_file = towns
        self._towns: dict[str, list[_Cand]] | None = None  # read on first use
        self._org = orgwords
        self._landmark_aliases = landmark_aliases or {}
        self._landmark_city = landmark_cities or {}
        self.countries = countries
        self._keys = keys
        self._iso = iso
        self._demonyms = demonyms
        self._stop = stopnames
        self._country_keys = sorted(k for k in set(country_keys) if len(k) >= 4)
        self._max_words = _MAX_WORDS
        # landmark names with a lower-case word ("AU headquarters", "UN headquarters"):
        # the capitalised-run scan cannot see them, so they are matched as written
        mixed = sorted(
            (
                n
                for name in self._landmark_city
                for n in [name, *self._landmark_aliases.get(name, ())]
                if any(w[:1].islower() for w in n.split())
            ),
            key=len,
            reverse=True,
        )
        self._mixed_landmarks = (
            re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, mixed)) + r")(?![\w-])")
            if mixed
            else None
        )

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, lists_dir: Path) -> Gazetteer:
        """The gazetteer under ``lists_dir/gazetteer`` (read once per folder per process)."""
        return _load(Path(lists_dir).resolve())

    # ------------------------------------------------------------ single names

    def _candidates(self, key: str) -> list[_Cand]:
        return self._keys.get(key, [])

    @staticmethod
    def _strip(name: str) -> tuple[str, str]:
        """(name without "the", possessive and a kind word, the kind word or "")."""
        s = " ".join(name.strip().split())
        s = re.sub(r"(?i)^the\s+", "", s)
        s = re.sub(r"['’]s$", "", s)
        m = _SUFFIX.search(s)
        if m and m.start() > 0:
            return s[: m.start()], m["word"].lower()
        return s, ""

    def _best(
        self, cands: list[_Cand], prefer: frozenset[str], word: str = ""
    ) -> tuple[_Cand | None, str]:
        """The winning candidate and a note ("" or "ambiguous:IN|PK")."""
        if not cands:
            return None, ""
        pool = cands
        if word in _REGION_WORDS:
            pool = [c for c in cands if c.kind == "region"] or cands
        elif word in _CITY_WORDS:
            pool = [c for c in cands if c.kind in ("city", "capital")] or cands
        if prefer:
            # the text's own countries win only among candidates of like size: an article
            # on Kerala means India's Kochi, but a US story's "Cairo" is still Egypt's
            biggest = max(c.population for c in pool)
            prefer = frozenset(
                c.country
                for c in pool
                if c.country in prefer and c.population * _PREFER_RATIO >= biggest
            )
        ranked = sorted(pool, key=lambda c: c.weight(prefer), reverse=True)
        best = ranked[0]
        if best.kind == "region":
            # "Qom", the city and its province: the city, in the same country
            best = next(
                (c for c in ranked if c.country == best.country and c.kind in {"city", "capital"}),
                best,
            )
        top = best.weight(prefer)
        rivals = [
            c
            for c in ranked[1:]
            if c.country != best.country
            and (
                c.weight(prefer) == top
                or (
                    # regions of two countries of like size stay a tie ("Punjab": IN, PK)
                    best.kind == c.kind == "region"
                    and c.weight(prefer)[:2] == top[:2]
                    and c.population * _REGION_TIE > best.population
                )
            )
        ]
        if rivals:
            tied = sorted({best.country, *(c.country for c in rivals)})
            return None, "ambiguous:" + "|".join(tied)
        return best, ""

    def lookup(self, name: str, *, prefer: Iterable[str] = ()) -> Place | None:
        """The place a name most likely means, or None. ``prefer``: ISO2 codes in context."""
        bias = frozenset(prefer)
        raw = name.strip()
        if not raw:
            return None
        stripped, word = self._strip(raw)
        for key, kind_word in ((fold(raw), ""), (fold(stripped), word)):
            cands = self._candidates(key)
            if cands:
                if all(c.kind == "notplace" for c in cands):
                    return None
                best, note = self._best(cands, bias, kind_word)
                if best is None:
                    return Place(raw, None, kind=cands[0].place_kind, how=note)
                how = self._how(best)
                if (
                    best.kind == "city"
                    and best.population < _ALIAS_MIN_POPULATION
                    and key != fold(best.name)
                ):
                    how = _ALIAS_OF + best.name
                return Place(raw, best.country, kind=best.place_kind, how=how)
        code = raw.upper()
        if re.fullmatch(r"[A-Z]{2,3}", raw) and code in self._iso:
            return Place(raw, self._iso[code], kind="country", how="iso-code")
        return self._fuzzy_country(raw, fold(stripped))

    def lookup_town(self, name: str, *, prefer: Iterable[str] = ()) -> Place | None:
        """A town of 5,000 to 50,000 people (``towns.tsv``) for a name :meth:`lookup` does
        not know, or None. Only for a span the parser already reads as a place: the towns
        are too many and too small to be looked for in running text. A name shared by
        towns of several countries takes a country the text names, else the town clearly
        bigger than the others, else none."""
        stripped, _ = self._strip(name)
        if self._towns is None:
            self._towns = _read_towns(self._town_file)
        cands = self._towns.get(fold(stripped), [])
        if not cands:
            return None
        bias = frozenset(prefer)
        countries = {c.country for c in cands}
        if len(countries) > 1:
            named = [c for c in cands if c.country in bias]
            if len({c.country for c in named}) == 1:
                cands = named
            else:
                ranked = sorted(cands, key=lambda c: c.population, reverse=True)
                rival = next(c for c in ranked if c.country != ranked[0].country)
                if ranked[0].population < _TOWN_LEAD * rival.population:
                    return None
                cands = ranked[:1]
        best = max(cands, key=lambda c: c.population)
        return Place(name.strip(), best.country, kind="town", how="gazetteer:town")

    def _how(self, best: _Cand) -> str:
        """The ``how`` of a gazetteer hit: "gazetteer", or "landmark:Washington"."""
        if best.kind == "landmark":
            return f"landmark:{self._landmark_city.get(best.name, '')}"
        return "gazetteer"

    def _fuzzy_country(self, raw: str, key: str) -> Place | None:
        if len(key) < FUZZY_MIN_LENGTH or not self._country_keys:
            return None
        found = process.extractOne(
            key, self._country_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if not found:
            return None
        match, score, _ = found
        if match[0] != key[0]:
            return None
        country = next(c for c in self._keys[match] if c.kind == "country")
        return Place(
            raw, country.country, kind="country", how=f"fuzzy:{country.name} ({score:.0f})"
        )

    def is_stopname(self, name: str) -> bool:
        """True for a word that names a place but in prose is usually something else."""
        return fold(re.sub(r"(?i)^the\s+", "", name)) in self._stop

    def country_name(self, iso2: str) -> str:
        """The short English name of a country ("IR" → "Iran"); the code itself if unknown."""
        info = self.countries.get(iso2.upper())
        return info.name if info else iso2

    def demonym(self, word: str) -> str | None:
        """ISO2 of a nationality adjective or noun ("Iranian", "Afghans", "North Korean")."""
        key = fold(word)
        if key in self._demonyms:
            return self._demonyms[key]
        for cut in ("s", "es"):
            if key.endswith(cut) and key[: -len(cut)] in self._demonyms:
                return self._demonyms[key[: -len(cut)]]
        return None

    # ------------------------------------------------------------ strings such as UN fields

    def countries_in(self, text: str) -> list[str]:
        """ISO2 codes of the countries and nationalities named in ``text``, in order, once each."""
        found: list[str] = []
        words = list(re.finditer(r"[^\s,;/()]+(?:\s*\([^)]*\))?", text))
        tokens = [w.group(0) for w in words]
        i = 0
        while i < len(tokens):
            hit = None
            for j in range(min(len(tokens), i + self._max_words), i, -1):
                phrase = " ".join(tokens[i:j])
                code = self._country_code(phrase)
                if code:
                    hit = (code, j)
                    break
                # a formal name with its bracket ("Iran (Islamic Republic of)") is one token
                # here; also try it without the bracket
                bare = re.sub(r"\s*\([^)]*\)$", "", phrase)
                if bare != phrase and (code := self._country_code(bare)):
                    hit = (code, j)
                    break
            if hit:
                if hit[0] not in found:
                    found.append(hit[0])
                i = hit[1]
            else:
                i += 1
        return found

    def _country_code(self, phrase: str) -> str | None:
        phrase = re.sub(r"(?i)^the\s+", "", phrase.strip(" .;:"))
        if not phrase:
            return None
        key = fold(phrase)
        if len(key.replace(" ", "")) <= 3 and not phrase.replace(".", "").isupper():
            return None
        for c in self._candidates(key):
            if c.kind == "country":
                return c.country
        dem = self.demonym(phrase)
        if dem:
            return dem
        if re.fullmatch(r"[A-Z]{2,3}", phrase) and phrase in self._iso:
            return self._iso[phrase]
        return None

    def country_of(self, text: str) -> str | None:
        """ISO2 of a nationality or place string such as a UN list field, or None.

        "Iran (Islamic Republic of)" → IR; "Democratic People's Republic of Korea" → KP;
        "Afghan" → AF; "Qom, Iran" → IR (an address names its country last); "Kandahar" →
        AF; "USSR (until 1991)" and "na" → None.
        """
        s = " ".join(text.split()).strip(" .;,")
        if not s:
            return None
        whole = self._country_code(s) or self._country_code(re.sub(r"\s*\([^)]*\)", "", s))
        if whole:
            return whole
        parts = [p.strip() for p in s.split(",") if p.strip()]
        if len(parts) > 1:
            for part in reversed(parts):
                code = self._country_code(part)
                if code:
                    return code
            for part in reversed(parts):
                place = self.lookup(part)
                if place and place.country:
                    return place.country
        codes = self.countries_in(s)
        if codes:
            return codes[0]
        place = self.lookup(s)
        return place.country if place and place.country else None

    # ------------------------------------------------------------ running text

    def find_places(self, text: str, *, prefer: Iterable[str] = ()) -> list[Place]:
        """Places named in running text, with spans, countries and how each was decided.

        Context patterns go first ("the town of X in Y province", "in X, Y"), then runs
        of capitalised words are matched against the gazetteer. Names left ambiguous
        ("Punjab") are settled by the countries the same text names, when it names one.
        """
        bias = frozenset(prefer)
        folded = _fold_same_length(text)
        places: list[Place] = []
        claimed: list[tuple[int, int]] = []

        def take(place: Place) -> None:
            if all(place.end <= cs or place.start >= ce for cs, ce in claimed):
                places.append(place)
                claimed.append((place.start, place.end))

        for place in self._context_places(text, bias):
            take(place)
        for m in self._mixed_landmarks.finditer(text) if self._mixed_landmarks else ():
            found = self.lookup(m.group(0))
            if found is not None and found.country:
                take(replace(found, name=m.group(0), start=m.start(), end=m.end()))
        pending: list[Place] = []
        for run in _capital_runs(text):
            for place in self._run_places(text, folded, run, bias):
                if place.how == _SENTENCE_START:
                    pending.append(place)
                else:
                    take(place)
        # a small city opening a sentence counts when the text names it elsewhere too
        named = {fold(p.name) for p in places}
        for place in pending:
            if fold(place.name) in named:
                take(
                    Place(
                        place.name, place.country, place.kind, "gazetteer", place.start, place.end
                    )
                )
        places.sort(key=lambda p: p.start)
        places = self._settle_ambiguous(places, bias)
        return without_lone_aliases(self._in_context(places, bias))

    def _in_context(self, places: list[Place], bias: frozenset[str]) -> list[Place]:
        """A name several countries share, read in the countries the text names for sure.

        The text's sure countries are those of the countries it names and of the places
        only one country has ("Kerala"); a shared name ("Kochi": India, Japan) then takes
        the candidate of like size in one of them.
        """
        sure = set(bias)
        shared: list[int] = []
        for i, p in enumerate(places):
            if not p.country or not p.how.startswith("gazetteer"):
                continue
            owners = {c.country for c in self._candidates(fold(self._strip(p.name)[0]))}
            owners |= {c.country for c in self._candidates(fold(p.name))}
            if p.kind == "country" or len(owners) == 1:
                sure.add(p.country)
            elif len(owners) > 1:
                shared.append(i)
        if not shared or not sure:
            return places
        out = list(places)
        for i in shared:
            p = places[i]
            if p.country in sure:
                continue
            found = self.lookup(p.name, prefer=sure)
            if found is not None and found.country in sure:
                out[i] = replace(
                    p,
                    country=found.country,
                    kind=found.kind,
                    how=f"context:{self.country_name(found.country)}",
                )
        return out

    def _settle_ambiguous(self, places: list[Place], bias: frozenset[str]) -> list[Place]:
        seen = frozenset(p.country for p in places if p.country and p.kind == "country")
        if not any(p.how.startswith("ambiguous:") for p in places) or not (seen | bias):
            return places
        out = []
        for p in places:
            if p.how.startswith("ambiguous:"):
                tied = set(p.how.split(":", 1)[1].split("|"))
                hits = tied & (seen | bias)
                if len(hits) == 1:
                    code = hits.pop()
                    p = Place(
                        p.name, code, p.kind, f"context:{self.country_name(code)}", p.start, p.end
                    )
            out.append(p)
        return out

    def _context_places(self, text: str, bias: frozenset[str]) -> Iterable[Place]:
        yield from self._town_of(text, bias)
        yield from self._appositive(text, bias)
        yield from self._x_comma_y(text, bias)

    def _appositive(self, text: str, bias: frozenset[str]) -> Iterable[Place]:
        """ "X, a (small) town in (Y's) Z province": X placed by its container."""
        for m in _APPOSITIVE.finditer(text):
            name = m["name"]
            if fold(name) in self._stop and not self._candidates(fold(name)):
                continue
            country, how = None, ""
            container = m["cont"]
            cont_place = self.lookup(f"{container} {m['csuf'] or ''}".strip(), prefer=bias)
            if cont_place and cont_place.country:
                country, how = cont_place.country, f"container:{container}"
            elif m["owner"]:
                owner = self.lookup(m["owner"], prefer=bias)
                if owner and owner.country and owner.kind == "country":
                    country, how = owner.country, f"container:{m['owner']}"
            if country is None:
                continue
            kind = _KIND_OF_WORD.get(m["kind"].lower(), "town")
            s, e = m.start("name"), m.end("name")
            inside = [
                c for c in self._candidates(fold(self._strip(name)[0])) if c.country == country
            ]
            if inside:
                best = max(inside, key=lambda c: c.weight(bias))
                yield Place(name, country, best.place_kind, f"gazetteer+{how}", s, e)
            else:
                yield Place(name, country, kind, how, s, e)

    def _town_of(self, text: str, bias: frozenset[str]) -> Iterable[Place]:
        """ "the (Syrian) town of X (in Y (province))" """
        for m in _TOWN_OF.finditer(text):
            name = m["name"]
            if fold(name) in self._stop and not self._candidates(fold(name)):
                continue
            kind = _KIND_OF_WORD.get(m["kind"].lower(), "town")
            container = m["cont"]
            country: str | None = None
            how = ""
            if container:
                cont_place = self.lookup(f"{container} {m['csuf'] or ''}".strip(), prefer=bias)
                if cont_place and cont_place.country:
                    country, how = cont_place.country, f"container:{container}"
            if country is None and m["dem"]:
                code = self.demonym(m["dem"])
                if code:
                    country, how = code, f"demonym:{m['dem']}"
            s, e = m.start("name"), m.end("name")
            cands = self._candidates(fold(self._strip(name)[0]))
            if country:
                inside = [c for c in cands if c.country == country]
                if inside:
                    best = max(inside, key=lambda c: c.weight(bias))
                    yield Place(name, country, best.place_kind, f"gazetteer+{how}", s, e)
                else:
                    yield Place(name, country, kind, how, s, e)
                continue
            known = self.lookup(name, prefer=bias)
            if known is not None and known.country:
                yield Place(name, known.country, known.kind, known.how, s, e)
            else:
                yield Place(name, None, kind, "unresolved", s, e)

    def _x_comma_y(self, text: str, bias: frozenset[str]) -> Iterable[Place]:
        """ "in X, Y" where Y is a country or a region that contains X."""
        for m in _X_COMMA_Y.finditer(text):
            if not _LOCATIVE.search(text, max(0, m.start() - 30), m.start()):
                continue
            x, y = m["x"], m["y"]
            cont = self.lookup(y, prefer=bias)
            if cont is not None and cont.kind not in ("country", "region"):
                # "Batavia, New York": after a comma a name that is both a city and a
                # region (state, province) is the region
                regions = [
                    c for c in self._candidates(fold(self._strip(y)[0])) if c.kind == "region"
                ]
                xc = self._candidates(fold(self._strip(x)[0]))
                listed = any(
                    fold(c.name) == fold(x)
                    and (
                        c.kind in ("capital", "country") or c.population >= _RUN_PART_MIN_POPULATION
                    )
                    for c in xc
                )  # "Moscow, Tehran": two cities in a list, not a town in Tehran province
                if regions and not listed:
                    r = max(regions, key=lambda c: c.weight(bias))
                    cont = Place(y, r.country, "region", "gazetteer")
            if cont is None or not cont.country or cont.kind not in ("country", "region"):
                continue
            s, e = m.start("x"), m.end("x")
            cands = self._candidates(fold(self._strip(x)[0]))
            inside = [c for c in cands if c.country == cont.country]
            if inside:
                best = max(inside, key=lambda c: c.weight(bias))
                yield Place(x, best.country, best.place_kind, f"gazetteer+container:{y}", s, e)
                continue
            if cands:
                best = max(cands, key=lambda c: c.weight(bias))
                # "Syria, Iraq" and "Moscow, Tehran" are lists, not containers; a city inside
                # a foreign region ("Moscow, Idaho") is a namesake town
                if best.kind == "country" or (
                    cont.kind == "country"
                    and (
                        best.kind in ("region", "capital")
                        or best.population >= _RUN_PART_MIN_POPULATION
                    )
                ):
                    continue
                if best.kind == "region" and cont.kind == "region":
                    continue
            elif self.lookup(x) is not None or fold(x) in self._stop:
                continue  # a fuzzy country or a stop word: not a town
            yield Place(x, cont.country, "town", f"container:{y}", s, e)

    def _run_places(
        self, text: str, folded: str, run: list[tuple[int, int]], bias: frozenset[str]
    ) -> Iterable[Place]:
        n = len(run)
        i = 0
        while i < n:
            if _is_connector(text, run[i]):
                i += 1
                continue
            matched = False
            longer = False  # a longer name here was found but not taken as a place
            for j in range(min(n, i + self._max_words), i, -1):
                if longer:
                    break  # "Kota Kinabalu International Airport" is not Kota, India
                s, e = run[i][0], run[j - 1][1]
                if _is_connector(text, run[j - 1]):
                    continue
                cands = self._candidates(fold(folded[s:e]))
                if not cands:
                    continue
                if all(c.kind == "notplace" for c in cands):
                    i, matched = j, True  # "White House Correspondents": an organisation
                    break
                nxt = text[run[j][0] : run[j][1]] if j < n else ""
                if nxt and fold(nxt) in self._org:
                    break  # "Quds Force", "Tehran Times", "Iran Air"
                # a name is whole when the run ends there or goes on after a joining word
                # ("Geneva on Tuesday", "Paris and Berlin")
                whole = (i == 0 or _is_joiner(text, run[i - 1])) and (
                    j == n or _is_joiner(text, run[j]) or _airport_after(text, run[j:])
                )
                place = self._accept(text, s, e, cands, whole=whole, bias=bias)
                if place is not None:
                    yield place
                    i = j
                    matched = True
                    break
                longer = j - i > 1
            if not matched:
                if n == 1:
                    fz = self._fuzzy_in_text(text, run[i])
                    if fz is not None:
                        yield fz
                i += 1

    def _accept(
        self,
        text: str,
        s: int,
        e: int,
        cands: list[_Cand],
        *,
        whole: bool,
        bias: frozenset[str],
    ) -> Place | None:
        surface = text[s:e]
        key = fold(surface)
        if len(key.replace(" ", "")) <= 3 and not surface.replace(".", "").isupper():
            return None  # "Us", "Of": short names only in capitals ("US", "UK", "DRC")
        if _NOT_AFTER.match(text, e):
            return None  # "Fars news agency"
        m = _KIND_AFTER.match(text, e)
        word = m.group(1).lower() if m else ""
        if key in self._stop and not word and not _CAPITAL_BEFORE.search(text, max(0, s - 12), s):
            return None  # ("the Maldivian capital Male": a stop name named as a capital)
        best, note = self._best(cands, bias, word)
        if best is None:
            return Place(surface, None, cands[0].place_kind, note, s, e)
        big = best.kind in ("country", "region", "capital", "landmark")
        if not whole and not big and best.population < _RUN_PART_MIN_POPULATION:
            return None
        if (
            _sentence_start(text, s)
            and not big
            and best.population < _SENTENCE_START_MIN_POPULATION
        ):
            return Place(surface, best.country, best.place_kind, _SENTENCE_START, s, e)
        if m and best.kind == "region":
            return Place(text[s : m.end()], best.country, "region", "gazetteer", s, m.end())
        how = self._how(best)
        if (
            best.kind == "city"
            and best.population < _ALIAS_MIN_POPULATION
            and key != fold(best.name)
        ):
            how = _ALIAS_OF + best.name  # "Khasan" as another spelling of Hassan, India
        return Place(surface, best.country, best.place_kind, how, s, e)

    def _fuzzy_in_text(self, text: str, span: tuple[int, int]) -> Place | None:
        surface = text[span[0] : span[1]]
        key = fold(surface)
        if key in self._stop or self.demonym(surface) or len(key) < FUZZY_MIN_LENGTH:
            return None
        found = self._fuzzy_country(surface, key)
        if found is None:
            return None
        return Place(surface, found.country, found.kind, found.how, span[0], span[1])


# ---------------------------------------------------------------- text patterns

_NAME_WORD = r"(?:[a-z]{1,3}['’-])?[A-Z][A-Za-z\u00c0-\u024f'’]*(?:-[A-Za-z\u00c0-\u024f'’]+)*"
_NAME_JOIN = r"(?:(?:al|el|ad|as|ar|an|az|ash|ez|de|del|la|le|of)[- ])"
_NAME = rf"{_NAME_WORD}(?:[ ]+{_NAME_JOIN}?{_NAME_WORD}){{0,3}}"
_TOWN_OF = re.compile(
    rf"\b(?:(?P<dem>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+)?(?P<kind>{_PLACE_WORDS})\s+of\s+"
    rf"(?P<name>{_NAME})"
    rf"(?:,?\s+(?:in|near|outside|north\s+of|south\s+of|east\s+of|west\s+of)\s+(?:the\s+)?"
    rf"(?:(?:northern|southern|eastern|western|central)\s+)?"
    rf"(?P<cont>{_NAME})(?:\s+(?P<csuf>{'|'.join(_REGION_WORDS)}))?)?"
)
_COMPASS = r"(?:(?:northern|southern|eastern|western|central|north|south|east|west)\s+)?"
_APPOSITIVE = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME}),\s+an?\s+(?:(?!of\b)[a-z-]+\s+){{0,2}}"
    rf"(?P<kind>{_PLACE_WORDS})\s+(?:in|near|outside|(?:north|south|east|west)\s+of)\s+"
    rf"(?:the\s+)?{_COMPASS}(?:(?P<owner>{_NAME})['’]s\s+{_COMPASS})?"
    rf"(?P<cont>{_NAME})(?:\s+(?P<csuf>{'|'.join(_REGION_WORDS)}))?"
)
_X_COMMA_Y = re.compile(rf"(?<![\w'’-])(?P<x>{_NAME}),[ ]+(?P<y>{_NAME})(?!['’]s)(?![\w'’-])")
_KIND_AFTER = re.compile(rf"\s+({'|'.join(_REGION_WORDS + _CITY_WORDS)})\b", re.IGNORECASE)
_RUN_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z\u00c0-\u024f][\w'’]*(?:-[\w'’]+)*")
_CAPPED = re.compile(r"^(?:[A-Z\u00c0-\u00de]|[a-z]{1,3}['’-][A-Z])")


# a town shared by several countries is taken only when one is this many times the size
_TOWN_LEAD = 4


def _is_connector(text: str, span: tuple[int, int]) -> bool:
    word = text[span[0] : span[1]]
    return word.islower() and word in _CONNECTORS


# lower-case words inside a capitalised run that end a name rather than continue it
_JOINERS = frozenset({"on", "and"})


_CAPITAL_BEFORE = re.compile(r"\bcapital,?\s+$", re.IGNORECASE)


def _airport_after(text: str, rest: list[tuple[int, int]]) -> bool:
    """The run goes on with "(International) Airport": "Geneva International Airport" is
    Geneva's (airports named after a person or a district are landmarks of their own)."""
    words = [text[s:e].lower() for s, e in rest[:3]]
    return words[:2] == ["international", "airport"] or words[:1] == ["airport"]


def _is_joiner(text: str, span: tuple[int, int]) -> bool:
    return text[span[0] : span[1]] in _JOINERS


def _sentence_start(text: str, start: int) -> bool:
    """True when ``start`` begins a sentence, a line or the text."""
    before = text[:start].rstrip(" \t\"“'‘(")
    return before == "" or before.endswith((".", "!", "?", "\n", ":"))


def _capital_runs(text: str) -> list[list[tuple[int, int]]]:
    """Spans of consecutive capitalised words ("al", "of" may join them); punctuation splits."""
    runs: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    last_end = -1
    for m in _RUN_TOKEN.finditer(text):
        s, e = m.start(), m.end()
        word = m.group(0)
        # ("People's" is a word of state names: the Democratic People's Republic of Korea)
        possessive = word.endswith(("'s", "’s")) and word[:-2].lower() != "people"
        if possessive:
            e -= 2
            word = word[:-2]
        joined = bool(cur) and last_end >= 0 and text[last_end:s] in (" ", "-")
        if _CAPPED.match(word) or (joined and word in _CONNECTORS):
            if not joined and cur:
                runs.append(cur)
                cur = []
            cur.append((s, e))
        elif cur:
            runs.append(cur)
            cur = []
        last_end = e
        if possessive and cur:  # "Iran's Revolutionary Guards": the possessive ends the run
            runs.append(cur)
            cur = []
            last_end = -1
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        while run and _is_connector(text, run[-1]):
            run = run[:-1]
        if run:
            out.append(run)
    return out


# ---------------------------------------------------------------- loading


@functools.lru_cache(maxsize=8)
def _load(lists_dir: Path) -> Gazetteer:
    folder = lists_dir / GAZETTEER_DIR
    if not folder.is_dir():
        raise ListError(
            "gazetteer folder missing",
            path=folder,
            fix="restore lists/gazetteer from the repository",
        )
    countries: dict[str, CountryInfo] = {}
    keys: dict[str, list[_Cand]] = {}
    iso: dict[str, str] = {}

    country_keys: list[str] = []

    def add(key: str, cand: _Cand) -> None:
        bucket = keys.get(key)
        if bucket is None:
            keys[key] = [cand]
        elif cand not in bucket:
            bucket.append(cand)
        if cand.kind == "country":
            country_keys.append(key)

    for row in _read_rows(folder / "countries.tsv"):
        iso2, iso3, name, capital, population, alt = row
        info = CountryInfo(iso2, iso3, name, capital, int(population or 0))
        countries[iso2] = info
        iso[iso2] = iso2
        if iso3:
            iso[iso3] = iso2
        cand = _Cand(name, iso2, "country", info.population)
        add(fold(name), cand)
        for k in alt.split("|"):
            add(k, cand)
    rows = _read_rows(folder / "places.tsv")
    # a first-level region has no population of its own in the data; it counts as its
    # country's share, halved (the US's Florida outweighs Florida, a Cuban town of 63,000)
    regions: dict[str, int] = {}
    for row in rows:
        if row[2] == "region":
            regions[row[1]] = regions.get(row[1], 0) + 1
    for row in rows:
        name, iso2, kind, population, alt = row
        pop = int(population or 0)
        if kind == "region" and not pop and iso2 in countries:
            pop = countries[iso2].population // max(regions.get(iso2, 1), 1) // 2
        cand = _Cand(name, iso2, kind, pop)
        for k in alt.split("|"):  # the folded name is among the keys; each row is a new place
            keys.setdefault(k, []).append(cand)
    for row in _read_rows(folder / "aliases.tsv"):
        iso2, kind, name, alt = [*row, "", "", "", ""][:4]
        if kind == "country":
            known = countries.get(iso2)
            cand = _Cand(
                known.name if known else name, iso2, "country", known.population if known else 0
            )
        else:
            pop = max(
                (c.population for c in keys.get(fold(name), []) if c.country == iso2), default=0
            )
            cand = _Cand(name, iso2, kind, pop)
        for n in [name, *alt.split("|")]:
            if fold(n):
                add(fold(n), cand)
    landmark_cities: dict[str, str] = {}
    landmark_aliases: dict[str, tuple[str, ...]] = {}
    landmarks = folder / "landmarks.tsv"
    for row in _read_rows(landmarks) if landmarks.is_file() else []:
        name, iso2, city, alt = [*row, "", "", "", ""][:4]
        if not city:
            cand = _Cand(name, iso2, "notplace", 0)
        else:
            pop = max(
                (c.population for c in keys.get(fold(city), []) if c.country == iso2), default=0
            )
            cand = _Cand(name, iso2, "landmark", pop)
            landmark_cities[name] = city
            landmark_aliases[name] = tuple(a for a in alt.split("|") if a)
        for n in [name, *alt.split("|")]:
            if fold(n):
                keys[fold(n)] = [cand]  # a landmark wins over a namesake place
    demonyms: dict[str, str] = {}
    for row in _read_rows(folder / "demonyms.tsv"):
        iso2, words = row[0], row[1]
        for w in words.split("|"):
            demonyms.setdefault(fold(w), iso2)
    stop = _word_list(folder / "stopnames.txt")
    org = _word_list(folder / "orgwords.txt")
    log.debug("gazetteer: %d countries, %d keys", len(countries), len(keys))
    return Gazetteer(
        countries,
        keys,
        iso,
        demonyms,
        stop,
        country_keys,
        org,
        landmark_cities,
        landmark_aliases,
        folder / "towns.tsv",
    )


def _read_towns(path: Path | None) -> dict[str, list[_Cand]]:
    """towns.tsv by folded key (about 54,000 towns: read only when a lookup needs it)."""
    towns: dict[str, list[_Cand]] = {}
    if path is None or not path.is_file():
        return towns
    for row in _read_rows(path):
        name, iso2, population, alt = row
        cand = _Cand(name, iso2, "town", int(population or 0))
        for k in alt.split("|"):
            towns.setdefault(k, []).append(cand)
    return towns


def _word_list(path: Path) -> frozenset[str]:
    """Folded entries of a one-a-line list (``#`` comments)."""
    return frozenset(fold(row[0]) for row in _read_rows(path) if row[0].strip())


# A town's other spellings (GeoNames alternate names) match foreign words too: "Khasan",
# the Russian border station, is listed as a spelling of Hassan in India. A town found
# only through such a spelling counts when the text places something else in its country.
_ALIAS_OF = "alias-of:"
_ALIAS_MIN_POPULATION = 1_000_000


def without_lone_aliases(places: list[Place]) -> list[Place]:
    backed = {p.country for p in places if p.country and not p.how.startswith(_ALIAS_OF)}
    return [p for p in places if not p.how.startswith(_ALIAS_OF) or p.country in backed]
