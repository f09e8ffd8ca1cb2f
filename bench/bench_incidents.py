"""Merging findings into incidents: travelban.incidents.merge_incidents on 100,000
synthetic findings, beside a plain pandas groupby baseline in the same process.

The synthetic set: listed people making trips (a day or a few days, to a country), each
trip reported by 1-12 articles; a report gives the exact day(s), the week, or the month
(precision as the extractor gives it), about one in five reports is a copy of another
outlet's wire story (same evidence text), and a few are undated. The true trips are
known, so both methods' incident counts are printed beside the truth.

The baseline is what one would write in pandas without the precision rules: sort by
(reference, country, start), then a new incident wherever a report starts after every
earlier report of the group has ended (``groupby().cummax()``), undated reports dropped.
It is fast but lets a month-wide report swallow every trip of that month.

    python bench/bench_incidents.py [--findings 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import random
import resource
import time
from datetime import date, timedelta

import pandas as pd

from travelban.incidents import merge_incidents
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

COUNTRIES = ("RU", "IQ", "SY", "CN", "TR", "AE", "QA", "LB", "VE", "BY")


def synthesise(n: int, seed: int) -> tuple[list[Finding], list[Article], int]:
    """About ``n`` findings, their articles, and the number of true trips."""
    rng = random.Random(seed)
    findings: list[Finding] = []
    articles: list[Article] = []
    trips = 0
    people = max(1, n // 60)
    explanation = Explanation("bench", 0.8)
    while len(findings) < n:
        ref = f"XXi.{rng.randrange(people):04d}"
        country = rng.choice(COUNTRIES)
        # trips of one person to one country are at least three weeks apart
        start = date(2010, 1, 1) + timedelta(days=rng.randrange(0, 5000) // 21 * 21)
        length = rng.choice((1, 1, 1, 2, 3, 5))
        end = start + timedelta(days=length - 1)
        trips += 1
        wire = f"{ref} was in {country} from {start} to {end}, officials said (trip {trips})."
        for k in range(rng.randint(1, 12)):
            if len(findings) >= n:
                break
            sha = hashlib.sha256(f"{trips}/{k}".encode()).hexdigest()
            published = end + timedelta(days=rng.randint(1, 20))
            art = Article(
                source=f"news/{trips}-{k}.txt",
                sha256=sha,
                text="",
                published=published,
                published_source=DateSource.GIVEN,
                url=f"https://outlet{rng.randrange(400)}.example/{trips}-{k}",
            )
            articles.append(art)
            roll = rng.random()
            if roll < 0.03:
                when = DateRange("some time ago")
            elif roll < 0.55:
                when = DateRange(
                    str(start), start, end, Precision.DAY if length == 1 else Precision.RANGE
                )
            elif roll < 0.8:
                monday = start - timedelta(days=start.weekday())
                when = DateRange("last week", monday, monday + timedelta(days=6), Precision.WEEK)
            else:
                first = start.replace(day=1)
                last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                when = DateRange(f"in {first:%B}", first, last, Precision.MONTH)
            evidence = (
                wire if rng.random() < 0.2 else f"Report {sha[:12]}: {ref} visited {country}."
            )
            event = TravelEvent(
                person_id="P1",
                person_name=ref,
                kind="visit",
                destination=Place(country, country),
                when=when,
                status=EventStatus.REPORTED,
                evidence=evidence,
            )
            findings.append(
                Finding(
                    article=art.source,
                    article_sha256=sha,
                    person=ref,
                    person_id="P1",
                    reference=ref,
                    listed_name=ref,
                    event=event,
                    match=NameMatch(ref, ref, ref, ref, None, 0.9, explanation),
                    verdict=Verdict.APPARENT_BREACH,
                    regime="XX",
                    resolution="0000 (2000)",
                    paragraph="1",
                    confidence=0.7,
                    rationale="bench",
                )
            )
    return findings, articles, trips


def baseline(findings: list[Finding]) -> int:
    """Plain pandas: overlapping ranges per (reference, country) become one incident."""
    df = pd.DataFrame(
        {
            "reference": [f.reference for f in findings],
            "country": [f.country or "" for f in findings],
            "start": [f.event.when.start for f in findings],
            "end": [f.event.when.end for f in findings],
        }
    ).dropna(subset=["start"])
    df["start"] = pd.to_datetime(df["start"])
    df["end"] = pd.to_datetime(df["end"])
    df = df.sort_values(["reference", "country", "start"])
    g = df.groupby(["reference", "country"], sort=False)
    reach = g["end"].cummax()
    prev = reach.groupby([df["reference"], df["country"]]).shift()
    new = prev.isna() | (df["start"] > prev + pd.Timedelta(days=1))
    return int(new.sum())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--findings", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    t0 = time.perf_counter()
    findings, articles, trips = synthesise(args.findings, args.seed)
    t_make = time.perf_counter() - t0
    undated = sum(1 for f in findings if f.event.when.start is None)
    print(
        f"{len(findings):,} findings, {len(articles):,} articles, {trips:,} true trips "
        f"({undated:,} undated reports); built in {t_make:.1f} s"
    )

    gc.collect()
    t0 = time.perf_counter()
    n_base = baseline(findings)
    t_base = time.perf_counter() - t0

    gc.collect()
    t0 = time.perf_counter()
    incidents = merge_incidents(findings, articles=articles)
    t_ours = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    undated_inc = sum(1 for i in incidents if not i.dated)
    ambiguous = sum(1 for i in incidents if i.note.startswith("ambiguous"))
    dated = len(incidents) - undated_inc
    copies = sum(len(i.sources) - i.independent for i in incidents)
    print()
    print("| method | time | findings/s | incidents | dated incidents vs true trips |")
    print("|---|---|---|---|---|")
    print(
        f"| travelban merge_incidents | {t_ours:.2f} s | {len(findings) / t_ours:,.0f} | "
        f"{len(incidents):,} ({undated_inc:,} undated, {ambiguous:,} ambiguous) | "
        f"{dated:,} vs {trips:,} |"
    )
    print(
        f"| pandas groupby + cummax (no precision rules, undated dropped) | {t_base:.2f} s | "
        f"{len(findings) / t_base:,.0f} | {n_base:,} | {n_base:,} vs {trips:,} |"
    )
    print()
    print(f"sources that were a copy or the same outlet again (counted once): {copies:,}")
    print(f"process peak RSS: {rss:,.0f} MB")


if __name__ == "__main__":
    main()
