"""The generated evaluation set of bench/eval_names.py: which variants it leaves out."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def eval_names() -> ModuleType:
    """bench/eval_names.py, imported from its path (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_eval_names", BENCH / "eval_names.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


FORMS = [
    ("E1", "Mohammad Sayed"),
    ("E2", "Mohammad Zayed"),
    ("E3", "Qasem Soleimani"),
    ("E4", "Kim Yong Chol"),
    ("E5", "Kim Song Chol"),
    ("E6", "Mullah Naeem Barech"),
]


def left_out(module: ModuleType, kind: str, source: str, query: str, right: str) -> bool:
    cases = [(kind, frozenset({right}), source, query)]
    return 0 in module.equally_near(cases, FORMS)


def test_a_slip_as_near_to_another_listed_name_is_left_out(eval_names: ModuleType) -> None:
    # One letter from Sayed and one from Zayed: either man may be meant.
    assert left_out(eval_names, "replace", "Mohammad Sayed", "Mohammad Layed", "E1")


def test_a_slip_nearer_its_own_name_is_kept(eval_names: ModuleType) -> None:
    assert not left_out(eval_names, "replace", "Mohammad Sayed", "Mohammad Sayad", "E1")
    assert not left_out(eval_names, "drop", "Qasem Soleimani", "Qasem Solemani", "E3")


def test_a_slip_in_a_title_does_not_count_as_a_slip_in_the_name(eval_names: ModuleType) -> None:
    assert not left_out(eval_names, "drop", "Mullah Naeem Barech", "Mulah Naeem Barech", "E6")


def test_a_dropped_middle_name_shared_with_another_entry_is_left_out(
    eval_names: ModuleType,
) -> None:
    assert left_out(eval_names, "middle dropped", "Kim Yong Chol", "Kim Chol", "E4")
    # Only another entry's name counts: the source's own is the right answer.
    forms_one = [f for f in FORMS if f[0] != "E5"]
    cases = [("middle dropped", frozenset({"E4"}), "Kim Yong Chol", "Kim Chol")]
    assert eval_names.equally_near(cases, forms_one) == set()


def test_a_dropped_middle_name_that_is_another_name_without_an_end_word_is_left_out(
    eval_names: ModuleType,
) -> None:
    # "Lee Min" is E7 without its middle word, and E8 without its last one: one word is
    # missing from either, so the variant tells the two people apart no better than a coin.
    forms = [("E7", "Lee Jun Min"), ("E8", "Lee Min Ho"), ("E9", "Park Lee Min")]
    cases = [("middle dropped", frozenset({"E7"}), "Lee Jun Min", "Lee Min")]
    assert eval_names.dropped_at_an_end(cases, forms) == {0}
    assert eval_names.dropped_at_an_end(cases, forms[:1] + forms[2:]) == {0}  # its first
    # Its own name only, or another name that needs two words dropped: kept.
    assert eval_names.dropped_at_an_end(cases, forms[:1]) == set()
    far = [("E7", "Lee Jun Min"), ("E10", "Lee Min Ho Su")]
    assert eval_names.dropped_at_an_end(cases, far) == set()
    # Only dropped middle names are judged so.
    slip = [("drop", frozenset({"E7"}), "Lee Jun Min", "Lee Min")]
    assert eval_names.dropped_at_an_end(slip, forms) == set()


def test_help_prints_the_usage_and_an_unknown_option_is_one_line(
    eval_names: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    eval_names.main(["--help"])
    assert "Run: ``python bench/eval_names.py" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="unknown option --bogus"):
        eval_names.main(["--bogus"])
