"""One normalisation of untrusted text: invisible format characters (category Cf) removed.

A character of each class is put inside a listed person's name ("Sole\\u200fimani") and the
person must still be found as Soleimani by ``screen``, ``match`` and ``events``, and a list
name holding one must read clean.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from travelban.cli import cli
from travelban.ingest import parse_bytes
from travelban.sanctions.parse import parse_list_bytes
from travelban.text import invisible_characters, is_invisible, strip_invisible

# One character of each class of invisible format character.
CLASSES = {
    "right-to-left mark": "\u200f",
    "left-to-right mark": "\u200e",
    "Arabic letter mark": "\u061c",
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "pop directional formatting": "\u202c",
    "first strong isolate": "\u2068",
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "invisible times": "\u2062",
    "Mongolian vowel separator": "\u180e",
    "soft hyphen": "\u00ad",
    "byte-order mark inside text": "\ufeff",
    "interlinear annotation anchor": "\ufff9",
    "Arabic number sign": "\u0600",
    "tag letter": "\U000e0041",
}
IDS = [name.replace(" ", "-") for name in CLASSES]
CHARS = list(CLASSES.values())


def _slug(name: str) -> str:
    return name.replace(" ", "-")


def _article(ch: str) -> str:
    return (
        "Regional briefing\n\n"
        f"Qassem Sole{ch}imani, the commander of the Quds Force, travelled to Moscow on "
        "December 3, 2015 for talks with Russian defence officials, an agency said.\n"
    )


# ---------------------------------------------------------------- the rule


def test_the_rule_is_category_cf_over_every_code_point() -> None:
    every = {chr(cp) for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Cf"}
    assert invisible_characters() == every
    assert set(CHARS) <= every


@pytest.mark.parametrize("ch", CHARS, ids=IDS)
def test_each_class_is_removed(ch: str) -> None:
    assert is_invisible(ch)
    assert strip_invisible(f"Sole{ch}imani") == "Soleimani"


def test_visible_text_is_kept() -> None:
    text = "Qāsem Soleymānī قاسم سلیمانی 김정은 — “quoted”, tab\tand\nnewline, nbsp\u00a0"
    assert strip_invisible(text) == text
    assert strip_invisible("plain ascii") == "plain ascii"


# ---------------------------------------------------------------- where text enters


@pytest.mark.parametrize("ch", CHARS, ids=IDS)
def test_article_text_and_title_are_cleaned_at_ingest(ch: str) -> None:
    plain = parse_bytes("a.txt", _article(ch).encode("utf-8"))
    assert "Qassem Soleimani" in plain.text
    assert not any(map(is_invisible, plain.text))
    # in HTML the character may also come as a character reference, in text and title
    ref = f"&#x{ord(ch):x};"
    page = (
        f"<html><head><title>Sole{ref}imani in Moscow</title></head><body><article>"
        f"<h1>Sole{ref}imani in Moscow</h1><p>{_article(ref)}</p>"
        "<p>" + "More plain words about the weather in the valley. " * 8 + "</p>"
        "</article></body></html>"
    )
    html = parse_bytes("a.html", page.encode("utf-8"))
    assert "Qassem Soleimani" in html.text
    assert "Soleimani" in html.title
    assert not any(map(is_invisible, html.text + html.title))


_LIST = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME>QASEM</FIRST_NAME><SECOND_NAME>SOLE{ch}IMANI</SECOND_NAME>
<UN_LIST_TYPE>Iran</UN_LIST_TYPE><REFERENCE_NUMBER>IRi.039</REFERENCE_NUMBER>
<LISTED_ON>2007-03-24</LISTED_ON>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY>
<ALIAS_NAME>Qa{ch}ssem Soleimani</ALIAS_NAME></INDIVIDUAL_ALIAS>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


@pytest.mark.parametrize("ch", CHARS, ids=IDS)
def test_list_names_are_cleaned_at_parse(ch: str) -> None:
    data = _LIST.replace("{ch}", ch).encode("utf-8")
    (entry,) = parse_list_bytes(data, Path("tiny.xml")).entries
    assert entry.name == "QASEM SOLEIMANI"
    assert [a.name for a in entry.aliases] == ["Qassem Soleimani"]


# ---------------------------------------------------------------- the commands


def _match(*names: str, extra: tuple[str, ...] = ()) -> list[dict]:
    result = CliRunner().invoke(
        cli, ["match", *names, *extra, "--format", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_match_finds_soleimani_whatever_invisible_character_cuts_the_name() -> None:
    rows = _match(*(f"Qassem Sole{ch}imani" for ch in CHARS))
    assert len(rows) == len(CHARS)
    for name, row in zip(CLASSES, rows, strict=True):
        assert row["query"] == "Qassem Soleimani", name
        assert row["matches"] and row["matches"][0]["reference"] == "IRi.039", name


def test_match_against_a_list_whose_name_holds_invisible_characters(tmp_path: Path) -> None:
    tiny = tmp_path / "tiny.xml"
    tiny.write_text(_LIST.replace("{ch}", "\u202e"), encoding="utf-8")
    (row,) = _match("Qasem Soleimani", extra=("--list", str(tiny)))
    assert row["matches"][0]["reference"] == "IRi.039"
    assert row["matches"][0]["name"] == "QASEM SOLEIMANI"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("invisible")
    for name, ch in CLASSES.items():
        (folder / f"{_slug(name)}.txt").write_text(_article(ch), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_screen_finds_soleimani_in_every_article(articles: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["screen", str(articles), "--published", "2015-12-16", "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    found: dict[str, set[tuple[str, str, str]]] = {}
    for f in payload["findings"]:
        found.setdefault(Path(f["article"]).stem, set()).add(
            (f["reference"], f["person"], f["country"])
        )
    for name in CLASSES:
        assert found.get(_slug(name)) == {("IRi.039", "Qassem Soleimani", "RU")}, name


@pytest.mark.slow
def test_events_names_soleimani_in_every_article(articles: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["events", str(articles), "--published", "2015-12-16", "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    by_file = {Path(a["source"]).stem: a for a in json.loads(result.stdout)["articles"]}
    for name in CLASSES:
        events = by_file[_slug(name)]["events"]
        trips = {(e["person_name"], e["destination"]["country"]) for e in events}
        assert ("Qassem Soleimani", "RU") in trips, (name, trips)
