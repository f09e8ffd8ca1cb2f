"""Extraction speed and memory on one core, beside the bare spaCy pipeline, in one run.

Two corpora from ``bench/corpus.py`` (generated in a temporary folder):

* a realistic mix: N articles of ~800 words, 10% of them with a listed traveller;
* a long variant: M articles of ~2,000 words, every one with a listed traveller.

For each corpus it prints articles per second for

  bare spaCy   ``nlp(text)`` over every article (the NER + parse baseline)
  extract      ``Extractor.extract(article)`` with ``full=True`` (everything, always)
  cheap pass   ``Extractor.extract(article, full=False)`` (the list scan decides whether
               the NLP runs; what the screening pipeline uses)

with the pipeline, gazetteer and name index loaded once (load times printed apart), and
the peak memory of the process (ru_maxrss) plus the peak traced Python allocation of one
extraction pass. Targets: >= 50 articles/s on the mix with the cheap pass; >= 5 articles/s
on the long articles.

A third corpus (issue 17) holds very long articles, over spaCy's own limit of 1,000,000
characters (a PDF dump, a long web page): generic stories run together, with a listed
traveller in the last paragraph. Each of them is measured in a fresh process, so that
its peak resident memory is its own, for

  bare spaCy   ``nlp.pipe`` over the same windows, joined to nothing (the baseline: one
               ``nlp(text)`` refuses such a text)
  cheap pass   ``extract(article, full=False)``: what screening runs
  extract      ``extract(article)``: every window parsed, joined into one Doc

Run: OMP_NUM_THREADS=1 /work/venv/bin/python bench/bench_extract.py [--n 300] [--long 40]
     [--huge 1] [--huge-chars 1200000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os

# one core: numpy/BLAS threads off before spaCy is imported
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import LISTED, make_corpus  # type: ignore[import-not-found]  # noqa: E402
from travelban.extract import Extractor  # noqa: E402
from travelban.extract.nlp import load_nlp, windows  # noqa: E402
from travelban.extract.places import Gazetteer  # noqa: E402
from travelban.ingest import read_article  # noqa: E402
from travelban.models import Article  # noqa: E402
from travelban.names import NameIndex  # noqa: E402
from travelban.pipeline import _union_entries  # noqa: E402
from travelban.sanctions import Archive  # noqa: E402
from travelban.settings import default_lists_dir  # noqa: E402


def _timed(label: str, fn: Callable[[], object]) -> tuple[object, float]:
    t = time.perf_counter()
    value = fn()
    elapsed = time.perf_counter() - t
    print(f"  load {label:<28} {elapsed * 1000:8.0f} ms")
    return value, elapsed


def _rate(articles: Sequence[Article], fn: Callable[[Article], object]) -> float:
    t = time.perf_counter()
    for a in articles:
        fn(a)
    return len(articles) / (time.perf_counter() - t)


def _peak_traced(articles: Sequence[Article], fn: Callable[[Article], object]) -> float:
    tracemalloc.start()
    for a in articles:
        fn(a)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _huge_articles(folder: Path, count: int, chars: int) -> list[tuple[Path, str]]:
    """``count`` (article, traveller's surname) of about ``chars`` characters: generic
    stories run together, a story of a listed traveller last."""
    generic = [
        p.read_text(encoding="utf-8")
        for p in make_corpus(folder / "g", 200, listed_share=0.0, seed=17)
    ]
    listed = make_corpus(folder / "l", count, listed_share=1.0, seed=17)
    manifest = json.loads((folder / "l" / "manifest.json").read_text(encoding="utf-8"))
    surnames = {t.reference: t.surname for t in LISTED}
    out = []
    for i, last in enumerate(listed):
        parts: list[str] = []
        size = 0
        j = i * 37
        while size < chars:
            parts.append(generic[j % len(generic)])
            size += len(parts[-1]) + 1
            j += 1
        parts.append(last.read_text(encoding="utf-8"))
        path = folder / f"huge-{i}.txt"
        path.write_text("\n".join(parts), encoding="utf-8")
        out.append((path, surnames[manifest[i]["reference"]]))
    return out


def _index_of(lists: Path) -> NameIndex:
    archive = Archive.open(lists)
    entries = _union_entries([archive.load(info) for info in archive.snapshots])
    return NameIndex.build(entries.values())


def _huge_child(mode: str, paths: list[tuple[str, str]], queue: mp.Queue) -> None:
    """One measurement of the huge articles in a fresh process: rate and peak memory."""
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    lists = default_lists_dir()
    nlp = load_nlp()
    extractor = Extractor(nlp, Gazetteer.load(lists), scanner=_index_of(lists))  # type: ignore[arg-type]
    arts = [(read_article(Path(p)), surname) for p, surname in paths]
    extractor.extract(read_article(Path(__file__).parents[1] / "examples" / "soleimani-moscow.txt"))
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = 0
    t = time.perf_counter()
    for a, surname in arts:
        if mode == "bare spaCy":
            for _ in nlp.pipe((a.text[s:e] for s, e in windows(a.text)), batch_size=1):
                pass
        else:
            ex = extractor.extract(a, full=mode.startswith("extract"))
            found += any(surname in e.person_name and e.destination for e in ex.events)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(
        {
            "rate": len(arts) / seconds,
            "chars": sum(len(a.text) for a, _ in arts) / seconds,
            "loaded": loaded,
            "peak": peak,
            "found": found,
        }
    )


def _huge(count: int, chars: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = [(str(p), surname) for p, surname in _huge_articles(Path(tmp), count, chars)]
        texts = [read_article(Path(p)).text for p, _ in paths]
        print(
            f"\nvery long, {min(map(len, texts)):,}-{max(map(len, texts)):,} characters, a "
            f"listed traveller in the last paragraph: {count} article(s), "
            f"{len(windows(texts[0]))} windows each"
        )
        ctx = mp.get_context("spawn")
        for mode in ("bare spaCy", "cheap pass", "extract (full)"):
            queue: mp.Queue = ctx.Queue()
            proc = ctx.Process(target=_huge_child, args=(mode, paths, queue))
            proc.start()
            r = queue.get()
            proc.join()
            found = "" if mode == "bare spaCy" else f"; traveller found in {r['found']}/{count}"
            print(
                f"  {mode:<15} {r['rate']:8.3f} articles/s ({r['chars'] / 1000:6.0f} k chars/s); "
                f"peak {r['peak']:.0f} MiB, {r['peak'] - r['loaded']:+.0f} MiB over the "
                f"loaded pipeline{found}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="articles in the realistic mix")
    parser.add_argument("--long", type=int, default=40, help="2,000-word articles")
    parser.add_argument("--huge", type=int, default=1, help="articles over 1,000,000 chars")
    parser.add_argument("--huge-chars", type=int, default=1_200_000, help="their length")
    args = parser.parse_args(argv)
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    lists = default_lists_dir()
    print(f"extraction benchmark (one core, pid {os.getpid()})")
    nlp, _ = _timed("spaCy pipeline", load_nlp)
    gazetteer, _ = _timed("gazetteer", lambda: Gazetteer.load(lists))

    index, _ = _timed("UN name index", lambda: _index_of(lists))
    extractor = Extractor(nlp, gazetteer, scanner=index)  # type: ignore[arg-type]

    with tempfile.TemporaryDirectory() as tmp:
        mix = [read_article(p) for p in make_corpus(Path(tmp) / "mix", args.n)]
        long = [
            read_article(p)
            for p in make_corpus(Path(tmp) / "long", args.long, words=2000, listed_share=1.0)
        ]
    if mix:
        extractor.extract(mix[0])  # warm-up: first-call costs are not throughput

    for label, arts in (
        ("mix, ~800 words, 10% listed", mix),
        ("long, ~2,000 words, all listed", long),
    ):
        if not arts:
            continue
        words = sum(len(a.text.split()) for a in arts) / max(1, len(arts))
        print(f"\n{label}: {len(arts)} articles, {words:.0f} words on average")
        bare = _rate(arts, lambda a: nlp(a.text))
        full = _rate(arts, lambda a: extractor.extract(a))
        cheap = _rate(arts, lambda a: extractor.extract(a, full=False))
        print(f"  bare spaCy      {bare:8.1f} articles/s")
        print(f"  extract (full)  {full:8.1f} articles/s   ({full / bare:4.2f} x bare)")
        print(f"  cheap pass      {cheap:8.1f} articles/s   ({cheap / bare:4.2f} x bare)")
        sample = arts[: min(20, len(arts))]
        print(
            f"  peak traced allocation of one extraction pass: "
            f"{_peak_traced(sample, lambda a: extractor.extract(a)):.1f} MiB"
        )
    events = sum(len(extractor.extract(a).events) for a in long)
    print(f"\nevents found in the long articles: {events} ({events / max(1, len(long)):.1f} each)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the process: {peak:.0f} MiB")
    print("targets: cheap pass on the mix >= 50 articles/s; long articles >= 5 articles/s")
    if args.huge:
        _huge(args.huge, args.huge_chars)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
