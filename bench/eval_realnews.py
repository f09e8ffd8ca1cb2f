"""Extraction on real news we did not write: precision and recall of travel events.

Run: ``python bench/eval_realnews.py [--set dev|holdout|all] [--baseline REV] [--verbose]
[--ids ID,...]``

The set is ``bench/realnews/*.jsonl`` (facts only: address, date, expected events; format and
how to regather the texts in ``bench/realnews/README.md``). The texts live in the gitignored
``.cache/realnews/<id>.txt``; a row whose text is missing or whose sha256 differs is skipped
and counted.

Each article is read as the ``events`` command reads it (the full NLP, every person), with
the manifest's publication date. Scores:

* ``person+country``: a predicted (person, country) pair matches an expected one when the
  countries are equal and the names agree (after folding to lower-case ASCII words, every
  word of the shorter name is among the words of the longer, or the surnames agree and the
  rest is compatible). Pairs are counted once per article. A prediction that matches an
  ``optional`` event is neither a hit nor a false positive.
* ``date``: of the matched pairs whose expected event has a date, the share whose predicted
  range overlaps it (a prediction with no date is a miss).
* ``status``: of the matched pairs, the share whose status class agrees: travelled
  (occurred, reported, denied), not travelled (planned, cancelled, refused), approved.
* per tag: recall of ``person+country`` on expected events carrying the tag.
* ``no-travel``: predicted events and apparent breaches (screening mode, the analyst's
  run) on the articles tagged ``no_travel``.
* events whose traveller is unresolved ("a delegation arrived", "the minister said in
  Doha" with no one to link it to) name no person: they are counted apart, never scored.

``--baseline REV`` runs the same predictions with the code of git revision REV (a temporary
worktree, in a child process) and prints both columns; the scoring is the same code.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MANIFEST_DIR = ROOT / "bench" / "realnews"
CACHE = ROOT / ".cache" / "realnews"

TRAVELLED = {"occurred", "reported", "denied"}
NOT_TRAVELLED = {"planned", "cancelled", "refused"}


def status_class(status: str) -> str:
    """The coarse class a status is scored in."""
    if status in TRAVELLED:
        return "travelled"
    if status in NOT_TRAVELLED:
        return "not_travelled"
    return status or "?"


# ---------------------------------------------------------------- manifest


@dataclass
class Row:
    id: str
    url: str
    published: date
    text_path: Path
    sha256: str
    tags: list[str]
    events: list[dict[str, Any]]
    optional: list[dict[str, Any]]


def load_rows(ids: set[str] | None = None, split: str = "dev") -> tuple[list[Row], list[str]]:
    """Manifest rows whose cached text is present and intact; and the ids skipped.

    ``split`` is ``dev`` (``bench/realnews/*.jsonl``, used while developing), ``holdout``
    (``bench/realnews/holdout/*.jsonl``, gathered later by annotators who did not see the
    code's output, and only ever scored) or ``all``."""
    rows: list[Row] = []
    skipped: list[str] = []
    parts = {
        "dev": sorted(MANIFEST_DIR.glob("*.jsonl")),
        "holdout": sorted((MANIFEST_DIR / "holdout").glob("*.jsonl")),
    }
    for part in parts["dev"] + parts["holdout"] if split == "all" else parts[split]:
        for line in part.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            if ids and d["id"] not in ids:
                continue
            path = CACHE / f"{d['id']}.txt"
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != d["sha256"]:
                skipped.append(d["id"])
                continue
            rows.append(
                Row(
                    id=d["id"],
                    url=d["url"],
                    published=date.fromisoformat(d["published"]),
                    text_path=path,
                    sha256=d["sha256"],
                    tags=list(d.get("tags", [])),
                    events=list(d.get("events", [])),
                    optional=list(d.get("optional", [])),
                )
            )
    return rows, skipped


# ---------------------------------------------------------------- predictions


def predict(rows: list[Row], src: Path | None = None) -> dict[str, Any]:
    """Predictions of the code in ``src`` (default: the installed package), in a child."""
    jobs = [
        {"id": r.id, "path": str(r.text_path), "published": r.published.isoformat()} for r in rows
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(jobs, f)
        job_file = f.name
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--worker", job_file],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(job_file)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def worker(job_file: str) -> None:
    """Child process: extract every job's article and print predictions as JSON."""
    import logging

    logging.disable(logging.WARNING)
    from travelban.models import Article, DateSource, Verdict
    from travelban.pipeline import Engine
    from travelban.settings import Settings

    jobs = json.loads(Path(job_file).read_text())
    engine = Engine.load(Settings())
    out: dict[str, Any] = {"articles": {}, "seconds": 0.0}
    t0 = time.perf_counter()
    for job in jobs:
        text = Path(job["path"]).read_text(encoding="utf-8")
        article = Article(
            source=job["path"],
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            text=text,
            published=date.fromisoformat(job["published"]),
            published_source=DateSource.GIVEN,
        )
        rec: dict[str, Any] = {"events": [], "breaches": 0, "error": ""}
        try:
            ex = engine.extractor.extract(article, full=True)
            names = {p.pid: p.name for p in ex.people}
            nats = {p.pid: list(p.nationalities) for p in ex.people}
            for e in ex.events:
                rec["events"].append(
                    {
                        "resolved": e.person_id is not None,
                        "person": names.get(e.person_id or "", e.person_name),
                        "country": e.destination.country if e.destination else None,
                        "place": e.destination.name if e.destination else "",
                        "date_from": e.when.start.isoformat() if e.when.start else None,
                        "date_to": e.when.end.isoformat() if e.when.end else None,
                        "status": e.status.value,
                        "kind": e.kind,
                        "nationalities": nats.get(e.person_id or "", []),
                        "trigger": e.trigger,
                        "evidence": e.evidence[:300],
                    }
                )
            rec["people"] = sorted(names.values())
            res = engine.screen_article(article)
            rec["breaches"] = sum(f.verdict is Verdict.APPARENT_BREACH for f in res.findings)
        except Exception as exc:  # an article that breaks extraction is a scored miss
            rec["error"] = f"{type(exc).__name__}: {exc}"
        out["articles"][job["id"]] = rec
    out["seconds"] = time.perf_counter() - t0
    json.dump(out, sys.stdout)


# ---------------------------------------------------------------- scoring


def fold(name: str) -> list[str]:
    from anyascii import anyascii

    words = "".join(c if c.isalnum() else " " for c in anyascii(name).lower()).split()
    return [w for w in words if w not in {"al", "el", "bin", "ibn", "de", "the"}]


def same_person(a: str, b: str) -> bool:
    """Names agree: the shorter's words are all in the longer's, or the surnames agree and
    the rest is compatible. Words are compared through one spelling of their vowels
    ("Mohammed" and "Mohammad", "Abdelsalam" and "Abdulsalam" are one word here)."""
    wa, wb = [_skeleton(w) for w in fold(a)], [_skeleton(w) for w in fold(b)]
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if set(short) <= set(long_):
        return True
    return wa[-1] == wb[-1] and (wa[0] == wb[0] or len(short) == 1)


def _skeleton(word: str) -> str:
    """A word with its vowels after the first letter merged into one 'a' and its doubled
    letters written once (transliteration: "Idriss" and "Idris", "Hassan" and "Hasan")."""
    if len(word) <= 3:
        return word
    out = word[0]
    for k, ch in enumerate(word[1:], 1):
        if ch == word[k - 1]:
            continue
        v = ch in "aeiouy"
        c = "a" if v else ch
        if not (v and out.endswith("a")):
            out += c
    return out[:-1] if len(out) > 4 and out.endswith("a") else out  # "Muhammadu"


def overlaps(e: dict[str, Any], p: dict[str, Any]) -> bool:
    if not (p.get("date_from") or p.get("date_to")) or not (e.get("date_from") or e.get("date_to")):
        return False
    a0 = e["date_from"] or e["date_to"]
    a1 = e["date_to"] or e["date_from"]
    b0 = p["date_from"] or p["date_to"]
    b1 = p["date_to"] or p["date_from"]
    return bool(a0 <= b1 and b0 <= a1)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    date_ok: int = 0
    date_n: int = 0
    status_ok: int = 0
    status_n: int = 0
    tag_hit: Counter[str] = field(default_factory=Counter)
    tag_n: Counter[str] = field(default_factory=Counter)
    nt_events: int = 0
    nt_breaches: int = 0
    nt_articles: int = 0
    unresolved: int = 0
    errors: int = 0
    misses: list[str] = field(default_factory=list)
    date_misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)


def score(rows: Iterable[Row], preds: dict[str, Any]) -> Tally:
    """Tally of the predictions against the manifest."""
    t = Tally()
    for row in rows:
        rec = preds["articles"].get(row.id, {"events": [], "breaches": 0, "error": "missing"})
        if rec.get("error"):
            t.errors += 1
        # an event whose traveller is unresolved ("a delegation", "the minister") names no
        # one: it can neither match an expected event nor be a false one; counted apart
        t.unresolved += sum(1 for p in rec["events"] if not p.get("resolved", True))
        predicted = [p for p in rec["events"] if p.get("country") and p.get("resolved", True)]
        if "no_travel" in row.tags:
            t.nt_articles += 1
            t.nt_events += len(predicted)
            t.nt_breaches += rec.get("breaches", 0)
        used: set[int] = set()
        for e in row.events:
            tags = list(e.get("tags", [])) or ["(untagged)"]
            for tag in tags:
                t.tag_n[tag] += 1
            cands = [
                i
                for i, p in enumerate(predicted)
                if p["country"] == e["country"] and same_person(p["person"], e["person"])
            ]
            if not cands:
                t.fn += 1
                t.misses.append(f"{row.id}: {e['person']} -> {e['country']} {e.get('place', '')}")
                continue
            t.tp += 1
            for tag in tags:
                t.tag_hit[tag] += 1
            best = next((i for i in cands if overlaps(e, predicted[i])), cands[0])
            used.update(cands)
            if e.get("date_from") or e.get("date_to"):
                t.date_n += 1
                ok = overlaps(e, predicted[best])
                t.date_ok += ok
                if not ok:
                    got = predicted[best]
                    t.date_misses.append(
                        f"{row.id}: {e['person']} -> {e['country']} expected "
                        f"{e.get('date_from')}..{e.get('date_to')}, "
                        f"got {got.get('date_from')}..{got.get('date_to')}"
                    )
            t.status_n += 1
            t.status_ok += status_class(predicted[best]["status"]) == status_class(e["status"])
        pairs: set[tuple[str, str]] = set()
        for i, p in enumerate(predicted):
            if i in used:
                continue
            if any(
                p["country"] == o["country"] and same_person(p["person"], o["person"])
                for o in row.optional + row.events
            ):
                continue
            key = (" ".join(fold(p["person"])), p["country"])
            if key in pairs:
                continue
            pairs.add(key)
            t.fp += 1
            t.false.append(f"{row.id}: {p['person']} -> {p['country']} ({p['place']})")
    return t


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   — "


def report(rows: list[Row], tallies: dict[str, Tally], verbose: bool) -> None:
    names = list(tallies)
    head = f"{'measure':34}" + "".join(f"{n:>14}" for n in names)
    print(head)
    print("-" * len(head))

    def line(label: str, f: Any) -> None:
        print(f"{label:34}" + "".join(f"{f(tallies[n]):>14}" for n in names))

    line("person+country precision", lambda t: pct(t.tp, t.tp + t.fp))
    line("person+country recall", lambda t: pct(t.tp, t.tp + t.fn))
    line("  (tp / fp / fn)", lambda t: f"{t.tp}/{t.fp}/{t.fn}")
    line("date overlaps (of matched, dated)", lambda t: pct(t.date_ok, t.date_n))
    line("  (right / matched with a date)", lambda t: f"{t.date_ok}/{t.date_n}")
    line("status class (of matched)", lambda t: pct(t.status_ok, t.status_n))
    line("no-travel articles: events", lambda t: f"{t.nt_events} in {t.nt_articles}")
    line("no-travel articles: breaches", lambda t: str(t.nt_breaches))
    line("events with an unresolved traveller", lambda t: str(t.unresolved))
    line("articles that raised an error", lambda t: str(t.errors))
    tags = tallies[names[-1]].tag_n  # the same expected events in every column
    print()
    print("recall per tag (events with the tag)")
    for tag, n in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0])):
        line(f"  {tag} ({n})", lambda t, tag=tag: pct(t.tag_hit[tag], t.tag_n[tag]))
    if verbose:
        last = tallies[names[-1]]
        print("\nmissed (last column):")
        for m in last.misses:
            print("  " + m)
        print("\nfalse (last column):")
        for m in last.false:
            print("  " + m)
        print("\nmatched with a date that does not overlap (last column):")
        for m in last.date_misses:
            print("  " + m)


def baseline_src(rev: str) -> Path:
    """A worktree of ``rev`` under /tmp (reused when present); its src folder."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", rev],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    where = Path(tempfile.gettempdir()) / f"travelban-baseline-{sha}"
    if not where.is_dir():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), sha],
            check=True,
            capture_output=True,
        )
    return where / "src"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", metavar="REV", help="also score the code of this revision")
    ap.add_argument("--verbose", action="store_true", help="list misses and false events")
    ap.add_argument("--ids", help="only these comma-separated ids")
    ap.add_argument(
        "--set",
        choices=("dev", "holdout", "all"),
        default="dev",
        help="which rows: the development set (default), the held-out set, or both",
    )
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--dump", metavar="PATH", help="write the predictions as JSON")
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0
    rows, skipped = load_rows(set(args.ids.split(",")) if args.ids else None, args.set)
    if not rows:
        print("no article texts in .cache/realnews: see bench/realnews/README.md to regather")
        return 1
    n_events = sum(len(r.events) for r in rows)
    print(
        f"{len(rows)} articles, {n_events} expected events, "
        f"{sum('no_travel' in r.tags for r in rows)} with no travel"
        + (f"; {len(skipped)} skipped (text missing or changed)" if skipped else "")
    )
    tallies: dict[str, Tally] = {}
    if args.baseline:
        base = predict(rows, baseline_src(args.baseline))
        tallies[f"@{args.baseline}"] = score(rows, base)
    now = predict(rows)
    if args.dump:
        Path(args.dump).write_text(json.dumps(now, indent=1))
    tallies["this tree"] = score(rows, now)
    print(f"({now['seconds']:.1f} s of extraction)\n")
    report(rows, tallies, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
