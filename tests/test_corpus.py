"""The evaluation corpus (tests/articles) and the bundled example are well formed and consistent.

These tests check the fixtures themselves, not the pipeline: every article has an expected
file, every field holds a legal value, every listed reference exists in a shipped snapshot
and names the person the article talks about, and each expected verdict agrees with the
time rules written down in tests/articles/README.md.
"""

from __future__ import annotations

import dataclasses
import html
import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pycountry
import pytest
from anyascii import anyascii
from defusedxml import ElementTree

from travelban.models import DateSource, EventStatus, Verdict

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "articles"
EXAMPLES = ROOT / "examples"
LISTS = ROOT / "lists"
SEED = ROOT.parent / "shared" / "seed" / "000_dcf7398d4c868163.txt"

ARTICLE_SUFFIXES = (".txt", ".html")
TOP_KEYS = {"published", "published_source", "people", "not_actors", "events"}
EVENT_KEYS = {
    "person",
    "reference",
    "country",
    "place",
    "date_from",
    "date_to",
    "status",
    "verdict",
}
OPTIONAL_EVENT_KEYS = {"optional", "note"}
SOURCES = {s.value for s in DateSource} - {DateSource.GIVEN.value}
STATUSES = {s.value for s in EventStatus}
VERDICTS = {v.value for v in Verdict}
NOT_TRAVELLED_STATUSES = {"planned", "cancelled"}
# a trip reported and then denied by an interested party goes to review (issue 18)
DENIED_STATUSES = {"denied"}
REFERENCE_RE = re.compile(r"^[A-Z]{2}[ie]\.\d{3}$")

# Time rules from tests/articles/README.md (kept here independently of the regimes data).
IRAN_NO_BAN = (date(2020, 10, 18), date(2025, 9, 28))
IRAN_BAN_START = date(2010, 6, 9)
AISHA_TB_END = date(2023, 10, 16)
KNOWN_DELISTINGS = {"QDi.317": date(2025, 11, 6)}


def article_paths() -> list[Path]:
    """All evaluation articles, sorted."""
    return sorted(p for p in ARTICLES.iterdir() if p.suffix in ARTICLE_SUFFIXES)


def expected_path(article: Path) -> Path:
    """The expected-answer file that belongs to an article."""
    return article.with_name(article.stem + ".expected.json")


def decode(raw: bytes) -> str:
    """Decode fixture bytes the way a careful reader would: BOM first, then UTF-8, cp1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def visible_text(path: Path) -> str:
    """The article text; for HTML, tags, scripts, styles and page furniture removed."""
    text = decode(path.read_bytes())
    if path.suffix == ".html":
        text = re.sub(r"(?is)<(script|style|nav|footer|header|aside)\b.*?</\1>", " ", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


def fold(text: str) -> str:
    """Lower-case ASCII with punctuation turned into spaces, for loose name comparisons."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).split())


@dataclass(frozen=True, slots=True)
class ListedPerson:
    reference: str
    listed_on: date | None
    tokens: frozenset[str]


@pytest.fixture(scope="session")
def listed() -> dict[str, ListedPerson]:
    """Every reference of every shipped snapshot, with LISTED_ON and the tokens of its names."""
    out: dict[str, ListedPerson] = {}
    for xml in sorted(LISTS.glob("un-consolidated-*.xml")):
        root = ElementTree.parse(xml).getroot()
        for node in root.iter("INDIVIDUAL"):
            ref = (node.findtext("REFERENCE_NUMBER") or "").strip()
            if not ref:
                continue
            names = [
                " ".join(
                    (node.findtext(tag) or "")
                    for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
                )
            ]
            names += [a.findtext("ALIAS_NAME") or "" for a in node.iter("INDIVIDUAL_ALIAS")]
            tokens = set(fold(" ".join(names)).split())
            raw_listed = (node.findtext("LISTED_ON") or "").strip()[:10]
            listed_on = date.fromisoformat(raw_listed) if raw_listed else None
            if ref in out:
                tokens |= out[ref].tokens
            out[ref] = ListedPerson(ref, listed_on, frozenset(tokens))
    return out


def load_expected(article: Path) -> dict:
    """Parse an expected file; fails with the file name when the JSON is broken."""
    return json.loads(expected_path(article).read_text(encoding="utf-8"))


def iso_or_none(value: object) -> date | None:
    """An ISO date string, or None; anything else is a fixture error."""
    if value is None:
        return None
    assert isinstance(value, str), value
    return date.fromisoformat(value)


ALL = article_paths()
EXAMPLE = EXAMPLES / "soleimani-moscow.txt"
WITH_EXAMPLE = [*ALL, EXAMPLE]


def test_corpus_size_and_mix() -> None:
    assert len(ALL) >= 30
    assert sum(p.suffix == ".html" for p in ALL) >= 3
    regimes = set()
    for article in ALL:
        for event in load_expected(article)["events"]:
            if event["reference"]:
                regimes.add(event["reference"][:2])
    assert {"TA", "IR", "KP", "QD", "LY", "IQ", "CD", "SD", "SS", "YE", "SO", "CF", "HT", "GB"} <= (
        regimes
    )
    no_listed = [a for a in ALL if not any(e["reference"] for e in load_expected(a)["events"])]
    assert len(no_listed) >= 3


def test_every_article_has_expected_and_no_orphans() -> None:
    for article in ALL:
        assert expected_path(article).is_file(), f"missing {expected_path(article).name}"
    stems = {a.stem for a in ALL}
    for exp in ARTICLES.glob("*.expected.json"):
        assert exp.name.removesuffix(".expected.json") in stems, f"orphan {exp.name}"


def test_every_verdict_is_exercised() -> None:
    seen = {
        e["verdict"]
        for a in ALL
        for e in load_expected(a)["events"]
        if e["verdict"] and not e.get("optional")
    }
    assert seen == VERDICTS


@pytest.mark.parametrize("article", ALL, ids=lambda p: p.name)
def test_article_length_and_names(article: Path) -> None:
    text = visible_text(article)
    words = len(text.split())
    assert 120 <= words <= 400, f"{article.name}: {words} words"
    exp = load_expected(article)
    folded = fold(text)
    for name in exp["people"] + exp["not_actors"]:
        assert fold(name) in folded, f"{article.name}: {name!r} not in the text"


@pytest.mark.parametrize("article", WITH_EXAMPLE, ids=lambda p: p.name)
def test_expected_fields_are_valid(article: Path, listed: dict[str, ListedPerson]) -> None:
    exp = load_expected(article)
    assert set(exp) == TOP_KEYS, f"{article.name}: keys {sorted(exp)}"
    published = iso_or_none(exp["published"])
    assert exp["published_source"] in SOURCES
    assert (published is None) == (exp["published_source"] == "unknown")
    if exp["published_source"] == "html-metadata":
        assert article.suffix == ".html"
        assert f'article:published_time" content="{exp["published"]}' in decode(
            article.read_bytes()
        )
    people = set(exp["people"])
    assert not people & set(exp["not_actors"])
    for event in exp["events"]:
        keys = set(event)
        assert EVENT_KEYS <= keys <= EVENT_KEYS | OPTIONAL_EVENT_KEYS, f"{article.name}: {keys}"
        assert event["person"] in people, f"{article.name}: {event['person']} not in people"
        assert pycountry.countries.get(alpha_2=event["country"]) is not None, event["country"]
        assert event["status"] in STATUSES
        start, end = iso_or_none(event["date_from"]), iso_or_none(event["date_to"])
        if start and end:
            assert start <= end, f"{article.name}: {start} > {end}"
        if published and start:
            assert start <= published or event["status"] in {"planned", "cancelled"}
        ref = event["reference"]
        if ref is None:
            assert event["verdict"] is None, f"{article.name}: verdict for unlisted person"
            continue
        assert REFERENCE_RE.match(ref), ref
        assert event["verdict"] in VERDICTS
        assert ref in listed, f"{article.name}: {ref} not in any shipped snapshot"
        name_tokens = set(fold(event["person"]).split())
        assert name_tokens & listed[ref].tokens, f"{article.name}: {event['person']} vs {ref}"


@pytest.mark.parametrize("article", WITH_EXAMPLE, ids=lambda p: p.name)
def test_verdicts_follow_the_time_rules(article: Path, listed: dict[str, ListedPerson]) -> None:
    for event in load_expected(article)["events"]:
        ref, verdict = event["reference"], event["verdict"]
        if ref is None:
            continue
        where = f"{article.name}: {event['person']} {event['country']} {event['date_from']}"
        if event["status"] in NOT_TRAVELLED_STATUSES:
            assert verdict in {"not_travelled", "exempted"}, where
            continue
        if event["status"] in DENIED_STATUSES:
            assert verdict == "needs_review", where
            continue
        assert verdict != "not_travelled", where
        start, end = iso_or_none(event["date_from"]), iso_or_none(event["date_to"])
        listed_on = listed[ref].listed_on
        delisted = KNOWN_DELISTINGS.get(ref)
        before_listing = bool(listed_on and end and end < listed_on)
        after_delisting = bool(delisted and start and start >= delisted)
        if verdict == "not_listed_at_time":
            assert before_listing or after_delisting, where
            continue
        assert not (before_listing or after_delisting), where
        no_ban = no_ban_throughout(ref, start, end)
        if verdict == "no_travel_ban":
            assert no_ban, where
        elif verdict == "apparent_breach":
            assert not no_ban and start is not None, where
            assert event["status"] in {"occurred", "reported"}, where


def no_ban_throughout(ref: str, start: date | None, end: date | None) -> bool:
    """True when, by the README rules, no UN travel ban bound this entry on any day of the trip."""
    if ref.startswith("IQ"):
        return True
    if start is None or end is None:
        return False
    if ref.startswith("IR"):
        return end < IRAN_BAN_START or (IRAN_NO_BAN[0] <= start and end < IRAN_NO_BAN[1])
    return ref == "LYi.009" and start >= AISHA_TB_END


def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    """Every run of n consecutive folded words."""
    words = fold(text).split()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEED.is_file(), reason="the shared seed article is not present")
def test_fixtures_do_not_copy_the_seed_article() -> None:
    seed = shingles(SEED.read_text(encoding="utf-8"))
    for path in WITH_EXAMPLE:
        shared = shingles(visible_text(path)) & seed
        assert not shared, f"{path.name} repeats the seed: {' '.join(next(iter(shared)))}"


def test_example_article_is_present_and_dated() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert re.search(r"^DUBAI, Dec 16, 2015 \(Newswire\) -", text, re.MULTILINE)
    for needle in (
        "Qassem Soleimani",
        "Tal Ksaiba",
        "Salahuddin",
        "July",
        "last week",
        "Samantha Power",
        "Khamenei",
        "Bashar al-Assad",
        "2007",
        "Photo taken March 8, 2015",
    ):
        assert needle in text, needle
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for needle in ("IRi.039", "1929 (2010)", "2015-12-07", "2015-12-13", "2015-03-08"):
        assert needle in readme, needle


def test_example_expects_exactly_the_three_breaches() -> None:
    events = load_expected(EXAMPLE)["events"]
    breaches = sorted(
        (e["reference"], e["country"], e["date_from"], e["date_to"])
        for e in events
        if e["verdict"] == "apparent_breach"
    )
    assert breaches == [
        ("IRi.039", "IQ", "2015-03-08", "2015-03-08"),
        ("IRi.039", "RU", "2015-07-01", "2015-07-31"),
        ("IRi.039", "RU", "2015-12-07", "2015-12-13"),
    ]
    assert {e["reference"] for e in events if e["verdict"]} == {"IRi.039"}


# ---------------------------------------------------------------- the scorer in bench/


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    """bench/eval_extract.py, imported from its path (bench/ is not a package)."""
    path = ROOT / "bench" / "eval_extract.py"
    spec = importlib.util.spec_from_file_location("eval_extract", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _as_prediction(exp: Any) -> Any:
    """What a perfect pipeline would yield for an expected document."""
    findings = tuple(e for e in exp.events if e.verdict is not None)
    return dataclasses.replace(exp, findings=findings, not_actors=())


def test_scorer_gives_full_marks_to_the_expected_answers(scorer: ModuleType) -> None:
    pairs = []
    for _article, exp_path in scorer.corpus([ARTICLES, EXAMPLES]):
        exp = scorer.load_expected(exp_path)
        pairs.append((exp, _as_prediction(exp)))
    assert len(pairs) == len(WITH_EXAMPLE)
    for key, score in scorer.evaluate(pairs).items():
        assert score.fp == 0 and score.fn == 0, (key, score.misses[:3])
        assert score.tp > 0, key


def test_scorer_counts_wrong_fields(scorer: ModuleType) -> None:
    exp = scorer.load_expected(EXAMPLES / "soleimani-moscow.expected.json")
    first, *rest = exp.events
    wrong_country = dataclasses.replace(first, country="UA", verdict="exempted")
    pred = dataclasses.replace(
        exp,
        published=date(2015, 12, 9),
        events=(wrong_country, *rest),
        findings=tuple(e for e in (wrong_country, *rest) if e.verdict),
        people=(("Hadi Rostami",), *exp.people),
    )
    rows = scorer.evaluate([(exp, pred)])
    assert (rows["publication date"].tp, rows["publication date"].fp) == (0, 1)
    assert rows["people"].fp == 1
    assert (rows["event"].tp, rows["event"].fp, rows["event"].fn) == (3, 1, 1)
    assert (rows["country"].tp, rows["country"].fn) == (3, 1)
    assert rows["date range"].fn == 0
    assert (rows["verdict"].tp, rows["verdict"].fn) == (2, 1)


def test_scorer_name_and_date_rules(scorer: ModuleType) -> None:
    ev = scorer.Ev
    a = ev(
        ("Qassem Soleimani",), frozenset(), "RU", date(2015, 12, 7), date(2015, 12, 13), "occurred"
    )
    assert scorer.same_person(a, dataclasses.replace(a, names=("Soleimani",)))
    assert not scorer.same_person(a, dataclasses.replace(a, names=("Ghasem Soleymani",)))
    other_ref = dataclasses.replace(a, refs=frozenset({"IRi.040"}))
    assert not scorer.same_person(dataclasses.replace(a, refs=frozenset({"IRi.039"})), other_ref)
    assert scorer.overlap(a, dataclasses.replace(a, start=date(2015, 12, 13), end=None))
    assert scorer.overlap(a, dataclasses.replace(a, start=date(2015, 12, 14), end=None)) is False
    assert scorer.overlap(a, dataclasses.replace(a, start=None, end=None)) is None
    assert not scorer.dates_right(a, dataclasses.replace(a, start=None, end=None))


# ---------------------------------------------------------------- the benchmark generator


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    """bench/corpus.py, imported from its path."""
    path = ROOT / "bench" / "corpus.py"
    spec = importlib.util.spec_from_file_location("bench_corpus", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_is_deterministic_and_mixed(generator: ModuleType, tmp_path: Path) -> None:
    first = generator.make_corpus(tmp_path / "a", 40, seed=7)
    again = generator.make_corpus(tmp_path / "b", 40, seed=7)
    other = generator.make_corpus(tmp_path / "c", 40, seed=8)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    assert [m["file"] for m in manifest] == [p.name for p in first]
    assert sum(m["listed"] for m in manifest) == 4
    for m, path in zip(manifest, first, strict=True):
        text = path.read_text(encoding="utf-8")
        assert 780 <= len(text.split()) <= 900, (path.name, len(text.split()))
        named = [t for t in generator.LISTED if t.name in text]
        assert len(named) == (1 if m["listed"] else 0), path.name
    long = generator.make_corpus(tmp_path / "d", 3, words=2000, listed_share=1.0)
    assert all(1950 <= len(p.read_text(encoding="utf-8").split()) <= 2100 for p in long)


def test_generated_people_are_not_listed_names(
    generator: ModuleType, listed: dict[str, ListedPerson]
) -> None:
    listed_names: set[str] = set()
    for xml in sorted(LISTS.glob("un-consolidated-*.xml")):
        root = ElementTree.parse(xml).getroot()
        for node in root.iter("INDIVIDUAL"):
            parts = (node.findtext(t) or "" for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME"))
            listed_names.add(fold(" ".join(parts)))
            listed_names.update(
                fold(a.findtext("ALIAS_NAME") or "") for a in node.iter("INDIVIDUAL_ALIAS")
            )
    invented = {fold(f"{g} {f}") for g in generator.GIVEN for f in generator.FAMILY}
    assert len(invented) > 2000
    assert not invented & listed_names
    for traveller in generator.LISTED:
        assert traveller.reference in listed
        assert set(fold(traveller.surname).split()) & listed[traveller.reference].tokens
