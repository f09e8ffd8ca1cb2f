"""Date phrases: absolute, relative to the publication date, and never guessed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from travelban.extract.dates import (
    DateHit,
    anaphoric_dates,
    find_dates,
    parse_calendar_date,
    resolve_date,
)
from travelban.models import DateRange, Precision

WED = date(2015, 12, 16)  # the seed article's publication day, a Wednesday
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_dcf7398d4c868163.txt"

# The seed article's date phrases, restated in our own sentences.
SEED_LIKE = (
    "The commander travelled to Russia last week and met the president, a news agency "
    "reported on Wednesday. He was photographed near the front line on March 8, 2015. "
    "He last visited in July. Troops have arrived since late September. "
    "Last month, the president met the leader in Tehran during a two-hour meeting "
    "that followed a three-day visit."
)


def phrases(text: str, ref: date | None = WED) -> dict[str, DateRange]:
    return {h.phrase: h.when for h in find_dates(text, ref)}


def test_seed_phrases_resolve_against_a_wednesday() -> None:
    got = phrases(SEED_LIKE)
    assert got["last week"] == DateRange(
        "last week", date(2015, 12, 7), date(2015, 12, 13), Precision.WEEK, True
    )
    assert got["on Wednesday"].start == got["on Wednesday"].end == WED
    assert got["March 8, 2015"] == DateRange(
        "March 8, 2015", date(2015, 3, 8), date(2015, 3, 8), Precision.DAY, False
    )
    assert (got["in July"].start, got["in July"].end) == (date(2015, 7, 1), date(2015, 7, 31))
    assert got["in July"].precision is Precision.MONTH
    since = got["since late September"]
    assert (since.start, since.end, since.precision) == (date(2015, 9, 21), WED, Precision.OPEN)
    last_month = got["Last month"]
    assert (last_month.start, last_month.end) == (date(2015, 11, 1), date(2015, 11, 30))
    assert last_month.precision is Precision.MONTH
    # "two-hour" and "three-day" are not dates
    assert set(got) == {
        "last week",
        "on Wednesday",
        "March 8, 2015",
        "in July",
        "since late September",
        "Last month",
    }


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_article_itself() -> None:
    hits = find_dates(SEED.read_text(encoding="utf-8"), WED)
    by_phrase = {h.phrase: h.when for h in hits}
    assert by_phrase["last week"].start == date(2015, 12, 7)
    assert by_phrase["on Wednesday"].start == WED
    assert by_phrase["in July"].start == date(2015, 7, 1)
    assert by_phrase["since late September"].start == date(2015, 9, 21)
    assert by_phrase["Last month"].start == date(2015, 11, 1)
    assert by_phrase["since 2007"].start == date(2007, 1, 1)
    assert not any("hour" in p or "day visit" in p for p in by_phrase)


def test_hits_carry_their_spans() -> None:
    text = "He flew out on Wednesday."
    (hit,) = find_dates(text, WED)
    assert isinstance(hit, DateHit)
    assert text[hit.start : hit.end] == "on Wednesday" == hit.phrase
    assert hit.range is hit.when


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("March 8, 2015", date(2015, 3, 8), date(2015, 3, 8), Precision.DAY),
        ("8 March 2015", date(2015, 3, 8), date(2015, 3, 8), Precision.DAY),
        ("the 8th of March, 2015", date(2015, 3, 8), date(2015, 3, 8), Precision.DAY),
        ("2015-03-08", date(2015, 3, 8), date(2015, 3, 8), Precision.DAY),
        ("Wednesday, Dec. 16, 2015", WED, WED, Precision.DAY),
        ("Dec. 6", date(2015, 12, 6), date(2015, 12, 6), Precision.DAY),
        ("9–16 October", date(2015, 10, 9), date(2015, 10, 16), Precision.RANGE),
        ("October 9-16, 2014", date(2014, 10, 9), date(2014, 10, 16), Precision.RANGE),
        ("28 September – 2 October 2015", date(2015, 9, 28), date(2015, 10, 2), Precision.RANGE),
        (
            "from 12 October 2015 to 4 November 2015",
            date(2015, 10, 12),
            date(2015, 11, 4),
            Precision.RANGE,
        ),
        ("October 2012", date(2012, 10, 1), date(2012, 10, 31), Precision.MONTH),
        ("in 2014", date(2014, 1, 1), date(2014, 12, 31), Precision.YEAR),
        ("in mid-2014", date(2014, 5, 1), date(2014, 8, 31), Precision.RANGE),
        ("the first half of 2015", date(2015, 1, 1), date(2015, 6, 30), Precision.RANGE),
        ("at the end of 2021", date(2021, 9, 1), date(2021, 12, 31), Precision.RANGE),
        ("summer 2014", date(2014, 6, 1), date(2014, 8, 31), Precision.SEASON),
    ],
)
def test_absolute_phrases(phrase: str, start: date, end: date, precision: Precision) -> None:
    got = resolve_date(phrase, WED)
    assert (got.start, got.end, got.precision) == (start, end, precision)
    assert got.phrase == phrase


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("last week", date(2015, 12, 7), date(2015, 12, 13), Precision.WEEK),
        ("this week", date(2015, 12, 14), date(2015, 12, 20), Precision.WEEK),
        ("next week", date(2015, 12, 21), date(2015, 12, 27), Precision.WEEK),
        ("on Wednesday", WED, WED, Precision.DAY),
        ("on Monday", date(2015, 12, 14), date(2015, 12, 14), Precision.DAY),
        ("on Thursday", date(2015, 12, 10), date(2015, 12, 10), Precision.DAY),
        ("last Sunday", date(2015, 12, 13), date(2015, 12, 13), Precision.DAY),
        ("last Wednesday", date(2015, 12, 9), date(2015, 12, 9), Precision.DAY),
        ("next Friday", date(2015, 12, 18), date(2015, 12, 18), Precision.DAY),
        ("in July", date(2015, 7, 1), date(2015, 7, 31), Precision.MONTH),
        ("in December", date(2015, 12, 1), date(2015, 12, 31), Precision.MONTH),
        ("last month", date(2015, 11, 1), date(2015, 11, 30), Precision.MONTH),
        ("this month", date(2015, 12, 1), date(2015, 12, 31), Precision.MONTH),
        ("earlier this month", date(2015, 12, 1), date(2015, 12, 15), Precision.RANGE),
        ("late September", date(2015, 9, 21), date(2015, 9, 30), Precision.RANGE),
        ("early December", date(2015, 12, 1), date(2015, 12, 10), Precision.RANGE),
        ("mid-November", date(2015, 11, 11), date(2015, 11, 20), Precision.RANGE),
        ("since October 2012", date(2012, 10, 1), WED, Precision.OPEN),
        ("since late September", date(2015, 9, 21), WED, Precision.OPEN),
        ("last night", date(2015, 12, 15), date(2015, 12, 15), Precision.DAY),
        ("yesterday", date(2015, 12, 15), date(2015, 12, 15), Precision.DAY),
        ("today", WED, WED, Precision.DAY),
        ("last year", date(2014, 1, 1), date(2014, 12, 31), Precision.YEAR),
        ("earlier this year", date(2015, 1, 1), date(2015, 12, 15), Precision.RANGE),
        ("at the end of last year", date(2014, 9, 1), date(2014, 12, 31), Precision.RANGE),
        ("two years ago", date(2013, 1, 1), date(2013, 12, 31), Precision.YEAR),
        ("three days ago", date(2015, 12, 13), date(2015, 12, 13), Precision.DAY),
        ("in the past three weeks", date(2015, 11, 25), WED, Precision.RANGE),
        ("last weekend", date(2015, 12, 12), date(2015, 12, 13), Precision.RANGE),
        ("last summer", date(2015, 6, 1), date(2015, 8, 31), Precision.SEASON),
    ],
)
def test_relative_phrases(phrase: str, start: date, end: date, precision: Precision) -> None:
    got = resolve_date(phrase, WED)
    assert (got.start, got.end, got.precision) == (start, end, precision)
    assert got.relative


def test_month_alone_is_the_most_recent_not_after_the_reference() -> None:
    jan = date(2016, 1, 20)
    assert resolve_date("in July", jan).start == date(2015, 7, 1)
    assert resolve_date("in January", jan).start == date(2016, 1, 1)
    assert resolve_date("last January", jan).start == date(2015, 1, 1)
    # a day without a year near New Year belongs to the year before
    assert resolve_date("Dec. 28", jan).start == date(2015, 12, 28)


def test_weekday_on_a_sunday_reference() -> None:
    sunday = date(2015, 12, 13)
    assert resolve_date("on Sunday", sunday).start == sunday
    assert resolve_date("last Sunday", sunday).start == date(2015, 12, 6)
    assert resolve_date("on Saturday", sunday).start == date(2015, 12, 12)


def test_last_week_crosses_a_year_boundary() -> None:
    got = resolve_date("last week", date(2016, 1, 6))
    assert (got.start, got.end) == (date(2015, 12, 28), date(2016, 1, 3))
    got = resolve_date("last month", date(2016, 1, 6))
    assert (got.start, got.end) == (date(2015, 12, 1), date(2015, 12, 31))


@pytest.mark.parametrize(
    "phrase", ["last week", "on Wednesday", "in July", "Dec. 6", "yesterday", "late September"]
)
def test_relative_phrases_without_reference_stay_unresolved(phrase: str) -> None:
    got = resolve_date(phrase, None)
    assert got.phrase == phrase
    assert got.start is None and got.end is None
    assert not got.resolved


def test_absolute_phrase_without_reference_still_resolves() -> None:
    assert resolve_date("March 8, 2015", None).start == date(2015, 3, 8)
    since = resolve_date("since 2007", None)
    assert since.start == date(2007, 1, 1) and since.end is None
    assert since.precision is Precision.OPEN


@pytest.mark.parametrize(
    "phrase", ["recently", "in recent weeks", "in the coming days", "three days earlier"]
)
def test_vague_phrases_are_kept_not_guessed(phrase: str) -> None:
    hits = find_dates(f"The envoy travelled {phrase} to the capital.", WED)
    assert [h.phrase for h in hits] == [phrase]
    assert hits[0].when.start is None


@pytest.mark.parametrize(
    "text",
    [
        "a two-hour meeting",
        "a three-day visit",
        "the 45-year-old commander, aged 45,",
        "sent 2,000 troops in 2000 vehicles",
        "the 2014 election",
        "under resolution 1737 (2006)",
        "he may travel; protesters march on the capital",
        "the Arab Spring uprisings",
        "a 3-0 win with 1.5 million viewers",
        "flight 17 landed at 10:05",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, WED) == []


def test_range_between_two_dates() -> None:
    got = phrases("He stayed between March 2014 and June 2015 in the city.")
    rng = got["between March 2014 and June 2015"]
    assert (rng.start, rng.end, rng.precision) == (
        date(2014, 3, 1),
        date(2015, 6, 30),
        Precision.RANGE,
    )
    # "and" without "between" joins nothing
    assert list(phrases("He went there in 2014 and in 2016.")) == ["in 2014", "in 2016"]


def test_unknown_phrase_is_returned_unresolved() -> None:
    got = resolve_date("at some point", WED)
    assert got == DateRange("at some point")


def test_parse_calendar_date() -> None:
    assert parse_calendar_date("Updated: 14 Feb 2024, 10:05 GMT") == date(2024, 2, 14)
    assert parse_calendar_date("June 2, 2021 6:40 pm") == date(2021, 6, 2)
    assert parse_calendar_date("in July") is None
    assert parse_calendar_date("Dec. 6") is None


def test_a_month_given_as_a_target_is_a_date() -> None:
    # "planned for October": the month is read like "in October" (events move plans ahead)
    got = phrases("The talks are planned for October and a summit is set for January.")
    assert got["for October"].start == date(2015, 10, 1)
    assert got["for October"].end == date(2015, 10, 31)
    assert got["for January"].start == date(2015, 1, 1)
    assert phrases("The talks are planned for October.", None)["for October"].start is None


def test_open_range_since_a_year_keeps_its_start_and_precision() -> None:
    got = phrases("She has lived in Amman since 2003.")
    assert got["since 2003"].start == date(2003, 1, 1)
    assert got["since 2003"].precision is Precision.OPEN
    # without a publication date the start stands and the end stays open
    bare = phrases("She has lived in Amman since 2003.", None)["since 2003"]
    assert (bare.start, bare.end) == (date(2003, 1, 1), None)


def test_a_duration_before_after_is_not_a_date() -> None:
    # "for two years after the war" says how long, not when; "two years after" alone is an offset
    assert find_dates("He stayed there for two years after the war.", WED) == []
    (hit,) = find_dates("He returned two years after the war.", WED)
    assert not hit.range.resolved


@pytest.mark.parametrize(
    ("text", "phrase", "start", "end"),
    [
        (
            "The envoy reached Minsk on March 3, 2020. Two days later he was in Riga.",
            "Two days later",
            date(2020, 3, 5),
            date(2020, 3, 5),
        ),
        (
            "The raid failed in 1978 and the next year he fled abroad.",
            "the next year",
            date(1979, 1, 1),
            date(1979, 12, 31),
        ),
        (
            "She left Accra in May 2011. A month later she surfaced in Lome.",
            "A month later",
            date(2011, 6, 1),
            date(2011, 6, 30),
        ),
    ],
)
def test_anaphoric_dates_count_from_the_date_before(
    text: str, phrase: str, start: date, end: date
) -> None:
    hits = anaphoric_dates(text, find_dates(text, date(2024, 5, 6)))
    hit = next(h for h in hits if text[h.start : h.end] == phrase)
    assert (hit.range.start, hit.range.end) == (start, end)


def test_an_anaphoric_date_with_nothing_before_is_left_alone() -> None:
    text = "Two days later he was in Riga."
    assert anaphoric_dates(text, find_dates(text, date(2024, 5, 6))) == find_dates(
        text, date(2024, 5, 6)
    )
