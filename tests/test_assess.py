"""Assess: regimes data, listing history from the shipped snapshots, verdicts.

Every test runs on the real list copies in lists/ (loaded once per module). The people,
trips and sentences are our own; the references, listing dates and measures are the list's.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pycountry
import pytest

from travelban.assess import (
    ListingHistory,
    ListingState,
    Measure,
    Regimes,
    assess,
    assess_event,
    corroborate,
)
from travelban.errors import ConfigError
from travelban.models import (
    Article,
    DateRange,
    Entry,
    EventStatus,
    Explanation,
    Extraction,
    NameMatch,
    Person,
    Place,
    Precision,
    SanctionsList,
    TravelEvent,
    Verdict,
)
from travelban.sanctions import Archive, ListKind
from travelban.settings import default_lists_dir

LISTS = default_lists_dir()


# ------------------------------------------------------------------------------ fixtures


def _fallback_country_of(text: str) -> str | None:
    """A small resolver for list strings ("Qom, Iran (Islamic Republic of)") via pycountry."""
    parts = [p.strip() for p in re.split(r"[,()]", text) if p.strip()]
    for part in reversed(parts):
        for probe in (part, part.replace("Islamic Republic of", "").strip()):
            try:
                return str(pycountry.countries.lookup(probe).alpha_2)
            except LookupError:
                continue
    return None


def _country_resolver() -> Callable[[str], str | None]:
    try:
        from travelban.extract.places import Gazetteer
    except ImportError:
        return _fallback_country_of
    gaz = Gazetteer.load(LISTS)
    return lambda text: gaz.country_of(text) or _fallback_country_of(text)


@pytest.fixture(scope="module")
def archive() -> Archive:
    return Archive.open(LISTS)


@pytest.fixture(scope="module")
def snapshots(archive: Archive) -> tuple[SanctionsList, ...]:
    committee = tuple(archive.load(i) for i in archive.infos(ListKind.COMMITTEE))
    return archive.load_all() + committee


@pytest.fixture(scope="module")
def regimes() -> Regimes:
    return Regimes.default(LISTS)


@pytest.fixture(scope="module")
def history(archive: Archive, snapshots: tuple[SanctionsList, ...]) -> ListingHistory:
    return ListingHistory.build(snapshots, archive.legacy_1737())


@pytest.fixture(scope="module")
def newest(archive: Archive) -> dict[str, Entry]:
    return archive.load(archive.newest()).by_reference()


@pytest.fixture(scope="module")
def country_of() -> Callable[[str], str | None]:
    return _country_resolver()


ARTICLE = Article(source="tests/articles/own-words.txt", sha256="ab" * 32, text="(our own text)")


def _match(ref: str, name: str, score: float = 0.93, list_type: str = "") -> NameMatch:
    return NameMatch(
        query=name,
        reference=ref,
        name=name,
        matched_name=name,
        alias_quality=None,
        score=score,
        explanation=Explanation(scorer="test", threshold=0.8, summary="all tokens aligned"),
        list_type=list_type,
    )


def _event(
    country: str | None,
    start: date | None,
    end: date | None = None,
    *,
    precision: Precision = Precision.DAY,
    status: EventStatus = EventStatus.OCCURRED,
    exemption: str = "",
    kind: str = "visit",
    place: str = "",
    pid: str = "P1",
    sentence: str = "He flew there for talks.",
) -> TravelEvent:
    dest = None if country is None and not place else Place(place or country or "", country)
    return TravelEvent(
        person_id=pid,
        person_name="the traveller",
        kind=kind,
        destination=dest,
        when=DateRange("the day in question", start, end or start, precision),
        status=status,
        evidence=sentence,
        exemption=exemption,
        status_source="a news agency" if status is EventStatus.REPORTED else "",
    )


SOLEIMANI = Person(
    pid="P1",
    name="Qassem Suleimani",
    titles=("Major General",),
    descriptions=("commander of the Quds Force",),
    organisations=("Quds Force", "Revolutionary Guards"),
)


@pytest.fixture(scope="module")
def judge(
    history: ListingHistory,
    regimes: Regimes,
    newest: dict[str, Entry],
    country_of: Callable[[str], str | None],
) -> Callable[..., object]:
    def run(
        ref: str,
        name: str,
        event: TravelEvent,
        person: Person = SOLEIMANI,
        score: float = 0.93,
        regimes_: Regimes | None = None,
    ):
        return assess_event(
            _match(ref, name, score),
            event,
            person,
            ARTICLE,
            history=history,
            regimes=regimes_ or regimes,
            entry_lookup=newest,
            country_of=country_of,
        )

    return run


# ------------------------------------------------------------------------------ regimes data


def test_every_regime_on_the_shipped_lists_is_in_the_data_file(
    regimes: Regimes, snapshots: tuple[SanctionsList, ...]
) -> None:
    seen = {(e.reference[:2].upper(), e.list_type) for s in snapshots for e in s.entries}
    missing = sorted(f"{p}/{t}" for p, t in seen if regimes.for_reference(p + "i.000", t) is None)
    assert missing == []
    codes = {r.code for r in regimes.regimes}
    assert codes >= set(
        [
            "QD",
            "TA",
            "IQ",
            "CD",
            "SD",
            "KP",
            "LY",
            "GB",
            "CF",
            "YE",
            "SS",
            "HT",
            "SO",
            "IR",
            "ML",
            "LR",
            "CI",
        ]
    )
    for p, t in seen:
        assert regimes.get(t) is regimes.get(p), (p, t)


def test_iraq_has_no_travel_ban_and_guinea_bissau_no_asset_freeze(regimes: Regimes) -> None:
    iq, gb = regimes.get("IQ"), regimes.get("GB")
    assert iq is not None and gb is not None
    assert iq.travel_ban == () and iq.asset_freeze
    assert gb.asset_freeze == () and gb.travel_ban[0].citation == "2048 (2012) para 4"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2008, 6, 1), []),  # vigilance and notification only
        (date(2011, 5, 1), ["1929 (2010) para 10"]),
        (date(2016, 1, 15), ["1929 (2010) para 10"]),
        (date(2016, 1, 16), ["2231 (2015) para Annex B 6(e)"]),
        (date(2020, 10, 17), ["2231 (2015) para Annex B 6(e)"]),
        (date(2020, 10, 18), []),
        (date(2025, 9, 27), []),
        (date(2025, 9, 28), ["1929 (2010) para 10"]),
    ],
)
def test_iran_travel_ban_history(regimes: Regimes, day: date, expected: list[str]) -> None:
    ir = regimes.get("Iran")
    assert ir is not None
    binding = [p.citation for p in ir.travel_ban_periods("IRi.039", day) if p.binding]
    assert binding == expected


def test_iran_details(regimes: Regimes) -> None:
    ir = regimes.get("IR")
    assert ir is not None
    early = ir.travel_ban_periods("IRi.039", date(2009, 1, 1))
    assert {p.citation for p in early} == {
        "1737 (2006) para 10",
        "1747 (2007) para 2",
        "1803 (2008) para 3",
    }
    assert not any(p.binding for p in early)
    # 1803 (2008) bound only its Annex II persons, e.g. Dawood Agha-Jani (IRi.002).
    annex2 = [p for p in ir.travel_ban_periods("IRi.002", date(2009, 1, 1)) if p.binding]
    assert [p.citation for p in annex2] == ["1803 (2008) para 5"]
    snapback = ir.travel_ban_periods("IRi.039", date(2026, 1, 1))[0]
    assert "contested" in snapback.note.lower()
    assert snapback.end is None


def test_broken_regimes_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "regimes.toml"
    bad.write_text("[[regime]]\ncode = 'XX'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Regimes.load(bad)
    assert str(bad) in str(err.value)
    bad.write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Regimes.load(bad)
    with pytest.raises(ConfigError, match="not found"):
        Regimes.load(tmp_path / "absent.toml")


def test_regimes_load_accepts_the_lists_folder(regimes: Regimes) -> None:
    assert Regimes.load(LISTS).path == regimes.path


def test_regimes_table_for_the_report(regimes: Regimes) -> None:
    rows = {r["code"]: r for r in regimes.table()}
    assert len(rows) == len(regimes.regimes)
    assert rows["IQ"]["travel_ban"] == "none"
    assert "1737 (2006) para 10 (2006-12-23 to 2010-06-09, not binding" in rows["IR"]["travel_ban"]
    assert rows["LR"]["terminated"] == "2016-05-25"


# ------------------------------------------------------------------------------ COMMENTS1


def test_stated_measures_on_real_libya_entries(
    archive: Archive, regimes: Regimes, newest: dict[str, Entry]
) -> None:
    old = archive.load(archive.snapshots[0]).by_reference()  # 2015-03-27
    aisha_2015 = regimes.stated_measures(old["LYi.009"].comments)
    aisha_now = regimes.stated_measures(newest["LYi.009"].comments)
    assert aisha_2015 is not None and aisha_2015.travel_ban and aisha_2015.asset_freeze
    assert aisha_now is not None and not aisha_now.travel_ban and aisha_now.asset_freeze
    safia_now = regimes.stated_measures(newest["LYi.019"].comments)
    assert safia_now is not None and (safia_now.travel_ban, safia_now.asset_freeze) == (
        False,
        True,
    )
    # Two statements in one comment, the second dated.
    abu_zayd = regimes.stated_measures(newest["LYi.006"].comments)
    assert abu_zayd is not None and abu_zayd.travel_ban and abu_zayd.asset_freeze
    assert (Measure.ASSET_FREEZE, date(2011, 3, 17)) in abu_zayd.starts
    tb_only = regimes.stated_measures(newest["LYi.001"].comments)
    assert tb_only is not None and (tb_only.travel_ban, tb_only.asset_freeze) == (True, False)
    liberia = regimes.stated_measures(old["LRi.001"].comments)  # "Assets Freeze", plural
    assert liberia is not None and liberia.travel_ban and liberia.asset_freeze
    # "paragraphs 7 (b), 7 (e)" is a basis without measures: nothing stated.
    assert regimes.stated_measures(newest["CDi.040"].comments) is None
    assert regimes.stated_measures(newest["IRi.039"].comments) is None


# ------------------------------------------------------------------------------ history


def test_history_of_the_near_homonym(history: ListingHistory, regimes: Regimes) -> None:
    ir = regimes.get("IR")
    s = history.status("IRi.040", date(2018, 5, 1), ir)
    assert s.state is ListingState.DELISTED
    assert s.window == (date(2015, 3, 27), date(2020, 11, 30))
    assert s.presumed == date(2016, 1, 16)
    assert set(s.snapshots) == {"un-consolidated-2015-03-27.xml", "un-consolidated-2020-11-30.xml"}
    # Without the dated event the window stays open.
    assert history.status("IRi.040", date(2018, 5, 1)).state is ListingState.UNCERTAIN
    assert history.status("IRi.040", date(2015, 3, 20), ir).state is ListingState.LISTED
    # Back after the snapback.
    assert history.status("IRi.040", date(2026, 2, 1), ir).state is ListingState.LISTED


def test_history_of_soleimani(history: ListingHistory, regimes: Regimes) -> None:
    ir = regimes.get("IR")
    assert history.status("IRi.039", date(2006, 1, 1), ir).state is ListingState.NOT_YET_LISTED
    assert history.status("IRi.039", date(2015, 12, 10), ir).state is ListingState.LISTED
    off = history.status("IRi.039", date(2024, 1, 1), ir)
    assert off.state is ListingState.DELISTED and off.presumed == date(2023, 10, 18)
    h = history.get("IRi.039")
    assert h is not None and h.listed_on == date(2007, 3, 24)
    assert h.legacy_measures == (
        "Assets Freeze, Travel Notification Requirement",
        "Assets Freeze, Travel Ban",
    )


def test_absence_before_listing_or_from_a_committee_file_means_nothing(
    history: ListingHistory, snapshots: tuple[SanctionsList, ...]
) -> None:
    # An Al-Qaida entry listed after 2015-03-27 is absent from that snapshot: no window.
    s2020 = next(s for s in snapshots if s.info.path.name == "un-consolidated-2020-11-30.xml")
    late = next(
        e
        for e in s2020.entries
        if e.reference.startswith("QD") and e.listed_on and e.listed_on > date(2015, 4, 1)
    )
    h = history.get(late.reference)
    assert h is not None
    assert all(o.day >= late.listed_on for o in h.observations if not o.present)
    assert late.listed_on is not None
    later = date.fromordinal(late.listed_on.toordinal() + 10)
    assert history.status(late.reference, later).state is ListingState.LISTED
    # The 1737 Committee file (2015-03-17) carries no Al-Qaida entries: not an absence.
    qd = history.get("QDi.001")
    assert qd is not None
    assert "un-1737-iran-list-2015-03-17.xml" not in {o.snapshot for o in qd.observations}


# ------------------------------------------------------------------------------ verdicts


@pytest.mark.parametrize(
    ("country", "start", "end", "precision"),
    [
        ("RU", date(2015, 12, 7), date(2015, 12, 13), Precision.WEEK),
        ("RU", date(2015, 7, 1), date(2015, 7, 31), Precision.MONTH),
        ("IQ", date(2015, 3, 8), None, Precision.DAY),
    ],
)
def test_soleimani_2015_trips_are_apparent_breaches_of_1929(
    judge, country: str, start: date, end: date | None, precision: Precision
) -> None:
    f = judge("IRi.039", "QASEM SOLEIMANI", _event(country, start, end, precision=precision))
    assert f.verdict is Verdict.APPARENT_BREACH, f.rationale
    assert (f.resolution, f.paragraph, f.regime) == ("1929 (2010)", "10", "IR")
    assert "1929 (2010) para 10" in f.rationale
    assert any("2015-03" in name for name in f.snapshots), f.snapshots
    assert f.listed_name == "QASEM SOLEIMANI" and f.reference == "IRi.039"
    assert 0.0 < f.confidence <= 1.0


def test_trip_home_is_own_country_and_says_how(judge) -> None:
    f = judge("IRi.039", "QASEM SOLEIMANI", _event("IR", date(2015, 5, 2)))
    assert f.verdict is Verdict.OWN_COUNTRY
    assert "no NATIONALITY; inferred" in f.rationale and "Passport issuer" in f.rationale
    assert "place of birth 'Qom" in f.rationale
    assert "1737 Committee file" in f.rationale  # legacy history cited for 2015
    later = judge("IRi.039", "QASEM SOLEIMANI", _event("IR", date(2018, 5, 2)))
    assert "1737 Committee file" not in later.rationale


def test_passport_issuer_counts_as_own_country_and_is_named(judge) -> None:
    # Aisha Qadhafi's entry has no NATIONALITY; her passport was issued by Oman.
    f = judge("LYi.009", "AISHA QADHAFI", _event("OM", date(2022, 8, 15)), AISHA)
    assert f.verdict is Verdict.OWN_COUNTRY
    assert "issuer 'Oman'" in f.rationale
    g = judge("LYi.009", "AISHA QADHAFI", _event("LY", date(2022, 8, 15)), AISHA)
    assert g.verdict is Verdict.OWN_COUNTRY and "place of birth" in g.rationale


@pytest.mark.parametrize(
    ("day", "verdict", "resolution", "paragraph", "words"),
    [
        (date(2018, 4, 2), Verdict.APPARENT_BREACH, "2231 (2015)", "Annex B 6(e)", "binding"),
        (date(2022, 6, 1), Verdict.NO_TRAVEL_BAN, "2231 (2015)", "Annex B 6(e)", "ended"),
        (date(2006, 6, 1), Verdict.NOT_LISTED_AT_TIME, "1737 (2006)", "10", "2007-03-24"),
        (date(2008, 6, 1), Verdict.NO_TRAVEL_BAN, "1737 (2006)", "10", "vigilance"),
        (date(2026, 2, 1), Verdict.APPARENT_BREACH, "1929 (2010)", "10", "contested"),
    ],
)
def test_soleimani_over_time(judge, day, verdict, resolution, paragraph, words) -> None:
    f = judge("IRi.039", "QASEM SOLEIMANI", _event("SY", day))
    assert f.verdict is verdict, f.rationale
    assert (f.resolution, f.paragraph) == (resolution, paragraph)
    assert words in f.rationale.lower() or words in f.rationale


def test_near_homonym_after_implementation_day(judge, regimes: Regimes) -> None:
    person = Person(pid="P1", name="Ghasem Soleymani")
    f = judge("IRi.040", "GHASEM SOLEYMANI", _event("CN", date(2018, 3, 1)), person=person)
    assert f.verdict is Verdict.NOT_LISTED_AT_TIME
    assert "2016-01-16" in f.rationale
    assert {"un-consolidated-2015-03-27.xml", "un-consolidated-2020-11-30.xml"} <= set(f.snapshots)
    # Without the dated event in the data, the trip lies inside the delisting window.
    no_events = _without_list_events(regimes)
    g = judge(
        "IRi.040", "GHASEM SOLEYMANI", _event("CN", date(2018, 3, 1)), person, regimes_=no_events
    )
    assert g.verdict is Verdict.NEEDS_REVIEW
    assert "2015-03-27" in g.rationale and "2020-11-30" in g.rationale


def _without_list_events(regimes: Regimes) -> Regimes:
    stripped = tuple(dataclasses.replace(r, list_events=()) for r in regimes.regimes)
    by_code = {r.code: r for r in stripped}
    for r in stripped:
        for t in r.list_types:
            by_code.setdefault(t.casefold(), r)
    return dataclasses.replace(regimes, regimes=stripped, _by_code=by_code)


AISHA = Person(pid="P1", name="Aisha Qadhafi", nationalities=("LY",))


@pytest.mark.parametrize(
    ("day", "verdict", "paragraph"),
    [
        (date(2022, 8, 15), Verdict.APPARENT_BREACH, "15"),  # no exemption recorded then
        (date(2022, 3, 1), Verdict.EXEMPTED, "16(a)"),  # humanitarian, Dec 2021 - May 2022
        (date(2024, 3, 1), Verdict.NO_TRAVEL_BAN, "15"),  # Committee lifted it 2023-10-16
        (date(2025, 3, 1), Verdict.NO_TRAVEL_BAN, "15"),  # COMMENTS1: Asset Freeze only
    ],
)
def test_aisha_qadhafi(judge, day: date, verdict: Verdict, paragraph: str) -> None:
    f = judge("LYi.009", "AISHA MUAMMAR MUHAMMED ABU MINYAR QADHAFI", _event("FR", day), AISHA)
    assert f.verdict is verdict, f.rationale
    assert (f.resolution, f.paragraph) == ("1970 (2011)", paragraph)


def test_safia_farkash_change_between_snapshots_needs_review(judge) -> None:
    person = Person(pid="P1", name="Safia Farkash")
    f = judge("LYi.019", "SAFIA FARKASH", _event("EG", date(2024, 7, 1)), person)
    assert f.verdict is Verdict.NEEDS_REVIEW
    assert "COMMENTS1" in f.rationale and "un-consolidated-2024-09-26.xml" in f.rationale
    g = judge("LYi.019", "SAFIA FARKASH", _event("EG", date(2023, 7, 1)), person)
    assert g.verdict is Verdict.EXEMPTED and "16(a)" in g.rationale


def test_iraq_entry_has_no_travel_ban(judge, newest: dict[str, Entry]) -> None:
    e = newest["IQi.019"]
    f = judge("IQi.019", e.name, _event("JO", date(2015, 3, 1)), Person(pid="P1", name=e.name))
    assert f.verdict is Verdict.NO_TRAVEL_BAN
    assert "no UN travel ban" in f.rationale and f.regime == "IQ"


def test_exemption_in_the_article_is_quoted(judge) -> None:
    said = "the sanctions committee granted him a waiver to attend the funeral"
    f = judge("IRi.039", "QASEM SOLEIMANI", _event("LB", date(2013, 2, 1), exemption=said))
    assert f.verdict is Verdict.EXEMPTED
    assert f'"{said}"' in f.rationale and f.resolution == "1929 (2010)"


@pytest.mark.parametrize(
    ("status", "word"),
    [
        (EventStatus.PLANNED, "planned"),
        (EventStatus.CANCELLED, "cancelled"),
    ],
)
def test_trips_that_did_not_happen(judge, status: EventStatus, word: str) -> None:
    f = judge("IRi.039", "QASEM SOLEIMANI", _event("RU", date(2015, 12, 20), status=status))
    assert f.verdict is Verdict.NOT_TRAVELLED
    assert word in f.rationale


def test_denied_trip_goes_to_review_naming_who_denied(judge) -> None:
    ev = dataclasses.replace(
        _event("RU", date(2015, 12, 20), status=EventStatus.DENIED),
        status_source="the Kremlin spokesman",
    )
    f = judge("IRi.039", "QASEM SOLEIMANI", ev)
    assert f.verdict is Verdict.NEEDS_REVIEW
    assert "denied by the Kremlin spokesman" in f.rationale


def test_approved_future_trip_is_exempted(judge) -> None:
    ev = dataclasses.replace(
        _event("QA", date(2016, 8, 14), status=EventStatus.PLANNED),
        exemption="the committee agreed that he may travel to Doha",
    )
    f = judge("IRi.039", "QASEM SOLEIMANI", ev)
    assert f.verdict is Verdict.EXEMPTED
    assert "approved trip" in f.rationale


def test_reported_trip_counts_but_lowers_confidence(judge) -> None:
    ev = _event("RU", date(2015, 7, 24))
    sure = judge("IRi.039", "QASEM SOLEIMANI", ev)
    said = judge("IRi.039", "QASEM SOLEIMANI", dataclasses.replace(ev, status=EventStatus.REPORTED))
    assert said.verdict is Verdict.APPARENT_BREACH
    assert said.confidence < sure.confidence
    assert "not confirmed" in said.rationale


def test_unknown_date_needs_review(judge) -> None:
    ev = dataclasses.replace(_event("RU", None), when=DateRange("at some point"))
    f = judge("IRi.039", "QASEM SOLEIMANI", ev)
    assert f.verdict is Verdict.NEEDS_REVIEW and "date" in f.rationale
    assert "at some point" in f.rationale


@pytest.mark.parametrize(
    ("start", "end", "mark"),
    [
        (date(2015, 12, 20), date(2016, 2, 10), "2016-01-16"),  # 1929 -> 2231
        (date(2020, 10, 1), date(2020, 10, 30), "2020-10-18"),  # 2231 ban lapses
    ],
)
def test_range_straddling_a_change_needs_review(judge, start: date, end: date, mark: str) -> None:
    ev = _event("RU", start, end, precision=Precision.RANGE)
    f = judge("IRi.039", "QASEM SOLEIMANI", ev)
    assert f.verdict is Verdict.NEEDS_REVIEW
    assert "straddles" in f.rationale and mark in f.rationale


def test_presence_that_began_before_listing(judge, newest: dict[str, Entry]) -> None:
    e = newest["LYi.021"]  # listed 2018-06-07
    ev = _event(
        "IT", date(2018, 1, 1), date(2018, 12, 31), precision=Precision.YEAR, kind="presence"
    )
    f = judge("LYi.021", e.name, ev, Person(pid="P1", name=e.name))
    assert f.verdict is Verdict.NEEDS_REVIEW
    assert "before the listing" in f.rationale and "2018-06-07" in f.rationale


def test_weak_match_turns_breach_into_review(judge) -> None:
    f = judge("IRi.039", "QASEM SOLEIMANI", _event("RU", date(2015, 7, 24)), score=0.62)
    assert f.verdict is Verdict.NEEDS_REVIEW and "below the threshold" in f.rationale


def test_missing_regime_and_missing_destination_say_what_is_missing(judge) -> None:
    f = judge("ZZi.001", "NOBODY AT ALL", _event("RU", date(2015, 7, 24)))
    assert f.verdict is Verdict.NEEDS_REVIEW and "missing from regimes.toml" in f.rationale
    g = judge("IRi.039", "QASEM SOLEIMANI", _event(None, date(2015, 7, 24), place="the north"))
    assert g.verdict is Verdict.NEEDS_REVIEW and "destination country unknown" in g.rationale
    h = judge("IRi.039", "QASEM SOLEIMANI", _event(None, date(2015, 7, 24)))
    assert h.verdict is Verdict.NEEDS_REVIEW and "no destination" in h.rationale


def test_corroboration_folds_transliteration(newest: dict[str, Entry]) -> None:
    c = corroborate(SOLEIMANI, newest["IRi.039"])
    assert ("quds", "qods") in c.agreed
    assert c.score > 0.3
    none = corroborate(Person(pid="P9", name="Someone"), newest["IRi.039"])
    assert none.score == 0.0
    assert corroborate(SOLEIMANI, newest["IRi.040"]).score < c.score


def test_corroboration_raises_confidence(judge) -> None:
    ev = _event("RU", date(2015, 7, 24))
    bare = judge("IRi.039", "QASEM SOLEIMANI", ev, Person(pid="P1", name="Qasem Soleimani"))
    told = judge("IRi.039", "QASEM SOLEIMANI", ev)
    assert told.confidence > bare.confidence
    assert "qods" in told.rationale.lower()


# ------------------------------------------------------------------------------ assess()


def _extraction(events: tuple[TravelEvent, ...], people: tuple[Person, ...]) -> Extraction:
    return Extraction(article=ARTICLE, people=people, events=events)


def test_assess_gives_one_finding_per_entry_and_event(
    history: ListingHistory, regimes: Regimes, newest, country_of
) -> None:
    other = Person(pid="P2", name="Vladimir Putin")
    evs = (
        _event("RU", date(2015, 12, 7), date(2015, 12, 13), precision=Precision.WEEK),
        _event("RU", date(2015, 7, 1), date(2015, 7, 31), precision=Precision.MONTH),
        _event("IQ", date(2015, 3, 8)),
        _event("RU", date(2015, 12, 9), pid="P2"),
    )
    out = assess(
        _extraction(evs, (SOLEIMANI, other)),
        {"P1": [_match("IRi.039", "QASEM SOLEIMANI", 0.95)]},
        history=history,
        regimes=regimes,
        entry_lookup=newest,
        country_of=country_of,
    )
    assert [f.verdict for f in out] == [Verdict.APPARENT_BREACH] * 3
    assert {f.person_id for f in out} == {"P1"}


def test_two_entries_for_one_person(
    history: ListingHistory, regimes: Regimes, newest, country_of
) -> None:
    ev = (_event("RU", date(2015, 7, 24)),)
    both = {
        "P1": [
            _match("IRi.039", "QASEM SOLEIMANI", 0.92),
            _match("IRi.040", "GHASEM SOLEYMANI", 0.90),
        ]
    }
    out = assess(
        _extraction(ev, (SOLEIMANI,)),
        both,
        history=history,
        regimes=regimes,
        entry_lookup=newest,
        country_of=country_of,
    )
    by_ref = {f.reference: f for f in out}
    # "Quds Force" corroborates IRi.039, so it keeps its verdict; IRi.040 is settled as a
    # different person and raises no finding (it stays a candidate in the Matches sheet).
    assert by_ref["IRi.039"].verdict is Verdict.APPARENT_BREACH
    assert "IRi.040" not in by_ref
    # With nothing to tell them apart, both need review.
    plain = Person(pid="P1", name="Qasem Soleimani")
    out2 = assess(
        _extraction(ev, (plain,)),
        both,
        history=history,
        regimes=regimes,
        entry_lookup=newest,
        country_of=country_of,
    )
    assert {f.verdict for f in out2} == {Verdict.NEEDS_REVIEW}
    assert all("two entries matched" in f.rationale for f in out2)


def test_no_people_or_no_match_gives_no_findings_and_no_crash(
    history: ListingHistory, regimes: Regimes
) -> None:
    assert assess(_extraction((), ()), {}, history=history, regimes=regimes) == ()
    ev = (_event("RU", date(2015, 7, 24)),)
    assert assess(_extraction(ev, (SOLEIMANI,)), {}, history=history, regimes=regimes) == ()


def test_without_country_resolver_or_entry_lookup_nothing_crashes(
    history: ListingHistory, regimes: Regimes
) -> None:
    f = assess_event(
        _match("IRi.039", "QASEM SOLEIMANI"),
        _event("RU", date(2015, 7, 24)),
        SOLEIMANI,
        ARTICLE,
        history=history,
        regimes=regimes,
    )
    assert f.verdict is Verdict.APPARENT_BREACH
    assert "no country resolver" in f.rationale
    unknown = assess_event(
        _match("QDi.999", "NOT ON ANY LIST"),
        _event("RU", date(2015, 7, 24)),
        SOLEIMANI,
        ARTICLE,
        history=history,
        regimes=regimes,
    )
    assert unknown.verdict is Verdict.NEEDS_REVIEW and "not found" in unknown.rationale


# ------------------------------------------------------------------------------ checked data


def _without_entry_rules(regimes: Regimes) -> Regimes:
    stripped = tuple(dataclasses.replace(r, entry_rules=()) for r in regimes.regimes)
    by_code = {r.code: r for r in stripped}
    for r in stripped:
        for t in r.list_types:
            by_code.setdefault(t.casefold(), r)
    return dataclasses.replace(regimes, regimes=stripped, _by_code=by_code)


def test_resolution_2799_removal_is_on_the_shipped_lists(
    snapshots: tuple[SanctionsList, ...],
) -> None:
    refs = {s.info.path.name: {e.reference for e in s.entries} for s in snapshots}
    assert {"QDi.317", "QDi.336"} <= refs["un-consolidated-2024-09-26.xml"]
    for name in ("un-consolidated-2026-01-28.xml", "un-consolidated-2026-05-08.xml"):
        assert not {"QDi.317", "QDi.336"} & refs[name], name


def test_resolution_2799_dates_the_al_sharaa_removal(
    history: ListingHistory, regimes: Regimes
) -> None:
    qd = regimes.get("QD")
    assert qd is not None
    after = history.status("QDi.317", date(2025, 11, 10), qd)
    assert after.state is ListingState.DELISTED and after.presumed == date(2025, 11, 6)
    assert "2799 (2025)" in after.explanation
    assert "un-consolidated-2026-01-28.xml" in after.snapshots
    before = history.status("QDi.317", date(2025, 5, 14), qd)
    assert before.state is ListingState.LISTED and before.presumed == date(2025, 11, 6)
    khattab = history.status("QDi.336", date(2025, 12, 1), qd)
    assert khattab.state is ListingState.DELISTED
    # Without the dated rows the snapshots only bracket the removal.
    bare = _without_entry_rules(regimes).get("QD")
    assert history.status("QDi.317", date(2025, 11, 10), bare).state is ListingState.UNCERTAIN


AL_SHARAA = Person(pid="P1", name="Ahmed al-Sharaa", nationalities=("SY",))


def test_al_sharaa_trips_either_side_of_resolution_2799(judge) -> None:
    later = judge("QDi.317", "ABU MOHAMMED AL-JAWLANI", _event("US", date(2025, 11, 10)), AL_SHARAA)
    assert later.verdict is Verdict.NOT_LISTED_AT_TIME, later.rationale
    assert "2799 (2025)" in later.rationale and "2025-11-06" in later.rationale
    earlier = judge("QDi.317", "ABU MOHAMMED AL-JAWLANI", _event("FR", date(2025, 5, 7)), AL_SHARAA)
    assert earlier.verdict is Verdict.APPARENT_BREACH, earlier.rationale
    assert (earlier.resolution, earlier.paragraph) == ("2734 (2024)", "1(b)")
    assert "paragraph number not yet checked" not in earlier.rationale


def test_liberia_travel_ban_ended_with_2237_before_the_regime(regimes: Regimes, judge) -> None:
    lr = regimes.get("LR")
    assert lr is not None and lr.terminated == date(2016, 5, 25)
    assert [p.binding for p in lr.travel_ban_periods("LRi.001", date(2015, 9, 1))] == [True]
    assert lr.travel_ban_periods("LRi.001", date(2015, 9, 2)) == ()
    person = Person(pid="P1", name="Viktor Bout")
    f = judge("LRi.001", "VIKTOR ANATOLJEVITCH BOUT", _event("GH", date(2015, 12, 1)), person)
    assert f.verdict is Verdict.NO_TRAVEL_BAN, f.rationale
    assert "2015-09-02" in f.rationale


def test_checked_paragraphs_and_end_dates(regimes: Regimes) -> None:
    kp, ml, qd = regimes.get("KP"), regimes.get("ML"), regimes.get("QD")
    assert kp is not None and ml is not None and qd is not None
    tb, af = kp.travel_ban[0], kp.asset_freeze[0]
    assert (tb.paragraph, af.paragraph) == ("8(e)", "8(d)") and tb.is_verified and af.is_verified
    assert [p.citation for p in qd.travel_ban_periods("QDi.001", date(2025, 1, 1))] == [
        "2734 (2024) para 1(b)"
    ]
    assert qd.travel_ban_periods("QDi.001", date(2025, 1, 1))[0].is_verified
    assert ml.travel_ban_periods("MLi.001", date(2023, 8, 31))
    assert ml.travel_ban_periods("MLi.001", date(2023, 9, 1)) == ()


# ------------------------------------------------------------------ answers that hold any day


def test_undated_trip_home_or_under_a_regime_without_ban_needs_no_date(judge) -> None:
    undated = DateRange("one day")
    home = dataclasses.replace(_event("IR", None), when=undated)
    f = judge("IRi.039", "QASEM SOLEIMANI", home)
    assert f.verdict is Verdict.OWN_COUNTRY and "unknown date does not matter" in f.rationale
    iraq = dataclasses.replace(_event("JO", None), when=undated)
    g = judge("IQi.057", "RAGHAD SADDAM HUSSEIN", iraq, Person(pid="P1", name="Raghad"))
    assert g.verdict is Verdict.NO_TRAVEL_BAN and "never had" in g.rationale
    abroad = dataclasses.replace(_event("SY", None), when=undated)
    assert judge("IRi.039", "QASEM SOLEIMANI", abroad).verdict is Verdict.NEEDS_REVIEW


def test_nationality_from_a_later_list_version_counts_for_an_earlier_trip(judge) -> None:
    # The Omani passport appears only in list versions after 2014; a 2012 stay in Oman is
    # still a stay in one of her countries.
    plain = Person(pid="P1", name="Aisha Qadhafi")
    f = judge("LYi.009", "AISHA QADHAFI", _event("OM", date(2012, 3, 1)), plain)
    assert f.verdict is Verdict.OWN_COUNTRY, f.rationale
    assert "issuer 'Oman'" in f.rationale


def test_two_entries_that_agree_on_a_harmless_verdict_keep_it(
    history: ListingHistory, regimes: Regimes, newest, country_of
) -> None:
    denied = (_event("SA", date(2023, 9, 15), status=EventStatus.CANCELLED),)
    both = {
        "P1": [
            _match("YEi.001", "ABD AL-KHALIQ AL-HOUTHI", 0.95),
            _match("YEi.004", "ABDULMALIK AL-HOUTHI", 0.93),
        ]
    }
    out = assess(
        _extraction(denied, (Person(pid="P1", name="al-Houthi"),)),
        both,
        history=history,
        regimes=regimes,
        entry_lookup=newest,
        country_of=country_of,
    )
    assert len(out) == 2
    assert {f.verdict for f in out} == {Verdict.NOT_TRAVELLED}
    assert all("does not change it" in f.rationale for f in out)


def test_a_stay_across_a_change_that_is_nowhere_a_breach_is_not_sent_to_review(
    judge, newest: dict[str, Entry]
) -> None:
    e = newest["IQi.057"]  # the Iraq list: frozen funds, no travel ban
    ev = _event("JO", date(2003, 1, 1), date(2021, 6, 4), precision=Precision.OPEN, kind="presence")
    f = judge("IQi.057", e.name, ev, Person(pid="P1", name=e.name))
    assert f.verdict is Verdict.NO_TRAVEL_BAN
    assert "over the span" in f.rationale
