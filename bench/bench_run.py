"""Scheduled runs end to end: an inbox of N articles, then a run with nothing new.

Everything goes through the real command line in a child process, as cron would start it
(``python -m travelban run``), so the figures include start-up, list and NLP loading, the
state database, decision import and the report. Per child: wall time and peak resident
memory (``wait4`` rusage). Printed beside baselines measured in the same run:

  screen       ``travelban screen INBOX -o DIR`` over the same articles: the one-shot
               job with no state, so the difference is what the state database costs
  import only  ``python -c "import travelban.cli"``: the floor any command pays

Runs measured:

  first run    every article is new (target: articles/s close to ``screen``)
  second run   nothing new (target: <= 2 s wall, engine never loaded)
  list change  with ``--list-change``: ``--as-of`` picks another snapshot, so every
               stored article is screened again from the text in the database

Run: OMP_NUM_THREADS=1 /work/venv/bin/python bench/bench_run.py [--n 1000] [--list-change]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus

TARGET_NOTHING_NEW_S = 2.0


@dataclass(frozen=True, slots=True)
class Measure:
    wall_s: float
    peak_mb: float
    code: int
    stdout: str


def measure(args: list[str], cwd: Path) -> Measure:
    """Run a child process to its end; wall time and its own peak RSS."""
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "1")
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measure(wall, usage.ru_maxrss / 1024, proc.returncode, out)


def travelban(*args: str) -> list[str]:
    return [sys.executable, "-m", "travelban", *args]


def row(name: str, m: Measure, n: int | None = None, note: str = "") -> None:
    rate = f"{n / m.wall_s:8.1f}" if n else " " * 8
    print(
        f"  {name:<14} {m.wall_s:8.2f} s  {rate} art/s  {m.peak_mb:7.0f} MB  exit {m.code}  {note}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the inbox")
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--list-change", action="store_true", help="also time a list change")
    parser.add_argument("--keep", type=Path, default=None, help="work here and keep the files")
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the `screen` baseline (halves the time)"
    )
    args = parser.parse_args(argv)

    tmp = tempfile.TemporaryDirectory(prefix="bench-run-") if args.keep is None else None
    work = Path(tmp.name) if tmp else args.keep
    work.mkdir(parents=True, exist_ok=True)
    inbox = work / "inbox"
    t0 = time.perf_counter()
    make_corpus(inbox, args.n, words=args.words, listed_share=0.1, seed=0)
    print(f"corpus: {args.n} articles of ~{args.words} words ({time.perf_counter() - t0:.1f} s)")
    state = work / "state" / "travelban.sqlite"
    run = travelban(
        "run", "--inbox", str(inbox), "--reports", str(work / "reports"), "--state", str(state)
    )

    print("\n  what           wall         rate           peak RSS")
    floor = measure([sys.executable, "-c", "import travelban.cli"], work)
    row("import only", floor)
    base = None
    if not args.no_baseline:
        base = measure(travelban("screen", str(inbox), "-o", str(work / "screen-out")), work)
        row("screen", base, args.n, "(baseline: no state)")
    first = measure(run, work)
    row("first run", first, args.n, first.stdout.splitlines()[0] if first.stdout else "")
    second = measure(run, work)
    verdict = "PASS" if second.wall_s <= TARGET_NOTHING_NEW_S else "FAIL"
    row(
        "second run",
        second,
        None,
        f"nothing new; target <= {TARGET_NOTHING_NEW_S:.0f} s: {verdict}",
    )
    if args.list_change:
        third = measure([*run, "--as-of", "2024-12-31"], work)
        row("list change", third, args.n, "every stored article screened again")

    size = state.stat().st_size + sum(
        p.stat().st_size for p in state.parent.glob(state.name + "-*") if p.is_file()
    )
    with sqlite3.connect(state) as c:
        findings = c.execute("SELECT COUNT(*) FROM findings").fetchone()[0]
    c.close()
    print(
        f"\nstate database: {size / 1e6:.1f} MB for {args.n} articles "
        f"({size / max(args.n, 1) / 1e3:.1f} kB each, text and results kept), {findings} findings"
    )
    if base is not None and base.wall_s:
        print(f"first run / screen: {first.wall_s / base.wall_s:.2f}x wall time")
    if tmp:
        tmp.cleanup()
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
