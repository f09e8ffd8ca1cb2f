"""Benchmark: `travelban review import` on a compression bomb, beside reading it unguarded.

The bomb is a valid .xlsx of about 1 MB whose Findings sheet inflates to more than 1 GB
(one cell of repeated text, as in issue 17). Each measurement runs in a fresh child
process so that its peak memory (ru_maxrss) is its own; the time is the command's, after
the imports (the process's peak after the imports is printed beside it):

  review import (guarded)   the command as shipped: the zip check refuses the file
  review import, real file  the same command on a small real workbook (the usual cost)
  unguarded read            ``report.read_review`` on the bomb, which is what review
                            import did before the check (skip with --no-unguarded)

Targets (issue 17): the bomb refused in under a second and under 200 MB.

    python bench/bench_zipbomb.py [--inflated-mb 1100] [--no-unguarded]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl

CHUNK = b"A" * (1 << 20)


def make_bomb(path: Path, inflated_mb: int) -> Path:
    """A travelban-shaped workbook whose Findings sheet holds one cell of ``inflated_mb`` MB."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Findings"
    ws.append(["Key", "Decision", "Reviewer", "Review date", "Notes"])
    ws.append(["k-0001", "False positive", "ana", "2026-01-31", "PLACEHOLDER"])
    plain = path.with_suffix(".plain.xlsx")
    wb.save(plain)
    with (
        zipfile.ZipFile(plain) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, data)
                continue
            head, tail = data.split(b"PLACEHOLDER", 1)
            with dst.open(info.filename, "w", force_zip64=True) as out:
                out.write(head)
                for _ in range(inflated_mb):
                    out.write(CHUNK)
                out.write(tail)
    return plain


def _child(kind: str, workbook: str, state: str, queue: mp.Queue) -> None:
    # imports first: the figures are the command's work, not the interpreter's start-up
    from click.testing import CliRunner

    from travelban.cli import cli
    from travelban.report import read_review

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    if kind.startswith("review import"):
        result = CliRunner().invoke(cli, ["review", "import", workbook, "--state", state])
        outcome = f"exit {result.exit_code}: {(result.stderr or result.stdout).strip()[:100]}"
    else:
        try:
            read = read_review(Path(workbook))
            outcome = f"read {len(read.decisions)} decision(s)"
        except Exception as exc:  # what the unguarded reader does with it is the figure
            outcome = f"{type(exc).__name__}: {exc}"[:100]
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"seconds": seconds, "peak_mb": peak, "base_mb": base, "outcome": outcome})


def _measure(kind: str, workbook: Path, state: Path) -> dict:
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(kind, str(workbook), str(state), queue))
    proc.start()
    out = queue.get()
    proc.join()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inflated-mb", type=int, default=1100)
    parser.add_argument("--no-unguarded", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bomb = Path(tmp) / "reviewed.xlsx"
        t0 = time.perf_counter()
        plain = make_bomb(bomb, args.inflated_mb)
        with zipfile.ZipFile(bomb) as zf:
            inflated = sum(i.file_size for i in zf.infolist())
        print(
            f"bomb: {bomb.stat().st_size / 1e6:.2f} MB on disk, {inflated / 1e9:.2f} GB inflated "
            f"(built in {time.perf_counter() - t0:.1f} s)"
        )
        runs = [
            ("review import (guarded), bomb", bomb),
            ("review import, real workbook", plain),
        ]
        if not args.no_unguarded:
            runs.append(("unguarded read_review, bomb", bomb))
        for i, (kind, path) in enumerate(runs):
            r = _measure(kind, path, Path(tmp) / f"state{i}.sqlite")
            print(
                f"  {kind:<30} {r['seconds']:7.2f} s  {r['peak_mb']:6.0f} MB peak "
                f"({r['base_mb']:.0f} MB after imports)  {r['outcome']}"
            )
    print("target: the bomb refused in < 1 s and < 200 MB")


if __name__ == "__main__":
    main()
