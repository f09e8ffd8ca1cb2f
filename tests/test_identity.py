"""Who is this person? Article facts, name commonness, evidence for and against (issue 16)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from travelban.assess.article_facts import facts_about
from travelban.assess.commonness import Commonness
from travelban.assess.identity import check_identity, describe, namesake_reason
from travelban.models import (
    BirthDate,
    Entry,
    EntryKind,
    IdentityItem,
    Mention,
    Person,
    Stance,
)

LISTS = Path(__file__).resolve().parents[1] / "lists"
COUNTRIES = {"kenyan": "KE", "north korean": "KP", "afghan": "AF", "afghanistan": "AF"}


def country_of(text: str) -> str | None:
    return COUNTRIES.get(text.strip().lower())


def person_in(text: str, name: str, **kw: object) -> Person:
    """A person whose mentions are every occurrence of ``name`` and of its last word."""
    mentions = []
    for word in (name, name.split()[-1]):
        start = 0
        while (i := text.find(word, start)) >= 0:
            if not any(m.start <= i < m.end for m in mentions):
                mentions.append(Mention(word, i, i + len(word), "name"))
            start = i + len(word)
    return Person(pid="P1", name=name, mentions=tuple(mentions), **kw)  # type: ignore[arg-type]


def entry(**kw: object) -> Entry:
    base: dict[str, object] = {
        "reference": "KPi.999",
        "dataid": "1",
        "kind": EntryKind.INDIVIDUAL,
        "list_type": "DPRK",
        "name_parts": ("MUN", "KYONG", "HWAN"),
        "name": "MUN KYONG HWAN",
    }
    base.update(kw)
    return Entry(**base)  # type: ignore[arg-type]


def stances(items: tuple[IdentityItem, ...]) -> dict[str, tuple[Stance, bool]]:
    return {i.aspect: (i.stance, i.strong) for i in items}


# ---------------------------------------------------------------- article facts


def test_age_after_the_name_and_birth_year_in_a_sentence_of_its_own() -> None:
    text = "Mun Kyong Hwan, 58, flew to Moscow. Hwan was born in 1967 in Pyongyang."
    f = facts_about(person_in(text, "Mun Kyong Hwan"), text)
    assert [a.value for a in f.ages] == ["58"]
    assert [b.value for b in f.birth_years] == ["1967"]
    assert [p.value for p in f.birth_places] == ["Pyongyang"]


def test_an_age_next_to_someone_else_is_not_borrowed() -> None:
    text = "Mun Kyong Hwan met Lee Jae, 41, in Moscow. The 33-year-old Lee Jae smiled."
    others = [person_in(text, "Lee Jae")]
    f = facts_about(person_in(text, "Mun Kyong Hwan"), text, others)
    assert f.ages == ()


def test_gender_from_an_honorific_and_parent_from_son_of() -> None:
    text = "Ms Mun Kyong Hwan ran the marathon. Mun Kyong Hwan, daughter of Mun Il, won."
    f = facts_about(person_in(text, "Mun Kyong Hwan"), text)
    assert {g.value for g in f.genders} == {"f"}
    assert f.parents[0].value == "Mun Il"


def test_origin_word_before_the_name() -> None:
    text = "The Kenyan dentist Mun Kyong Hwan travelled to Moscow last week."
    f = facts_about(person_in(text, "Mun Kyong Hwan"), text)
    assert [o.value for o in f.origins] == ["Kenyan"]


# ---------------------------------------------------------------- evidence for and against


def _check(text: str, e: Entry, published: date = date(2026, 3, 12), **kw: object):
    p = person_in(text, "Mun Kyong Hwan", **kw)
    return check_identity(p, facts_about(p, text), e, published=published, country_of=country_of)


def test_an_age_twenty_years_off_is_strong_evidence_against() -> None:
    e = entry(birth_dates=(BirthDate("exact", "1967-05-01"),))
    c = _check("Mun Kyong Hwan, 38, flew to Moscow.", e)
    assert stances(c.items)["age"] == (Stance.CONTRADICTS, True)
    assert c.namesake.startswith("possible namesake: the article contradicts the entry")
    assert "'Mun Kyong Hwan, 38'" in c.namesake and "DOB 1967-05-01" in c.namesake


def test_a_fitting_age_agrees() -> None:
    e = entry(birth_dates=(BirthDate("year", "1967"),))  # a year-only date of birth
    c = _check("Mun Kyong Hwan, 58, flew to Moscow.", e)
    assert stances(c.items)["age"] == (Stance.AGREES, False)
    assert c.namesake == ""


def test_missing_data_is_never_a_contradiction() -> None:
    no_dob = _check("Mun Kyong Hwan, 38, flew to Moscow.", entry())
    assert stances(no_dob.items)["age"][0] is Stance.SILENT
    assert no_dob.namesake == ""
    two_ages = _check(
        "Mun Kyong Hwan, 38, flew to Moscow. Mun Kyong Hwan, 61, then left.",
        entry(birth_dates=(BirthDate("exact", "1967-05-01"),)),
    )
    assert stances(two_ages.items)["age"][0] is Stance.SILENT
    undated = _check(
        "Mun Kyong Hwan, 38, flew to Moscow.",
        entry(birth_dates=(BirthDate("exact", "1967-05-01"),)),
        published=None,  # type: ignore[arg-type]
    )
    assert stances(undated.items)["age"][0] is Stance.SILENT


def test_nationality_and_gender_that_differ_are_strong() -> None:
    e = entry(nationalities=("North Korean",), gender="Male")
    c = _check("Ms Mun Kyong Hwan, a Kenyan citizen, travelled to Moscow.", e)
    got = stances(c.items)
    assert got["nationality"] == (Stance.CONTRADICTS, True)
    assert got["gender"] == (Stance.CONTRADICTS, True)


def test_a_designation_in_capitals_with_abbreviations_agrees() -> None:
    e = entry(designations=("REPRESENTATIVE OF KOMID (KOREA MINING DEV. TRADING CORP.)",))
    c = _check("Mun Kyong Hwan flew to Moscow.", e, titles=("KOMID representative",))
    assert stances(c.items)["role"] == (Stance.AGREES, False)


def test_a_different_job_is_weak_and_enough_only_when_nothing_agrees() -> None:
    e = entry(designations=("Director of the National Aerospace Development Administration",))
    c = _check("Mun Kyong Hwan flew to Moscow.", e, descriptions=("a violinist and music teacher",))
    assert stances(c.items)["role"] == (Stance.CONTRADICTS, False)
    assert "possible namesake: the article differs" in c.namesake


def test_describe_marks_each_side() -> None:
    e = entry(birth_dates=(BirthDate("exact", "1967-05-01"),))
    text = describe(_check("Mun Kyong Hwan, 38, flew to Moscow.", e).items)
    assert text.startswith("- age (strong): article 'Mun Kyong Hwan, 38' vs entry 'DOB 1967")


def test_entry_is_none_gives_nothing() -> None:
    c = check_identity(Person("P1", "X"), facts_about(Person("P1", "X"), ""), None)
    assert c.items == () and namesake_reason(c) == ""


# ---------------------------------------------------------------- commonness


@pytest.fixture(scope="module")
def commonness() -> Commonness:
    entries = [
        entry(reference=f"KPi.{i:03d}", name=n, name_parts=tuple(n.split()))
        for i, n in enumerate(["KIM YONG CHOL", "KIM YONG CHOL", "MUN KYONG HWAN"])
    ]
    return Commonness.build(entries, LISTS)


def test_common_and_rare_names(commonness: Commonness) -> None:
    kim = commonness.of("Kim Yong Chol")
    assert kim.common and kim.sharing == 2
    assert "very common Korean surname" in kim.detail
    assert not commonness.of("Mun Kyong Hwan").common


def test_a_common_name_with_nothing_agreeing_is_a_possible_namesake(
    commonness: Commonness,
) -> None:
    p = Person("P1", "Kim Yong Chol")
    c = check_identity(
        p,
        facts_about(p, ""),
        entry(name="KIM YONG CHOL"),
        commonness=commonness.of("Kim Yong Chol"),
    )
    assert "is a common name" in c.namesake and "nothing specific" in c.namesake


def test_missing_data_file_falls_back_on_list_frequencies(tmp_path: Path) -> None:
    c = Commonness.build([entry()], tmp_path)
    assert not c.of("Kim Yong Chol").common


def test_the_group_a_list_is_about_agrees_where_roles_have_changed() -> None:
    """A Taliban-list entry whose 1990s designation differs from today's role: naming the
    person as the Taliban's minister ties them to the list's group (issue 16 / 18)."""
    from travelban.assess.identity import _group
    from travelban.models import Entry, EntryKind, Person

    entry = Entry(
        reference="TAi.999",
        dataid="1",
        kind=EntryKind.INDIVIDUAL,
        list_type="Taliban",
        name_parts=("KARIM", "ZADRAN"),
        name="KARIM ZADRAN",
        designations=("Deputy Commander (1996-2001)",),
    )
    person = Person(pid="P1", name="Karim Zadran", titles=("the Taliban's interior minister",))
    (item,) = _group(person, entry)
    assert item.aspect == "group" and item.stance.value == "agrees"
    other = Person(pid="P2", name="Karim Zadran", titles=("a shopkeeper",))
    assert _group(other, entry) == []
