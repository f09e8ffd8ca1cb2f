"""The state database: schema, migrations, per-article recording, decisions, bad files."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import travelban.state as state_mod
from test_run_fakes import make_finding
from travelban.errors import StateError
from travelban.models import (
    Article,
    DateSource,
    Decision,
    Extraction,
    Finding,
    Person,
    Verdict,
)
from travelban.state import (
    SCHEMA_VERSION,
    Change,
    RunStatus,
    Screened,
    Store,
    StoredDecision,
    decode,
    encode,
    previous_decisions,
    run_lock,
    suppressed,
)

STARTED = datetime(2026, 5, 9, 6, 0, tzinfo=UTC)


def article(name: str = "a.txt", text: str = "Some text about a trip.") -> Article:
    return Article(
        source=f"inbox/{name}",
        sha256=hashlib.sha256((name + text).encode()).hexdigest(),
        text=text,
        title="A title",
        published=date(2015, 12, 16),
        published_source=DateSource.DATELINE,
        published_evidence="DUBAI, December 16, 2015",
    )


def screened(a: Article, *findings: Finding) -> Screened:
    extraction = Extraction(article=a, people=(Person(pid="P1", name="Someone"),), events=())
    return Screened(a, extraction, tuple((a.source, "P1", f.match) for f in findings), findings)


def trip(a: Article, ref: str = "IRi.039", cc: str = "RU", verdict: str = "apparent_breach"):
    return make_finding(a, ref, cc, date(2015, 7, 1), Verdict(verdict))


def decision(key: str, value: str = "False positive", **kw: object) -> StoredDecision:
    valid = value in {d.value for d in Decision}
    base = dict(
        finding_key=key,
        typed=value,
        decision=Decision(value) if valid else None,
        reviewer="ana",
        review_date="2026-05-10",
        notes="namesake",
        source_file="reports/r1.xlsx",
        source_row=2,
        imported_at="2026-05-10T08:00:00+00:00",
    )
    base.update(kw)
    return StoredDecision(**base)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "state.sqlite")
    yield s
    s.close()


def test_new_database_has_the_latest_schema_in_wal_mode(store: Store) -> None:
    assert store.version == SCHEMA_VERSION >= 1
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"runs", "articles", "findings", "decisions", "finding_changes", "workbooks"} <= tables


def test_records_round_trip_through_the_codec() -> None:
    a = article()
    s = screened(a, trip(a), trip(a, "QDi.001", "IQ", "needs_review"))
    back = decode(Screened, encode(s))
    assert back == s
    assert back.findings[0].key == s.findings[0].key


def test_recording_an_article_twice_makes_no_duplicate_findings(store: Store) -> None:
    run = store.begin_run(STARTED)
    a = article()
    first = store.record_screening(run, screened(a, trip(a)), "L1")
    again = store.record_screening(run, screened(a, trip(a)), "L1")
    assert (first.new, again.new, again.gone, again.changed) == (1, 0, 0, 0)
    assert store.finding_counts() == {"active": 1}
    assert len(store.unreported_changes()) == 1


def test_findings_gone_changed_and_back_are_recorded_as_changes(store: Store) -> None:
    run1 = store.begin_run(STARTED)
    a = article()
    store.record_screening(run1, screened(a, trip(a), trip(a, "QDi.001", "IQ")), "L1")
    store.finish_run(run1, list_info=None, report=Path("r1.xlsx"), report_sha256="x", counts={})
    assert store.unreported_changes() == []

    run2 = store.begin_run(STARTED)
    out = store.record_screening(
        run2, screened(a, trip(a, verdict="not_listed_at_time")), "L2", report_anyway=False
    )
    assert (out.new, out.gone, out.changed) == (0, 1, 1)
    changes = {(c.change, c.reference) for c in store.unreported_changes()}
    assert changes == {(Change.CHANGED, "IRi.039"), (Change.GONE, "QDi.001")}
    assert store.finding_counts() == {"active": 1, "gone": 1}
    # changed articles go into the next report even when not forced
    assert [s.article.sha256 for s in store.unreported()[0]] == [a.sha256]

    run3 = store.begin_run(STARTED)
    store.record_screening(run3, screened(a, trip(a), trip(a, "QDi.001", "IQ")), "L3")
    kinds = [c.change for c in store.unreported_changes() if c.run_id == run3]
    assert sorted(kinds) == [Change.CHANGED, Change.NEW]
    assert store.finding_counts() == {"active": 2}


def test_unchanged_rescreen_is_not_reported_again(store: Store) -> None:
    run1 = store.begin_run(STARTED)
    a = article()
    store.record_screening(run1, screened(a, trip(a)), "L1")
    store.finish_run(run1, list_info=None, report=Path("r1.xlsx"), report_sha256="x", counts={})
    run2 = store.begin_run(STARTED)
    store.record_screening(run2, screened(a, trip(a)), "L2", report_anyway=False)
    assert store.unreported() == ([], [])
    assert store.articles_to_rescreen("L2") == []
    assert store.articles_to_rescreen("L3") == [a.sha256]


def test_stored_article_text_survives_without_the_inbox_file(store: Store) -> None:
    run = store.begin_run(STARTED)
    a = article(text="Line one.\nLine two with ünïcode.")
    store.record_screening(run, screened(a), "L1")
    assert store.stored_article(a.sha256) == a


def test_interrupted_runs_are_marked_and_their_articles_stay_unreported(store: Store) -> None:
    run = store.begin_run(STARTED)
    a = article()
    store.record_screening(run, screened(a, trip(a)), "L1")
    store.record_failure(run, "f" * 64, "inbox/bad.txt", "file is empty")
    assert store.mark_interrupted() == [run]
    assert store.runs()[0].status is RunStatus.INTERRUPTED
    done, failed = store.unreported()
    assert [s.article.sha256 for s in done] == [a.sha256]
    assert failed == [("f" * 64, "inbox/bad.txt", "file is empty")]


def test_decisions_are_append_only_and_identical_rows_kept_once(store: Store) -> None:
    key = "abc|IRi.039|RU|2015-07-01|2015-07-01"
    added = store.add_decisions([decision(key), decision(key, source_file="reports/r2.xlsx")])
    assert added == (1, 1)
    conflict = decision(key, "Confirmed breach", reviewer="bo", notes="same person")
    assert store.add_decisions([conflict]) == (1, 0)
    rows = store.decisions([key])
    assert [d.typed for d in rows] == ["False positive", "Confirmed breach"]
    assert not suppressed(rows)  # a conflict keeps the alert
    assert suppressed(rows[:1])
    shown = previous_decisions(rows)[key]
    assert [d.decision for d in shown] == [Decision.FALSE_POSITIVE, Decision.CONFIRMED_BREACH]


def test_an_invalid_decision_is_kept_as_typed_and_shown_as_a_note(store: Store) -> None:
    key = "abc|IRi.039|RU|2015-07-01|2015-07-01"
    store.add_decisions([decision(key, "FP?", notes="looks like a namesake")])
    (row,) = store.decisions()
    assert row.typed == "FP?" and row.decision is None
    shown = row.to_review()
    assert shown.decision is Decision.NEEDS_MORE_INFORMATION
    assert "'FP?'" in shown.notes and "looks like a namesake" in shown.notes
    assert not suppressed([row])
    assert previous_decisions([row]) == {}  # never pre-filled as a decision nobody made


def test_many_keys_are_queried_in_chunks(store: Store) -> None:
    keys = [f"k{i}" for i in range(1200)]
    store.add_decisions([decision(k) for k in keys])
    assert len(store.decisions(keys)) == 1200


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    path.write_bytes(b"this is a spreadsheet, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StateError) as err:
        Store(path)
    msg = err.value.render()
    assert str(path) in msg and "not an SQLite file" in msg and "--state" in msg
    assert path.read_bytes() == before


def test_a_damaged_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    s = Store(path)
    run = s.begin_run(STARTED)
    for i in range(200):
        a = article(f"a{i}.txt", "x" * 3000)
        s.record_screening(run, screened(a, trip(a)), "L1")
    s.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 6] = b"\xff" * (4096 * 3)  # trash pages past the header
    path.write_bytes(bytes(data))
    with pytest.raises(StateError) as err:
        Store(path)
    assert str(path) in err.value.render()
    assert "backup" in err.value.fix
    assert path.read_bytes() == bytes(data)


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as c:
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    c.close()
    with pytest.raises(StateError) as err:
        Store(path)
    assert "newer" in err.value.problem and "upgrade travelban" in err.value.fix
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    c.close()


def test_migrations_run_in_order_and_keep_a_copy_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.sqlite"
    s = Store(path)
    s.add_decisions([decision("k1")])
    s.close()
    extra = ("ALTER TABLE decisions ADD COLUMN team TEXT NOT NULL DEFAULT ''",)
    monkeypatch.setattr(state_mod, "MIGRATIONS", (*state_mod.MIGRATIONS, extra))
    monkeypatch.setattr(state_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    s = Store(path)
    assert s.version == SCHEMA_VERSION + 1
    assert [d.finding_key for d in s.decisions()] == ["k1"]
    s.close()
    backup = tmp_path / f"state.sqlite.v{SCHEMA_VERSION}.bak"
    with sqlite3.connect(backup) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    c.close()


def test_a_locked_database_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    s = Store(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StateError) as err:
            s.conn.execute("PRAGMA busy_timeout = 50")
            s.begin_run(STARTED)
        assert "locked" in err.value.problem and str(path) in err.value.render()
        assert "close" in err.value.fix
    finally:
        other.execute("ROLLBACK")
        other.close()
        s.close()


def test_the_run_lock_refuses_a_second_holder(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with run_lock(state) as lock:
        assert lock.name == "state.sqlite.lock"
        with pytest.raises(StateError) as err, run_lock(state):
            pass
        assert "another travelban run" in err.value.problem
        assert "pid " in err.value.problem
    with run_lock(state):  # released on exit
        pass
