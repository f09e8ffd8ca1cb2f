"""Benchmark: the analyst workbook for 10,000 findings, beside a plain DataFrame.to_excel.

Target (issue 5): 10,000 findings written in at most 5 s and 500 MB.

    /work/venv/bin/python bench/bench_report.py [N]

Each measurement runs in a fresh child process so that its peak memory (ru_maxrss) is
its own. The baseline writes only the Findings frame with ``DataFrame.to_excel``
(openpyxl engine, no styles, no other sheets); travelban writes the whole workbook:
every sheet, styles, validation, conditional formats, links and safe text.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def _measure(kind: str, n: int, folder: str, queue: mp.Queue) -> None:
    from conftest_report import entries_for, many_findings
    from travelban.report import to_frames, write_csv, write_json, write_xlsx

    result = many_findings(n)
    entries = entries_for(result)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if kind == "baseline to_excel (Findings only)":
        frame = to_frames(result, entries=entries)["Findings"]
        frame.to_excel(Path(folder) / "baseline.xlsx", index=False)
        size = (Path(folder) / "baseline.xlsx").stat().st_size
    elif kind == "travelban write_xlsx":
        size = write_xlsx(result, Path(folder), entries=entries).stat().st_size
    elif kind == "travelban write_json":
        p = write_json(result, Path(folder) / "r.json", entries=entries)
        size = p.stat().st_size if p else 0
    elif kind == "travelban write_csv":
        size = sum(p.stat().st_size for p in write_csv(result, Path(folder) / "csv"))
    else:  # to_frames
        frames = to_frames(result, entries=entries)
        size = sum(len(f) for f in frames.values())
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put(
        {
            "kind": kind,
            "seconds": seconds,
            "peak_mb": peak / 1024,
            "growth_mb": (peak - base_rss) / 1024,
            "size": size,
            "findings": len(result.findings),
            "events": sum(len(x.events) for x in result.extractions),
            "matches": len(result.matches),
        }
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    kinds = [
        "baseline to_excel (Findings only)",
        "travelban write_xlsx",
        "travelban to_frames",
        "travelban write_json",
        "travelban write_csv",
    ]
    ctx = mp.get_context("spawn")
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    for _ in range(repeats):  # interleaved, so that a busy moment hits every kind alike
        for kind in kinds:
            with tempfile.TemporaryDirectory() as folder:
                queue: mp.Queue = ctx.Queue()
                proc = ctx.Process(target=_measure, args=(kind, n, folder, queue))
                proc.start()
                runs[kind].append(queue.get())
                proc.join()
    first = runs[kinds[0]][0]
    print(
        f"{first['findings']} findings, {first['events']} events, {first['matches']} "
        f"name candidates; {repeats} runs each, fresh process per run"
    )
    print(f"{'what':36} {'best s':>7} {'median s':>8} {'peak MB':>8} {'output bytes':>13}")
    for kind in kinds:
        secs = sorted(r["seconds"] for r in runs[kind])
        peak = max(r["peak_mb"] for r in runs[kind])
        print(
            f"{kind:36} {secs[0]:7.2f} {statistics.median(secs):8.2f} {peak:8.0f} "
            f"{runs[kind][0]['size']:13,}"
        )
    xlsx = statistics.median(r["seconds"] for r in runs["travelban write_xlsx"])
    base = statistics.median(r["seconds"] for r in runs[kinds[0]])
    peak = max(r["peak_mb"] for r in runs["travelban write_xlsx"])
    ok = xlsx <= 5 and peak <= 500
    print(
        f"target: workbook in <= 5 s and <= 500 MB: {'met' if ok else 'NOT met'} "
        f"(median {xlsx:.2f} s, {xlsx / base:.2f}x the baseline's time; peak {peak:.0f} MB)"
    )


if __name__ == "__main__":
    main()
