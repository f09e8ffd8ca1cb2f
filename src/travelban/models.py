"""Records that cross stage boundaries. All frozen; no dicts cross a stage.

The pipeline:

    ingest -> extract -> (resolve dates/places inside extract) -> screen -> assess -> report

Dates that are only partly known are kept as ranges with a precision, never as a
single guessed day.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path

# ---------------------------------------------------------------- sanctions list


class EntryKind(str, Enum):
    INDIVIDUAL = "individual"
    ENTITY = "entity"


class AliasQuality(str, Enum):
    """UN alias quality. Individuals: Good/Low; entities: a.k.a./f.k.a."""

    GOOD = "good"
    LOW = "low"
    AKA = "a.k.a."
    FKA = "f.k.a."
    UNSPECIFIED = ""


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    quality: AliasQuality
    note: str = ""  # e.g. "transliterations of original script name"
    original_script: bool = False  # True when the alias is written in a non-Latin script


@dataclass(frozen=True, slots=True)
class BirthDate:
    """One date-of-birth statement. ``kind``: exact, year, approximately, between, note."""

    kind: str
    value: str = ""  # ISO prefix with its precision: "1957-03-11", "1957", ""
    from_year: int | None = None
    to_year: int | None = None
    note: str = ""

    def years(self) -> tuple[int, int] | None:
        """The range of birth years this statement allows, or None when it says nothing."""
        if self.from_year and self.to_year:
            return (self.from_year, self.to_year)
        if self.value[:4].isdigit():
            y = int(self.value[:4])
            slack = 1 if self.kind == "approximately" else 0
            return (y - slack, y + slack)
        return None


@dataclass(frozen=True, slots=True)
class Document:
    kind: str  # "Passport", "National Identification Number", ...
    number: str = ""
    country: str = ""  # issuing country as written
    note: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the UN Consolidated List, as the XML states it."""

    reference: str  # normalised, e.g. "IRi.039"
    dataid: str
    kind: EntryKind
    list_type: str  # UN_LIST_TYPE as written, e.g. "Iran", "Al-Qaida"
    name_parts: tuple[str, ...]  # FIRST_NAME .. FOURTH_NAME, non-empty only
    name: str  # the parts joined with single spaces
    original_script: str = ""
    aliases: tuple[Alias, ...] = ()
    titles: tuple[str, ...] = ()
    designations: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()  # as written ("Iran (Islamic Republic of)")
    birth_dates: tuple[BirthDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    addresses: tuple[str, ...] = ()
    listed_on: date | None = None
    comments: str = ""
    last_updated: tuple[date, ...] = ()
    gender: str = ""
    interpol_link: str = ""

    @property
    def regime(self) -> str:
        """The two-letter reference prefix, which names the regime (``IR``, ``QD``, ...)."""
        return self.reference[:2].upper()


@dataclass(frozen=True, slots=True)
class ListInfo:
    """Which list file: the facts every report must carry."""

    path: Path
    sha256: str
    generated: datetime | None
    individuals: int
    entities: int

    @property
    def generated_date(self) -> date | None:
        return self.generated.date() if self.generated else None


@dataclass(frozen=True, slots=True)
class SanctionsList:
    info: ListInfo
    entries: tuple[Entry, ...]

    def by_reference(self) -> dict[str, Entry]:
        return {e.reference: e for e in self.entries}


# ---------------------------------------------------------------- name screening


@dataclass(frozen=True, slots=True)
class TokenAlignment:
    query_token: str
    list_token: str
    similarity: float  # 0..1 after transliteration folding
    rule: str = ""  # "exact", "translit", "fuzzy", "initial", "weak:honorific", "missing"


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a name scored what it scored; readable by an analyst."""

    scorer: str
    threshold: float
    alignments: tuple[TokenAlignment, ...] = ()
    adjustments: tuple[tuple[str, float], ...] = ()  # (reason, delta) e.g. ("Low alias", -0.05)
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the article says about a person besides the name; moves scores both ways."""

    birth_year: int | None = None
    nationalities: tuple[str, ...] = ()  # ISO alpha-2
    titles: tuple[str, ...] = ()  # "General", "commander of the Quds Force"
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NameMatch:
    query: str
    reference: str
    name: str  # the entry's primary name
    matched_name: str  # the list name or alias that matched
    alias_quality: AliasQuality | None  # None when the primary name matched
    score: float  # 0..1, ranks; never piles up at 1.0 without corroboration
    explanation: Explanation
    list_type: str = ""


# ---------------------------------------------------------------- articles


class DateSource(str, Enum):
    GIVEN = "given"  # --published
    HTML_META = "html-metadata"
    DATELINE = "dateline"
    STAMP = "timestamp-line"
    FEED = "feed-entry"  # an RSS/Atom entry's published (or updated) date
    PDF_META = "pdf-metadata"  # a PDF's CreationDate
    CRAWL = "crawl-date"  # a WARC record's WARC-Date: when it was fetched, an upper bound
    TABLE = "table-column"  # the ``published`` column of a Parquet table of articles
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Article:
    source: str  # path as given, or "<stdin>"
    sha256: str  # of the raw bytes
    text: str  # main text, normalised newlines; title first when known
    title: str = ""
    published: date | None = None
    published_source: DateSource = DateSource.UNKNOWN
    published_evidence: str = ""  # the text the date was read from
    encoding: str = "utf-8"
    url: str = ""  # the page's address (feed entry link, WARC-Target-URI), when known
    author: str = ""
    # PDF: where each page starts in ``text`` (page 1 at offset 0); see ``page_at``.
    page_starts: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The 1-based PDF page holding character ``offset`` of ``text`` (None if not a PDF)."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset) or 1

    def page_of(self, snippet: str) -> int | None:
        """The PDF page where ``snippet`` (e.g. an evidence sentence) first occurs, else None."""
        if not self.page_starts:
            return None
        words = snippet.split()[:12]
        if not words:
            return None
        # evidence has its whitespace collapsed; the page text keeps its line breaks
        m = re.search(r"\s+".join(map(re.escape, words)), self.text)
        return self.page_at(m.start()) if m else None


@dataclass(frozen=True, slots=True)
class ArticleFailure:
    source: str
    error: str


# ---------------------------------------------------------------- extraction


class Precision(str, Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    RANGE = "range"  # explicit span such as "9-16 October"
    OPEN = "open"  # "since October 2012": start known, end = reference date
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date phrase resolved to [start, end] with its precision; unresolved keeps the phrase."""

    phrase: str
    start: date | None = None
    end: date | None = None
    precision: Precision = Precision.UNKNOWN
    relative: bool = False  # resolved against the publication date

    @property
    def resolved(self) -> bool:
        return self.start is not None


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # as written in the text
    country: str | None  # ISO 3166-1 alpha-2
    kind: str = ""  # "country", "city", "region", "town"
    how: str = ""  # how the country was decided: "gazetteer", "container:Salahuddin", ...
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    kind: str  # "name", "surname", "titled", "description", "alias", "pronoun", "list-scan"


@dataclass(frozen=True, slots=True)
class Person:
    pid: str  # stable within an article: "P1", "P2", ...
    name: str  # the fullest name the article gives
    mentions: tuple[Mention, ...] = ()
    titles: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()  # "commander of foreign operations for ..."
    aliases: tuple[str, ...] = ()  # in-text aliases ("known as Abu ...")
    organisations: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO alpha-2 from demonyms near the name
    # the state whose office the person held, from lists/extract/public_figures.tsv (not
    # from the article: never evidence for screening, only for telling a host at home)
    office_country: str = ""

    def evidence(self) -> Evidence:
        return Evidence(
            nationalities=self.nationalities,
            titles=self.titles + self.descriptions,
            organisations=self.organisations,
        )


class EventStatus(str, Enum):
    OCCURRED = "occurred"
    PLANNED = "planned"
    CANCELLED = "cancelled"
    DENIED = "denied"
    REPORTED = "reported"  # attributed to a source, not confirmed


@dataclass(frozen=True, slots=True)
class TravelEvent:
    person_id: str | None  # None: the traveller is unresolved
    person_name: str  # as named in the evidence (or "" when unresolved)
    kind: str  # visit, meeting, presence, arrival, departure, flight, exile, transit, attendance
    destination: Place | None
    when: DateRange
    status: EventStatus
    evidence: str  # the sentence(s)
    origin: Place | None = None
    status_source: str = ""  # "Fars news agency"
    exemption: str = ""  # quoted text mentioning an exemption, waiver or permission
    sentence_index: int = -1
    trigger: str = ""  # the word that signalled travel ("visited", "met", ...)


@dataclass(frozen=True, slots=True)
class Extraction:
    article: Article
    people: tuple[Person, ...]
    events: tuple[TravelEvent, ...]
    places: tuple[Place, ...] = ()
    notes: tuple[str, ...] = ()


# ---------------------------------------------------------------- assessment


class Verdict(str, Enum):
    APPARENT_BREACH = "apparent_breach"
    EXEMPTED = "exempted"
    NOT_LISTED_AT_TIME = "not_listed_at_time"
    OWN_COUNTRY = "own_country"
    NO_TRAVEL_BAN = "no_travel_ban"
    NOT_TRAVELLED = "not_travelled"
    NEEDS_REVIEW = "needs_review"


class Stance(str, Enum):
    """How one fact from the article stands against a list entry."""

    AGREES = "agrees"
    CONTRADICTS = "contradicts"
    SILENT = "silent"  # one side says nothing to compare


@dataclass(frozen=True, slots=True)
class IdentityItem:
    """One fact about the person held against the entry, with the words on both sides."""

    aspect: str  # "role", "age", "nationality", "gender", "place of birth", "father", ...
    stance: Stance
    strong: bool  # strong evidence (age, nationality, gender) vs weak (an older role)
    article: str  # the article's words ("the 45-year-old"); "" when it says nothing
    entry: str  # the entry's words ("DOB 1957"); "" when it states nothing
    detail: str = ""  # how they compare ("born about 1970 vs 1957: 13 years apart")


@dataclass(frozen=True, slots=True)
class Finding:
    article: str  # Article.source
    article_sha256: str
    person: str  # as named in the article
    person_id: str
    reference: str
    listed_name: str
    event: TravelEvent
    match: NameMatch
    verdict: Verdict
    regime: str  # regime code, e.g. "IR"
    resolution: str  # "1929 (2010)"
    paragraph: str  # "10"
    confidence: float
    rationale: str
    snapshots: tuple[str, ...] = ()  # file names the judgement rests on
    identity: tuple[IdentityItem, ...] = ()  # evidence for and against this entry

    @property
    def country(self) -> str | None:
        return self.event.destination.country if self.event.destination else None

    @property
    def key(self) -> str:
        """Stable identity across runs: article hash + reference + country + date range."""
        w = self.event.when
        return "|".join(
            [
                self.article_sha256[:16],
                self.reference,
                self.country or "",
                w.start.isoformat() if w.start else w.phrase,
                w.end.isoformat() if w.end else "",
            ]
        )


# ---------------------------------------------------------------- a run


@dataclass(frozen=True, slots=True)
class RunResult:
    tool_version: str
    started: datetime
    settings: tuple[tuple[str, str], ...]  # printable settings, in order
    list_info: ListInfo
    snapshots: tuple[ListInfo, ...]  # every snapshot consulted
    articles: tuple[Article, ...]
    failures: tuple[ArticleFailure, ...]
    extractions: tuple[Extraction, ...]
    matches: tuple[tuple[str, str, NameMatch], ...]  # (article source, person id, match)
    findings: tuple[Finding, ...]
    finished: datetime | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())


# ---------------------------------------------------------------- analyst review


class Decision(str, Enum):
    """The values of the Decision dropdown in the Findings sheet."""

    CONFIRMED_BREACH = "Confirmed breach"
    EXEMPTED = "Exempted"
    FALSE_POSITIVE = "False positive"
    NEEDS_MORE_INFORMATION = "Needs more information"


@dataclass(frozen=True, slots=True)
class ReviewDecision:
    """One analyst decision read back from a report workbook (Findings sheet row)."""

    finding_key: str  # Finding.key, stored in the Findings sheet's "Key" column
    decision: Decision
    reviewer: str = ""
    review_date: date | None = None
    notes: str = ""
    source_file: str = ""  # the workbook it was read from
    row: int = 0
