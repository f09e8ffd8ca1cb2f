"""Crash safety: ``travelban run`` killed with SIGKILL at many points, then run again.

Each kill lands either right after a chosen log line (run started, decisions imported,
the k-th article screened, report written but run not yet marked complete) or at a
random moment (several seeds). After every kill a run to completion must leave: each
article recorded once, no finding recorded (or announced as new) twice, every analyst
decision kept exactly once, no half-written or leftover report file, and every finding
shown in at least one complete report.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from test_run_fakes import write_article

DRIVER = Path(__file__).with_name("test_run_fakes.py")
ROOT = Path(__file__).resolve().parents[1]


def trips(i: int) -> list[str]:
    """Article i's TRIP lines: some breaches, some reviews, some nothing."""
    out = []
    if i % 2 == 0:
        out.append(f"TRIP IRi.039 RU 2015-07-{1 + i:02d} apparent_breach")
    if i % 3 == 0:
        out.append(f"TRIP QDi.001 IQ 2015-03-{1 + i:02d} needs_review")
    return out


def start(site: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), "run", "--config", str(site / "travelban.toml")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def finish(site: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, str(DRIVER), "run", "--config", str(site / "travelban.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


def kill_after_line(site: Path, needle: str, nth: int = 1) -> bool:
    """Start a run and SIGKILL it right after the nth stderr line containing ``needle``."""
    proc = start(site)
    assert proc.stderr is not None
    seen = 0
    for line in proc.stderr:
        if needle in line:
            seen += 1
            if seen == nth:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=60)
    proc.stdout and proc.stdout.close()
    proc.stderr.close()
    return proc.returncode == -signal.SIGKILL


def kill_between_report_and_commit(site: Path) -> bool:
    """SIGKILL a run after its report is on disk but before the run is marked complete.

    When the run says it is writing its report the test takes the database's write lock
    (WAL readers still read), so the run writes the report and then waits to commit.
    """
    proc = start(site)
    assert proc.stderr is not None
    holder: sqlite3.Connection | None = None
    try:
        for line in proc.stderr:
            if "writing the report" in line:
                holder = sqlite3.connect(site / "state" / "db.sqlite", isolation_level=None)
                holder.execute("BEGIN EXCLUSIVE")
            if "wrote " in line:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=60)
    finally:
        if holder is not None:
            holder.execute("ROLLBACK")
            holder.close()
    proc.stdout and proc.stdout.close()
    proc.stderr.close()
    return proc.returncode == -signal.SIGKILL


def kill_after_seconds(site: Path, seconds: float) -> bool:
    proc = start(site)
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    return proc.returncode == -signal.SIGKILL


def make_site(tmp_path: Path, n: int) -> Path:
    (tmp_path / "list.txt").write_text("IRi.039\nQDi.001\nSLOW 0.08\n", encoding="utf-8")
    (tmp_path / "travelban.toml").write_text(
        'inbox = "inbox"\nlist = "list.txt"\nstate = "state/db.sqlite"\n', encoding="utf-8"
    )
    for i in range(n):
        write_article(tmp_path / "inbox", f"a{i:02d}.txt", *trips(i))
    return tmp_path


def decide_all(report: Path, value: str) -> int:
    """Type ``value`` into every Findings row of a report; returns how many rows."""
    wb = openpyxl.load_workbook(report)
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    dcol, rcol = header.index("Decision") + 1, header.index("Reviewer") + 1
    n = 0
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 1).value is None:
            continue
        ws.cell(row, dcol).value = value
        ws.cell(row, rcol).value = "crash-test"
        n += 1
    wb.save(report)
    return n


def shown_keys(report: Path) -> set[str]:
    wb = openpyxl.load_workbook(report)  # raises on a half-written file
    keys: set[str] = set()
    for name in ("Findings", "Previously reviewed"):
        if name in wb.sheetnames:
            rows = list(wb[name].iter_rows(values_only=True))
            k = rows[0].index("Key")
            keys |= {r[k] for r in rows[1:] if r[k]}
    return keys


def check_state(site: Path, n_articles: int, decisions: int) -> None:
    with sqlite3.connect(site / "state" / "db.sqlite") as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = c.execute("SELECT status, COUNT(*) FROM articles GROUP BY status").fetchall()
        assert articles == [("screened", n_articles)]
        expected = sum(len(trips(i)) for i in range(n_articles))
        assert c.execute("SELECT COUNT(*) FROM findings").fetchone()[0] == expected
        dup_new = c.execute(
            "SELECT finding_key FROM finding_changes WHERE change = 'new' "
            "GROUP BY finding_key HAVING COUNT(*) > 1"
        ).fetchall()
        assert dup_new == []
        assert c.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == decisions
        statuses = {r[0] for r in c.execute("SELECT status FROM runs")}
        assert "running" not in statuses
        last = c.execute("SELECT status FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0]
        assert last == "complete"
        unreported = c.execute("SELECT COUNT(*) FROM articles WHERE reported_run IS NULL")
        assert unreported.fetchone()[0] == 0
        keys = {r[0] for r in c.execute("SELECT key FROM findings")}
    c.close()
    reports = sorted((site / "reports").glob("*.xlsx"))
    shown: set[str] = set()
    for report in reports:
        shown |= shown_keys(report)
    assert keys <= shown, "a finding never reached a complete report"
    leftovers = [p.name for p in (site / "reports").iterdir() if p.suffix != ".xlsx"]
    assert leftovers == []


@pytest.mark.slow
def test_runs_killed_at_chosen_points_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path, 4)
    finish(site)
    (first,) = sorted((site / "reports").glob("*.xlsx"))
    decided = decide_all(first, "False positive")
    assert decided == sum(len(trips(i)) for i in range(4))
    for i in range(4, 14):
        write_article(site / "inbox", f"a{i:02d}.txt", *trips(i))

    points = [
        ("started (state", 1),
        ("decision(s) recorded", 1),
        ("screened ", 2),
        ("screened ", 5),
        ("wrote ", 1),  # the report is on disk, the run not yet marked complete
    ]
    for needle, nth in points:
        before = len(list((site / "reports").glob("*.xlsx")))
        if needle == "wrote ":
            assert kill_between_report_and_commit(site)
        else:
            assert kill_after_line(site, needle, nth), needle
        with sqlite3.connect(site / "state" / "db.sqlite") as c:
            last = c.execute("SELECT status FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0]
        c.close()
        assert last == "running", f"the kill after {needle!r} came too late"
        after = len(list((site / "reports").glob("*.xlsx")))
        assert after == before + (1 if needle == "wrote " else 0)
    finish(site)
    check_state(site, 14, decided)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_runs_killed_at_random_moments_recover(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    site = make_site(tmp_path, 3)
    finish(site)
    (first,) = sorted((site / "reports").glob("*.xlsx"))
    decided = decide_all(first, "Needs more information")
    n = 3
    for _ in range(3):
        for _ in range(3):
            write_article(site / "inbox", f"a{n:02d}.txt", *trips(n))
            n += 1
        if rng.random() < 0.5:  # a list change: everything is screened again
            lines = (site / "list.txt").read_text().splitlines()
            (site / "list.txt").write_text("\n".join([*lines, f"ZZi.{n:03d}"]) + "\n")
        kill_after_seconds(site, rng.uniform(0.3, 2.5))
    finish(site)
    check_state(site, n, decided)
    assert os.listdir(site / "reports")
