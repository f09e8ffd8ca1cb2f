"""Wires the stages for one article and for a batch.

``Engine.load`` does the expensive set-up once (lists, name index, NLP pipeline, regimes);
``Engine.screen_article`` is then a pure function of one ``Article``, so a batch can be
spread over processes or a distributed engine without a rewrite.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import BinaryIO

from travelban import __version__
from travelban.assess import ListingHistory, Regimes, assess
from travelban.assess.commonness import Commonness
from travelban.extract import Extractor
from travelban.extract.nlp import load_nlp
from travelban.extract.places import Gazetteer
from travelban.ingest import read_articles
from travelban.models import (
    Article,
    ArticleFailure,
    Entry,
    Extraction,
    Finding,
    ListInfo,
    NameMatch,
    RunResult,
    SanctionsList,
    TravelEvent,
)
from travelban.names import NameIndex
from travelban.sanctions import Archive, load_list
from travelban.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one article yields: its extraction, every name candidate, and the findings."""

    extraction: Extraction
    matches: tuple[tuple[str, str, NameMatch], ...]  # (article source, person id, match)
    findings: tuple[Finding, ...]


def _select_snapshots(settings: Settings, archive: Archive) -> tuple[list[SanctionsList], str]:
    """The snapshots to screen against, and a warning ('' when none)."""
    if settings.list_path is not None:
        return [load_list(settings.list_path)], ""
    warning = ""
    infos = list(archive.snapshots)
    if settings.as_of is not None:
        chosen, warn = archive.select(settings.as_of)
        warning = warn or ""
        infos = [
            i
            for i in infos
            if i.generated_date
            and chosen.generated_date
            and i.generated_date <= chosen.generated_date
        ]
    return [archive.load(i) for i in infos], warning


def _union_entries(snapshots: Sequence[SanctionsList]) -> dict[str, Entry]:
    """Every reference ever seen in the snapshots, in its newest version."""
    out: dict[str, Entry] = {}
    ordered = sorted(snapshots, key=lambda s: s.info.generated or datetime.min.replace(tzinfo=UTC))
    for snap in ordered:
        for entry in snap.entries:
            out[entry.reference] = entry
    return out


class Engine:
    """Everything loaded once; screens articles one at a time."""

    def __init__(
        self,
        settings: Settings,
        snapshots: Sequence[SanctionsList],
        index: NameIndex,
        extractor: Extractor,
        history: ListingHistory,
        regimes: Regimes,
        gazetteer: Gazetteer,
        warning: str = "",
        commonness: Commonness | None = None,
    ) -> None:
        self.settings = settings
        self.snapshots = tuple(snapshots)
        self.entries: Mapping[str, Entry] = _union_entries(snapshots)
        self.index = index
        self.extractor = extractor
        self.history = history
        self.regimes = regimes
        self.gazetteer = gazetteer
        self.warning = warning
        self.commonness = commonness

    @property
    def list_info(self) -> ListInfo:
        """The newest snapshot in use: the list a report names."""
        return max(
            (s.info for s in self.snapshots),
            key=lambda i: i.generated or datetime.min.replace(tzinfo=UTC),
        )

    @classmethod
    def load(cls, settings: Settings) -> Engine:
        """Load lists, index, NLP pipeline, gazetteer and regimes once."""
        archive = Archive.open(settings.lists_dir, user_dir=settings.user_lists_dir)
        snapshots, warning = _select_snapshots(settings, archive)
        if warning:
            log.warning(warning)
        entries = _union_entries(snapshots)
        index = NameIndex.build(entries.values())
        gazetteer = Gazetteer.load(settings.lists_dir)
        extractor = Extractor(load_nlp(), gazetteer, scanner=index)
        legacy = archive.legacy_1737() if settings.list_path is None else None
        history = ListingHistory.build(snapshots, legacy=legacy)
        regimes = Regimes.load(settings.lists_dir)
        commonness = Commonness.build(entries.values(), settings.lists_dir)
        return cls(
            settings, snapshots, index, extractor, history, regimes, gazetteer, warning, commonness
        )

    def screen_article(self, article: Article) -> ArticleResult:
        """Extract, screen every person, and assess every matched trip of one article."""
        extraction = self.extractor.extract(article, full=self.settings.all_events)
        s = self.settings
        candidates: list[tuple[str, str, NameMatch]] = []
        alerts: dict[str, list[NameMatch]] = {}
        for person in extraction.people:
            best: dict[str, NameMatch] = {}
            for query in (person.name, *person.aliases):
                for m in self.index.screen(
                    query, evidence=person.evidence(), threshold=s.threshold, floor=s.review_band
                ):
                    if m.reference not in best or m.score > best[m.reference].score:
                        best[m.reference] = m
            ranked = sorted(best.values(), key=lambda m: -m.score)
            candidates.extend((article.source, person.pid, m) for m in ranked)
            alerts[person.pid] = [m for m in ranked if m.score >= s.threshold]
        findings = assess(
            extraction,
            alerts,
            history=self.history,
            regimes=self.regimes,
            entry_lookup=self.entries.get,
            country_of=self.gazetteer.country_of,
            commonness=self.commonness,
        )
        if article.page_starts:  # a PDF: evidence cites its page, once assessed
            cited = {id(ev): _cite_page(article, ev) for ev in extraction.events}
            extraction = replace(extraction, events=tuple(cited.values()))
            findings = tuple(replace(f, event=cited.get(id(f.event), f.event)) for f in findings)
        return ArticleResult(extraction, tuple(candidates), tuple(findings))

    def run_result(
        self,
        articles: Sequence[Article],
        failures: Sequence[ArticleFailure],
        results: Sequence[ArticleResult],
        started: datetime,
    ) -> RunResult:
        """Gather per-article results into one RunResult for reporting."""
        extra = (("warning", self.warning),) if self.warning else ()
        return RunResult(
            tool_version=__version__,
            started=started,
            settings=self.settings.items(),
            list_info=self.list_info,
            snapshots=tuple(s.info for s in self.snapshots),
            articles=tuple(articles),
            failures=tuple(failures),
            extractions=tuple(r.extraction for r in results),
            matches=tuple(m for r in results for m in r.matches),
            findings=tuple(f for r in results for f in r.findings),
            finished=datetime.now(UTC),
            extra=extra,
        )


def _cite_page(article: Article, ev: TravelEvent) -> TravelEvent:
    """The event with its evidence prefixed by the PDF page it was read on ("p. 12: ...")."""
    page = article.page_of(ev.evidence.split(" | ")[0])
    return replace(ev, evidence=f"p. {page}: {ev.evidence}") if page else ev


def screen_articles(
    engine: Engine,
    articles: Sequence[Article],
    failures: Sequence[ArticleFailure] = (),
    *,
    started: datetime | None = None,
) -> RunResult:
    """Screen articles already read; a crash on one article becomes a listed failure."""
    started = started or datetime.now(UTC)
    results: list[ArticleResult] = []
    done: list[Article] = []
    extra_failures: list[ArticleFailure] = list(failures)
    for article in articles:
        try:
            results.append(engine.screen_article(article))
            done.append(article)
        except Exception as exc:  # one bad article must not sink the batch
            if engine.settings.debug:
                raise
            log.info("screening %s failed: %s: %s", article.source, type(exc).__name__, exc)
            extra_failures.append(
                ArticleFailure(
                    article.source,
                    f"screening failed ({type(exc).__name__}: {exc}) — this is a bug in "
                    "travelban; rerun with --debug and report the traceback",
                )
            )
    return engine.run_result(done, extra_failures, results, started)


def screen_paths(
    engine: Engine, paths: Sequence[str], *, stdin: BinaryIO | None = None
) -> RunResult:
    """Read every article under ``paths`` and screen each; failures are collected, not raised."""
    started = datetime.now(UTC)
    articles, failures = read_articles(paths, published=engine.settings.published, stdin=stdin)
    return screen_articles(engine, articles, failures, started=started)
