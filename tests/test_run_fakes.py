"""A stand-in screening engine for the run/state tests (no spaCy, no list parsing).

An article names its trips on lines like ``TRIP IRi.039 RU 2015-07-01 apparent_breach``.
The "list" is a text file with one reference per line (``--list FILE``): a trip whose
reference is not in it yields no finding, so removing a line is a delisting. A line
``SLOW 0.2`` in the list file makes every article take that many seconds, for the crash
tests. ``install()`` swaps this engine in for the real one (used by a subprocess driver).
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from travelban.models import (
    Article,
    ArticleFailure,
    DateRange,
    Entry,
    EntryKind,
    EventStatus,
    Explanation,
    Extraction,
    Finding,
    ListInfo,
    NameMatch,
    Person,
    Place,
    Precision,
    RunResult,
    TravelEvent,
    Verdict,
)
from travelban.settings import Settings


class FakeResult:
    __slots__ = ("extraction", "findings", "matches")

    def __init__(self, extraction: Extraction, matches: tuple, findings: tuple) -> None:
        self.extraction = extraction
        self.matches = matches
        self.findings = findings


def parse_fake_list(path: Path) -> tuple[set[str], float]:
    """References listed in a fake list file, and the per-article delay."""
    refs: set[str] = set()
    delay = 0.0
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "SLOW":
            delay = float(parts[1])
        else:
            refs.add(parts[0])
    return refs, delay


def fake_fingerprint(settings: Settings) -> str:
    assert settings.list_path is not None, "the fake engine needs --list FILE"
    return hashlib.sha256(settings.list_path.read_bytes()).hexdigest()


def make_finding(article: Article, ref: str, country: str, day: date, verdict: Verdict) -> Finding:
    """A Finding with every nested record filled the way the real pipeline fills it."""
    event = TravelEvent(
        person_id="P1",
        person_name=f"Person {ref}",
        kind="visit",
        destination=Place(name=f"Capital of {country}", country=country, kind="city", how="test"),
        when=DateRange(phrase=day.isoformat(), start=day, end=day, precision=Precision.DAY),
        status=EventStatus.OCCURRED,
        evidence=f"Person {ref} visited {country} on {day.isoformat()}.",
    )
    match = NameMatch(
        query=f"Person {ref}",
        reference=ref,
        name=f"PERSON {ref}",
        matched_name=f"PERSON {ref}",
        alias_quality=None,
        score=0.93,
        explanation=Explanation(scorer="fake", threshold=0.8, summary="test"),
    )
    return Finding(
        article=article.source,
        article_sha256=article.sha256,
        person=f"Person {ref}",
        person_id="P1",
        reference=ref,
        listed_name=f"PERSON {ref}",
        event=event,
        match=match,
        verdict=verdict,
        regime=ref[:2].upper(),
        resolution="1929 (2010)",
        paragraph="10",
        confidence=0.8,
        rationale="test rationale",
    )


class FakeEngine:
    """Same shape as travelban.pipeline.Engine, deterministic and fast."""

    def __init__(self, settings: Settings) -> None:
        assert settings.list_path is not None
        self.settings = settings
        self.refs, self.delay = parse_fake_list(settings.list_path)
        self.loads = 1
        self.screened: list[str] = []
        self.entries: Mapping[str, Entry] = {
            r: Entry(
                reference=r,
                dataid=r,
                kind=EntryKind.INDIVIDUAL,
                list_type="Iran",
                name_parts=("PERSON", r),
                name=f"PERSON {r}",
            )
            for r in sorted(self.refs)
        }
        self.list_info = ListInfo(
            path=settings.list_path,
            sha256=fake_fingerprint(settings),
            generated=datetime(2026, 5, 8, tzinfo=UTC),
            individuals=len(self.refs),
            entities=0,
        )

    def screen_article(self, article: Article) -> FakeResult:
        if self.delay:
            time.sleep(self.delay)
        self.screened.append(article.source)
        if "EXPLODE" in article.text:
            raise RuntimeError("the fake engine was told to fail")
        findings = []
        for line in article.text.splitlines():
            parts = line.split()
            if len(parts) == 5 and parts[0] == "TRIP" and parts[1] in self.refs:
                _, ref, country, day, verdict = parts
                findings.append(
                    make_finding(article, ref, country, date.fromisoformat(day), Verdict(verdict))
                )
        extraction = Extraction(
            article=article, people=(Person(pid="P1", name="Someone"),), events=()
        )
        matches = tuple((article.source, "P1", f.match) for f in findings)
        return FakeResult(extraction, matches, tuple(findings))

    def run_result(
        self,
        articles: Sequence[Article],
        failures: Sequence[ArticleFailure],
        results: Sequence[Any],
        started: datetime,
    ) -> RunResult:
        return RunResult(
            tool_version="test",
            started=started,
            settings=self.settings.items(),
            list_info=self.list_info,
            snapshots=(self.list_info,),
            articles=tuple(articles),
            failures=tuple(failures),
            extractions=tuple(r.extraction for r in results),
            matches=tuple(m for r in results for m in r.matches),
            findings=tuple(f for r in results for f in r.findings),
            finished=datetime.now(UTC),
        )


def install() -> None:
    """Make ``travelban run`` use the fake engine and fingerprint (subprocess driver)."""
    import travelban.runner as runner

    runner._default_loader = FakeEngine  # type: ignore[assignment]
    runner.list_fingerprint = fake_fingerprint


def write_article(folder: Path, name: str, *trips: str, extra: str = "") -> Path:
    """An inbox article with a dateline and the given TRIP lines."""
    folder.mkdir(parents=True, exist_ok=True)
    body = "\n".join(
        [
            f"Headline {name}",
            "",
            "DUBAI, December 16, 2015 (Wire) - A report about travel.",
            *trips,
            extra,
        ]
    )
    path = folder / name
    path.write_text(body + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # python tests/test_run_fakes.py run ... (crash-test driver)
    install()
    from travelban.cli import main

    sys.argv[0] = "travelban"
    main()
