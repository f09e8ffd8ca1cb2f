"""The extraction vocabulary read from the shipped ``lists/extract/`` tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from travelban.errors import ConfigError
from travelban.extract.vocab import Vocabulary
from travelban.settings import default_lists_dir


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.load(default_lists_dir())


def test_lexicon_sets_come_from_the_data_file(vocab: Vocabulary) -> None:
    assert {"outskirts", "town", "south-west", "vicinity"} <= vocab.place_nouns
    assert {"road", "highway"} <= vocab.route_nouns
    assert {"airport", "palace", "conference"} <= vocab.facility_nouns
    assert {"custody", "prison"} <= vocab.custody_nouns
    assert vocab.member_verbs == frozenset({"include", "comprise"})
    assert "road" not in vocab.place_nouns


def test_every_facility_is_also_a_venue(vocab: Vocabulary) -> None:
    assert vocab.facility_nouns < vocab.venue_nouns
    assert {"embassy", "office", "headquarters"} <= vocab.venue_nouns - vocab.facility_nouns


def _lists_with_row(tmp_path: Path, table: str, row: str) -> Path:
    """A copy of the shipped lists whose extraction table ``table`` ends with ``row``."""
    shutil.copytree(default_lists_dir() / "extract", tmp_path / "extract")
    path = tmp_path / "extract" / table
    path.write_text(path.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    return tmp_path


def test_unknown_lexicon_set_names_the_file(tmp_path: Path) -> None:
    lists = _lists_with_row(tmp_path, "lexicon.tsv", "harbourside\tquay")
    with pytest.raises(ConfigError, match=r"lexicon\.tsv"):
        Vocabulary.load(lists)


def test_given_names_are_one_gender_each() -> None:
    table = default_lists_dir() / "extract" / "given_names.tsv"
    seen: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, gender = line.split()
        assert gender in {"f", "m"}, line
        assert seen.setdefault(name.lower(), gender) == gender, f"{name} given both genders"
    assert len(seen) >= 300
    assert not {"jean", "andrea", "kim", "nikita", "nur", "iman"} & seen.keys()


def test_given_names_reach_the_vocabulary(vocab: Vocabulary) -> None:
    assert vocab.given_names["aisha"] == "f"
    assert vocab.given_names["mohammad"] == "m"
    # round 20's Caucasus forms: "Secretary of the Security Council Armen Grigoryan", read
    # by the model as one organisation, is a person by its given name
    assert vocab.given_names["armen"] == "m"
    assert vocab.given_names["tamar"] == "f"


def test_public_figures_are_found_by_name_and_by_first_and_last_word(vocab: Vocabulary) -> None:
    assert vocab.figures["yoweri museveni"] == "UG"
    assert vocab.figures["recep tayyip erdogan"] == "TR"  # an "other form" column's spelling
    assert vocab.figures["mohammed bin salman"] == "SA"
    assert vocab.figures["salman bin abdulaziz"] == "SA"  # "King" written into the name
    assert "king salman bin abdulaziz" not in vocab.figures
    # a bare surname only under its own "=" key, and only when one state's holders bear it
    assert all(len(k.split()) >= 2 or k.startswith("=") for k in vocab.figures)
    assert vocab.figures["=museveni"] == "UG"
    assert "=silva" not in vocab.figures  # holders of several states


def test_a_bad_public_figures_row_names_the_file(tmp_path: Path) -> None:
    lists = _lists_with_row(tmp_path, "public_figures.tsv", "Ivan Petrov\tRussia")
    with pytest.raises(ConfigError, match=r"public_figures\.tsv"):
        Vocabulary.load(lists)


def test_no_public_figure_is_a_listed_person() -> None:
    """The table tells hosts at home; a person on any shipped UN list must never be in it
    (their presence at home is the assessment's own-country verdict, not noise)."""
    from travelban.names import NameIndex
    from travelban.pipeline import _union_entries
    from travelban.sanctions import Archive

    archive = Archive.open(default_lists_dir())
    entries = _union_entries([archive.load(info) for info in archive.snapshots])
    index = NameIndex.build(entries.values())
    table = default_lists_dir() / "extract" / "public_figures.tsv"
    names = [
        line.split("\t")[0]
        for line in table.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(names) > 2000
    close = [
        (name, ms[0].reference, round(ms[0].score, 3))
        for name in names
        if (ms := index.screen(name, floor=0.0)) and ms[0].score >= 0.95
    ]
    assert not close
