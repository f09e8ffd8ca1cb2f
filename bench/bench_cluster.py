"""Screening on a Dask LocalCluster of 1 and 2 workers, beside one process, in one run.

The corpus is ``bench/corpus.py``'s realistic mix (N articles of ~800 words, 10% with a
listed traveller), written to a temporary folder. It prints

  one process   ``Engine.load``, then ``read_articles`` and ``screen_articles`` over every
                article: what ``travelban screen`` does without --workers (the baseline)
  1 worker      ``run_job`` on a LocalCluster of one worker process (one thread)
  2 workers     the same with two worker processes

with, for each: articles per second of screening (start-up excluded), the start-up cost
(cluster start, and the engine loaded in every worker by the plugin: in parallel, so per
worker it is the load time each worker reports), peak resident memory per worker, the
scaling efficiency (rate with 2 workers / twice the rate with 1), and whether the findings
are the same as the one-process run's (key, verdict and confidence of every finding).

A last run rescreens the same corpus on 2 workers for the entries new or changed since
``--since-list`` (default 2026-01-28): the name scan over those entries alone decides
which articles reach the language pipeline.

Run: python bench/bench_cluster.py [--n 600] [--partition-size 25] [--since-list 2026-01-28]
"""

from __future__ import annotations

import argparse
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # type: ignore[import-not-found]  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _findings_of(out: Path, version: str) -> set[tuple[str, str, float]]:
    import pyarrow.parquet as pq

    folder = out / "findings" / f"list_version={version}"
    rows = [r for f in folder.glob("part-*.parquet") for r in pq.read_table(f).to_pylist()]
    return {(r["Key"], r["Verdict"], round(r["Confidence"], 6)) for r in rows}


def one_process(folder: Path) -> dict[str, Any]:
    from travelban.ingest import read_articles
    from travelban.pipeline import Engine, screen_articles
    from travelban.settings import Settings

    t0 = time.perf_counter()
    engine = Engine.load(Settings())
    load = time.perf_counter() - t0
    t1 = time.perf_counter()  # reading is timed too: each task reads its own articles
    articles, _ = read_articles([str(folder)])
    result = screen_articles(engine, articles)
    seconds = time.perf_counter() - t1
    return {
        "label": "one process",
        "rate": len(articles) / seconds,
        "seconds": seconds,
        "startup": load,
        "load": load,
        "memory": _peak_mb(),
        "findings": {(f.key, f.verdict.value, round(f.confidence, 6)) for f in result.findings},
        "articles": len(articles),
    }


def on_cluster(
    folder: Path, workers: int, partition_size: int, out: Path, since: str = ""
) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    from travelban.cluster.driver import job_for, run_job
    from travelban.cluster.partitions import expand_inputs
    from travelban.cluster.work import list_delta
    from travelban.settings import Settings

    job, info, snaps = job_for(Settings(), out, since=since)
    delta = list_delta(Settings(), since) if since else None
    inputs = expand_inputs([str(folder)])
    t0 = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # the HTTP server on a free port, not 8787
            scheduler_kwargs={"dashboard": False},
            silence_logs=40,
        ) as cluster,
        Client(cluster) as client,
    ):
        up = time.perf_counter() - t0
        # run_job registers the engine plugin (every worker loads, in parallel) then screens
        report = run_job(
            client,
            job,
            inputs,
            list_info=info,
            snapshots=snaps,
            partition_size=partition_size,
            startup_seconds=up,
            delta=delta,
        )
        screening = report.seconds - (report.startup_seconds - up)
        loads = client.run(lambda: __import__("travelban.cluster.work", fromlist=["_"]).loads())
        memory = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {
        "label": f"{workers} worker(s)" + (" rescreen" if since else ""),
        "skipped": report.record.skipped,
        "rate": (report.record.articles + report.record.skipped) / screening,
        "seconds": screening,
        "startup": report.startup_seconds,
        "load": max(v.get("load_seconds", 0) for v in loads.values()) / 1000,
        "engines": sorted(v.get("engine", 0) for v in loads.values()),
        "memory": max(memory.values()),
        "findings": _findings_of(out, job.list_version),
        "articles": report.record.articles,
        "status": report.record.status,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=600, help="articles in the corpus")
    ap.add_argument("--partition-size", type=int, default=25)
    ap.add_argument(
        "--since-list",
        default="2026-01-28",
        help="older list for the rescreen run (2 workers); '' to skip it",
    )
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="travelban-bench-cluster-") as tmp:
        folder = Path(tmp) / "articles"
        make_corpus(folder, args.n)
        print(f"corpus: {args.n} articles of ~800 words, 10% with a listed traveller")
        print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
        base = one_process(folder)
        runs = [base]
        for n in (1, 2):
            runs.append(on_cluster(folder, n, args.partition_size, Path(tmp) / f"out{n}"))
        rescreen = None
        if args.since_list:
            out = Path(tmp) / "rescreen"
            rescreen = on_cluster(folder, 2, args.partition_size, out, args.since_list)
        print()
        print(
            f"{'run':<12} {'articles/s':>10} {'screening s':>12} {'start-up s':>11} "
            f"{'engine load s':>14} {'peak MB/worker':>15} {'same findings':>14}"
        )
        for r in runs:
            same = "baseline" if r is base else str(r["findings"] == base["findings"])
            print(
                f"{r['label']:<12} {r['rate']:>10.1f} {r['seconds']:>12.1f} "
                f"{r['startup']:>11.1f} {r['load']:>14.1f} {r['memory']:>15.0f} {same:>14}"
            )
        one, two = runs[1], runs[2]
        print()
        print(
            f"findings: {len(base['findings'])} in every run; engines loaded per worker: "
            f"{one['engines']} and {two['engines']}"
        )
        print(f"scaling efficiency, 2 workers vs 1: {two['rate'] / (2 * one['rate']):.0%}")
        print(f"cluster vs one process (1 worker): {one['rate'] / base['rate']:.0%} of the rate")
        if rescreen is not None:
            r = rescreen
            print(
                f"rescreen since {args.since_list} on 2 workers: {r['rate']:.1f} articles/s "
                f"({r['seconds']:.1f} s; {r['skipped']} of {r['skipped'] + r['articles']} "
                f"articles skipped by the name scan; {len(r['findings'])} findings about new "
                f"or changed entries; start-up {r['startup']:.1f} s)"
            )
        ok = all(r["findings"] == base["findings"] for r in runs[1:])
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
