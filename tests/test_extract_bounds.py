"""Inputs that stress the extractor (issue 18, "Bad input"): very long sentences, lists of
hundreds of names, tables flattened into text, quotes inside quotes. Each must be read
without a crash and give what a reader would write down. Speed is measured in
bench/bench_extract.py, never asserted here."""

from __future__ import annotations

import pytest

from tests.test_extract_prose import MONDAY, article, extractor  # noqa: F401  (fixture)
from travelban.extract import Extractor

pytestmark = pytest.mark.slow

GIVEN = ["Ivan", "Omar", "Mamadou", "Ahmed", "Pavel", "Karim"]
FAMILY = ["Petrov", "Diallo", "Haddad", "Naseri", "Keita", "Sidorov"]


def test_a_list_of_two_hundred_travellers_gives_each_their_trip(extractor: Extractor) -> None:
    names = [f"{GIVEN[i % 6]} {FAMILY[(i // 6) % 6]}ski{i}" for i in range(200)]
    text = "Among those who flew to Doha on Monday were " + ", ".join(names) + "."
    ex = extractor.extract(article(text))
    found = {e.person_name for e in ex.events if e.destination and e.destination.country == "QA"}
    assert len(found) >= 180  # the parser folds a few items of so long a list together
    assert all(e.when.start == MONDAY for e in ex.events)


def test_a_sentence_of_hundreds_of_clauses_is_read_whole(extractor: Extractor) -> None:
    clauses = ", and ".join(["the delegates met officials in Cairo"] * 300)
    text = f"Ivan Petrov flew to Cairo on Monday. He said {clauses}."
    ex = extractor.extract(article(text))
    assert [p.name for p in ex.people] == ["Ivan Petrov"]
    assert {e.destination.country for e in ex.events if e.destination} == {"EG"}


def test_a_table_flattened_into_text_makes_no_travellers_of_its_cells(
    extractor: Extractor,
) -> None:
    rows = ["Name | Ivan Petrov | Paris | 2024-05-01 | arrived"] * 500
    ex = extractor.extract(article("\n".join(rows)))
    assert len(ex.people) <= 1
    assert len(ex.events) <= 1


def test_quotes_inside_quotes_do_not_break_the_reading(extractor: Extractor) -> None:
    text = (
        'Ivan Petrov flew to Oslo on Monday. "He told me \'they said "we are in Oslo" '
        "twice' before lunch,\" an aide said. " * 20
    )
    ex = extractor.extract(article(text))
    assert {e.destination.country for e in ex.events if e.destination} == {"NO"}
