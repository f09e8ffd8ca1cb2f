"""The parser on the real shipped UN list copies (counts and quirks from SOURCES.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from travelban.errors import ListError
from travelban.models import AliasQuality, EntryKind, SanctionsList
from travelban.sanctions import load_list, normalise_reference
from travelban.sanctions.parse import parse_birth_date, parse_day
from travelban.settings import default_lists_dir

LISTS = default_lists_dir()

# (file, dateGenerated, individuals, entities) as recorded in SOURCES.md
SNAPSHOTS = [
    (
        "un-consolidated-2026-05-08.xml",
        datetime(2026, 5, 8, 23, 0, 6, 922000, tzinfo=UTC),
        737,
        272,
    ),
    (
        "un-consolidated-2026-01-28.xml",
        datetime(2026, 1, 28, 0, 0, 11, 197000, tzinfo=UTC),
        726,
        273,
    ),
    (
        "un-consolidated-2024-09-26.xml",
        datetime(2024, 9, 26, 0, 0, 7, 514000, tzinfo=UTC),
        682,
        193,
    ),
    (
        "un-consolidated-2020-11-30.xml",
        datetime(2020, 11, 30, 20, 31, 19, 923000, tzinfo=timezone(timedelta(hours=-5))),
        713,
        305,
    ),
    (
        "un-consolidated-2015-03-27.xml",
        datetime(2015, 3, 27, 17, 37, 13, 737000, tzinfo=timezone(timedelta(hours=-4))),
        622,
        424,
    ),
    (
        "un-1737-iran-list-2015-03-17.xml",
        datetime(2015, 3, 17, 17, 34, 48, 302000, tzinfo=timezone(timedelta(hours=-4))),
        43,
        78,
    ),
]


@pytest.fixture(scope="session")
def loaded() -> dict[str, SanctionsList]:
    """Every shipped snapshot parsed once per test session."""
    return {name: load_list(LISTS / name) for name, *_ in SNAPSHOTS}


@pytest.mark.parametrize(("name", "generated", "individuals", "entities"), SNAPSHOTS)
def test_counts_and_generation_date_match_sources(
    loaded: dict[str, SanctionsList],
    name: str,
    generated: datetime,
    individuals: int,
    entities: int,
) -> None:
    sl = loaded[name]
    assert sl.info.generated == generated
    assert sl.info.generated is not None and sl.info.generated.tzinfo is not None
    assert (sl.info.individuals, sl.info.entities) == (individuals, entities)
    kinds = [e.kind for e in sl.entries]
    assert kinds.count(EntryKind.INDIVIDUAL) == individuals
    assert kinds.count(EntryKind.ENTITY) == entities
    assert len({e.reference for e in sl.entries}) == individuals + entities
    assert sl.info.path == LISTS / name
    assert len(sl.info.sha256) == 64


def test_list_type_counts_2026_05_08(loaded: dict[str, SanctionsList]) -> None:
    sl = loaded["un-consolidated-2026-05-08.xml"]
    iran = [e for e in sl.entries if e.list_type == "Iran"]
    assert sum(e.kind is EntryKind.INDIVIDUAL for e in iran) == 43
    assert sum(e.kind is EntryKind.ENTITY for e in iran) == 78
    assert all(e.regime == "IR" for e in iran)


@pytest.mark.parametrize(
    "name",
    [
        "un-consolidated-2015-03-27.xml",
        "un-consolidated-2020-11-30.xml",
        "un-consolidated-2026-01-28.xml",
        "un-consolidated-2026-05-08.xml",
    ],
)
def test_soleimani_iri_039_as_sources_describe(loaded: dict[str, SanctionsList], name: str) -> None:
    e = loaded[name].by_reference()["IRi.039"]
    assert e.dataid == "110408"
    assert e.kind is EntryKind.INDIVIDUAL
    assert e.name_parts == ("QASEM", "SOLEIMANI")
    assert e.name == "QASEM SOLEIMANI"
    assert e.list_type == "Iran"
    assert e.listed_on == date(2007, 3, 24)
    assert e.comments == (
        "Promoted to Major General, retaining his position as Commander of Qods force. "
        "[Old Reference # I.47.D.6]"
    )
    assert e.nationalities == ()
    good = [a.name for a in e.aliases if a.quality is AliasQuality.GOOD]
    low = [a.name for a in e.aliases if a.quality is AliasQuality.LOW]
    assert good == [
        "Qasim Soleimani",
        "Qasem Sulaimani",
        "Qasim Sulaimani",
        "Qasim Sulaymani",
        "Qasem Sulaymani",
        "Kasim Soleimani",
        "Kasim Sulaimani",
        "Kasim Sulaymani",
    ]
    assert low == ["Haj Qasem", "Haji Qassem", "Sardar Soleimani"]
    assert len(e.birth_dates) == 1
    dob = e.birth_dates[0]
    assert (dob.kind, dob.value, dob.years()) == ("exact", "1957-03-11", (1957, 1957))
    # later copies spell the country "Iran (Islamic Republic of)"
    assert len(e.birth_places) == 1 and e.birth_places[0].startswith("Qom, Iran")
    assert len(e.documents) == 1
    doc = e.documents[0]
    assert (doc.kind, doc.number) == ("Passport", "008827")
    assert doc.country.startswith("Iran")
    assert e.last_updated == (date(2014, 12, 17),)
    if name.startswith("un-consolidated-2015"):
        assert e.designations == ("Brigadier General/Commander of Qods force",)
    else:
        assert e.designations == ("Brigadier General", "Commander of Qods force")


def test_iri_040_near_homonym_present(loaded: dict[str, SanctionsList]) -> None:
    for name in ("un-consolidated-2015-03-27.xml", "un-consolidated-2026-05-08.xml"):
        e = loaded[name].by_reference()["IRi.040"]
        assert e.name == "GHASEM SOLEYMANI"
        assert e.listed_on == date(2008, 3, 3)
        assert [a.name for a in e.aliases] == [
            "Ghasim Soleymani",
            "Ghasem Sulaymani",
            "Ghasem Solaymani",
        ]
    assert "IRi.040" not in loaded["un-consolidated-2020-11-30.xml"].by_reference()
    assert "IRi.039" not in loaded["un-consolidated-2024-09-26.xml"].by_reference()


def test_reference_typo_and_stray_characters_normalised(loaded: dict[str, SanctionsList]) -> None:
    refs = loaded["un-consolidated-2015-03-27.xml"].by_reference()
    assert "TAi.171" in refs and "TAI.171" not in refs
    assert "QDi.343" in refs  # written "QDi.343." in the file
    assert "LRi.010" in refs  # written "LRi.010 " in the file
    assert "KPi.034" in loaded["un-consolidated-2020-11-30.xml"].by_reference()
    assert normalise_reference(" TAI.171 ") == "TAi.171"
    assert normalise_reference("QDi. 343.") == "QDi.343"
    assert normalise_reference("kpe.023") == "KPe.023"


def test_zone_suffixed_dates(loaded: dict[str, SanctionsList]) -> None:
    assert parse_day("2015-03-27-04:00") == date(2015, 3, 27)
    old = loaded["un-consolidated-2015-03-27.xml"].by_reference()
    # written <LISTED_ON>2015-03-23-04:00</LISTED_ON> and 2015-03-27-04:00 in the file
    assert old["QDi.351"].listed_on == date(2015, 3, 23)
    assert old["TAi.173"].listed_on == date(2015, 3, 27)
    assert old["TAe.014"].listed_on == date(2015, 3, 27)
    ss5 = loaded["un-consolidated-2020-11-30.xml"].by_reference()["SSi.005"]
    assert ss5.listed_on == date(2015, 7, 1)  # "2015-07-01-04:00"
    assert [b.value for b in ss5.birth_dates] == ["1960-01-01"]  # "1960-01-01-05:00"


def test_between_and_note_dates_of_birth(loaded: dict[str, SanctionsList]) -> None:
    entries = loaded["un-consolidated-2026-05-08.xml"].entries
    between = [b for e in entries for b in e.birth_dates if b.kind == "between"]
    assert between and all(b.from_year and b.to_year for b in between)
    assert all(b.from_year <= b.to_year for b in between if b.from_year and b.to_year)
    notes = [b for e in entries for b in e.birth_dates if b.kind == "note"]
    assert any(b.note == "Nov. 1973" and b.value == "1973-11" for b in notes)
    approx = [b for e in entries for b in e.birth_dates if b.kind == "approximately"]
    assert approx and all(b.value[:4].isdigit() for b in approx if b.value)
    # several statements for one person
    assert any(len(e.birth_dates) > 2 for e in entries)


def test_mixed_case_type_of_date_read_the_same(loaded: dict[str, SanctionsList]) -> None:
    old = loaded["un-consolidated-2015-03-27.xml"].entries
    kinds = {b.kind for e in old for b in e.birth_dates}
    assert {"exact", "year", "approximately", "between"} <= kinds


def test_birth_date_element_shapes() -> None:
    import xml.etree.ElementTree as ET

    def bd(xml: str):  # type: ignore[no-untyped-def]
        return parse_birth_date(ET.fromstring(f"<X>{xml}</X>"))

    assert bd("<TYPE_OF_DATE/>") is None
    b = bd("<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1966</FROM_YEAR><TO_YEAR>1967</TO_YEAR>")
    assert b is not None and b.years() == (1966, 1967)
    b = bd("<TYPE_OF_DATE>Approximately</TYPE_OF_DATE><YEAR>1970</YEAR>")
    assert b is not None and (b.kind, b.years()) == ("approximately", (1969, 1971))
    b = bd("<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1979-03-03-05:00</DATE>")
    assert b is not None and b.value == "1979-03-03"
    b = bd("<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>29 Feb. 1969</NOTE>")
    assert b is not None and (b.kind, b.value, b.note) == ("note", "", "29 Feb. 1969")


def test_entity_aliases_aka_and_fka(loaded: dict[str, SanctionsList]) -> None:
    e = loaded["un-consolidated-2026-05-08.xml"].by_reference()["QDe.014"]
    assert e.kind is EntryKind.ENTITY
    assert e.name_parts == (e.name,)
    qualities = {a.quality for a in e.aliases}
    assert {AliasQuality.AKA, AliasQuality.FKA} <= qualities
    fka = [a.name for a in e.aliases if a.quality is AliasQuality.FKA]
    assert "Le Groupe Salafiste pour La Prédication et le Combat (GSPC)" in fka


def test_packed_aliases_split_and_line_wraps_joined(loaded: dict[str, SanctionsList]) -> None:
    sl = loaded["un-consolidated-2024-09-26.xml"]
    names = {a.name for e in sl.entries for a in e.aliases}
    # a wrapped value is one name, not two
    assert "Kim Yong-Chol" in names
    assert "Kim" not in names
    for e in sl.entries:
        for a in e.aliases:
            assert a.name and ";" not in a.name and "\n" not in a.name


def test_transliterations_in_alias_note_become_aliases(loaded: dict[str, SanctionsList]) -> None:
    e = loaded["un-consolidated-2015-03-27.xml"].by_reference()["QDi.317"]
    translit = [a for a in e.aliases if a.note == "transliteration given in the list"]
    assert {a.name for a in translit} >= {
        "Abu Muhammad al-Jawlani",
        "Abu Mohammed al-Julani",
        "Abu Mohammed al-Golani",
        "Abu Muhammad al-Golani",
        "Abu Muhammad Aljawlani",
        "Muhammad al-Jawlani",
        "Shaykh al-Fatih",
        "Al Fatih",
    }
    assert any(a.original_script for a in e.aliases)


def test_original_script_aliases_flagged(loaded: dict[str, SanctionsList]) -> None:
    e = loaded["un-consolidated-2026-05-08.xml"].by_reference()["QDi.365"]
    cyr = [a for a in e.aliases if a.original_script]
    assert "Ахмад Шишани" in {a.name for a in cyr}
    assert all(not a.original_script for a in e.aliases if a.name.isascii())


def test_empty_alias_placeholders_skipped(loaded: dict[str, SanctionsList]) -> None:
    e = loaded["un-consolidated-2026-05-08.xml"].by_reference()["IRi.040"]
    assert all(a.name.strip() for a in e.aliases)


def test_titles_nationalities_addresses_interpol(loaded: dict[str, SanctionsList]) -> None:
    new = loaded["un-consolidated-2026-05-08.xml"].by_reference()
    assert any(e.titles for e in new.values())
    assert new["SDi.007"].nationalities == ("Sudan",)
    assert new["QDi.335"].interpol_link.startswith("https://www.interpol.int/")
    assert new["QDi.335"].last_updated[-1] == date(2023, 2, 2)
    assert any(e.addresses for e in new.values() if e.kind is EntryKind.ENTITY)
    assert any(e.original_script for e in new.values())


# ---------------------------------------------------------------- hostile input


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&lol3;</FIRST_NAME><REFERENCE_NUMBER>QDi.001</REFERENCE_NUMBER>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&xxe;</FIRST_NAME><REFERENCE_NUMBER>QDi.001</REFERENCE_NUMBER>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"""


def _truncated() -> bytes:
    data = (LISTS / "un-consolidated-2026-05-08.xml").read_bytes()
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("label", "data", "says"),
    [
        ("billion-laughs", BILLION_LAUGHS, "unsafe XML"),
        ("xxe", XXE, "unsafe XML"),
        ("truncated", None, "not well-formed"),
        ("wrong-root", b"<?xml version='1.0'?><c1737><entry/></c1737>", "root element"),
        ("empty", b"", "empty"),
        ("whitespace", b"  \n", "empty"),
        (
            "no-records",
            b'<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"/>',
            "no INDIVIDUAL",
        ),
        (
            "no-date",
            b"<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>",
            "dateGenerated",
        ),
    ],
)
def test_hostile_or_malformed_file_is_one_line_list_error(
    tmp_path: Path, label: str, data: bytes | None, says: str
) -> None:
    path = _write(tmp_path, f"{label}.xml", _truncated() if data is None else data)
    with pytest.raises(ListError) as info:
        load_list(path)
    msg = str(info.value)
    assert str(path) in msg
    assert says in msg
    assert "\n" not in msg
    assert info.value.fix
    if label == "xxe":
        assert "root:" not in msg


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ListError, match="not found") as info:
        load_list(tmp_path / "nope.xml")
    assert "nope.xml" in str(info.value)
    with pytest.raises(ListError, match="directory"):
        load_list(tmp_path)


def test_expected_sha256_checked() -> None:
    path = LISTS / "un-1737-iran-list-2015-03-17.xml"
    good = "d564e2d1af944ba2a4f79a6335037dba9a170c22ee2cd485c0cd250f69b1a6a9"
    assert load_list(path, expected_sha256=good).info.sha256 == good
    with pytest.raises(ListError, match="sha256") as info:
        load_list(path, expected_sha256="0" * 64)
    assert str(path) in str(info.value)


def test_cache_keyed_by_sha256(tmp_path: Path) -> None:
    src = LISTS / "un-1737-iran-list-2015-03-17.xml"
    cache = tmp_path / "cache"
    first = load_list(src, cache_dir=cache)
    files = list(cache.glob("*.pickle"))
    assert len(files) == 1 and first.info.sha256 in files[0].name
    # a copy under another name is served from the cache, with its own path
    copy = tmp_path / "copy.xml"
    copy.write_bytes(src.read_bytes())
    again = load_list(copy, cache_dir=cache)
    assert again.entries == first.entries and again.info.path == copy
    # a damaged cache entry is ignored and the file parsed again
    files[0].write_bytes(b"not a pickle")
    assert load_list(src, cache_dir=cache).entries == first.entries
    # changed bytes never hit the old cache entry
    changed = tmp_path / "changed.xml"
    changed.write_bytes(src.read_bytes().replace(b"IRi.039", b"IRi.999"))
    assert "IRi.999" in load_list(changed, cache_dir=cache).by_reference()


def test_alias_value_quirks(loaded: dict[str, SanctionsList]) -> None:
    old = loaded["un-consolidated-2015-03-27.xml"].by_reference()
    # a remark in parentheses goes to the note, not into the name
    baqi = {a.name: a for a in old["TAi.038"].aliases}
    assert baqi["Abdul Baqi"].note == "previously listed as"
    # Latin and Arabic script in one value become two aliases
    alizai = {a.name: a for a in old["TAi.148"].aliases}
    assert not alizai["Agha Jan Alizai"].original_script
    assert alizai["اغا جان عالیزی"].original_script
    # an unclosed parenthesis still yields the transliterations inside it
    baghdadi = {a.name for a in old["QDi.299"].aliases}
    assert {"Abu Bakr al-Baghdadi al-Husayni al-Quraishi", "Abu Bakr al-Baghdadi"} <= baghdadi
    # "ORIGINAL (Latin; Latin; ...)" in one value (HTS, 2024 copy)
    hts = {
        a.name: a
        for a in loaded["un-consolidated-2024-09-26.xml"].by_reference()["QDe.137"].aliases
    }
    assert hts["هيئة تحرير الشام"].original_script
    assert {"Hayat Tahrir al-Sham", "Assembly for the Liberation of Syria"} <= set(hts)
    # an alias row holding only a date/place of birth adds to the entry, not to the aliases
    new = loaded["un-consolidated-2026-05-08.xml"].entries
    assert any("for alias" in b.note for e in new for b in e.birth_dates)
