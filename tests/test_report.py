"""Report outputs other than the workbook: JSON contract, CSV files, DataFrames, safe text."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from conftest_report import HOSTILE, entries_for, soleimani_result
from travelban.errors import ReportError
from travelban.models import Decision, ReviewDecision, Verdict
from travelban.report import result_to_dict, to_frames, write_csv, write_json
from travelban.report.safety import (
    MAX_CELL_CHARS,
    cell_text,
    clean_text,
    csv_text,
    looks_like_formula,
    safe_sheet_name,
    truncate,
)

FINDING_KEYS = [
    *("reference", "listed_name", "person", "country", "place", "date_from", "date_to"),
    *("verdict", "regime", "resolution", "paragraph", "score", "confidence", "rationale"),
    *("evidence", "article", "key", "date_phrase", "precision", "status", "match_explanation"),
]


@pytest.fixture(scope="module")
def result():
    return soleimani_result()


@pytest.fixture(scope="module")
def doc(result):
    buf = io.StringIO()
    assert write_json(result, buf, entries=entries_for(result)) is None
    return json.loads(buf.getvalue())


# ---------------------------------------------------------------- JSON


def test_json_contract(doc, result):
    assert list(doc)[:10] == [
        "format_version",
        "tool_version",
        "started",
        "finished",
        "list",
        "snapshots",
        "settings",
        "counts",
        "findings",
        "events",
    ]
    assert doc["tool_version"] == "0.1.0"
    assert doc["list"]["file"] == "un-consolidated-2015-03-27.xml"
    assert doc["list"]["sha256"] == result.list_info.sha256
    assert doc["list"]["generated"].startswith("2015-03-27T17:37:13")
    assert doc["settings"]["threshold"] == "0.8"
    assert doc["counts"]["by_verdict"]["apparent_breach"] == 3
    assert list(doc["counts"]["by_verdict"]) == [v.value for v in Verdict]
    assert doc["counts"]["articles_failed"] == 1
    for f in doc["findings"]:
        assert set(FINDING_KEYS) <= set(f)
    breaches = [f for f in doc["findings"] if f["verdict"] == "apparent_breach"]
    assert {(f["country"], f["date_from"], f["date_to"]) for f in breaches} == {
        ("RU", "2015-12-07", "2015-12-13"),
        ("RU", "2015-07-01", "2015-07-31"),
        ("IQ", "2015-03-08", "2015-03-08"),
    }
    for f in breaches:
        assert (f["reference"], f["regime"], f["resolution"], f["paragraph"]) == (
            "IRi.039",
            "IR",
            "1929 (2010)",
            "10",
        )
        assert f["listed_name"] == "QASEM SOLEIMANI"
        assert f["score"] == 0.93
    undated = next(f for f in doc["findings"] if f["verdict"] == "needs_review")
    assert undated["date_from"] is None and undated["date_to"] is None
    assert undated["date_phrase"] == "once"


def test_json_articles_events_matches(doc):
    articles = {a["source"]: a for a in doc["articles"]}
    assert articles["inbox/empty.txt"] == {
        "source": "inbox/empty.txt",
        "title": "",
        "published": None,
        "published_source": None,
        "published_evidence": "",
        "status": "failed",
        "error": "the file is empty",
        "sha256": None,
        "people": 0,
        "events": 0,
        "findings": 0,
    }
    ok = articles["examples/soleimani-moscow.txt"]
    assert (ok["published"], ok["published_source"], ok["status"]) == (
        "2015-12-16",
        "dateline",
        "processed",
    )
    assert len(doc["events"]) == 6
    assert any(e["person"] == "Putin" and e["country"] == "IR" for e in doc["events"])
    bands = {m["reference"]: m["band"] for m in doc["matches"]}
    assert bands == {"IRi.039": "alert", "IRi.040": "review"}
    assert [e["reference"] for e in doc["entries"]] == ["IRi.039", "IRi.040"]


def test_json_is_deterministic(result):
    first = io.StringIO()
    second = io.StringIO()
    write_json(result, first)
    write_json(soleimani_result(), second)
    assert first.getvalue() == second.getvalue()
    assert first.getvalue().endswith("}\n")


def test_json_to_a_folder_and_never_over_a_file(result, tmp_path):
    written = write_json(result, tmp_path)
    assert written is not None
    assert written.name == "travelban-20260130-091500-list-2015-03-27.json"
    assert json.loads(written.read_text(encoding="utf-8")) == result_to_dict(result)
    with pytest.raises(ReportError, match="never overwrites"):
        write_json(result, written)


# ---------------------------------------------------------------- CSV


def test_csv_one_file_per_sheet(result, tmp_path):
    paths = write_csv(result, tmp_path / "csv", entries=entries_for(result))
    names = [p.name for p in paths]
    stem = "travelban-20260130-091500-list-2015-03-27"
    assert names == [
        f"{stem}-{s}.csv"
        for s in (
            "summary",
            "findings",
            "incidents",
            "itinerary",
            "events",
            "matches",
            "entries",
            "articles",
            "method",
        )
    ]
    frames = to_frames(result, entries=entries_for(result))
    for path, (name, frame) in zip(paths, frames.items(), strict=True):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == list(frame.columns), name
        assert len(rows) == len(frame) + 1, name
    findings = list(csv.DictReader(paths[1].open(encoding="utf-8", newline="")))
    assert findings[0]["Verdict"] == "apparent_breach"
    assert findings[0]["Date from"] == "2015-03-08"
    again = write_csv(result, tmp_path / "csv")
    assert again[0].name == f"{stem}-2-summary.csv"
    assert paths[0].exists()


def test_csv_neutralises_formulas(tmp_path):
    result = soleimani_result(hostile=True)
    paths = write_csv(result, tmp_path)
    findings = list(csv.DictReader(paths[1].open(encoding="utf-8", newline="")))
    assert "'" + HOSTILE in {r["Person"] for r in findings}
    for path in paths:
        for row in csv.reader(path.open(encoding="utf-8", newline="")):
            for value in row:
                assert not looks_like_formula(value), (path.name, value)


def test_csv_file_name_gets_the_findings_alone_never_overwritten(result, tmp_path):
    (one,) = write_csv(result, tmp_path / "sub" / "findings.csv")
    assert one == tmp_path / "sub" / "findings.csv"
    rows = list(csv.reader(one.open(encoding="utf-8", newline="")))
    assert len(rows) == 1 + len(result.findings) and "Verdict" in " ".join(rows[0])
    assert os.listdir(one.parent) == ["findings.csv"]
    with pytest.raises(ReportError, match="already exists"):
        write_csv(result, one)
    with pytest.raises(ReportError, match=r"cannot be written to a '\.txt' file"):
        write_csv(result, tmp_path / "x.txt")


# ---------------------------------------------------------------- DataFrames


def test_frames(result):
    frames = to_frames(result)
    assert list(frames) == [
        "Summary",
        "Findings",
        "Incidents",
        "Itinerary",
        "Events",
        "Matches",
        "Entries",
        "Articles",
        "Method",
    ]
    findings = frames["Findings"]
    assert isinstance(findings, pd.DataFrame)
    assert (findings["Verdict"] == "apparent_breach").sum() == 3
    assert findings["Date from"].iloc[0] == date(2015, 3, 8)
    assert findings["Score"].dtype.kind == "f"
    # Without the entries themselves, the Entries sheet still names them and says why.
    entries = frames["Entries"].set_index("Reference")
    assert "not passed" in entries.loc["IRi.039", "Comments"]


def test_frames_previously_reviewed(result):
    fp = next(f for f in result.findings if f.verdict is Verdict.NEEDS_REVIEW)
    previous = {fp.key: [ReviewDecision(fp.key, Decision.FALSE_POSITIVE, "A. Analyst")]}
    frames = to_frames(result, previous)
    assert "Previously reviewed" in frames
    assert list(frames["Previously reviewed"]["Key"]) == [fp.key]
    assert fp.key not in set(frames["Findings"]["Key"])
    # Other decisions do not hide a finding.
    other = {fp.key: [ReviewDecision(fp.key, Decision.NEEDS_MORE_INFORMATION)]}
    frames = to_frames(result, other)
    assert "Previously reviewed" not in frames
    row = frames["Findings"].set_index("Key").loc[fp.key]
    assert row["Decision"] == "Needs more information"


def test_entries_not_found_are_listed_and_said(result):
    frames = to_frames(result, entries={})
    assert set(frames["Entries"]["Reference"]) == {"IRi.039", "IRi.040"}


# ---------------------------------------------------------------- safe text


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")'],
)
def test_formula_triggers(value):
    assert cell_text(value)[1]
    assert csv_text(value).startswith("'")


@pytest.mark.parametrize("value", ["Soleimani", " =1", "1-2", "a@b", ""])
def test_ordinary_text_is_left_alone(value):
    assert cell_text(value) == (value, False)
    assert csv_text(value) == value


def test_clean_text():
    assert clean_text("a\x00b\x07c\x1bd") == "abcd"
    assert clean_text("line\r\nnext\rthird") == "line\nnext\nthird"
    assert clean_text("tab\there") == "tab here"
    assert clean_text("x\u202ey\u2066z\ufeff") == "xyz"
    assert clean_text("\u0642\u0627\u0633\u0645 \u200cok") == "\u0642\u0627\u0633\u0645 \u200cok"
    # A control character in front of a formula does not hide it.
    assert cell_text("\x00=cmd") == ("=cmd", True)


def test_truncate_counts_utf16_units():
    assert truncate("a" * MAX_CELL_CHARS) == "a" * MAX_CELL_CHARS
    cut = truncate("a" * (MAX_CELL_CHARS + 1))
    kept = cut.split(" … ")[0]
    assert len(cut) <= MAX_CELL_CHARS
    assert cut.endswith(
        f"[truncated by travelban: {MAX_CELL_CHARS + 1 - len(kept)} more characters]"
    )
    wide = "\U0001f600" * 20_000  # each takes two UTF-16 units
    cut = truncate(wide)
    assert len(cut.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
    assert "more characters]" in cut


def test_sheet_names():
    assert safe_sheet_name("Findings") == "Findings"
    assert safe_sheet_name("a/b:c*d?[e]\\f") == "a b c d  e  f"
    assert len(safe_sheet_name("x" * 40)) == 31
    assert safe_sheet_name("'quoted'") == "quoted"
    assert safe_sheet_name("") and safe_sheet_name("History") != "History"
    assert safe_sheet_name("Findings", {"findings"}) == "Findings (2)"


def test_previous_decisions_for_unknown_keys_are_ignored(result):
    previous = {"no-such-key": [ReviewDecision("no-such-key", Decision.FALSE_POSITIVE)]}
    frames = to_frames(result, previous)
    assert len(frames["Findings"]) == len(result.findings)


def test_long_rationale_survives_in_frames(result):
    findings = list(result.findings)
    findings[0] = replace(findings[0], rationale="y" * 40_000)
    frames = to_frames(replace(result, findings=tuple(findings)))
    assert frames["Findings"]["Rationale"].str.len().max() == 40_000


def test_regimes_table_rows_in_method(result):
    table = [{"code": "IR", "name": "Iran", "list_type": "Iran", "travel_ban": "1929 (2010) 10"}]
    method = to_frames(result, regimes_table=table)["Method"]
    (row,) = method[method["Topic"] == "Regime"].itertuples()
    assert row.Term == "IR — Iran"
    assert row.Meaning == "list type: Iran\ntravel ban: 1929 (2010) 10"
