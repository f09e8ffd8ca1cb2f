"""Findings merged into incidents: range arithmetic with precision, undated and
countryless reports, independent outlets and wire copies, combined status, stable keys."""

from __future__ import annotations

import hashlib
import random
from datetime import date

from travelban.incidents import (
    IncidentStatus,
    combine_confidence,
    incident_of,
    merge_incidents,
    outlet_of,
)
from travelban.models import (
    Article,
    DateRange,
    DateSource,
    EventStatus,
    Explanation,
    Finding,
    NameMatch,
    Place,
    Precision,
    TravelEvent,
    Verdict,
)

D = date


def art(name: str, published: date | None = None, *, url: str = "", dateline: str = "") -> Article:
    sha = hashlib.sha256(name.encode()).hexdigest()
    return Article(
        source=f"{name}.txt",
        sha256=sha,
        text=f"{dateline} Some text." if dateline else "Some text.",
        published=published,
        published_source=DateSource.DATELINE if dateline else DateSource.GIVEN,
        published_evidence=dateline,
        url=url,
    )


def finding(
    article: Article,
    start: date | None,
    end: date | None = None,
    *,
    precision: Precision = Precision.DAY,
    phrase: str = "",
    ref: str = "IRi.039",
    country: str | None = "RU",
    status: EventStatus = EventStatus.OCCURRED,
    verdict: Verdict = Verdict.APPARENT_BREACH,
    evidence: str | None = None,
    confidence: float = 0.7,
) -> Finding:
    end = end or start
    when = DateRange(
        phrase=phrase or (start.isoformat() if start else "some time"),
        start=start,
        end=end,
        precision=precision if start else Precision.UNKNOWN,
    )
    event = TravelEvent(
        person_id="P1",
        person_name="Qassem Soleimani",
        kind="visit",
        destination=Place(name="Moscow", country=country) if country else None,
        when=when,
        status=status,
        evidence=evidence if evidence is not None else f"{article.source} says he went there.",
    )
    match = NameMatch(
        "Qassem Soleimani",
        ref,
        "QASEM SOLEIMANI",
        "QASEM SOLEIMANI",
        None,
        0.95,
        Explanation("test", 0.8),
    )
    return Finding(
        article=article.source,
        article_sha256=article.sha256,
        person="Qassem Soleimani",
        person_id="P1",
        reference=ref,
        listed_name="QASEM SOLEIMANI",
        event=event,
        match=match,
        verdict=verdict,
        regime=ref[:2],
        resolution="1929 (2010)",
        paragraph="10",
        confidence=confidence,
        rationale="test",
    )


def month(a: Article, y: int, m: int, last: int, **kw) -> Finding:
    return finding(a, D(y, m, 1), D(y, m, last), precision=Precision.MONTH, **kw)


def test_a_month_holds_a_day_and_the_day_is_the_narrowest_range():
    a, b = art("a", D(2015, 8, 2)), art("b", D(2015, 7, 26))
    incs = merge_incidents(
        [month(a, 2015, 7, 31, phrase="in July"), finding(b, D(2015, 7, 24), phrase="on 24 July")],
        articles=[a, b],
    )
    assert len(incs) == 1
    inc = incs[0]
    assert (inc.when.start, inc.when.end, inc.when.phrase) == (
        D(2015, 7, 24),
        D(2015, 7, 24),
        "on 24 July",
    )
    assert inc.earliest_report == D(2015, 7, 26)
    assert inc.sources[0].article == "b.txt"  # earliest report first
    assert len(inc.finding_keys) == 2


def test_adjacent_months_are_two_trips_but_adjacent_days_are_one():
    a = art("a")
    assert len(merge_incidents([month(a, 2015, 7, 31), month(a, 2015, 8, 31)])) == 2
    days = merge_incidents([finding(a, D(2015, 12, 7)), finding(art("b"), D(2015, 12, 8))])
    assert len(days) == 1
    assert (days[0].when.start, days[0].when.end) == (D(2015, 12, 7), D(2015, 12, 8))
    assert days[0].when.precision is Precision.RANGE
    gap = merge_incidents([finding(a, D(2015, 12, 7)), finding(art("b"), D(2015, 12, 9))])
    assert len(gap) == 2


def test_weeks_that_overlap_narrow_to_their_common_days():
    a, b = art("a"), art("b")
    incs = merge_incidents(
        [
            finding(a, D(2015, 12, 7), D(2015, 12, 13), precision=Precision.WEEK),
            finding(b, D(2015, 12, 10), D(2015, 12, 16), precision=Precision.WEEK),
        ]
    )
    assert len(incs) == 1
    assert (incs[0].when.start, incs[0].when.end) == (D(2015, 12, 10), D(2015, 12, 13))


def test_a_year_that_holds_two_trips_is_kept_apart_and_says_so():
    a, b, c = art("a"), art("b"), art("c")
    incs = merge_incidents(
        [
            finding(a, D(2015, 3, 8)),
            finding(b, D(2015, 12, 9)),
            finding(c, D(2015, 1, 1), D(2015, 12, 31), precision=Precision.YEAR, phrase="in 2015"),
        ]
    )
    assert len(incs) == 3
    year = next(i for i in incs if i.when.phrase == "in 2015")
    assert year.note.startswith("ambiguous")
    for other in incs:
        if other is not year:
            assert other.key in year.note and not other.note
    # with one trip only, the year joins it
    one = merge_incidents(
        [
            finding(a, D(2015, 3, 8)),
            finding(c, D(2015, 1, 1), D(2015, 12, 31), precision=Precision.YEAR),
        ]
    )
    assert len(one) == 1 and one[0].when.start == D(2015, 3, 8)


def test_an_explicit_span_bridges_the_days_it_covers():
    a, b, c = art("a"), art("b"), art("c")
    incs = merge_incidents(
        [
            finding(a, D(2015, 12, 7)),
            finding(b, D(2015, 12, 10)),
            finding(c, D(2015, 12, 7), D(2015, 12, 10), precision=Precision.RANGE),
        ]
    )
    assert len(incs) == 1
    assert (incs[0].when.start, incs[0].when.end) == (D(2015, 12, 7), D(2015, 12, 10))


def test_undated_reports_stay_apart_from_dated_ones_and_say_so():
    a, b, c = art("a"), art("b"), art("c")
    incs = merge_incidents([finding(a, D(2015, 12, 7)), finding(b, None), finding(c, None)])
    assert len(incs) == 2
    undated = next(i for i in incs if not i.dated)
    assert len(undated.sources) == 2
    assert undated.note.startswith("undated")
    assert incs[-1] is undated  # undated last


def test_no_country_is_never_merged():
    a, b = art("a"), art("b")
    incs = merge_incidents(
        [finding(a, D(2015, 12, 7), country=None), finding(b, D(2015, 12, 7), country=None)]
    )
    assert len(incs) == 2
    assert all("country unknown" in i.note for i in incs)


def test_other_country_or_other_person_is_another_incident():
    a = art("a")
    incs = merge_incidents(
        [
            finding(a, D(2015, 12, 7)),
            finding(a, D(2015, 12, 7), country="SY"),
            finding(a, D(2015, 12, 7), ref="IRi.040"),
        ]
    )
    assert len(incs) == 3


def test_wire_copies_count_once_and_independent_outlets_raise_confidence():
    wire = "Qassem Soleimani travelled to Moscow last week for talks with Putin, Fars said."
    copies = [
        art(f"copy{i}", D(2015, 12, 16), url=f"https://paper{i}.example/story") for i in range(4)
    ]
    fs = [
        finding(a, D(2015, 12, 9), evidence=wire + (" " if i % 2 else ""))
        for i, a in enumerate(copies)
    ]
    # a lightly edited copy is still the same story
    edited = art("edited", D(2015, 12, 17), url="https://www.other.example/x")
    fs.append(finding(edited, D(2015, 12, 9), evidence=wire.replace("last week", "last week,")))
    one = merge_incidents(fs, articles=[*copies, edited])
    assert len(one) == 1 and one[0].independent == 1
    assert one[0].confidence == 0.7
    own = art("own", D(2015, 12, 18), url="https://own.example/a")
    fs.append(finding(own, D(2015, 12, 9), evidence="Our reporter saw the general in Moscow."))
    two = merge_incidents(fs, articles=[*copies, edited, own])
    assert two[0].independent == 2
    assert two[0].confidence > 0.7
    assert "1 more independent report" in two[0].confidence_text
    assert set(two[0].outlets) >= {"paper0.example", "other.example", "own.example"}


def test_one_outlet_twice_is_one_report():
    a = art("a1", D(2015, 12, 16), dateline="DUBAI, Dec 16, 2015 (Newswire) -")
    b = art("a2", D(2015, 12, 17), dateline="TEHRAN, Dec 17, 2015 (Newswire) -")
    incs = merge_incidents(
        [
            finding(a, D(2015, 12, 9), evidence="First wording here."),
            finding(b, D(2015, 12, 9), evidence="Entirely other words."),
        ],
        articles=[a, b],
    )
    assert incs[0].outlets == ("Newswire",)
    assert incs[0].independent == 1


def test_status_from_all_sources():
    outs = [art(f"o{i}", url=f"https://o{i}.example/") for i in range(4)]
    fs = [
        finding(
            outs[i],
            D(2015, 12, 9),
            status=EventStatus.REPORTED,
            evidence=f"Report {i} " + "x" * i * 20,
        )
        for i in range(3)
    ]
    fs.append(
        finding(
            outs[3],
            D(2015, 12, 9),
            status=EventStatus.DENIED,
            verdict=Verdict.NOT_TRAVELLED,
            evidence="The ministry denied it.",
        )
    )
    inc = merge_incidents(fs, articles=outs)[0]
    assert inc.status is IncidentStatus.DISPUTED
    assert inc.status_text == "reported by 3 independent reports; denied by 1 independent report"
    assert inc.verdict is Verdict.APPARENT_BREACH  # the safer side: an analyst decides


def test_order_does_not_matter():
    arts = [art(f"a{i}", D(2015, 12, 10 + i)) for i in range(8)]
    fs = [
        finding(arts[0], D(2015, 12, 7)),
        finding(arts[1], D(2015, 12, 8)),
        month(arts[2], 2015, 12, 31),
        finding(arts[3], D(2015, 3, 8)),
        finding(arts[4], D(2015, 1, 1), D(2015, 12, 31), precision=Precision.YEAR),
        finding(arts[5], None),
        finding(arts[6], D(2015, 7, 24)),
        month(arts[7], 2015, 7, 31),
    ]
    want = merge_incidents(fs, articles=arts)
    rng = random.Random(4)
    for _ in range(10):
        shuffled = fs[:]
        rng.shuffle(shuffled)
        assert merge_incidents(shuffled, articles=arts) == want


def test_key_survives_a_new_article_joining():
    a, b = art("a", D(2015, 12, 16)), art("b", D(2015, 12, 17))
    first = merge_incidents([finding(a, D(2015, 12, 9))], articles=[a])
    # a later article: the founder (earliest report) is unchanged, so is the key
    later = merge_incidents([finding(a, D(2015, 12, 9)), month(b, 2015, 12, 31)], articles=[a, b])
    assert later[0].key == first[0].key
    # an earlier-published article found later: the previous map keeps the key
    early = art("early", D(2015, 12, 12))
    fs = [finding(a, D(2015, 12, 9)), finding(early, D(2015, 12, 9), evidence="Other words.")]
    fresh = merge_incidents(fs, articles=[a, early])
    assert fresh[0].key != first[0].key
    kept = merge_incidents(fs, articles=[a, early], previous=incident_of(first))
    assert kept[0].key == first[0].key and kept[0].merged_keys == ()


def test_two_incidents_joined_by_a_bridge_keep_the_larger_key_and_list_the_other():
    arts = [art(n, D(2015, 12, 20)) for n in "abcd"]
    old = merge_incidents(
        [
            finding(arts[0], D(2015, 12, 7)),
            finding(arts[1], D(2015, 12, 7)),
            finding(arts[2], D(2015, 12, 9)),
        ],
        articles=arts,
    )
    assert len(old) == 2
    big = next(i for i in old if len(i.sources) == 2)
    small = next(i for i in old if len(i.sources) == 1)
    fs = [
        finding(arts[0], D(2015, 12, 7)),
        finding(arts[1], D(2015, 12, 7)),
        finding(arts[2], D(2015, 12, 9)),
        finding(arts[3], D(2015, 12, 8)),
    ]
    new = merge_incidents(fs, articles=arts, previous=incident_of(old))
    assert len(new) == 1
    assert new[0].key == big.key and new[0].merged_keys == (small.key,)


def test_helpers():
    assert outlet_of(art("x", url="https://www.example.org/path?q=1")) == "example.org"
    assert outlet_of(art("x", dateline="DUBAI, Dec 16, 2015 (Newswire) -")) == "Newswire"
    assert outlet_of(art("x")) == "" and outlet_of(None) == ""
    assert combine_confidence([]) == 0.0
    assert combine_confidence([0.7]) == 0.7
    assert combine_confidence([0.7, 0.7, 0.7]) == round(1 - 0.3 * 0.65 * 0.65, 4)
    assert combine_confidence([0.7, 0.7]) > combine_confidence([0.7])


def test_findings_given_twice_are_one_source():
    a = art("a")
    f = finding(a, D(2015, 12, 9))
    assert len(merge_incidents([f, f])[0].sources) == 1
