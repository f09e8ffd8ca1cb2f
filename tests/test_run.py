"""``travelban run`` end to end with a stand-in engine: inbox, state, decisions, list changes."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

import travelban.runner as runner
from conftest import remove_deep
from test_run_fakes import FakeEngine, fake_fingerprint, write_article
from travelban.cli import cli
from travelban.settings import Settings
from travelban.state import Store, run_lock

BREACH = "TRIP IRi.039 RU 2015-07-01 apparent_breach"
REVIEW = "TRIP QDi.001 IQ 2015-03-08 needs_review"


class Loads:
    """Counts engine loads, and keeps the engines for inspection."""

    def __init__(self) -> None:
        self.engines: list[FakeEngine] = []

    def __call__(self, settings: Settings) -> FakeEngine:
        engine = FakeEngine(settings)
        self.engines.append(engine)
        return engine

    @property
    def screened(self) -> list[str]:
        return [Path(s).name for e in self.engines for s in e.screened]


@pytest.fixture(name="loads")
def loads_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[Loads]:
    counter = Loads()
    monkeypatch.setattr(runner, "_default_loader", counter)
    monkeypatch.setattr(runner, "list_fingerprint", fake_fingerprint)
    yield counter


@pytest.fixture(name="site")
def site_fixture(tmp_path: Path) -> Path:
    """A working folder: inbox/, a fake list with two references, a config file."""
    (tmp_path / "inbox").mkdir()
    (tmp_path / "list.txt").write_text("IRi.039\nQDi.001\n", encoding="utf-8")
    (tmp_path / "travelban.toml").write_text(
        'inbox = ["inbox"]\nreports = "reports"\nstate = "state/travelban.sqlite"\n'
        'list = "list.txt"\n',
        encoding="utf-8",
    )
    return tmp_path


def run_cli(site: Path, *args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(
        cli, ["run", "--config", str(site / "travelban.toml"), *args], catch_exceptions=False
    )
    assert result.exit_code == code, (result.output, result.stderr)
    return result


def reports(site: Path) -> list[Path]:
    """Report workbooks, oldest first (names written in the same second get a suffix)."""
    return sorted((site / "reports").glob("*.xlsx"), key=lambda p: p.stat().st_mtime_ns)


def findings_sheet(path: Path, sheet: str = "Findings") -> list[dict[str, object]]:
    wb = openpyxl.load_workbook(path)
    if sheet not in wb.sheetnames:
        return []
    rows = list(wb[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]


def decide(path: Path, reference: str, value: str, reviewer: str = "ana", notes: str = "") -> None:
    """Type a decision into a report's Findings sheet the way an analyst would."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in ("Reference", "Decision", "Reviewer", "Notes")}
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, col["Reference"]).value == reference:
            ws.cell(row, col["Decision"]).value = value
            ws.cell(row, col["Reviewer"]).value = reviewer
            ws.cell(row, col["Notes"]).value = notes
    wb.save(path)


def db(site: Path) -> sqlite3.Connection:
    return sqlite3.connect(site / "state" / "travelban.sqlite")


def test_first_run_screens_the_inbox_and_writes_a_report(site: Path, loads: Loads) -> None:
    write_article(site / "inbox", "a.txt", BREACH, REVIEW)
    write_article(site / "inbox", "b.txt")
    (site / "inbox" / "empty.txt").write_bytes(b"")
    out = run_cli(site)
    assert "run #1: 2 new article(s), 0 already seen, 1 failed" in out.stdout
    assert "2 new, 0 gone" in out.stdout
    (report,) = reports(site)
    rows = findings_sheet(report)
    assert sorted(r["Reference"] for r in rows) == ["IRi.039", "QDi.001"]
    assert (site / "state" / "travelban.log").read_text().count("run #1 complete") == 1
    with db(site) as c:
        assert c.execute("SELECT status, COUNT(*) FROM articles GROUP BY status").fetchall() == [
            ("failed", 1),
            ("screened", 2),
        ]
        assert c.execute("SELECT status FROM runs").fetchall() == [("complete",)]


def test_a_second_run_with_nothing_new_loads_no_engine_and_still_reports(
    site: Path, loads: Loads
) -> None:
    write_article(site / "inbox", "a.txt", BREACH)
    run_cli(site)
    assert len(loads.engines) == 1
    out = run_cli(site)
    assert len(loads.engines) == 1  # nothing to screen: the engine stays unloaded
    assert "0 new article(s), 1 already seen" in out.stdout
    assert len(reports(site)) == 2
    assert findings_sheet(reports(site)[-1]) == []


def test_only_unseen_content_is_screened_even_under_a_new_name(site: Path, loads: Loads) -> None:
    a = write_article(site / "inbox", "a.txt", BREACH)
    run_cli(site)
    a.rename(site / "inbox" / "renamed.txt")
    write_article(site / "inbox", "c.txt", REVIEW)
    run_cli(site)
    assert loads.screened == ["a.txt", "c.txt"]
    run_cli(site, "--rescreen")
    assert sorted(loads.screened[2:]) == ["a.txt", "c.txt"]


def test_fail_on_breach_exits_3_once_then_0(site: Path, loads: Loads) -> None:
    write_article(site / "inbox", "a.txt", BREACH)
    out = run_cli(site, "--fail-on-breach", code=3)
    assert "1 new apparent breach(es)" in out.stdout
    run_cli(site, "--fail-on-breach", code=0)


def test_a_delisting_rescreens_stored_articles_and_reports_the_gone_finding(
    site: Path, loads: Loads
) -> None:
    a = write_article(site / "inbox", "a.txt", BREACH, REVIEW)
    run_cli(site)
    a.unlink()  # the inbox was cleaned: the text kept in the state database is used
    (site / "list.txt").write_text("QDi.001\n", encoding="utf-8")
    out = run_cli(site)
    assert "list changed" in out.stdout
    assert "0 new, 1 gone" in out.stdout
    assert "gone: IRi.039" in out.stdout
    report = reports(site)[-1]
    summary = [r for r in openpyxl.load_workbook(report)["Summary"].iter_rows(values_only=True)]
    assert any("gone: IRi.039" in str(v) for row in summary for v in row)
    # unchanged list: no rescreen
    before = len(loads.screened)
    run_cli(site)
    assert len(loads.screened) == before


def test_a_false_positive_is_not_alerted_again_but_stays_visible(site: Path, loads: Loads) -> None:
    write_article(site / "inbox", "a.txt", BREACH)
    run_cli(site, "--fail-on-breach", code=3)
    decide(reports(site)[-1], "IRi.039", "False positive", notes="namesake")
    (site / "list.txt").write_text("QDi.001\n", encoding="utf-8")
    run_cli(site)  # delisted: the finding is gone
    (site / "list.txt").write_text("IRi.039\nQDi.001\nXXi.001\n", encoding="utf-8")
    out = run_cli(site, "--fail-on-breach", code=0)  # back, but an analyst cleared it
    assert "1 new, 0 gone" in out.stdout and "0 new apparent breach" in out.stdout
    report = reports(site)[-1]
    assert findings_sheet(report) == []
    (shown,) = findings_sheet(report, "Previously reviewed")
    assert shown["Reference"] == "IRi.039" and "namesake" in str(shown)


def test_a_run_killed_before_its_report_is_reported_by_the_next(site: Path, loads: Loads) -> None:
    write_article(site / "inbox", "a.txt", BREACH)
    with Store(site / "state" / "travelban.sqlite") as store:  # a run that died mid-way
        run_id = store.begin_run(datetime(2026, 5, 9))
        engine = FakeEngine(Settings(list_path=site / "list.txt"))
        from travelban.ingest import read_article
        from travelban.state import Screened

        art = read_article(site / "inbox" / "a.txt")
        res = engine.screen_article(art)
        store.record_screening(
            run_id,
            Screened(art, res.extraction, res.matches, res.findings),
            fake_fingerprint(engine.settings),
        )
    out = run_cli(site, "--fail-on-breach", code=3)
    assert "0 new article(s), 1 already seen" in out.stdout
    assert "carried over 1 article(s) from interrupted run(s) #1" in out.stdout
    assert [r["Reference"] for r in findings_sheet(reports(site)[-1])] == ["IRi.039"]
    with db(site) as c:
        assert c.execute("SELECT id, status FROM runs").fetchall() == [
            (1, "interrupted"),
            (2, "complete"),
        ]


def test_pipes_loops_deep_and_unreadable_inbox_folders_do_not_stop_the_run(
    site: Path, loads: Loads, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = site / "inbox"
    write_article(inbox, "a.txt", BREACH)
    os.mkfifo(inbox / "pipe.txt")  # never written to: reading it would wait forever
    (inbox / "loop").symlink_to(".")
    (inbox / "self.txt").symlink_to("self.txt")
    deep = inbox
    for _ in range(1100):  # deeper than Python's recursion limit
        deep = deep / "d"
        deep.mkdir()
    write_article(deep, "deep.txt", REVIEW)
    write_article(inbox / "locked", "x.txt", REVIEW, extra="never seen")
    scandir = os.scandir

    def refusing(path: os.PathLike[str] | str) -> object:  # root ignores chmod: refuse by hand
        if Path(path) == inbox / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    try:
        out = run_cli(site)
    finally:
        remove_deep(inbox / "d")
    assert "run #1: 2 new article(s), 0 already seen, 1 failed" in out.stdout
    assert sorted(loads.screened) == ["a.txt", "deep.txt"]
    assert f"{inbox / 'locked'}: cannot read the folder (Permission denied)" in out.stderr


def test_an_unreadable_inbox_file_is_named_in_the_log(
    site: Path, loads: Loads, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_article(site / "inbox", "a.txt", BREACH)
    secret = write_article(site / "inbox", "secret.txt", REVIEW)
    real_open = os.open

    def refusing(path: os.PathLike[str] | str, *args: object, **kwargs: object) -> int:
        if Path(path) == secret:  # root ignores chmod: refuse by hand
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    out = run_cli(site)
    assert "run #1: 1 new article(s), 0 already seen, 1 failed" in out.stdout
    assert f"{secret}: cannot read the file (Permission denied)" in out.stderr
    assert f"{secret}: cannot read the file" in (site / "state" / "travelban.log").read_text()


def test_a_huge_inbox_file_is_hashed_in_blocks_and_refused_unread(site: Path, loads: Loads) -> None:
    write_article(site / "inbox", "a.txt", BREACH)
    with (site / "inbox" / "huge.txt").open("wb") as fh:
        fh.truncate(300 * 1024 * 1024)  # sparse
    out = run_cli(site)
    assert "run #1: 1 new article(s), 0 already seen, 1 failed" in out.stdout
    assert "huge.txt: file is too large (300 MB > 20 MB limit)" in out.stderr


def test_a_second_run_while_one_holds_the_lock_exits_1(site: Path, loads: Loads) -> None:
    with run_lock(site / "state" / "travelban.sqlite"):
        out = run_cli(site, code=1)
    assert "another travelban run is using this state database" in out.stderr
    assert reports(site) == []


def test_a_missing_inbox_is_named_with_the_fix(site: Path, loads: Loads) -> None:
    out = run_cli(site, "--inbox", str(site / "nope"), code=1)
    assert str(site / "nope") in out.stderr and "mkdir -p" in out.stderr


def test_a_corrupt_state_database_is_named_and_left_alone(site: Path, loads: Loads) -> None:
    state = site / "state" / "travelban.sqlite"
    state.parent.mkdir()
    state.write_bytes(b"not a database at all" * 50)
    out = run_cli(site, code=1)
    assert str(state) in out.stderr and "not an SQLite file" in out.stderr
    assert state.read_bytes() == b"not a database at all" * 50


def test_flags_win_over_the_config_file(site: Path, loads: Loads) -> None:
    other = site / "other-inbox"
    write_article(other, "x.txt", BREACH)
    write_article(site / "inbox", "a.txt", REVIEW)
    run_cli(site, "--inbox", str(other), "--reports", str(site / "elsewhere"))
    assert loads.screened == ["x.txt"]
    assert len(list((site / "elsewhere").glob("*.xlsx"))) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('inbox = ["inbox"]\ntreshold = 0.9\n', "unknown key 'treshold'"),
        ('inbox = ["inbox"]\nthreshold = "high"\n', "key 'threshold' must be a number from 0 to 1"),
        ("inbox = 3\n", "key 'inbox' must be a folder path or a list of folder paths"),
        ('inbox = ["inbox"\n', "is not valid TOML"),
    ],
)
def test_bad_config_names_the_file_the_key_and_the_fix(
    site: Path, loads: Loads, text: str, expected: str
) -> None:
    (site / "travelban.toml").write_text(text, encoding="utf-8")
    out = run_cli(site, code=1)
    assert expected in out.stderr
    assert str(site / "travelban.toml") in out.stderr
    assert "—" in out.stderr  # a fix follows


# ---------------------------------------------------------------- with the real pipeline

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "soleimani-moscow.txt"


@pytest.mark.slow
def test_the_real_pipeline_carries_a_false_positive_across_a_list_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example article under the 2020 snapshot, then the list moves on to 2026."""
    from travelban.pipeline import Engine

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    base = [
        "run",
        "--inbox",
        str(inbox),
        "--reports",
        str(tmp_path / "reports"),
        "--state",
        str(tmp_path / "state.sqlite"),
        "--fail-on-breach",
    ]
    engines: list[object] = []

    def load(settings: Settings) -> Engine:
        engines.append(settings.as_of)
        return Engine.load(settings)

    monkeypatch.setattr(runner, "_default_loader", load)

    def invoke(*args: str, code: int) -> Result:
        out = CliRunner().invoke(cli, [*base, *args], catch_exceptions=False)
        assert out.exit_code == code, (out.stdout, out.stderr)
        return out

    first = invoke("--as-of", "2020-12-31", code=3)
    assert "3 new apparent breach(es)" in first.stdout
    site = tmp_path
    (report,) = reports(site)
    breaches = [r for r in findings_sheet(report) if r["Verdict"] == "apparent_breach"]
    assert {r["Reference"] for r in breaches} == {"IRi.039"} and len(breaches) == 3
    decide(report, "IRi.039", "False positive", notes="test: treat as namesake")

    second = invoke(code=0)  # the newest snapshot: a list change, so the article is redone
    assert "list changed" in second.stdout
    assert "1 screened again" in second.stdout
    assert "decisions: 3 recorded" in second.stdout
    assert engines == [date(2020, 12, 31), None]

    third = invoke("--rescreen", code=0)  # everything again: the cleared findings stay quiet
    assert "0 new apparent breach(es)" in third.stdout
    latest = reports(site)[-1]
    assert all(r["Verdict"] != "apparent_breach" for r in findings_sheet(latest))
    previously = findings_sheet(latest, "Previously reviewed")
    assert len([r for r in previously if r["Verdict"] == "apparent_breach"]) == 3


def test_terminal_logging_shows_a_progress_bar_and_restores_handlers(tmp_path: Path) -> None:
    import io
    import logging

    from travelban.cli.run_cmd import progress_bar, run_logging

    logger = logging.getLogger("travelban")
    before = list(logger.handlers)
    log_file = tmp_path / "logs" / "run.log"
    with run_logging(log_file, terminal=True, debug=False) as console:
        assert console is not None
        console.file = io.StringIO()  # stand-in for the terminal
        console._force_terminal = True
        with progress_bar(console) as progress:
            assert progress is not None
            progress("screening", 0, 3)
            progress("screening", 3, 3)
        logging.getLogger("travelban.runner").info("into the file only")
        logging.getLogger("travelban.runner").warning("into both")
        shown = console.file.getvalue()
    assert "\x1b[?25l" in shown  # the live progress display took the terminal
    assert "into both" in shown and "into the file only" not in shown
    text = log_file.read_text(encoding="utf-8")
    assert "INFO travelban.runner: into the file only" in text and "into both" in text
    assert logger.handlers == before


def test_a_state_database_from_a_newer_travelban_is_refused(site: Path, loads: Loads) -> None:
    write_article(site / "inbox", "a.txt", BREACH)
    run_cli(site)
    state = site / "state" / "travelban.sqlite"
    with sqlite3.connect(state) as c:
        c.execute("PRAGMA user_version = 99")
    c.close()
    out = run_cli(site, code=1)
    assert f"{state}: the state database has schema version 99" in out.stderr
    assert "upgrade travelban" in out.stderr
    assert len(reports(site)) == 1
