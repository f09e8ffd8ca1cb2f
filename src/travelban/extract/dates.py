"""Date phrases in news prose, resolved to ranges with a precision.

Absolute phrases ("March 8, 2015", "9–16 October", "2015-03-08", "in 2014") resolve on
their own. Relative phrases ("last week", "on Wednesday", "in July", "late September",
"since October 2012") resolve against a reference date, normally the article's
publication date. Without a reference, or when a phrase is vague ("recently"), the
phrase is kept with ``start=None``: a date is never guessed.

News conventions encoded here:

* a weekday named alone ("on Wednesday") is the most recent such day on or before the
  reference; "last Sunday" is strictly before it; "next Friday" strictly after;
* a month named alone ("in July") is the most recent such month not after the reference;
* a day and month without a year ("Dec. 6") take the year that puts them closest to the
  reference;
* "last week" is the previous ISO week (Monday–Sunday); "last night" is the day before;
* "early/mid/late" split a month (1–10, 11–20, 21–end) or a year (Jan–Apr, May–Aug,
  Sep–Dec) into thirds; "the beginning/middle/end of" do the same;
* "since X" is an open range from the start of X to the reference.

Only phrases built from the tables below are recognised, so "two-hour meeting",
"three-day visit", ages and counts never become dates.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from travelban.models import DateRange, Precision

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- tables

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
# Abbreviations are only accepted next to a day or a year ("Dec. 6", "Sept 2015").
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a few": 3,
    "several": 3,
}
# Northern-hemisphere seasons: (first month, number of months).
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 3),
    "summer": (6, 3),
    "autumn": (9, 3),
    "fall": (9, 3),
    "winter": (12, 3),
}
# Thirds of a month (days) and of a year (months) for early/mid/late.
_MONTH_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_YEAR_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_MOD_WORDS = {
    "early": "early",
    "beginning": "early",
    "start": "early",
    "mid": "mid",
    "middle": "mid",
    "late": "late",
    "end": "late",
    "close": "late",
}
# Phrases that name a time but cannot be pinned down; kept, never resolved.
VAGUE_PHRASES = (
    r"recently",
    r"lately",
    r"in\s+recent\s+(?:days|weeks|months|years)",
    r"in\s+the\s+coming\s+(?:days|weeks|months|years)",
    r"in\s+the\s+near\s+future",
)


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date phrase found in a text: its character span and what it resolves to."""

    start: int
    end: int
    when: DateRange

    @property
    def range(self) -> DateRange:
        """The resolved range (alias of ``when``)."""
        return self.when

    @property
    def phrase(self) -> str:
        """The text as written."""
        return self.when.phrase


# ---------------------------------------------------------------- regex pieces


def _alt(words: Iterable[str], *, caps: bool) -> str:
    """Alternation of words, longest first; with caps, Title and UPPER forms only."""
    names = sorted(set(words), key=len, reverse=True)
    if not caps:
        return "|".join(re.escape(n) for n in names)
    forms: list[str] = []
    for n in names:
        forms += [re.escape(n.title()), re.escape(n.upper())]
    return "|".join(forms)


def _build(caps: bool) -> dict[str, str]:
    full = _alt(MONTHS, caps=caps)
    abbr = _alt(MONTH_ABBREVIATIONS, caps=caps)
    wd = _alt(WEEKDAYS, caps=caps)
    wd_abbr = _alt(WEEKDAY_ABBREVIATIONS, caps=caps)
    month_any = rf"(?:{full}|(?:{abbr})\.?)(?![A-Za-z])"
    return {
        "MON": rf"(?P<mon>{month_any})",
        "MON2": rf"(?P<mon2>{month_any})",
        "MONFULL": rf"(?P<mon>(?:{full}))(?![A-Za-z])",
        "WD": rf"(?P<wd>{wd})(?![A-Za-z])",
        "WDPRE": rf"(?:(?:{wd})|(?:{wd_abbr})\.?),?\s+",
    }


_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.]\d)"
_DAY1 = r"(?P<d1>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DAY2 = r"(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d])"
_DASH = r"\s*(?:-|–|—|\bto\b|\buntil\b|\bthrough\b)\s*"
_MOD = r"(?P<mod>(?i:early|mid-?|late|(?:the\s+)?(?:beginning|start|middle|end|close)\s+of))"
_NUM = (
    r"(?P<num>\d{1,3}|(?i:a\s+couple\s+of|a\s+few|several|an?|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve))"
)
_UNIT = r"(?P<unit>(?i:days?|weeks?|months?|years?))"


def _i(words: str) -> str:
    """A case-insensitive group of words."""
    return f"(?i:{words})"


# ---------------------------------------------------------------- date arithmetic


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), _month_end(year, month)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _closest_year(month: int, day: int, ref: date) -> date | None:
    """The (month, day) a news text most likely means: up to ~10 months back, 2 months ahead.

    News reports mostly look back, so a date without a year is taken from the reference
    year unless that lands more than 60 days ahead (then the year before) or more than
    305 days back (then the year after, an announced future date).
    """
    d = _safe_date(ref.year, month, day)
    if d is None:  # 29 February outside a leap year
        for y in (ref.year - 1, ref.year + 1, ref.year - 2, ref.year - 3):
            if (alt := _safe_date(y, month, day)) is not None:
                return alt
        return None
    if (d - ref).days > 60:
        return _safe_date(ref.year - 1, month, day)
    if (ref - d).days > 305:
        return _safe_date(ref.year + 1, month, day)
    return d


def _recent_month(month: int, ref: date, *, strictly_before: bool = False) -> int:
    """Year of the most recent ``month`` not after (or strictly before) the reference month."""
    if month < ref.month or (month == ref.month and not strictly_before):
        return ref.year
    return ref.year - 1


def _weekday_on_or_before(weekday: int, ref: date) -> date:
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _apply_mod_month(mod: str | None, year: int, month: int) -> tuple[date, date, Precision]:
    start, end = _month_range(year, month)
    if not mod:
        return start, end, Precision.MONTH
    lo, hi = _MONTH_THIRDS[mod]
    return date(year, month, lo), min(end, date(year, month, min(hi, end.day))), Precision.RANGE


def _apply_mod_year(mod: str | None, year: int) -> tuple[date, date, Precision]:
    if not mod:
        return date(year, 1, 1), date(year, 12, 31), Precision.YEAR
    lo, hi = _YEAR_THIRDS[mod]
    return date(year, lo, 1), _month_end(year, hi), Precision.RANGE


def _mod_key(raw: str | None) -> str | None:
    if not raw:
        return None
    for word in re.findall(r"[a-z]+", raw.lower()):
        if word in _MOD_WORDS:
            return _MOD_WORDS[word]
    return None


def _month_number(raw: str) -> int:
    key = raw.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS[key]


def _number(raw: str) -> int:
    raw = re.sub(r"\s+", " ", raw.lower())
    return int(raw) if raw.isdigit() else NUMBER_WORDS[raw]


# ---------------------------------------------------------------- rules

Resolved = tuple[date | None, date | None, Precision, bool]
Handler = Callable[[re.Match[str], date | None], Resolved | None]
_UNRESOLVED: Resolved = (None, None, Precision.UNKNOWN, False)


def _h_iso(m: re.Match[str], ref: date | None) -> Resolved | None:
    d = _safe_date(int(m["year"]), int(m["m"]), int(m["day"]))
    return (d, d, Precision.DAY, False) if d else None


def _h_day(m: re.Match[str], ref: date | None) -> Resolved | None:
    month, day = _month_number(m["mon"]), int(m["day"])
    if m["year"]:
        d = _safe_date(int(m["year"]), month, day)
        return (d, d, Precision.DAY, False) if d else None
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb 29 allowed
        return None
    if ref is None:
        return _UNRESOLVED
    d = _closest_year(month, day, ref)
    return (d, d, Precision.DAY, True) if d else None


def _h_day_range(m: re.Match[str], ref: date | None) -> Resolved | None:
    gd = m.groupdict()
    m1 = _month_number(gd.get("mon1") or gd["mon"])
    m2 = _month_number(gd["mon2"]) if gd.get("mon2") else m1
    d1, d2 = int(m["d1"]), int(m["d2"])
    if m["year"]:
        year = int(m["year"])
        relative = False
    elif ref is None:
        return _UNRESOLVED
    else:
        first = _closest_year(m1, d1, ref)
        if first is None:
            return None
        year, relative = first.year, True
    start = _safe_date(year, m1, d1)
    end = _safe_date(year + (1 if m2 < m1 else 0), m2, d2)
    if start is None or end is None or end < start:
        return None
    return start, end, Precision.RANGE, relative


def _h_month_year(m: re.Match[str], ref: date | None) -> Resolved | None:
    s, e, p = _apply_mod_month(_mod_key(m["mod"]), int(m["year"]), _month_number(m["mon"]))
    return s, e, p, False


def _h_month_alone(m: re.Match[str], ref: date | None) -> Resolved | None:
    if ref is None:
        return _UNRESOLVED
    month = _month_number(m["mon"])
    rel = (m["rel"] or "").lower()
    if rel == "next":
        year = ref.year if month > ref.month else ref.year + 1
    elif rel == "this":
        year = ref.year
    else:
        year = _recent_month(month, ref, strictly_before=rel == "last")
    s, e, p = _apply_mod_month(_mod_key(m["mod"]), year, month)
    return s, e, p, True


def _h_year(m: re.Match[str], ref: date | None) -> Resolved | None:
    if not (m["prep"] or m["mod"] or m["half"] or m["since"]):
        return None  # a bare year ("the 2014 election") is not a date of an event
    mod = _mod_key(m["mod"])
    half = "first" if "first" in (m["half"] or "").lower() else ("second" if m["half"] else "")
    year = int(m["year"])
    if half:
        lo, hi = (1, 6) if half == "first" else (7, 12)
        return date(year, lo, 1), _month_end(year, hi), Precision.RANGE, False
    s, e, p = _apply_mod_year(mod, year)
    return s, e, p, False


def _h_season(m: re.Match[str], ref: date | None) -> Resolved | None:
    first, length = SEASONS[m["season"].lower()]
    rel = (m["rel"] or "").lower()
    if m["year"]:
        year = int(m["year"])
        relative = False
    elif ref is None:
        return _UNRESOLVED
    else:
        # the season's start in the reference year, or the one before
        year = ref.year if date(ref.year, first, 1) <= ref else ref.year - 1
        if first == 12 and ref.month <= 2:
            year = ref.year - 1
        if rel == "last":
            start_this = date(year, first, 1)
            end_this = _month_end(*_add_months(year, first, length - 1))
            if end_this >= ref or start_this > ref:
                year -= 1
        elif rel == "next":
            year += 1
        relative = True
    start = date(year, first, 1)
    end = _month_end(*_add_months(year, first, length - 1))
    return start, end, Precision.SEASON, relative


def _h_relative_day(m: re.Match[str], ref: date | None) -> Resolved | None:
    if ref is None:
        return _UNRESOLVED
    word = re.sub(r"\s+", " ", m["word"].lower())
    if word.startswith(("the day before yesterday", "two days ago")):
        d = ref - timedelta(days=2)
    elif word.startswith(("yesterday", "last night", "overnight")):
        d = ref - timedelta(days=1)
    elif word.startswith("tomorrow"):
        d = ref + timedelta(days=1)
    else:  # today, tonight, this morning ...
        d = ref
    return d, d, Precision.DAY, True


def _h_period(m: re.Match[str], ref: date | None) -> Resolved | None:
    """last/this/next/earlier this/later this week, weekend, month, year."""
    if ref is None:
        return _UNRESOLVED
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    mod = _mod_key(m["mod"])
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
    delta = step.get(rel, 0)
    if unit == "week":
        start, end = _week_of(ref + timedelta(weeks=delta))
        prec = Precision.WEEK
    elif unit == "weekend":
        # the Saturday-Sunday of the week meant; "last weekend" is the most recent
        # weekend that is over before the reference day
        monday, _ = _week_of(ref)
        sat = monday + timedelta(days=5)
        if delta < 0:
            sat = sat - timedelta(weeks=1) if sat + timedelta(days=1) >= ref else sat
        elif delta > 0:
            sat = sat + timedelta(weeks=1)
        start, end, prec = sat, sat + timedelta(days=1), Precision.RANGE
    elif unit == "month":
        y, mo = _add_months(ref.year, ref.month, delta)
        start, end, prec = _apply_mod_month(mod, y, mo)
    else:
        start, end, prec = _apply_mod_year(mod, ref.year + delta)
    if rel.startswith("earlier"):
        # "earlier this month": told on the day, so up to the day before (tests/articles)
        start, end, prec = start, max(start, min(end, ref - timedelta(days=1))), Precision.RANGE
    elif rel.startswith("later"):
        start, end, prec = max(start, ref), end, Precision.RANGE
    return start, end, prec, True


def _h_ago(m: re.Match[str], ref: date | None) -> Resolved | None:
    if ref is None:
        return _UNRESOLVED
    n = _number(m["num"])
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        d = ref - timedelta(days=n)
        return d, d, Precision.DAY, True
    if unit == "week":
        s, e = _week_of(ref - timedelta(weeks=n))
        return s, e, Precision.WEEK, True
    if unit == "month":
        s, e = _month_range(*_add_months(ref.year, ref.month, -n))
        return s, e, Precision.MONTH, True
    return date(ref.year - n, 1, 1), date(ref.year - n, 12, 31), Precision.YEAR, True


def _h_past_n(m: re.Match[str], ref: date | None) -> Resolved | None:
    if ref is None:
        return _UNRESOLVED
    n = _number(m["num"])
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        start = ref - timedelta(days=n)
    elif unit == "week":
        start = ref - timedelta(weeks=n)
    elif unit == "month":
        y, mo = _add_months(ref.year, ref.month, -n)
        start = _safe_date(y, mo, ref.day) or _month_end(y, mo)
    else:
        start = _safe_date(ref.year - n, ref.month, ref.day) or date(ref.year - n, ref.month, 28)
    return start, ref, Precision.RANGE, True


def _h_weekday(m: re.Match[str], ref: date | None) -> Resolved | None:
    if ref is None:
        return _UNRESOLVED
    weekday = WEEKDAYS[m["wd"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    d = _weekday_on_or_before(weekday, ref)
    if rel in ("last", "this past", "past"):
        if d == ref:
            d -= timedelta(days=7)
    elif rel in ("next", "this coming", "coming"):
        d = ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    elif rel == "this" and d < ref:
        # "this Friday" said on a Wednesday is the Friday to come
        d = ref + timedelta(days=(weekday - ref.weekday()) % 7)
    return d, d, Precision.DAY, True


def _h_vague(m: re.Match[str], ref: date | None) -> Resolved | None:
    return _UNRESOLVED


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    find: re.Pattern[str]  # capitalised month/weekday names only (prose)
    loose: re.Pattern[str]  # case-insensitive (a phrase handed to resolve_date)
    handler: Handler


def _rules() -> list[_Rule]:
    specs: list[tuple[str, str, Handler]] = []
    since = r"(?:(?P<since>(?i:ever\s+since|since))\s+)?"
    d_from = r"(?:(?i:from|between)\s+)?"
    specs.append(
        ("iso", rf"\b{_YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?!\d)", _h_iso)
    )
    specs.append(
        (
            "day-range-dm",
            rf"\b{d_from}{_DAY1}(?:{_DASH}|\s+(?i:and)\s+){_DAY2}\s+(?:(?i:of)\s+)?{{MON}}(?:,?\s+{_YEAR})?",
            _h_day_range,
        )
    )
    specs.append(
        (
            "day-range-md",
            rf"\b{d_from}{{MON}}\s+{_DAY1}(?:{_DASH}|\s+(?i:and)\s+){_DAY2}(?:,?\s+{_YEAR})?",
            _h_day_range,
        )
    )
    specs.append(
        (
            "day-range-dmdm",
            rf"\b{d_from}{_DAY1}\s+(?P<mon1>{{MONRAW}}){_DASH}{_DAY2}\s+{{MON2}}(?:,?\s+{_YEAR})?",
            _h_day_range,
        )
    )
    specs.append(
        (
            "day-range-mdmd",
            rf"\b{d_from}(?P<mon1>{{MONRAW}})\s+{_DAY1}{_DASH}{{MON2}}\s+{_DAY2}(?:,?\s+{_YEAR})?",
            _h_day_range,
        )
    )
    specs.append(
        (
            "day-md",
            rf"\b{since}(?:{{WDPRE}})?{{MON}}\s+{_DAY}(?:,?\s+{_YEAR})?",
            _h_day,
        )
    )
    specs.append(
        (
            "day-dm",
            rf"\b{since}(?:{{WDPRE}})?(?:(?i:the)\s+)?{_DAY}\s+(?:(?i:of)\s+)?{{MON}}(?:,?\s+{_YEAR})?",
            _h_day,
        )
    )
    specs.append(
        (
            "month-year",
            rf"\b{since}(?:(?i:in|during|of)\s+)?(?:{_MOD}\s*)?{{MON}},?\s+{_YEAR}",
            _h_month_year,
        )
    )
    rel = r"(?P<rel>(?i:last|this|next))"
    # "planned for October", "set for January": a month named as a target date
    prep = r"(?i:in|during|throughout|of|for)"
    specs.append(
        (
            "month-alone",
            rf"\b{since}(?:(?:{prep}\s+)?{_MOD}\s*|{prep}\s+|{rel}\s+){{MONFULL}}(?!,?\s+\d)",
            _h_month_alone,
        )
    )
    half = r"(?:the\s+)?(?:first|second)\s+half\s+of"
    specs.append(
        (
            "year",
            rf"\b{since}(?:(?P<prep>(?i:at|in|during|throughout|of))\s+)?"
            rf"(?:{_MOD}\s*|(?P<half>(?i:{half}))\s+)?{_YEAR}"
            r"(?!\s+(?:[a-z]+s|people|men|women|children)\b)",  # "in 2000 vehicles"
            _h_year,
        )
    )
    season = r"(?P<season>(?i:spring|summer|autumn|fall|winter))"
    specs.append(
        (
            "season-rel",
            rf"\b{since}(?P<rel>(?i:last|this|next|this\s+past))\s+{season}(?P<year>)",
            _h_season,
        )
    )
    specs.append(
        (
            "season-year",
            rf"\b{since}(?:(?i:in|during)\s+)?(?:(?i:the)\s+)?(?P<rel>){season}(?:\s+(?i:of))?\s+{_YEAR}",
            _h_season,
        )
    )
    specs.append(
        (
            "season-the",
            rf"\b{since}(?i:in|during)\s+the\s+(?P<rel>){season}(?P<year>)(?![\s,]+(?:of\s+)?\d)",
            _h_season,
        )
    )
    specs.append(
        (
            "relative-day",
            r"\b(?P<word>(?i:the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon|evening))?"
            r"|last\s+night|overnight|today|tonight|tomorrow(?:\s+(?:morning|afternoon|evening|night))?"
            r"|this\s+(?:morning|afternoon|evening)))\b",
            _h_relative_day,
        )
    )
    specs.append(
        (
            "period",
            rf"\b{since}(?:{_MOD}\s+)?(?P<rel>(?i:last|this|next|past|previous|coming|earlier\s+this|later\s+this))"
            rf"\s+(?P<unit>(?i:week|weekend|month|year))\b",
            _h_period,
        )
    )
    specs.append(("ago", rf"\b{_NUM}\s+{_UNIT}\s+(?i:ago)\b", _h_ago))
    # "three days earlier" counts from another event in the text, not from the reference
    # ("for two years after the war" is a duration, not a date: no hit at all)
    specs.append(
        (
            "offset",
            rf"(?<![Ff]or )\b{_NUM}\s+{_UNIT}\s+(?i:earlier|later|before|after)\b",
            _h_vague,
        )
    )
    specs.append(
        (
            "past-n",
            rf"\b(?i:(?:in|over|during|for)\s+the\s+(?:past|last))\s+{_NUM}\s+{_UNIT}\b",
            _h_past_n,
        )
    )
    wrel = r"(?P<rel>(?i:last|this\s+past|this\s+coming|this|next|past|coming))"
    specs.append(
        (
            "weekday",
            rf"\b{since}(?:(?i:late|early)\s+)?(?:(?i:on)\s+|{wrel}\s+)?{{WD}}"
            rf"(?:\s+(?i:morning|afternoon|evening|night))?(?!\s*,?\s*\d)",
            _h_weekday,
        )
    )
    specs.append(("vague", rf"\b(?i:{'|'.join(VAGUE_PHRASES)})\b", _h_vague))

    out: list[_Rule] = []
    caps, loose = _build(True), _build(False)
    for name, pattern, handler in specs:

        def fill(pieces: dict[str, str], p: str = pattern) -> str:
            raw_month = pieces["MON"].replace("(?P<mon>", "(?:", 1)
            return (
                p.replace("{MONRAW}", raw_month)
                .replace("{MONFULL}", pieces["MONFULL"])
                .replace("{MON2}", pieces["MON2"])
                .replace("{MON}", pieces["MON"])
                .replace("{WDPRE}", pieces["WDPRE"])
                .replace("{WD}", pieces["WD"])
            )

        out.append(
            _Rule(
                name,
                re.compile(fill(caps)),
                re.compile(fill(loose), re.IGNORECASE),
                handler,
            )
        )
    return out


_RULES = _rules()


# ---------------------------------------------------------------- public API


def _scan(text: str, reference: date | None, *, loose: bool) -> list[DateHit]:
    candidates: list[tuple[int, int, int, DateRange]] = []
    for order, rule in enumerate(_RULES):
        pattern = rule.loose if loose else rule.find
        for m in pattern.finditer(text):
            resolved = rule.handler(m, reference)
            if resolved is None:
                continue
            start, end, precision, relative = resolved
            phrase = m.group(0).strip()
            if m.groupdict().get("since") and start is not None:
                end = reference if reference is not None and reference >= start else None
                precision = Precision.OPEN
                relative = relative or reference is not None
            elif m.groupdict().get("since") and start is None:
                precision = Precision.UNKNOWN
            s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            rng = DateRange(phrase, start, end, precision, relative)
            candidates.append((s, s + len(phrase), order, rng))
    # longest phrase wins; ties go to the earlier rule (more specific)
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    hits: list[DateHit] = []
    for s, e, _, rng in candidates:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        hits.append(DateHit(s, e, rng))
    hits.sort(key=lambda h: h.start)
    return _join_ranges(text, hits)


_JOIN = re.compile(r"\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b|\bthrough\b|(?P<and>\band\b))\s*", re.I)
_JOIN_LEAD = re.compile(r"\b(?P<lead>from|between)\s+$", re.I)


def _join_ranges(text: str, hits: list[DateHit]) -> list[DateHit]:
    """Merge "from X to Y" / "X – Y" / "between X and Y" into one RANGE hit."""
    out: list[DateHit] = []
    i = 0
    while i < len(hits):
        a = hits[i]
        if i + 1 < len(hits):
            b = hits[i + 1]
            gap = _JOIN.fullmatch(text, a.end, b.start)
            lead = _JOIN_LEAD.search(text, max(0, a.start - 10), a.start)
            wa, wb = a.when, b.when
            if (
                gap
                and (not gap["and"] or (lead and lead["lead"].lower() == "between"))
                and wa.start is not None
                and wb.start is not None
                and wa.end is not None
                and wb.end is not None
                and wa.start <= wb.end
                and wa.precision is not Precision.OPEN
                and wb.precision is not Precision.OPEN
            ):
                s = lead.start() if lead else a.start
                phrase = text[s : b.end]
                rng = DateRange(
                    phrase, wa.start, wb.end, Precision.RANGE, wa.relative or wb.relative
                )
                out.append(DateHit(s, b.end, rng))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def find_dates(text: str, reference: date | None) -> list[DateHit]:
    """Every date phrase in ``text``, in order, resolved against ``reference`` when possible."""
    return _scan(text, reference, loose=False)


def resolve_date(phrase: str, reference: date | None) -> DateRange:
    """One phrase resolved to a range; unresolvable phrases come back with ``start=None``."""
    hits = _scan(phrase, reference, loose=True)
    if not hits:
        return DateRange(phrase.strip())
    best = max(hits, key=lambda h: h.end - h.start)
    w = best.when
    return DateRange(phrase.strip(), w.start, w.end, w.precision, w.relative)


def parse_calendar_date(text: str) -> date | None:
    """The first complete calendar date (day, month and year) written in ``text``, or None."""
    for hit in _scan(text, None, loose=False):
        w = hit.when
        if w.precision is Precision.DAY and w.start is not None and not w.relative:
            return w.start
    return None


# "two days later", "a week later", "the next year", "the following month", "the day after"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 0, "few": 0,
}  # fmt: skip
_LATER = re.compile(
    r"(?i)\b(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?P<unit>day|week|month|year)s?\s+(?:later|after(?:wards)?)"
    r"|the\s+(?:next|following)\s+(?P<unit2>day|week|month|year)"
    r"|the\s+day\s+after)\b"
)


def _month_after(d: date, n: int) -> date:
    """The first day of the month ``n`` months after ``d``'s."""
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def anaphoric_dates(text: str, hits: list[DateHit]) -> list[DateHit]:
    """Date phrases that count from the date told just before them, not from the
    publication date: "He flew to Berlin on March 3, 2020. Two days later he was in
    Paris" (5 March 2020); "invaded in 1978 ... the next year he fled" (1979).

    Each such phrase is resolved against the nearest earlier resolved date of the text
    (its end day) and replaces any hit on the same words; with no earlier date it is left
    as found. Returns the hits sorted by position.
    """
    out = sorted(hits, key=lambda h: h.start)
    for m in _LATER.finditer(text):
        anchor = next(
            (h for h in reversed(out) if h.end <= m.start() and h.range.end is not None), None
        )
        if anchor is None:
            continue
        base = anchor.range.end
        assert base is not None
        unit = (m.group("unit") or m.group("unit2") or "day").lower()
        raw = (m.group("n") or "one").lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 1)
        if unit == "day":
            start = end = base + timedelta(days=n)
            precision = Precision.DAY
        elif unit == "week":
            mid = base + timedelta(days=7 * n)
            start, end = mid - timedelta(days=3), mid + timedelta(days=3)
            precision = Precision.WEEK
        elif unit == "month":
            start = _month_after(base, n)
            end = _month_after(start, 1) - timedelta(days=1)
            precision = Precision.MONTH
        else:
            start, end = date(base.year + n, 1, 1), date(base.year + n, 12, 31)
            precision = Precision.YEAR
        when = DateRange(m.group(0), start, end, precision, True)
        out = [h for h in out if not (h.start < m.end() and m.start() < h.end)]
        out.append(DateHit(m.start(), m.end(), when))
        out.sort(key=lambda h: h.start)
    return out
