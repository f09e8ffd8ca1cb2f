"""Benchmark: the analyst workbook for 10,000 findings, beside a plain DataFrame.to_excel.

Target (issue 5): 10,000 findings written in at most 5 s and 500 MB.

    /work/venv/bin/python bench/bench_report.py [N]

Each measurement runs in a fresh child process so that its peak memory (ru_maxrss) is
its own. The baseline writes only the Findings frame with ``DataFrame.to_excel``
(openpyxl engine, no styles, no other sheets); travelban writes the whole workbook:
every sheet, styles, validation, conditional formats, links and safe text.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import resource
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
    kinds = [
        "baseline to_excel (Findings only)",
        "travelban write_xlsx",
        "travelban to_frames",
        "travelban write_json",
        "travelban write_csv",
    ]
    ctx = mp.get_context("spawn")
    rows = []
    for kind in kinds:
        with tempfile.TemporaryDirectory() as folder:
            queue: mp.Queue = ctx.Queue()
            proc = ctx.Process(target=_measure, args=(kind, n, folder, queue))
            proc.start()
            rows.append(queue.get())
            proc.join()
    first = rows[0]
    print(
        f"{first['findings']} findings, {first['events']} events, {first['matches']} "
        "name candidates"
    )
    print(f"{'what':38} {'seconds':>8} {'peak MB':>8} {'+MB':>6} {'output':>12}")
    for r in rows:
        print(
            f"{r['kind']:38} {r['seconds']:8.2f} {r['peak_mb']:8.0f} {r['growth_mb']:6.0f} "
            f"{r['size']:12,}"
        )
    xlsx = next(r for r in rows if r["kind"] == "travelban write_xlsx")
    ok = xlsx["seconds"] <= 5 and xlsx["peak_mb"] <= 500
    print(
        f"target ≤ 5 s and ≤ 500 MB for the workbook: {'met' if ok else 'NOT met'} "
        f"({xlsx['seconds'] / rows[0]['seconds']:.2f}× the baseline's time)"
    )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
