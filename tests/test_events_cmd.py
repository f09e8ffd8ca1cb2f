"""``travelban events``: people and travel events printed with their evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from travelban.cli import cli

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "soleimani-moscow.txt"


def test_table_lists_people_and_trips_with_evidence() -> None:
    result = CliRunner().invoke(
        cli, ["events", str(EXAMPLE), "--published", "2015-12-16"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Qassem Soleimani" in out
    assert "Moscow [RU]; 2015-12-07 .. 2015-12-13" in out
    assert "reported by Fars news agency" in out
    assert "evidence: " in out
    assert "not actors (bylines and credits)" in out
    # the host is known from the public-figures table, and makes no trip at home
    assert "public office holder of RU (public-figures table)" in out
    assert "Vladimir Putin: flight -> Tehran [IR]" in out  # abroad, his trip stays
    assert "Putin: meeting -> Moscow" not in out


def test_json_output_and_failed_files_in_a_batch(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(
        cli,
        ["events", str(EXAMPLE), str(empty), "--published", "2015-12-16", "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert [f["source"] for f in payload["failures"]] == [str(empty)]
    (article,) = payload["articles"]
    assert article["published"] == "2015-12-16"
    countries = {
        (e["person_name"], e["destination"]["country"], e["when"]["start"])
        for e in article["events"]
        if e["destination"]
    }
    assert ("Qassem Soleimani", "RU", "2015-07-01") in countries
    assert ("Qassem Soleimani", "IQ", "2015-03-08") in countries
    assert "empty.txt" in result.stderr


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["events", "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "travelban events examples/soleimani-moscow.txt" in result.output
