"""Long texts are parsed in windows: exact consecutive slices, joined with the original offsets."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import travelban.extract.nlp as nlp_module
from travelban.cli import cli
from travelban.extract.nlp import load_nlp, parse, unwrap, windows

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "soleimani-moscow.txt"
ARTICLES = ROOT / "tests" / "articles"

# Neutral filler in our own words: no person, no place of the gazetteer's interest.
FILLER = (
    "Farmers in the valley said the autumn rains came late this year, and many of them "
    "planted their winter wheat two weeks after the usual date.",
    "The municipal library extended its opening hours on weekdays, and volunteers now run "
    "a reading club for children every Saturday morning.",
    "Shipping rates on the coastal routes eased slightly during the quarter as fuel prices "
    "fell and more vessels returned to service.",
    "Engineers inspecting the old railway bridge found the steel beams in better condition "
    "than expected, so repairs will cost less than planned.",
)
LAST = (
    "Qassem Soleimani, the commander of the Quds Force, travelled to Moscow on December 3, "
    "2015 for talks with Russian defence officials."
)


def _long_article(chars: int) -> str:
    paras = ["Regional news digest"]
    size = 0
    while size < chars:
        para = FILLER[len(paras) % len(FILLER)]
        paras.append(para)
        size += len(para) + 2
    paras.append(LAST)
    return "\n\n".join(paras) + "\n"


def _assert_tiles(text: str, spans: list[tuple[int, int]], limit: int) -> None:
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end == start
    assert all(0 < e - s <= limit for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == text


# ---------------------------------------------------------------- where texts are cut


def test_a_text_that_fits_is_one_window() -> None:
    text = "Short text.\n\nSecond paragraph."
    assert windows(text, 100) == [(0, len(text))]


def test_cuts_fall_after_paragraph_breaks() -> None:
    text = "\n\n".join(
        f"Paragraph number {i} says one plain thing. Then another." for i in range(40)
    )
    spans = windows(text, 300)
    _assert_tiles(text, spans, 300)
    for _, end in spans[:-1]:
        assert text[end - 2 : end] == "\n\n" and text[end] == "P"


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    text = " ".join(f"Sentence {i} of one very long paragraph ends here." for i in range(200))
    spans = windows(text, 500)
    _assert_tiles(text, spans, 500)
    for _, end in spans[:-1]:
        assert text[end - 2 : end] == ". " and text[end] == "S"


def test_wrapped_lines_with_no_sentence_end_are_cut_at_line_breaks() -> None:
    text = "\n".join(f"a wrapped line number {i} with no full stop" for i in range(100))
    spans = windows(text, 400)
    _assert_tiles(text, spans, 400)
    assert all(text[end - 1] == "\n" for _, end in spans[:-1])


def test_one_endless_word_is_cut_hard() -> None:
    text = "x" * 1000
    spans = windows(text, 300)
    _assert_tiles(text, spans, 300)


# ---------------------------------------------------------------- the joined Doc


@pytest.mark.slow
def test_windowed_doc_keeps_the_text_offsets_and_sentences() -> None:
    nlp = load_nlp()
    text = EXAMPLE.read_text(encoding="utf-8")
    doc = parse(nlp, text, max_chars=600)
    assert len(windows(text, 600)) > 3
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    assert "Qassem Soleimani" in {e.text for e in doc.ents if e.label_ == "PERSON"}
    # every window starts a sentence, and no sentence crosses a paragraph break
    for start, _ in windows(text, 600):
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        assert span is not None and doc[span.start].is_sent_start
    for sent in doc.sents:
        assert "\n\n" not in sent.text.strip()


@pytest.mark.slow
def test_over_spacys_own_limit_is_parsed() -> None:
    nlp = load_nlp()
    text = _long_article(nlp.max_length + 10_000)
    doc = parse(nlp, text)
    assert doc.text == text
    last = doc.char_span(text.index("Qassem"), text.index("Qassem") + len("Qassem Soleimani"))
    assert last is not None and last.text == "Qassem Soleimani"


# ---------------------------------------------------------------- end to end


def _screen(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["screen", *args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.slow
def test_a_3_mb_article_naming_a_traveller_in_its_last_paragraph_is_screened(
    tmp_path: Path,
) -> None:
    article = tmp_path / "long-digest.txt"
    article.write_text(_long_article(3_000_000), encoding="utf-8")
    assert article.stat().st_size > 3_000_000
    payload = _screen(str(article), "--published", "2015-12-16")
    assert payload["counts"]["articles_failed"] == 0, payload["articles"]
    found = {
        (f["reference"], f["country"], f["date_from"], f["verdict"]) for f in payload["findings"]
    }
    assert found == {("IRi.039", "RU", "2015-12-03", "apparent_breach")}


def _comparable(payload: dict) -> tuple[list[str], list[str]]:
    findings = sorted(
        json.dumps({k: v for k, v in f.items() if k != "article"}, sort_keys=True)
        for f in payload["findings"]
    )
    events = sorted(json.dumps(e, sort_keys=True) for e in payload["events"])
    return findings, events


@pytest.mark.slow
def test_windows_give_the_same_findings_as_a_whole_text_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths = [str(EXAMPLE), *sorted(str(p) for p in ARTICLES.glob("*.txt"))[:12]]
    args = [*paths, "--all-events"]
    whole = _comparable(_screen(*args))
    assert whole[0] and whole[1]
    monkeypatch.setattr(nlp_module, "MAX_CHARS", 600)
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    assert all(len(windows(t, 600)) > 1 for t in texts)
    assert _comparable(_screen(*args)) == whole


def test_unwrap_reads_in_paragraph_breaks_of_a_wrapped_text_as_spaces() -> None:
    text = (
        "Headline of the story\n"
        "\n"
        "The former chief justice Sami\n"
        "Karimi was among the activists who were held and denied entry to\n"
        "the country on Monday evening, officials said.\n"
        "Karimi, with two other activists, was held at\n"
        "the airport in Entebbe pending his removal\n"
        "to Kenya.\n"
    )
    out = unwrap(text)
    assert len(out) == len(text)
    assert "Sami Karimi was" in out and "to the country" in out and "at the airport" in out
    assert out.startswith("Headline of the story\n\nThe former")
    assert "officials said.\nKarimi" in out  # a line that ends a sentence keeps its break


def test_unwrap_leaves_a_text_with_ordinary_lines_alone() -> None:
    text = "Malaysia defends deportation\nKUALA LUMPUR: The minister said so.\nHe left.\n"
    assert unwrap(text) is text
