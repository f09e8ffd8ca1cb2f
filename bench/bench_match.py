"""Speed of name screening: names/s, load time and peak memory, beside a brute-force baseline.

Run: ``python bench/bench_match.py [N]`` (default 20,000 names).

The queries are a fixed-seed mix that looks like a screening batch: 80 % people who are
not listed (given and family names recombined from ``bench/not_listed_names.txt``) and
20 % noisy variants of listed names (typos, transliteration swaps, partial names).

Baseline, measured in the same process: fold every name with anyascii, then a bare
rapidfuzz ``process.cdist`` (token_sort_ratio, one worker) of every query against every
list name, in chunks of 1,000 queries, keeping the hits >= 80.

Each figure is the best of ``REPEATS`` runs, alternating ours and the baseline (the
machine may be shared; the best run is the least disturbed one). Every run of ours
starts cold: a fresh normaliser (no cached words) and a fresh index. Rates are given
per CPU second of this process and per wall-clock second.
"""

from __future__ import annotations

import gc
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_names import LIST, fold, read_not_listed, variants
from travelban.models import Entry, EntryKind
from travelban.names import NameIndex
from travelban.names.normalize import Normalizer
from travelban.names.rules import load_rules
from travelban.sanctions import load_list

REPEATS = 3


def make_queries(n: int) -> list[str]:
    rng = random.Random(7)
    people = [p.split() for p in read_not_listed()]
    givens = [w[0] for w in people if len(w) >= 2]
    families = [w[-1] for w in people if len(w) >= 2]
    middles = [w[1] for w in people if len(w) >= 3]
    entries = [e for e in load_list(LIST).entries if e.kind is EntryKind.INDIVIDUAL]
    out = []
    while len(out) < n:
        if rng.random() < 0.8:
            parts = [rng.choice(givens)]
            if rng.random() < 0.4:
                parts.append(rng.choice(middles))
            parts.append(rng.choice(families))
            out.append(" ".join(parts))
        else:
            e = rng.choice(entries)
            if len(e.name.split()) >= 2:
                out.append(rng.choice(variants(rng, e))[1])
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    queries = make_queries(n)
    print(f"{len(queries):,} queries ({len(set(queries)):,} distinct), list {LIST.name}")
    gc.collect()

    # ---- baseline: anyascii fold + rapidfuzz cdist against every list name
    def baseline(entries: list[Entry], qs: list[str]) -> int:
        names = [
            fold(f)
            for e in entries
            for f in (e.name, e.original_script, *(a.name for a in e.aliases))
            if f.strip()
        ]
        found = 0
        folded = [fold(q) for q in qs]
        for i in range(0, len(folded), 1000):
            m = process.cdist(
                folded[i : i + 1000], names, scorer=fuzz.token_sort_ratio, score_cutoff=80,
                dtype=np.uint8, workers=1,
            )  # fmt: skip
            found += int((m.max(axis=1) >= 80).sum())
        return found

    def clocks() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    def since(start: tuple[float, float]) -> tuple[float, float]:
        return time.perf_counter() - start[0], time.process_time() - start[1]

    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in ("parse", "build", "ours", "base")}
    alerts = base_alerts = 0
    for _ in range(REPEATS):
        gc.collect()
        t = clocks()
        slist = load_list(LIST)
        runs["parse"].append(since(t))
        t = clocks()
        index = NameIndex(slist.entries, Normalizer(load_rules()))
        runs["build"].append(since(t))
        t = clocks()
        results = index.screen_many(queries)
        runs["ours"].append(since(t))
        alerts = sum(1 for r in results if r)
        t = clocks()
        base_alerts = baseline(list(slist.entries), queries)
        runs["base"].append(since(t))
        del index, results
    best = {k: (min(w for w, _ in v), min(c for _, c in v)) for k, v in runs.items()}

    # memory: a traced run of load + index + screening 5,000 names, then of the baseline
    gc.collect()
    tracemalloc.start()
    traced = NameIndex(load_list(LIST).entries, Normalizer(load_rules()))
    traced.screen_many(queries[:5000])
    _, ours_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del traced
    gc.collect()
    tracemalloc.start()
    baseline(list(load_list(LIST).entries), queries[:5000])
    _, base_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    n_q = len(queries)
    (pw, _), (bw, _) = best["parse"], best["build"]
    (ow, oc), (xw, xc) = best["ours"], best["base"]
    print(f"best of {REPEATS} runs each, ours starting cold every time")
    print(f"{'':30}{'travelban':>14}{'baseline cdist':>16}")
    print(f"{'list parse (s, wall)':30}{pw:>14.3f}{pw:>16.3f}")
    print(f"{'index build (s, wall)':30}{bw:>14.3f}{'(in screen)':>16}")
    print(f"{'load + index (s, wall)':30}{pw + bw:>14.3f}{pw:>16.3f}")
    print(f"{'screen (s, CPU)':30}{oc:>14.3f}{xc:>16.3f}")
    print(f"{'names/s (one core, CPU)':30}{n_q / oc:>14,.0f}{n_q / xc:>16,.0f}")
    print(f"{'names/s (wall clock)':30}{n_q / ow:>14,.0f}{n_q / xw:>16,.0f}")
    print(f"{'peak traced MB (5k names)':30}{ours_peak / 1e6:>14.1f}{base_peak / 1e6:>16.1f}")
    print(f"{'queries with an alert':30}{alerts:>14,}{base_alerts:>16,}")
    print(f"process peak RSS: {peak_rss_mb():.0f} MB")
    print(f"speed-up over baseline: x{xc / oc:.1f} (CPU), x{xw / ow:.1f} (wall)")
    slist = load_list(LIST)

    # ---- text scan: 800-word articles made of the project's own test articles' sentences
    rng = random.Random(3)
    root = Path(__file__).resolve().parents[1]
    sources = [*sorted((root / "tests" / "articles").glob("*.txt"))]
    sources.append(root / "examples" / "soleimani-moscow.txt")
    sentences = [
        s.strip() + "."
        for f in sources
        if f.is_file()
        for s in f.read_bytes().decode("utf-8", errors="ignore").split(".")
        if s.strip()
    ]
    articles = []
    for _ in range(300):
        words: list[str] = []
        while len(words) < 800:
            words.extend(rng.choice(sentences).split())
        articles.append(" ".join(words[:800]))
    fresh = NameIndex.build(slist.entries)
    s0 = time.perf_counter()
    hits = sum(len(fresh.find_in_text(a)) for a in articles)
    s1 = time.perf_counter()
    print(
        f"find_in_text: {len(articles) / (s1 - s0):,.0f} articles/s of 800 words "
        f"({hits / len(articles):.1f} hits per article; first call builds the phrase table)"
    )


if __name__ == "__main__":
    main()
