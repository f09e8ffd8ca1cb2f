"""The incidents folder (tests/articles/incidents): incidents == real trips, through the
real pipeline, for ``screen`` and for ``run`` fed the articles in two batches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from travelban.cli import cli

FOLDER = Path(__file__).parent / "articles" / "incidents"
TRIPS = json.loads((FOLDER / "trips.json").read_text(encoding="utf-8"))["trips"]


def _trip_of(incident: dict) -> tuple[str, str, frozenset[str]]:
    names = frozenset(Path(s["article"]).name for s in incident["sources"])
    return incident["reference"], incident["country"], names


@pytest.mark.slow
def test_screen_gives_one_incident_per_real_trip() -> None:
    out = CliRunner().invoke(
        cli, ["screen", str(FOLDER), "--format", "json"], catch_exceptions=False
    )
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    incidents = doc["incidents"]
    assert len(incidents) == len(TRIPS)
    want = {(t["reference"], t["country"], frozenset(t["articles"])): t for t in TRIPS}
    got = {_trip_of(i): i for i in incidents}
    assert set(got) == set(want)
    for k, trip in want.items():
        inc = got[k]
        assert (inc["date_from"], inc["date_to"]) == (trip["date_from"], trip["date_to"])
        assert inc["status"] == trip["status"]
        assert inc["independent_reports"] == trip["independent"]
    keys = {f["key"] for f in doc["findings"]}
    assert {k for i in incidents for k in i["finding_keys"]} == keys
    assert all(f["incident"] in {i["key"] for i in incidents} for f in doc["findings"])


@pytest.mark.slow
def test_run_over_two_batches_keeps_keys_and_alerts_once_per_trip(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = [t["articles"][0] for t in TRIPS]
    for name in first:
        shutil.copy(FOLDER / name, inbox / name)
    args = [
        "run",
        "--inbox",
        str(inbox),
        "--reports",
        str(tmp_path / "reports"),
        "--state",
        str(tmp_path / "state.sqlite"),
        "--fail-on-breach",
    ]
    one = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert one.exit_code == 3, one.output
    assert f"{len(TRIPS)} new apparent breach(es)" in one.stdout
    for t in TRIPS:
        for name in t["articles"][1:]:
            shutil.copy(FOLDER / name, inbox / name)
    two = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert two.exit_code == 0, two.output  # every new article joined a known trip
    assert "0 new apparent breach(es)" in two.stdout
    import sqlite3

    with sqlite3.connect(tmp_path / "state.sqlite") as c:
        active = c.execute("SELECT COUNT(*) FROM incidents WHERE status = 'active'").fetchone()
        members = c.execute("SELECT COUNT(DISTINCT incident_key) FROM incident_members")
        assert active == (len(TRIPS),)
        assert members.fetchone() == (len(TRIPS),)
