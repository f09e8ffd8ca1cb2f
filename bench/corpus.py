"""A deterministic, realistic benchmark corpus of news articles, generated on demand.

Most news mentions nobody on the UN list, so the default mix is 90% generic stories
(politics, business, sport, weather, health, technology, with many unlisted people,
places and dates) and 10% stories in which a listed person travels. Sentences come from
templates written for this project, filled from pools of invented people and real
places; the same ``seed`` always gives the same files.

Use from other bench scripts::

    from corpus import make_corpus            # bench/ on sys.path
    paths = make_corpus(tmp, 200)             # ~800 words, 10% with a listed traveller
    paths = make_corpus(tmp, 50, words=2000, listed_share=1.0)   # the long variant

or from the shell: ``python bench/corpus.py OUT_FOLDER N [--words 2000] [--listed-share 1]``.
A ``manifest.json`` beside the articles says which ones mention a listed person.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# ---------------------------------------------------------------- pools


def _split(text: str, sep: str | None = None) -> tuple[str, ...]:
    """The non-empty, stripped pieces of ``text`` (pools are written as long strings)."""
    return tuple(piece.strip() for piece in text.split(sep) if piece.strip())


# Invented people. Checked against every shipped snapshot: no combination of a given name
# and a family name below is a listed name or alias (see check_pools()).
GIVEN = _split(
    "Anna Marco Sofia Daniel Amara Kenji Lucia Tomasz Ingrid Rafael Chen Olga Samuel "
    "Fatima Hugo Priya Mateus Elena Jonas Aylin Kofi Maren Diego Yasmin Pavel Leila "
    "Arjun Claire Emeka Hana Viktor Noor Felipe Astrid Tariq Mei Brendan Zainab Lars "
    "Camila Rohan Nadia Isaac Beatriz Oskar Thandiwe Hiroshi Grace Farid Irene Malik "
    "Julia Sipho Lena"
)
FAMILY = _split(
    "Marchetti Okafor Lindqvist Tanaka Ferreira Kowalski Haddad Novak Mensah Rossi "
    "Castellanos Petrov Nakamura Bianchi Osei Varga Jansen Delgado Sato Kiplagat "
    "Brennan Yilmaz Ahlberg Mwangi Dubois Larsen Quintero Horvath Adeyemi Schultz "
    "Park Eriksen Fonseca Mbeki Iyer Costa Whitfield Nieminen Sandoval Achebe Kaya "
    "Holm Oyelaran Lambert Szabo Vance Okonkwo Reyes"
)
ROLES = _split(
    "finance minister; central bank governor; foreign minister; trade minister; "
    "opposition leader; mayor; chief executive; health minister; coach; "
    "defence minister; energy minister; party chairman; union leader; "
    "prime minister; economist; spokeswoman; spokesman; analyst; ambassador",
    ";",
)
ORGS = _split(
    "the World Bank; the International Monetary Fund; the European Commission; "
    "the African Union; the Asian Development Bank; the World Health Organization; "
    "the central bank; the national statistics office; the electoral commission; "
    "the energy regulator; the football federation; the chamber of commerce",
    ";",
)
COMPANIES = _split(
    "Nordwind Logistics; Apex Solar; Meridian Foods; Blue Harbour Shipping; "
    "Kestrel Mining; Orion Telecom; Santa Clara Cement; Lumen Pharmaceuticals; "
    "Harbourline Airlines; Pioneer Steel; Vantage Insurance; Riverbend Textiles",
    ";",
)
# Real places, written 'City:Country', so the place resolver has work to do.
PLACES = tuple(
    (city, country)
    for city, country in (
        _split(item, ":")
        for item in _split(
            "Lisbon:Portugal; Nairobi:Kenya; Jakarta:Indonesia; Lima:Peru; Warsaw:Poland; "
            "Accra:Ghana; Hanoi:Vietnam; Santiago:Chile; Tunis:Tunisia; Oslo:Norway; "
            "Manila:Philippines; Bogota:Colombia; Dakar:Senegal; Tbilisi:Georgia; "
            "Montevideo:Uruguay; Helsinki:Finland; Kuala Lumpur:Malaysia; "
            "Addis Ababa:Ethiopia; Vienna:Austria; Seoul:South Korea; Casablanca:Morocco; "
            "Mumbai:India; Istanbul:Turkey; Sao Paulo:Brazil; Johannesburg:South Africa; "
            "Geneva:Switzerland; Brussels:Belgium; Doha:Qatar; Almaty:Kazakhstan; "
            "Osaka:Japan",
            ";",
        )
    )
)
WEEKDAYS = _split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _split(
    "January February March April May June July August September October November December"
)
RELATIVE = _split(
    "last week; on Tuesday; earlier this month; last month; on Monday; "
    "late last year; in March; this week",
    ";",
)
SPORTS = _split("football cycling rugby athletics tennis basketball")


@dataclass(frozen=True, slots=True)
class Traveller:
    """A listed person as a news story would name him or her, and where the trip goes."""

    name: str
    surname: str
    role: str
    reference: str
    destinations: tuple[tuple[str, str], ...]


# Real entries of the shipped list (names as the press writes them).
LISTED = (
    Traveller(
        "Amir Khan Muttaqi",
        "Muttaqi",
        "the Taliban's foreign minister",
        "TAi.026",
        (("Moscow", "Russia"), ("Beijing", "China"), ("Tashkent", "Uzbekistan")),
    ),
    Traveller(
        "Sirajuddin Haqqani",
        "Haqqani",
        "the Taliban interior minister",
        "TAi.144",
        (("Abu Dhabi", "the United Arab Emirates"), ("Doha", "Qatar")),
    ),
    Traveller(
        "Abdul Ghani Baradar",
        "Baradar",
        "the Taliban's deputy prime minister",
        "TAi.024",
        (("Ashgabat", "Turkmenistan"), ("Astana", "Kazakhstan")),
    ),
    Traveller(
        "Qassem Soleimani",
        "Soleimani",
        "the commander of Iran's Quds Force",
        "IRi.039",
        (("Moscow", "Russia"), ("Baghdad", "Iraq"), ("Beirut", "Lebanon")),
    ),
    Traveller(
        "Mohammad Eslami",
        "Eslami",
        "the head of Iran's atomic energy organisation",
        "IRi.014",
        (("Beijing", "China"), ("Minsk", "Belarus")),
    ),
    Traveller(
        "Ri Pyong Chol",
        "Ri",
        "a senior North Korean military official",
        "KPi.076",
        (("Moscow", "Russia"), ("Vladivostok", "Russia")),
    ),
    Traveller(
        "Jimmy Cherizier",
        "Cherizier",
        "the Haitian gang leader known as Barbecue",
        "HTi.001",
        (("Santo Domingo", "the Dominican Republic"),),
    ),
    Traveller(
        "Paul Malong Awan",
        "Malong",
        "South Sudan's former army chief",
        "SSi.008",
        (("Addis Ababa", "Ethiopia"), ("Khartoum", "Sudan")),
    ),
    Traveller(
        "Sultani Makenga",
        "Makenga",
        "the M23 rebel commander",
        "CDi.008",
        (("Kampala", "Uganda"), ("Kigali", "Rwanda")),
    ),
    Traveller(
        "Musa Hilal",
        "Hilal",
        "the Darfur tribal leader",
        "SDi.002",
        (("N'Djamena", "Chad"), ("Cairo", "Egypt")),
    ),
    Traveller(
        "Francois Bozize",
        "Bozize",
        "the former Central African president",
        "CFi.001",
        (("Bissau", "Guinea-Bissau"), ("Malabo", "Equatorial Guinea")),
    ),
    Traveller(
        "Yusuf al-Madani",
        "al-Madani",
        "a Houthi military commander",
        "YEi.009",
        (("Tehran", "Iran"), ("Muscat", "Oman")),
    ),
    Traveller(
        "Saif al-Islam Qadhafi",
        "Qadhafi",
        "the son of Libya's late leader",
        "LYi.017",
        (("Cairo", "Egypt"), ("Niamey", "Niger")),
    ),
    Traveller(
        "Antonio Indjai",
        "Indjai",
        "Guinea-Bissau's former army chief",
        "GBi.005",
        (("Dakar", "Senegal"), ("Conakry", "Guinea")),
    ),
)

# ---------------------------------------------------------------- templates

GENERIC = (
    "{person}, the {role}, said {rel} that the government would present a revised budget "
    "before the end of {month}.",
    "Inflation slowed to {pct} percent in {month}, the national statistics office said, "
    "easing pressure on households after two years of rising food prices.",
    "{person} travelled to {city} {rel} for talks with officials from {org} on a loan "
    "programme worth about ${num} million.",
    "Shares in {company} rose {pct} percent after the firm reported higher quarterly profits "
    "and announced plans to expand into {country}.",
    'The {role}, {person}, told reporters in {city} that negotiations were "difficult but '
    'constructive" and that a deal could be reached within weeks.',
    "Heavy rain caused flooding in several districts of {city} on {weekday}, cutting power to "
    "thousands of homes and closing the main highway for hours.",
    "{org} cut its growth forecast for {country} to {pct} percent, citing weaker exports and "
    "tighter credit conditions.",
    "Opposition supporters gathered in central {city} on {weekday} to demand early elections, "
    "and police said the protest ended peacefully.",
    "{person} is expected to visit {city} next month to sign an agreement on renewable energy "
    "and port investment.",
    "{company} said it would cut {num} jobs at its plant outside {city} as demand for its "
    "products fell.",
    "Officials from {org} arrived in {city} {rel} to review progress on a vaccination "
    "campaign that aims to reach {num},000 children.",
    "{person} scored twice as the national {sport} team beat its rivals in {city} on "
    "{weekday}, keeping its hopes of qualification alive.",
    "In a statement, {person} said the ministry had received more than {num} complaints about "
    "delays in the new online tax system.",
    "Parliament approved a law {rel} that will raise the minimum wage by {pct} percent from "
    "the start of next year.",
    "The central bank held its main interest rate at {pct} percent, in line with the "
    "expectations of most economists polled before the meeting.",
    "{person}, an analyst at a research firm in {city}, said investors were waiting for "
    "clearer signals on fiscal policy.",
    "A delegation led by {person} returned from {city} {rel} after signing a memorandum on "
    "agricultural trade.",
    "Doctors in {city} reported a rise in respiratory infections, and health officials urged "
    "older people to get vaccinated before winter.",
    "{company} and a partner from {country} will build a {num}-megawatt solar farm, the "
    "companies said {rel}.",
    "The {role} cancelled a planned trip to {city} because of the budget debate, her office said.",
    "Traffic at the airport in {city} rose {pct} percent in {month} compared with a year "
    "earlier, the operator said.",
    "{person} denied reports that the government was preparing to devalue the currency, "
    'calling them "pure speculation".',
    "Teachers in {city} went on strike {rel} over pay, closing hundreds of schools across "
    "the region.",
    "A court in {city} sentenced a former official to {num} years in prison for taking "
    "bribes in exchange for public contracts.",
    "Wildfires burned more than {num} hectares of forest near {city}, and firefighters from "
    "{country} were sent to help.",
    "{person} met investors in {city} {rel} and promised to simplify rules for foreign "
    "companies setting up local offices.",
    "Exports of coffee and cocoa fell {pct} percent in the first half of the year, according "
    "to figures released by {org}.",
    "The mayor of {city}, {person}, unveiled a plan to add {num} electric buses to the city's "
    "fleet by the end of the decade.",
    "Officials said the new railway linking {city} with the coast would open in {month}, "
    "almost two years behind schedule.",
    "{person} will attend a regional summit in {city} in {month}, where leaders are expected "
    "to discuss migration and trade.",
)

LISTED_LEAD = (
    "{name}, {role}, travelled to {city} {rel} for talks with officials there, according to "
    "people familiar with the visit.",
    "{name}, {role}, arrived in {city} {rel}, officials in {country} said, in a trip that "
    "drew criticism from Western diplomats.",
    "{role_cap} {name} held meetings in {city} {rel}, state media in {country} reported.",
)
LISTED_FOLLOW = (
    "{surname} is subject to United Nations sanctions that include a travel ban and an asset "
    "freeze.",
    "{surname} met senior security officials during the visit, which lasted about three days.",
    "It was not clear whether {surname} had sought an exemption from the U.N. committee that "
    "oversees the sanctions.",
    "He last visited {country} in {month}, according to the same sources.",
    "A spokesman in {city} declined to comment on {surname}'s schedule.",
)

DATELINE_CITIES = (
    "LONDON",
    "NAIROBI",
    "DUBAI",
    "SINGAPORE",
    "GENEVA",
    "BRUSSELS",
    "JOHANNESBURG",
    "ISTANBUL",
    "BANGKOK",
    "MEXICO CITY",
)
SHORT_MONTHS = (
    "Jan",
    "Feb",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)

# ---------------------------------------------------------------- generation


def _fill(rng: random.Random, template: str, **fixed: str) -> str:
    city, country = rng.choice(PLACES)
    slots = {
        "person": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
        "role": rng.choice(ROLES),
        "org": rng.choice(ORGS),
        "company": rng.choice(COMPANIES),
        "city": city,
        "country": country,
        "weekday": rng.choice(WEEKDAYS),
        "month": rng.choice(MONTHS),
        "rel": rng.choice(RELATIVE),
        "pct": f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
        "num": str(rng.randint(12, 950)),
        "sport": rng.choice(SPORTS),
    }
    slots.update(fixed)
    return template.format(**slots)


def _dateline(rng: random.Random, day: date) -> str:
    place = rng.choice(DATELINE_CITIES)
    return f"{place}, {SHORT_MONTHS[day.month - 1]} {day.day}, {day.year} (Newswire) - "


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(sentences):
        k = rng.randint(2, 4)
        out.append(" ".join(sentences[i : i + k]))
        i += k
    return out


def make_article(rng: random.Random, words: int, traveller: Traveller | None) -> str:
    """One article of about ``words`` words; with a traveller, his trip leads the story."""
    day = date(2016, 1, 4) + timedelta(days=rng.randint(0, 3600))
    sentences: list[str] = []
    if traveller is not None:
        city, country = rng.choice(traveller.destinations)
        fixed = {
            "name": traveller.name,
            "surname": traveller.surname,
            "role": traveller.role,
            "role_cap": traveller.role[0].upper() + traveller.role[1:],
            "city": city,
            "country": country,
        }
        sentences.append(_fill(rng, rng.choice(LISTED_LEAD), **fixed))
        follow = list(LISTED_FOLLOW)
        rng.shuffle(follow)
        sentences += [_fill(rng, t, **fixed) for t in follow[: rng.randint(2, 4)]]
        title = f"{traveller.surname} visits {city}"
    else:
        city, _ = rng.choice(PLACES)
        title = rng.choice(
            (
                f"Talks in {city} end without deal",
                f"{city} braces for strike",
                f"Budget row deepens as ministers meet in {city}",
                f"Investors watch {city} as rates hold",
            )
        )
    count = sum(len(s.split()) for s in sentences)
    while count < words:
        s = _fill(rng, rng.choice(GENERIC))
        sentences.append(s)
        count += len(s.split())
    paragraphs = _paragraphs(rng, sentences)
    paragraphs[0] = _dateline(rng, day) + paragraphs[0]
    byline = f"By {rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return "\n\n".join([title, byline, *paragraphs]) + "\n"


def make_corpus(
    folder: Path, n: int, *, words: int = 800, listed_share: float = 0.1, seed: int = 0
) -> list[Path]:
    """Write ``n`` articles of about ``words`` words to ``folder``; the same seed, same files.

    ``round(n * listed_share)`` of them (spread evenly) have a listed person travelling;
    the others mention nobody on the list.
    """
    if n < 0 or not 0.0 <= listed_share <= 1.0:
        raise ValueError("n must be >= 0 and listed_share between 0 and 1")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    n_listed = round(n * listed_share)
    listed_at = {int(i * n / n_listed) for i in range(n_listed)} if n_listed else set()
    paths: list[Path] = []
    manifest = []
    for i in range(n):
        traveller = LISTED[rng.randrange(len(LISTED))] if i in listed_at else None
        text = make_article(rng, words, traveller)
        path = folder / f"article-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        manifest.append(
            {
                "file": path.name,
                "listed": traveller is not None,
                "reference": traveller.reference if traveller else None,
                "words": len(text.split()),
            }
        )
    _write_atomic(folder / "manifest.json", json.dumps(manifest, indent=1) + "\n")
    return paths


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    """Command line: write a corpus and print a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--listed-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = make_corpus(
        args.folder, args.n, words=args.words, listed_share=args.listed_share, seed=args.seed
    )
    total = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(
        f"{len(paths)} articles, {total / max(len(paths), 1):.0f} words on average,"
        f" in {args.folder}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
