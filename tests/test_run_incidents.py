"""``travelban run`` merges findings into incidents across runs (issue 14): a new article
about an old trip joins its incident under the same key and makes no new alert; one
decision covers the incident; decisions on findings carry over; an old state database is
migrated and its trips get incidents before anything new is screened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl

from test_run import (
    Loads,
    db,
    decide,
    findings_sheet,
    loads_fixture,
    reports,
    run_cli,
    site_fixture,
)
from test_run_fakes import write_article
from travelban import state as state_mod
from travelban.state import Store

__all__ = ["loads_fixture", "site_fixture"]  # fixtures shared with test_run

JULY = "TRIP IRi.039 RU 2015-07-01 apparent_breach"
JULY_NEXT_DAY = "TRIP IRi.039 RU 2015-07-02 apparent_breach"
MARCH = "TRIP IRi.039 RU 2015-03-08 apparent_breach"


def incidents_sheet(path: Path) -> list[dict[str, object]]:
    return findings_sheet(path, "Incidents")


def decide_incident(path: Path, value: str, reviewer: str = "ana") -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Incidents"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("Decision") + 1).value = value
    ws.cell(2, header.index("Reviewer") + 1).value = reviewer
    wb.save(path)


def test_a_new_article_about_an_old_trip_joins_its_incident_without_an_alert(
    site: Path, loads: Loads
) -> None:
    write_article(site / "inbox", "a.txt", JULY)
    out = run_cli(site, "--fail-on-breach", code=3)
    assert "1 new apparent breach(es)" in out.stdout
    (first,) = incidents_sheet(reports(site)[-1])
    write_article(site / "inbox", "b.txt", JULY_NEXT_DAY)  # the next day of the same trip
    out = run_cli(site, "--fail-on-breach", code=0)
    assert "1 new, 0 gone" in out.stdout and "0 new apparent breach(es)" in out.stdout
    (joined,) = incidents_sheet(reports(site)[-1])
    assert joined["Key"] == first["Key"]
    assert joined["Reports"] == 2
    assert set(str(joined["Finding keys"]).split("\n")) >= set(
        str(first["Finding keys"]).split("\n")
    )
    summary = list(openpyxl.load_workbook(reports(site)[-1])["Summary"].iter_rows(values_only=True))
    assert ("Other", "new findings that joined an earlier incident (no new alert)", "1") in summary
    # another trip of the same person is a new incident, and alerts
    write_article(site / "inbox", "c.txt", MARCH)
    out = run_cli(site, "--fail-on-breach", code=3)
    with db(site) as c:
        assert c.execute("SELECT COUNT(*) FROM incidents WHERE status = 'active'").fetchone() == (
            2,
        )
        assert c.execute("SELECT COUNT(*) FROM incident_members").fetchone() == (3,)


def test_one_decision_on_the_incident_covers_a_finding_that_joins_later(
    site: Path, loads: Loads
) -> None:
    write_article(site / "inbox", "a.txt", JULY)
    run_cli(site)
    decide_incident(reports(site)[-1], "False positive")
    write_article(site / "inbox", "b.txt", JULY_NEXT_DAY)
    run_cli(site, "--fail-on-breach", code=0)
    report = reports(site)[-1]
    (row,) = incidents_sheet(report)
    assert row["Decision"] == "False positive" and row["Reviewer"] == "ana"
    # the new finding has no decision of its own: its incident's covers it
    assert findings_sheet(report) == []
    (moved,) = findings_sheet(report, "Previously reviewed")
    assert moved["Decision"] == "False positive"


def test_decisions_made_on_findings_carry_over_to_their_incident(site: Path, loads: Loads) -> None:
    write_article(site / "inbox", "a.txt", JULY)
    run_cli(site)
    decide(reports(site)[-1], "IRi.039", "Confirmed breach", notes="checked the flight")
    write_article(site / "inbox", "b.txt", JULY_NEXT_DAY)
    run_cli(site)
    (row,) = incidents_sheet(reports(site)[-1])
    assert row["Decision"] == "Confirmed breach"
    assert "checked the flight" in str(row["Earlier decisions"])


def test_an_old_state_database_is_migrated_and_its_trips_do_not_alert_again(
    site: Path, loads: Loads
) -> None:
    write_article(site / "inbox", "a.txt", JULY)
    run_cli(site, "--fail-on-breach", code=3)
    path = site / "state" / "travelban.sqlite"
    # make it the database a schema-1 travelban left: no incident tables
    c = sqlite3.connect(path)
    for table in ("incidents", "incident_members", "incident_backfill"):
        c.execute(f"DROP TABLE {table}")
    c.execute("PRAGMA user_version = 1")
    c.commit()
    c.close()
    write_article(site / "inbox", "b.txt", JULY_NEXT_DAY)
    out = run_cli(site, "--fail-on-breach", code=0)
    assert "0 new apparent breach(es)" in out.stdout
    with Store(path) as store:
        assert store.version == state_mod.SCHEMA_VERSION == 2
        assert store.incident_counts() == {"active": 1}
        assert not store.incident_backfill_needed()
        assert len(set(store.incident_map().values())) == 1
    assert (site / "state" / "travelban.sqlite.v1.bak").exists()
