"""Write the namesake evaluation set: short articles in our own words and manifest.json.

Run: ``python bench/namesakes/build.py`` (rewrites ``bench/namesakes/articles/`` and
``manifest.json``; the output is committed, so this is only needed to change the set).

For each chosen listed individual the set holds a true trip with agreeing context (role
from the designation, an age that fits the date of birth, the nationality), the same trip
told with no context at all, and two namesakes who share the exact name but not the
person: a different age, nationality, job or gender. Common names also get a namesake told
with no context. A few articles name a listed entity, which must never become a person
finding. Every trip is "last week" before a 2026 publication date, to a third country,
while the entry's travel ban was in force.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "articles"


@dataclass(frozen=True)
class Person:
    ref: str
    name: str  # as an article writes it
    born: int  # the entry's birth year
    demonym: str  # the entry's nationality as an adjective
    role: str  # agreeing context, in our words, from the designation
    city: str  # the destination
    common: bool  # the name is common (manifest: what "no context" should give)
    pronoun: str = "he"


PEOPLE = (
    Person(
        "KPi.071",
        "Mun Kyong Hwan",
        1967,
        "North Korean",
        "who represents the Bank of East Land abroad",
        "Moscow",
        False,
    ),
    Person(
        "KPi.072",
        "Pae Won Uk",
        1969,
        "North Korean",
        "an overseas representative of Daesong Bank",
        "Vladivostok",
        True,
    ),
    Person(
        "KPi.029",
        "Pak Chun Il",
        1954,
        "North Korean",
        "formerly Pyongyang's ambassador to Egypt",
        "Cairo",
        True,
    ),
    Person(
        "KPi.033",
        "Ri Won Ho",
        1964,
        "North Korean",
        "a senior official of the Ministry of State Security",
        "Beijing",
        True,
    ),
    Person(
        "KPi.052",
        "Ri Su Yong",
        1968,
        "North Korean",
        "an official of the Korea Ryonbong General Corporation",
        "Hanoi",
        True,
    ),
    Person(
        "KPi.028",
        "Yu Chol U",
        1959,
        "North Korean",
        "director of the National Aerospace Development Administration",
        "Tehran",
        False,
    ),
    Person(
        "KPi.039",
        "Son Mun San",
        1951,
        "North Korean",
        "a director-general in the General Bureau of Atomic Energy's external affairs bureau",
        "Vienna",
        False,
    ),
    Person(
        "TAi.008",
        "Shams Ur-Rahman Abdul Zahir",
        1969,
        "Afghan",
        "once deputy minister of agriculture in the Taliban government",
        "Doha",
        False,
    ),
    Person(
        "TAi.047",
        "Qudratullah Jamal",
        1963,
        "Afghan",
        "who was minister of information under the Taliban",
        "Istanbul",
        False,
    ),
    Person(
        "TAi.015",
        "Yar Mohammad Rahimi",
        1953,
        "Afghan",
        "a former Taliban minister of communication",
        "Tashkent",
        False,
    ),
    Person(
        "TAi.132",
        "Najibullah Muhammad Juma",
        1958,
        "Afghan",
        "the Taliban's consul general in Peshawar",
        "Dubai",
        True,
    ),
    Person(
        "TAi.006",
        "Sayyed Mohammed Haqqani",
        1965,
        "Afghan",
        "who directed administrative affairs for the Taliban",
        "Jakarta",
        True,
    ),
    Person(
        "TAi.089",
        "Nurullah Nuri",
        1958,
        "Afghan",
        "a former Taliban governor of Balkh province",
        "Ashgabat",
        False,
    ),
    Person(
        "HTi.005",
        "Vitelhomme Innocent",
        1986,
        "Haitian",
        "the leader of the Kraze Barye gang",
        "Santo Domingo",
        False,
    ),
    Person(
        "CDi.036",
        "Seka Baluku",
        1977,
        "Ugandan",
        "the overall leader of the Allied Democratic Forces",
        "Nairobi",
        False,
    ),
    Person(
        "HTi.004",
        "Wilson Joseph",
        1993,
        "Haitian",
        "the leader of the 400 Mawozo gang",
        "Miami",
        False,
    ),
)

# Entries that state a gender (Gender: Male).
GENDERED = frozenset({"KPi.071", "KPi.072", "KPi.052", "HTi.005", "CDi.036", "HTi.004"})
PUBLISHED = "2026-03-12"
DATELINE = "Mar 12, 2026 (Newswire)"
YEAR = 2026
HUBS = ("LONDON", "GENEVA", "SINGAPORE", "NAIROBI", "DUBAI", "BANGKOK")
# Namesake shapes, rotated: which fact gives the namesake away.
OTHER_NATIONALITY = ("Brazilian", "Canadian", "Kenyan", "Filipino", "Chilean", "Swedish")
JOBS = ("architect", "dentist", "cycling coach", "violinist", "pastry chef", "geologist")


def _surname(p: Person) -> str:
    # Korean names put the family name first; the others here end with it.
    return p.name.split()[0] if p.ref.startswith("KP") else p.name.split()[-1]


def true_with_context(p: Person, i: int) -> str:
    age = YEAR - p.born
    s = _surname(p)
    return (
        f"{p.name} seen in {p.city}\n\n"
        f"{HUBS[i % len(HUBS)]}, {DATELINE} - {p.name}, {p.role}, travelled to {p.city} "
        f"last week for meetings with local business contacts, two people who saw "
        f"{'him' if p.pronoun == 'he' else 'her'} there said.\n\n"
        f"{s}, {age}, a {p.demonym} national, has been under United Nations sanctions for "
        "years and did not answer questions sent through intermediaries.\n"
    )


def true_without_context(p: Person, i: int) -> str:
    return (
        f"Brief: a visitor in {p.city}\n\n"
        f"{HUBS[(i + 1) % len(HUBS)]}, {DATELINE} - {p.name} was in {p.city} last week, "
        "according to a guest list seen by this agency. The list gave no further details, and "
        "the organisers declined to comment.\n"
    )


def namesake(p: Person, i: int, shape: str) -> str:
    s = _surname(p)
    hub = HUBS[(i + 2) % len(HUBS)]
    job = JOBS[i % len(JOBS)]
    a_job = f"{'an' if job[0] in 'aeiou' else 'a'} {job}"
    if shape == "age":
        age = 27 if p.born < 1980 else 71
        return (
            f"Young {job} wins regional prize\n\n"
            f"{hub}, {DATELINE} - {p.name}, {age}, {a_job}, flew to {p.city} last week to "
            f"collect a regional award for young talent. {s} said the prize money would pay "
            "for a year of further training.\n"
        )
    if shape == "nationality":
        nat = OTHER_NATIONALITY[i % len(OTHER_NATIONALITY)]
        return (
            f"{nat} {job} on tour\n\n"
            f"{hub}, {DATELINE} - The {nat} {job} {p.name} travelled to {p.city} last week "
            f"for a series of public talks. {s}, who was born and raised in a small "
            "coastal town, said the trip had been planned for two years.\n"
        )
    if shape == "gender":
        return (
            "Marathon season opens\n\n"
            f"{hub}, {DATELINE} - Ms {p.name} travelled to {p.city} last week to run the "
            f"city marathon, her third this year. She finished in the top hundred, and {s} "
            "told reporters she would rest for a month.\n"
        )
    # a different job: a namesake with nothing else to tell them apart
    return (
        f"Choir director on the road\n\n"
        f"{hub}, {DATELINE} - {p.name}, a choir director and music teacher, went to "
        f"{p.city} last week with the school choir for a festival of youth music. "
        f"{s} said the children had rehearsed all winter.\n"
    )


def common_namesake(p: Person, i: int) -> str:
    return (
        f"Neighbourhood news\n\n"
        f"{HUBS[(i + 3) % len(HUBS)]}, {DATELINE} - {p.name} went to {p.city} last week "
        "to visit relatives, a neighbour said. The trip lasted four days.\n"
    )


ENTITIES = (
    (
        "QDe.115",
        "Al-Qaida in Iraq",
        "Baghdad",
        "Al-Qaida in Iraq travelled to Baghdad last week, officials said, describing a "
        "convoy of the group's fighters moving towards the city.",
    ),
    (
        "KPe.001",
        "Korea Mining Development Trading Corporation",
        "Tehran",
        "Korea Mining Development Trading Corporation sent a delegation to Tehran last week, "
        "according to shipping records; the company visited two ports.",
    ),
    (
        "CDe.001",
        "Allied Democratic Forces",
        "Kampala",
        "Allied Democratic Forces moved into villages near Kampala last week, residents "
        "said, though the army denied the report.",
    ),
)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.txt"):
        old.unlink()
    rows = []

    def add(name: str, text: str, group: str, ref: str, person: str, expected: str) -> None:
        (OUT / f"{name}.txt").write_text(text, encoding="utf-8")
        rows.append(
            {
                "file": f"articles/{name}.txt",
                "group": group,
                "reference": ref,
                "person": person,
                "expected": expected,
            }
        )

    for i, p in enumerate(PEOPLE):
        # A gender namesake only where the entry states a gender.
        shapes = ("age", "nationality", "role") + (("gender",) if p.ref in GENDERED else ())
        slug = p.ref.replace(".", "").lower()
        add(
            f"{slug}-true-context",
            true_with_context(p, i),
            "true_context",
            p.ref,
            p.name,
            "apparent_breach",
        )
        add(
            f"{slug}-true-bare",
            true_without_context(p, i),
            "true_bare",
            p.ref,
            p.name,
            "needs_review" if p.common else "apparent_breach",
        )
        for k in range(2):
            shape = shapes[(i + k) % len(shapes)]
            add(
                f"{slug}-namesake-{shape}",
                namesake(p, i, shape),
                f"namesake_{shape}",
                p.ref,
                p.name,
                "needs_review",
            )
        if p.common:
            add(
                f"{slug}-namesake-common",
                common_namesake(p, i),
                "namesake_common",
                p.ref,
                p.name,
                "needs_review",
            )
    for ref, name, city, sentence in ENTITIES:
        slug = ref.replace(".", "").lower()
        add(
            f"{slug}-entity",
            f"Report from {city}\n\nGENEVA, {DATELINE} - {sentence}\n",
            "entity",
            ref,
            name,
            "none",
        )
    manifest = {
        "published": PUBLISHED,
        "note": "Written for travelban (issue 16). 'expected' is the verdict for the "
        "reference; 'none' means no person finding may name it.",
        "articles": rows,
    }
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"{len(rows)} articles written to {OUT}")


if __name__ == "__main__":
    main()
