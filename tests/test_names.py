"""Name screening on the real shipped list: normalisation, rules, scores, explanations."""

from __future__ import annotations

from pathlib import Path

import pytest

from travelban.errors import ListError
from travelban.models import AliasQuality, Entry, EntryKind, Evidence
from travelban.names import NameIndex, load_rules, normalize, tokens
from travelban.names.normalize import Role, get_normalizer
from travelban.sanctions import load_list
from travelban.settings import DEFAULT_THRESHOLD, default_lists_dir

LIST = default_lists_dir() / "un-consolidated-2026-05-08.xml"


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(load_list(LIST).entries)


def top(index: NameIndex, query: str, **kw: object) -> tuple[str, float]:
    ms = index.screen(query, floor=0.0, **kw)  # type: ignore[arg-type]
    return (ms[0].reference, ms[0].score) if ms else ("", 0.0)


# ------------------------------------------------------------ normalisation


def test_folding_and_particles() -> None:
    assert tokens("Qasem al-Soleimani") == ["qasem", "soleimani"]
    assert tokens("José Martínez") == ["jose", "martinez"]
    # Abd al-Rahman, Abdul Rahman and Abdulrahman are one given name
    assert normalize("Abd al-Rahman") == normalize("Abdul Rahman") == normalize("Abdulrahman")
    assert normalize("Nasir ud-Din") == normalize("Nasiruddin")


def test_transliteration_keys_join_spellings() -> None:
    n = get_normalizer()
    keys = {n.key(w)[0] for w in ("soleimani", "sulaimani", "suleimani", "soleymani", "sulaymani")}
    assert len(keys) == 1
    assert n.key("qassem")[0] == n.key("ghasem")[0] == n.key("kasim")[0]
    assert n.key("mahmud")[0] != n.key("muhammad")[0]


def test_honorifics_are_weak_not_deleted() -> None:
    toks = get_normalizer().analyse("Maj. Gen. Mohammed Bagheri")
    assert [t.role for t in toks[:2]] == [Role.HONORIFIC, Role.HONORIFIC]
    assert toks[2].text == "muhammad" and toks[2].spelling == "mohammed"


def test_arabic_script_is_transliterated_with_article_and_names() -> None:
    toks = get_normalizer().analyse("عبد الرحمن محمد الحسين")
    assert toks[0].text.startswith("abd") and toks[0].abjad
    assert toks[1].text == "muhammad" and not toks[1].abjad  # known given name
    assert toks[2].skeleton == get_normalizer().analyse("Husain")[0].skeleton


def test_rules_are_data(tmp_path: Path) -> None:
    rules = load_rules()
    assert any(r.why for r in rules.rewrites)
    assert "mullah" in rules.honorifics
    with pytest.raises(ListError, match="rules file is missing"):
        load_rules(tmp_path)


# ------------------------------------------------------------ the Soleimani cases


@pytest.mark.parametrize(
    "query",
    ["Qassem Soleimani", "Qasem Soleimani", "General Qassem Soleimani", "Kasim Sulaimani"],
)
def test_spellings_find_soleimani(index: NameIndex, query: str) -> None:
    ms = index.screen(query)
    assert ms and ms[0].reference == "IRi.039"
    assert DEFAULT_THRESHOLD <= ms[0].score < 1.0


def test_surname_only_is_lower(index: NameIndex) -> None:
    full = top(index, "Qasem Soleimani")
    alone = top(index, "Soleimani")
    assert alone[0] == "IRi.039"
    assert alone[1] < full[1]


def test_near_homonyms_stay_apart_and_say_what_decides(index: NameIndex) -> None:
    ms = index.screen("Ghasem Soleimani")
    refs = [m.reference for m in ms]
    assert "IRi.039" in refs and "IRi.040" in refs
    qasem = next(m for m in ms if m.reference == "IRi.039")
    assert "distinguish by" in qasem.explanation.summary
    assert "1957-03-11" in qasem.explanation.summary


def test_exact_match_does_not_reach_one_and_evidence_lifts(index: NameIndex) -> None:
    plain = index.screen("Qasem Soleimani")[0]
    assert plain.score < 0.96
    backed = index.screen(
        "Qasem Soleimani",
        evidence=Evidence(birth_year=1957, nationalities=("IR",), organisations=("Quds Force",)),
    )[0]
    assert backed.reference == "IRi.039" and backed.score > plain.score
    reasons = " ".join(r for r, _ in backed.explanation.adjustments)
    assert "1957" in reasons and "kuds" in reasons.lower()


def test_contradicting_evidence_lowers(index: NameIndex) -> None:
    plain = index.screen("Qasem Soleimani")[0]
    ms = index.screen("Qasem Soleimani", evidence=Evidence(birth_year=1990))
    wrong = next(m for m in ms if m.reference == "IRi.039")
    assert wrong.score < plain.score
    # the namesake without a listed birth date now ranks first
    assert ms[0].reference == "IRi.040"
    assert any(d < 0 for _, d in wrong.explanation.adjustments)


def test_evidence_separates_homonyms(index: NameIndex) -> None:
    ms = index.screen("Ghasem Soleimani", evidence=Evidence(birth_year=1957))
    assert ms[0].reference == "IRi.039"


def test_low_alias_counts_less_than_good(index: NameIndex) -> None:
    low = index.screen("Haji Qassem", floor=0.0)[0]
    assert low.alias_quality is AliasQuality.LOW
    assert ("Low-quality alias", -0.04) in low.explanation.adjustments


def test_explanation_carries_alignment_scorer_threshold(index: NameIndex) -> None:
    m = index.screen("Qassem Suleimani", threshold=0.7)[0]
    e = m.explanation
    assert e.threshold == 0.7 and e.scorer
    rules = {(a.query_token, a.rule) for a in e.alignments}
    assert ("qassem", "translit") in rules
    assert m.reference in e.summary


def test_arabic_script_query_finds_latin_entry(index: NameIndex) -> None:
    ms = index.screen("قاسم سليماني")
    assert "IRi.039" in [m.reference for m in ms]


def test_name_order_and_partial_names(index: NameIndex) -> None:
    assert top(index, "Soleimani Qasem")[0] == "IRi.039"
    full = top(index, "Abdul Ghani Baradar")
    assert full[0] == "TAi.024"


def test_unlisted_people_do_not_alert(index: NameIndex) -> None:
    for name in ("John Smith", "Hassan Soleimani Far", "Maria Fernanda Lopez", "Kim Min-jun"):
        assert index.screen(name) == (), name


def test_scores_rank_and_limit(index: NameIndex) -> None:
    ms = index.screen("Muhammad", floor=0.0, limit=5)
    assert len(ms) <= 5
    assert [m.score for m in ms] == sorted((m.score for m in ms), reverse=True)


def test_empty_and_punctuation_queries(index: NameIndex) -> None:
    assert index.screen("") == ()
    assert index.screen("  ...!! ") == ()


def test_screen_many_matches_screen(index: NameIndex) -> None:
    qs = ["Qasem Soleimani", "John Smith", "Qasem Soleimani", "Kim Yong Chol"]
    many = index.screen_many(qs)
    assert many == [index.screen(q) for q in qs]


def test_entities_and_constructed_entries() -> None:
    entry = Entry(
        reference="QDe.999",
        dataid="1",
        kind=EntryKind.ENTITY,
        list_type="Al-Qaida",
        name_parts=("HARAKAT EXAMPLE AL-MUJAHIDIN",),
        name="HARAKAT EXAMPLE AL-MUJAHIDIN",
    )
    idx = NameIndex.build([entry])
    assert idx.screen("Harakat Example Mujahideen")[0].reference == "QDe.999"


# ------------------------------------------------------------ text scan


def test_find_in_text(index: NameIndex) -> None:
    text = (
        "Iran's General Qassem Soleimani met officials. Later Soleimani left. "
        "Haji Qassem was seen. Mohammed and Ali spoke to al reporters."
    )
    hits = index.find_in_text(text)
    found = {h.text for h in hits}
    assert {"Qassem Soleimani", "Soleimani", "Haji Qassem"} <= found
    assert all("IRi.039" in h.references for h in hits)
    assert not any(h.text in ("Mohammed", "Ali", "al") for h in hits)
    h = hits[0]
    assert text[h.start : h.end] == h.text


def test_find_in_text_ignores_lowercase_words(index: NameIndex) -> None:
    assert index.find_in_text("the bank said a general trading company was fined") == []
