"""List load time: travelban's parser beside a bare ElementTree parse, measured in one run.

Prints, for each shipped snapshot, the median of several runs of:
  baseline   xml.etree.ElementTree.fromstring on the bytes (no safety, no records)
  defused    defusedxml fromstring with DTDs/entities forbidden (no records)
  load_list  the full parse into frozen Entry records (what travelban uses)
  cached     load_list served from the sha256-keyed pickle cache
plus the archive open (manifest + sha256 of every file) and load_all().

Run: /work/venv/bin/python bench/bench_load.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import defusedxml.ElementTree as DET

from travelban.sanctions import Archive, load_list
from travelban.settings import default_lists_dir


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    lists = default_lists_dir()
    archive = Archive.open(lists)
    print(f"{'file':<34} {'MB':>5} {'baseline':>9} {'defused':>9} {'load_list':>10} {'cached':>8}")
    with tempfile.TemporaryDirectory() as cache_name:
        cache = Path(cache_name)
        for info in archive.snapshots:
            data = info.path.read_bytes()
            base = median_time(lambda d=data: ET.fromstring(d), args.repeat)  # type: ignore[misc]
            safe = median_time(
                lambda d=data: DET.fromstring(d, forbid_dtd=True),  # type: ignore[misc]
                args.repeat,
            )
            full = median_time(lambda p=info.path: load_list(p), args.repeat)  # type: ignore[misc]
            load_list(info.path, cache_dir=cache)
            cached = median_time(
                lambda p=info.path: load_list(p, cache_dir=cache),  # type: ignore[misc]
                args.repeat,
            )
            print(
                f"{info.path.name:<34} {len(data) / 1e6:>5.2f} {base:>7.1f}ms {safe:>7.1f}ms "
                f"{full:>8.1f}ms {cached:>6.1f}ms"
            )
    t = time.perf_counter()
    fresh = Archive.open(lists)
    opened = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    every = fresh.load_all()
    load_all = (time.perf_counter() - t) * 1000
    # memory measured on a second fresh archive: tracemalloc slows the timing run a lot
    tracemalloc.start()
    Archive.open(lists).load_all()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    entries = sum(len(s.entries) for s in every)
    print(f"\nArchive.open (manifest + sha256 of {len(fresh.rows)} files): {opened:.1f} ms")
    print(
        f"load_all ({len(every)} snapshots, {entries} entries): {load_all:.0f} ms, "
        f"peak traced memory {peak / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
