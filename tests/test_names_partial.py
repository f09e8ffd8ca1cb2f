"""Partial names: a given + family name with the middle names (patronymic chain) left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from travelban.models import Entry, EntryKind
from travelban.names import NameIndex
from travelban.names.score import GF_HIGH, GF_LOW, given_family_factor
from travelban.sanctions import load_list
from travelban.settings import DEFAULT_THRESHOLD, default_lists_dir

LIST = default_lists_dir() / "un-consolidated-2026-05-08.xml"
NOT_LISTED = Path(__file__).resolve().parents[1] / "bench" / "not_listed_names.txt"


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(load_list(LIST).entries)


def best(index: NameIndex, query: str) -> tuple[str, float, str]:
    ms = index.screen(query, floor=0.0, limit=1)
    assert ms, query
    return ms[0].reference, ms[0].score, ms[0].explanation.summary


@pytest.mark.parametrize(
    "query",
    [
        "Aisha Qadhafi",
        "Aisha Gaddafi",
        "Aisha Kadhafi",
        "Aisha Qaddafi",
        "Aisha Gadhafi",
        "Aisha al-Gaddafi",
        "Ayesha Gaddafi",
        "Aïcha Kadhafi",
        "Gaddafi Aisha",
        "عائشة القذافي",
    ],
)
def test_given_and_family_name_alert_without_the_patronymic_chain(
    index: NameIndex, query: str
) -> None:
    ref, score, summary = best(index, query)
    full = best(index, "Aisha Muammar Muhammed Abu Minyar Qadhafi")[1]
    assert ref == "LYi.009"
    assert DEFAULT_THRESHOLD <= score <= 0.88 < full
    assert "given + family name, middle names missing" in summary


def test_spellings_of_qadhafi_score_alike(index: NameIndex) -> None:
    exact = best(index, "Aisha Qadhafi")[1]
    for spelling in ("Gaddafi", "Kadhafi", "Qaddafi", "Gadhafi", "Gathafi", "Kadafi"):
        ref, score, _ = best(index, f"Aisha {spelling}")
        assert ref == "LYi.009" and exact - 0.02 <= score <= exact, spelling


@pytest.mark.parametrize(
    ("query", "reference", "at_least"),
    [
        ("Saif al-Islam Gaddafi", "LYi.017", 0.9),
        ("Hannibal Gaddafi", "LYi.010", DEFAULT_THRESHOLD),
        ("Khamis Gaddafi", "LYi.011", DEFAULT_THRESHOLD),
        ("Abdul Ghani Baradar", "TAi.024", 0.9),
        ("Sirajuddin Haqqani", "TAi.144", 0.88),
        ("Kim Yong Chol", "KPi.024", 0.9),
        ("Hassan Dahir Aweys", "QDi.042", 0.9),
    ],
)
def test_names_as_news_writes_them(
    index: NameIndex, query: str, reference: str, at_least: float
) -> None:
    ms = index.screen(query, limit=3)
    assert reference in {m.reference for m in ms}
    assert next(m.score for m in ms if m.reference == reference) >= at_least


def test_korean_syllables_are_not_middle_names(index: NameIndex) -> None:
    # KIM YONG CHOL without its middle syllable is another name, not a shortened one.
    assert index.screen("Kim Chol") == ()


def test_factor_grows_with_how_telling_the_two_names_are() -> None:
    both_rare = given_family_factor(
        [1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [(0, 0, 1.0), (1, 3, 1.0)], (0, 3)
    )
    one_shared = given_family_factor(
        [1.0, 0.6], [1.0, 1.0, 1.0, 0.6], [(0, 0, 1.0), (1, 3, 1.0)], (0, 3)
    )
    assert GF_LOW < one_shared < both_rare == GF_HIGH


@pytest.mark.parametrize(
    ("q_weights", "aligned", "why"),
    [
        ([1.0, 0.3], [(0, 0, 1.0), (1, 3, 1.0)], "the family name is in many entries"),
        ([1.0, 1.0], [(0, 0, 1.0), (1, 3, 0.85)], "the family name is only a fuzzy match"),
        ([1.0, 1.0, 1.0], [(0, 0, 1.0), (1, 3, 1.0)], "a query token is left unexplained"),
        ([1.0, 1.0], [(0, 0, 1.0), (1, 2, 1.0)], "a middle name is taken for the family name"),
        # Hidayatul Lah for NAJIBULLAH HAQQANI HIDAYATULLAH: one word written split aligns
        # twice with the family name; the given name is not there at all.
        ([1.0, 1.0], [(0, 3, 0.94), (1, 3, 0.94)], "only the family name, written split"),
    ],
)
def test_factor_is_withheld(
    q_weights: list[float], aligned: list[tuple[int, int, float]], why: str
) -> None:
    l_weights = [1.0, 1.0, 1.0, q_weights[1]]
    assert given_family_factor(q_weights, l_weights, aligned, (0, 3)) == 0.0, why


def test_a_split_one_word_name_is_not_taken_for_given_and_family_names(
    index: NameIndex,
) -> None:
    # HIDAYATULLAH itself ranks above NAJIBULLAH HAQQANI HIDAYATULLAH, which holds only
    # that one word; so does SOULEIMAN above SULAIMAN JASSEM SULAIMAN ALI ABO GHAITH.
    for query, ref in (("Hidayatul Lah", "TAi.014"), ("Soulei Man", "QDi.323")):
        ms = index.screen(query, floor=0.3, limit=1)
        assert ms and ms[0].reference == ref, query


def _person(ref: str, name: str, kind: EntryKind = EntryKind.INDIVIDUAL) -> Entry:
    return Entry(
        reference=ref,
        dataid=ref,
        kind=kind,
        list_type="Al-Qaida",
        name_parts=tuple(name.split()),
        name=name,
    )


def test_common_names_and_entities_get_no_given_family_lift() -> None:
    idx = NameIndex.build(
        [
            _person("QDi.901", "ZUBAIR TARIQ NAWAZ QURESHI"),
            _person("QDi.902", "MOHAMMED ABDULLAH SALEH HASSAN"),
            _person("QDe.903", "HARAKAT SHABAB TAWHID KHURASAN", EntryKind.ENTITY),
        ]
    )
    rare = idx.screen("Zubair Qureshi")
    assert [m.reference for m in rare] == ["QDi.901"]
    assert "middle names missing" in rare[0].explanation.summary
    # Mohammed ... Hassan names thousands of people; an entity has no given name.
    assert idx.screen("Mohammed Hassan") == ()
    assert idx.screen("Harakat Khurasan") == ()
    assert idx.screen("Mohammed Hassan", floor=0.0)[0].score < DEFAULT_THRESHOLD


def test_unlisted_people_still_do_not_alert(index: NameIndex) -> None:
    lines = NOT_LISTED.read_text(encoding="utf-8").splitlines()
    people = [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
    assert len(people) >= 300
    alerts = [
        (p, ms[0].reference) for p, ms in zip(people, index.screen_many(people), strict=True) if ms
    ]
    assert alerts == []
