"""Quality of extraction and screening on the evaluation articles, printed as figures.

Run: ``python bench/eval_extract.py [FOLDER ...] [--verbose] [--json PATH]``

Reads every article in ``tests/articles`` and ``examples`` (or the folders given) that has
a ``NAME.expected.json`` beside it (format and conventions: ``tests/articles/README.md``),
runs the pipeline once per article with the engine loaded once, and prints precision,
recall and F1 per field, in two modes:

* ``all events`` (``Settings(all_events=True)``): the full NLP on every article. This is
  the mode for the extraction fields (people, events, places, dates, status): articles
  with no listed person (``none-*``) are read too.
* ``screening`` (the default ``Settings()``): the cheap pass that runs the NLP only where
  the list scan finds a listed name. This is the mode an analyst's run uses, so it is the
  one for verdicts; unlisted people's events in other articles score as misses by design.

``--mode all|screening|both`` picks which to run (default both).

How an expected event matches a predicted one
---------------------------------------------
*Same person*: the predicted traveller's UN reference (any name match at or above the alert
threshold) equals the expected ``reference``; or, failing that, the names agree: after
folding to lower-case ASCII words, every word of one name (the article's fullest name for
the predicted person, or one of its in-text aliases) is among the words of the other.

*Same country*: equal ISO alpha-2 codes.

*Overlapping dates*: the two ranges share at least one day. An expected ``date_to`` of null
with a ``date_from`` means open-ended. When either side has no date at all the dates do
not block a match (the "date range" row scores them).

Rows of the table
-----------------
* ``publication date``: the date read from the article against ``published`` (TP: equal;
  FP: a date given that is wrong or should be unknown; FN: a known date missed or wrong).
* ``date source``: the same, for ``published_source``.
* ``people``: recall of the names in ``people``; the false positives are bylined or
  credited names (``not_actors``) that came out as people.
* ``event``: the strict match above: same person, same country, overlapping dates.
* ``person`` / ``country`` / ``date range`` / ``status``: field scores after a looser
  alignment (same person; best pair first, preferring same country, then overlapping
  dates). A pair counts as TP for the field only when the field is right; an unaligned
  prediction is a FP and an unaligned expected event a FN for every field.
  ``date range (exact)`` asks for equal first and last days.
* ``verdict``: the findings (listed people only) against expected events that carry a
  verdict, matched by the strict rule; TP when the verdict agrees.

Expected events marked ``optional`` are never false negatives, and predictions that match
them are never false positives. A second prediction matching an expected event already
matched is counted as a duplicate, shown apart, and not as a false positive.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from anyascii import anyascii

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDERS = (ROOT / "tests" / "articles", ROOT / "examples")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")
OPEN_END = date.max

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Ev:
    """One travel event, expected or predicted, reduced to what is scored."""

    names: tuple[str, ...]  # fullest name first, then in-text aliases
    refs: frozenset[str]
    country: str | None
    start: date | None
    end: date | None
    status: str
    verdict: str | None = None
    optional: bool = False
    label: str = ""  # for --verbose


@dataclass(slots=True)
class Doc:
    """What one article is expected to yield, or what the pipeline yielded."""

    name: str
    published: date | None = None
    published_source: str = "unknown"
    people: tuple[tuple[str, ...], ...] = ()  # each person: names (fullest first, aliases)
    not_actors: tuple[str, ...] = ()
    events: tuple[Ev, ...] = ()
    findings: tuple[Ev, ...] = ()
    error: str = ""


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dup: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)


# ---------------------------------------------------------------- comparison rules


def fold_words(name: str) -> frozenset[str]:
    """The lower-case ASCII words of a name."""
    return frozenset(re.sub(r"[^a-z0-9]+", " ", anyascii(name).lower()).split())


def names_agree(a: str, b: str) -> bool:
    """True when every word of one name is among the words of the other."""
    wa, wb = fold_words(a), fold_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def same_person(exp: Ev, pred: Ev) -> bool:
    """The matching rule for travellers: shared UN reference, else agreeing names."""
    if exp.refs and pred.refs:
        return bool(exp.refs & pred.refs)
    return any(names_agree(a, b) for a in exp.names for b in pred.names)


def overlap(a: Ev, b: Ev) -> bool | None:
    """Whether two date ranges share a day; None when either side has no date."""
    if (a.start is None and a.end is None) or (b.start is None and b.end is None):
        return None
    a0, a1 = a.start or date.min, a.end or OPEN_END
    b0, b1 = b.start or date.min, b.end or OPEN_END
    return a0 <= b1 and b0 <= a1


def strict_match(exp: Ev, pred: Ev) -> bool:
    """Same person, same country, and dates that overlap (or are missing on one side)."""
    return (
        same_person(exp, pred) and exp.country == pred.country and overlap(exp, pred) is not False
    )


def dates_right(exp: Ev, pred: Ev, *, exact: bool = False) -> bool:
    """Date field score: both unknown, or both known and overlapping (or equal when exact)."""
    e_known = exp.start is not None or exp.end is not None
    p_known = pred.start is not None or pred.end is not None
    if not e_known or not p_known:
        return e_known == p_known
    if exact:
        return exp.start == pred.start and (exp.end or OPEN_END) == (pred.end or OPEN_END)
    return bool(overlap(exp, pred))


def _affinity(exp: Ev, pred: Ev) -> float:
    """How well a same-person pair fits, for the loose alignment (higher is better)."""
    score = 0.0
    if exp.country == pred.country:
        score += 4
    if overlap(exp, pred):
        score += 2
    if exp.status == pred.status:
        score += 1
    return score


def align(
    expected: Sequence[Ev], predicted: Sequence[Ev], ok: Callable[[Ev, Ev], bool]
) -> tuple[list[tuple[Ev, Ev]], list[Ev], list[Ev], int]:
    """Greedy one-to-one pairing by affinity; returns pairs, unmatched exp/pred and duplicates."""
    candidates = [
        (_affinity(e, p), i, j)
        for i, e in enumerate(expected)
        for j, p in enumerate(predicted)
        if ok(e, p)
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_e: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[Ev, Ev]] = []
    for _, i, j in candidates:
        if i in used_e or j in used_p:
            continue
        used_e.add(i)
        used_p.add(j)
        pairs.append((expected[i], predicted[j]))
    left_p = [p for j, p in enumerate(predicted) if j not in used_p]
    # A leftover prediction that fits an expected event (already taken) is a duplicate.
    dups = [p for p in left_p if any(ok(e, p) for e in expected)]
    unmatched_p = [p for p in left_p if p not in dups]
    unmatched_e = [e for i, e in enumerate(expected) if i not in used_e]
    return pairs, unmatched_e, unmatched_p, len(dups)


def field_score(
    score: Score,
    doc: str,
    pairs: Iterable[tuple[Ev, Ev]],
    unmatched_e: Iterable[Ev],
    unmatched_p: Iterable[Ev],
    right: Callable[[Ev, Ev], bool],
) -> None:
    """Add one article's counts for one field to ``score``."""
    for e, p in pairs:
        if right(e, p):
            score.tp += 1
        elif e.optional:
            # a wrong field on an optional event is a false positive only
            score.fp += 1
            score.misses.append(f"{doc}: {e.label} -> {p.label}")
        else:
            score.fp += 1
            score.fn += 1
            score.misses.append(f"{doc}: {e.label} -> {p.label}")
    for e in unmatched_e:
        if not e.optional:
            score.fn += 1
            score.misses.append(f"{doc}: missed {e.label}")
    for p in unmatched_p:
        score.fp += 1
        score.misses.append(f"{doc}: extra {p.label}")


def evaluate(pairs: Sequence[tuple[Doc, Doc]]) -> dict[str, Score]:
    """Every row of the table, from (expected, predicted) documents."""
    rows = {
        k: Score()
        for k in (
            "publication date",
            "date source",
            "people",
            "event",
            "person",
            "country",
            "date range",
            "date range (exact)",
            "status",
            "verdict",
        )
    }
    for exp, pred in pairs:
        d = exp.name
        pub, src = rows["publication date"], rows["date source"]
        if pred.published == exp.published and exp.published is not None:
            pub.tp += 1
        else:
            if pred.published is not None:
                pub.fp += 1
            if exp.published is not None:
                pub.fn += 1
            if pred.published != exp.published:
                pub.misses.append(f"{d}: {pred.published} instead of {exp.published}")
        if pred.published_source == exp.published_source:
            src.tp += 1
        else:
            src.fp += 1
            src.fn += 1
            src.misses.append(f"{d}: {pred.published_source} instead of {exp.published_source}")

        ppl = rows["people"]
        for names in exp.people:
            if any(names_agree(n, q) for n in names for found in pred.people for q in found):
                ppl.tp += 1
            else:
                ppl.fn += 1
                ppl.misses.append(f"{d}: missed person {names[0]}")
        for bad in exp.not_actors:
            if any(names_agree(bad, q) for found in pred.people for q in found[:1]):
                ppl.fp += 1
                ppl.misses.append(f"{d}: byline name {bad} taken for an actor")

        strict = rows["event"]
        sp, se, spred, sdup = align(exp.events, pred.events, strict_match)
        strict.dup += sdup
        field_score(strict, d, sp, se, spred, lambda e, p: True)

        loose, le, lpred, ldup = align(exp.events, pred.events, same_person)
        checks: dict[str, Callable[[Ev, Ev], bool]] = {
            "person": lambda e, p: True,
            "country": lambda e, p: e.country == p.country,
            "date range": dates_right,
            "date range (exact)": lambda e, p: dates_right(e, p, exact=True),
            "status": lambda e, p: e.status == p.status,
        }
        for key, right in checks.items():
            rows[key].dup += ldup
            field_score(rows[key], d, loose, le, lpred, right)

        judged = [e for e in exp.events if e.verdict is not None]
        vp, ve, vpred, vdup = align(judged, pred.findings, strict_match)
        rows["verdict"].dup += vdup
        field_score(rows["verdict"], d, vp, ve, vpred, lambda e, p: e.verdict == p.verdict)
    return rows


def verdict_breakdown(pairs: Sequence[tuple[Doc, Doc]]) -> dict[str, Score]:
    """Precision and recall of each verdict value on its own (strict event matching)."""
    out: dict[str, Score] = {}
    for exp, pred in pairs:
        judged = [e for e in exp.events if e.verdict is not None]
        vp, ve, vpred, _ = align(judged, pred.findings, strict_match)
        for e, p in vp:
            if e.verdict == p.verdict:
                out.setdefault(str(e.verdict), Score()).tp += 1
            else:
                out.setdefault(str(p.verdict), Score()).fp += 1
                if not e.optional:
                    out.setdefault(str(e.verdict), Score()).fn += 1
        for e in ve:
            if not e.optional:
                out.setdefault(str(e.verdict), Score()).fn += 1
        for p in vpred:
            out.setdefault(str(p.verdict), Score()).fp += 1
    return dict(sorted(out.items()))


# ---------------------------------------------------------------- expected files


def _iso(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def load_expected(path: Path) -> Doc:
    """Read one ``NAME.expected.json`` into a Doc."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    events = []
    for e in raw["events"]:
        ref = e.get("reference")
        events.append(
            Ev(
                names=(e["person"],),
                refs=frozenset([ref]) if ref else frozenset(),
                country=e.get("country"),
                start=_iso(e.get("date_from")),
                end=_iso(e.get("date_to")),
                status=e["status"],
                verdict=e.get("verdict"),
                optional=bool(e.get("optional")),
                label=_label(
                    e["person"],
                    ref,
                    e.get("country"),
                    e.get("date_from"),
                    e.get("date_to"),
                    e["status"],
                    e.get("verdict"),
                ),
            )
        )
    return Doc(
        name=path.name.removesuffix(".expected.json"),
        published=_iso(raw["published"]),
        published_source=raw["published_source"],
        people=tuple((n,) for n in raw["people"]),
        not_actors=tuple(raw["not_actors"]),
        events=tuple(events),
    )


def _label(
    person: str,
    ref: str | None,
    country: str | None,
    start: Any,
    end: Any,
    status: str,
    verdict: str | None,
) -> str:
    who = f"{person} [{ref}]" if ref else person
    when = f"{start or '?'}..{end or '?'}"
    tail = f" {verdict}" if verdict else ""
    return f"{who} {country or '??'} {when} {status}{tail}"


def corpus(folders: Sequence[Path]) -> list[tuple[Path, Path]]:
    """(article, expected file) pairs found in the folders."""
    out = []
    for folder in folders:
        for exp in sorted(folder.glob("*.expected.json")):
            stem = exp.name.removesuffix(".expected.json")
            found = [folder / f"{stem}{suffix}" for suffix in ARTICLE_SUFFIXES]
            article = next((p for p in found if p.is_file()), None)
            if article is None:
                log.warning("%s has no article beside it", exp)
                continue
            out.append((article, exp))
    return out


# ---------------------------------------------------------------- the pipeline side


def predicted_doc(name: str, result: Any, threshold: float) -> Doc:
    """Reduce an ``ArticleResult`` to the scored fields."""
    extraction = result.extraction
    article = extraction.article
    refs_of: dict[str, set[str]] = {}
    for _source, pid, match in result.matches:
        if match.score >= threshold:
            refs_of.setdefault(pid, set()).add(match.reference)
    names_of = {p.pid: (p.name, *p.aliases) for p in extraction.people}
    events = []
    for ev in extraction.events:
        names = names_of.get(ev.person_id or "", (ev.person_name,) if ev.person_name else ())
        country = ev.destination.country if ev.destination else None
        refs = frozenset(refs_of.get(ev.person_id or "", ()))
        # "since 2003": the extractor closes an open range at the publication date (the
        # stay is known to last until then); the expected files write it open-ended
        end = None if ev.when.precision.value == "open" else ev.when.end
        events.append(
            Ev(
                names=tuple(n for n in names if n),
                refs=refs,
                country=country,
                start=ev.when.start,
                end=end,
                status=ev.status.value,
                label=_label(
                    names[0] if names else "?",
                    ",".join(sorted(refs)) or None,
                    country,
                    ev.when.start or ev.when.phrase,
                    ev.when.end,
                    ev.status.value,
                    None,
                ),
            )
        )
    findings = []
    for f in result.findings:
        w = f.event.when
        findings.append(
            Ev(
                names=(f.person, f.listed_name),
                refs=frozenset([f.reference]),
                country=f.country,
                start=w.start,
                end=None if w.precision.value == "open" else w.end,
                status=f.event.status.value,
                verdict=f.verdict.value,
                label=_label(
                    f.person,
                    f.reference,
                    f.country,
                    w.start or w.phrase,
                    w.end,
                    f.event.status.value,
                    f.verdict.value,
                ),
            )
        )
    return Doc(
        name=name,
        published=article.published,
        published_source=article.published_source.value,
        people=tuple(names_of.values()),
        events=tuple(events),
        findings=tuple(findings),
    )


def load_pipeline() -> tuple[Any, Callable[[Path], Any], float]:
    """The engine and the article reader; SystemExit with a clear message when not ready."""
    try:
        from travelban.ingest import read_article
        from travelban.pipeline import Engine
        from travelban.settings import Settings
    except Exception as exc:  # any import-time failure of half-written stages
        raise SystemExit(
            f"eval_extract: the pipeline is not importable yet ({type(exc).__name__}: {exc}).\n"
            "It needs travelban.pipeline.Engine and travelban.ingest.read_article."
        ) from exc
    settings = Settings()
    try:
        engine = Engine.load(settings)
    except Exception as exc:
        raise SystemExit(f"eval_extract: Engine.load failed ({type(exc).__name__}: {exc})") from exc
    return engine, read_article, settings.threshold


# ---------------------------------------------------------------- printing


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def table(rows: dict[str, Score], title: str) -> str:
    """A plain-text table of the scores."""
    lines = [
        title,
        f"{'field':<20} {'TP':>4} {'FP':>4} {'FN':>4} {'dup':>4}  "
        f"{'precision':>9} {'recall':>7} {'F1':>7}",
    ]
    for key, s in rows.items():
        lines.append(
            f"{key:<20} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.dup:>4}  "
            f"{_pct(s.precision):>9} {_pct(s.recall):>7} {_pct(s.f1):>7}"
        )
    return "\n".join(lines)


def as_json(rows: dict[str, Score]) -> dict[str, dict[str, Any]]:
    """Scores as plain data, for --json."""
    return {
        k: {
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
            "duplicates": s.dup,
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
        }
        for k, s in rows.items()
    }


def run_mode(
    engine: Any,
    read_article: Callable[[Path], Any],
    threshold: float,
    files: Sequence[tuple[Path, Path]],
) -> tuple[dict[str, Score], dict[str, Score], list[str], int, float]:
    """Screen every article with the engine's current settings and score the results."""
    pairs: list[tuple[Doc, Doc]] = []
    failures: list[str] = []
    t1 = time.perf_counter()
    for article_path, exp_path in files:
        exp = load_expected(exp_path)
        try:
            result = engine.screen_article(read_article(article_path))
            pred = predicted_doc(exp.name, result, threshold)
        except Exception as exc:  # a failing article is scored as empty and listed
            failures.append(f"{article_path.name}: {type(exc).__name__}: {exc}")
            pred = Doc(name=exp.name, error=str(exc))
        pairs.append((exp, pred))
    run_s = time.perf_counter() - t1
    n_events = sum(len(e.events) for e, _ in pairs)
    return evaluate(pairs), verdict_breakdown(pairs), failures, n_events, run_s


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation and print the tables; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=list(DEFAULT_FOLDERS))
    parser.add_argument("--verbose", action="store_true", help="list every miss per field")
    parser.add_argument(
        "--mode",
        choices=("both", "all", "screening"),
        default="both",
        help="all: full NLP everywhere (extraction fields); screening: the cheap pass (verdicts)",
    )
    parser.add_argument("--json", type=Path, help="also write the scores to this JSON file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    files = corpus(args.folders)
    if not files:
        print("eval_extract: no NAME.expected.json files found", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    engine, read_article, threshold = load_pipeline()
    load_s = time.perf_counter() - t0
    screening_settings = engine.settings
    modes = {"all": ("all events", True), "screening": ("screening", False)}
    chosen = list(modes) if args.mode == "both" else [args.mode]
    payload: dict[str, Any] = {"articles": len(files)}
    for key in chosen:
        title, all_events = modes[key]
        engine.settings = dataclasses.replace(screening_settings, all_events=all_events)
        rows, per_verdict, failures, n_events, run_s = run_mode(
            engine, read_article, threshold, files
        )
        print(
            f"== mode: {title} (all_events={all_events}) == {len(files)} articles, "
            f"{n_events} expected events (engine loaded in {load_s:.1f} s, "
            f"articles screened in {run_s:.1f} s)\n"
        )
        print(table(rows, "Per field"))
        print()
        print(table(per_verdict, "Per verdict (findings vs expected, strict event match)"))
        if failures:
            print(f"\n{len(failures)} article(s) failed:")
            for line in failures:
                print("  " + line)
        if args.verbose:
            for name, s in rows.items():
                if s.misses:
                    print(f"\n-- {name}")
                    for m in s.misses:
                        print("  " + m)
        print()
        payload[key] = {
            "fields": as_json(rows),
            "verdicts": as_json(per_verdict),
            "failures": failures,
        }
    engine.settings = screening_settings
    if args.json:
        tmp = args.json.with_suffix(args.json.suffix + ".tmp")
        tmp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        tmp.replace(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
