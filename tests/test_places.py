"""Places → countries with the shipped gazetteer (lists/gazetteer)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from travelban.errors import ListError
from travelban.extract import Extractor
from travelban.extract.places import Gazetteer, fold
from travelban.settings import default_lists_dir

LISTS = default_lists_dir()
UN_LISTS = sorted(LISTS.glob("un-*.xml"))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(LISTS)


def test_load_is_memoised_and_data_is_compact(gaz: Gazetteer) -> None:
    assert Gazetteer.load(LISTS) is gaz
    assert Gazetteer.load(Path(str(LISTS) + "/")) is gaz
    size = sum(p.stat().st_size for p in (LISTS / "gazetteer").iterdir())
    assert size < 3_500_000  # towns.tsv (5,000 to 50,000 people) is about 2.1 MB of it
    assert len(gaz.countries) >= 240


def test_missing_gazetteer_folder_is_a_list_error(tmp_path: Path) -> None:
    with pytest.raises(ListError, match="gazetteer folder missing"):
        Gazetteer.load(tmp_path)


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Moscow", "RU", "city"),
        ("Damascus", "SY", "city"),
        ("Tehran", "IR", "city"),
        ("Kabul", "AF", "city"),
        ("Doha", "QA", "city"),
        ("Pyongyang", "KP", "city"),
        ("Tripoli", "LY", "city"),
        ("Baghdad", "IQ", "city"),
        ("Qom", "IR", "city"),
        ("Deir ez-Zor", "SY", "city"),
        ("Kyiv", "UA", "city"),
        ("Kiev", "UA", "city"),
        ("São Paulo", "BR", "city"),
        ("Sao Paulo", "BR", "city"),
        ("Russia", "RU", "country"),
        ("Russian Federation", "RU", "country"),
        ("Iran", "IR", "country"),
        ("Syria", "SY", "country"),
        ("North Korea", "KP", "country"),
        ("DPRK", "KP", "country"),
        ("DRC", "CD", "country"),
        ("U.S.", "US", "country"),
        ("USA", "US", "country"),
        ("UK", "GB", "country"),
        ("Britain", "GB", "country"),
        ("the Philippines", "PH", "country"),
        ("Côte d'Ivoire", "CI", "country"),
        ("Ivory Coast", "CI", "country"),
        ("Georgia", "GE", "country"),  # the country beats the US state
        ("Salahuddin", "IQ", "region"),
        ("Salah ad Din", "IQ", "region"),
        ("Salahuddin province", "IQ", "region"),
        ("Şalāḩ ad Dīn Governorate", "IQ", "region"),
        ("Helmand", "AF", "region"),
        ("California state", "US", "region"),
        # summit venues under the derived data's size bar, and the Nigerian press's name
        ("Sharm al-Sheikh", "EG", "city"),
        ("Davos", "CH", "city"),
        ("Gabala", "AZ", "city"),
        ("Bo’ao", "CN", "city"),
        ("Benin Republic", "BJ", "country"),
    ],
)
def test_lookup(gaz: Gazetteer, name: str, country: str, kind: str) -> None:
    place = gaz.lookup(name)
    assert place is not None
    assert (place.country, place.kind) == (country, kind)
    assert place.name == name


def test_iso_codes(gaz: Gazetteer) -> None:
    ir = gaz.lookup("IR")
    assert ir is not None and ir.country == "IR" and ir.how == "iso-code"
    irn = gaz.lookup("IRN")
    assert irn is not None and irn.country == "IR"


@pytest.mark.parametrize(
    ("name", "country"),
    [("Kazakstan", "KZ"), ("Phillipines", "PH"), ("Afganistan", "AF"), ("Venezuala", "VE")],
)
def test_misspelt_countries(gaz: Gazetteer, name: str, country: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and place.country == country


def test_fuzzy_is_for_country_names_only(gaz: Gazetteer) -> None:
    fz = gaz.lookup("Venezuala")
    assert fz is not None and fz.how.startswith("fuzzy:Venezuela")
    # a misspelt city is not guessed, and similar countries do not swap
    assert gaz.lookup("Damascuss") is None
    austria = gaz.lookup("Austria")
    assert austria is not None and austria.country == "AT"
    for name in ("Soleimani", "Khamenei", "Tal Ksaiba", "Revolutionary", ""):
        assert gaz.lookup(name) is None


def test_ambiguity_and_bias(gaz: Gazetteer) -> None:
    punjab = gaz.lookup("Punjab")
    assert punjab is not None and punjab.country is None
    assert punjab.how == "ambiguous:IN|PK"
    biased = gaz.lookup("Punjab", prefer={"PK"})
    assert biased is not None and biased.country == "PK"
    # the bias decides between namesakes of any size
    tripoli = gaz.lookup("Tripoli", prefer=["LB"])
    assert tripoli is not None and tripoli.country == "LB"


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Iranian", "IR"),
        ("Iranians", "IR"),
        ("Afghan", "AF"),
        ("Emirati", "AE"),
        ("Russian", "RU"),
        ("Syrian", "SY"),
        ("Iraqi", "IQ"),
        ("North Korean", "KP"),
        ("Libyan", "LY"),
        ("Filipino", "PH"),
        ("Saudi", "SA"),
    ],
)
def test_demonyms(gaz: Gazetteer, word: str, country: str) -> None:
    assert gaz.demonym(word) == country


def test_not_demonyms(gaz: Gazetteer) -> None:
    for word in ("Iran", "commander", "Revolutionary", ""):
        assert gaz.demonym(word) is None


def test_country_name(gaz: Gazetteer) -> None:
    assert gaz.country_name("IR") == "Iran"
    assert gaz.country_name("kp") == "North Korea"
    assert gaz.country_name("ZZ") == "ZZ"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Iran (Islamic Republic of)", "IR"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Republic of Korea", "KR"),
        ("Syrian Arab Republic", "SY"),
        ("Libyan Arab Jamahiriya", "LY"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("United Republic of Tanzania", "TZ"),
        ("State of Palestine", "PS"),
        ("Türkiye", "TR"),
        ("Côte d’Ivoire", "CI"),
        (" the Philippines", "PH"),
        ("The Gambia", "GM"),
        ("Afghan", "AF"),
        ("Sudanese by birth", "SD"),
        ("Possibly Ethiopian", "ET"),
        ("Jordanian of Palestinian origin", "JO"),
        ("Bahrain (citizenship revoked in Jan. 2015)", "BH"),
        ("Indonesia (as at Dec. 2003)", "ID"),
        ("United States. Also believed to hold Syrian nationality", "US"),
        ("Congo", "CG"),
        ("Democratic Republic of the Congo", "CD"),
        ("Qom, Iran", "IR"),
        ("Tehran, Iran (Islamic Republic of)", "IR"),
        ("Kabul Province, Afghanistan", "AF"),
        ("Kandahar", "AF"),
        ("US", "US"),
    ],
)
def test_country_of_un_strings(gaz: Gazetteer, text: str, country: str) -> None:
    assert gaz.country_of(text) == country


@pytest.mark.parametrize("text", ["USSR (until 1991)", "former Soviet Union", "na", "", "   "])
def test_country_of_unknowns(gaz: Gazetteer, text: str) -> None:
    assert gaz.country_of(text) is None


def test_countries_in(gaz: Gazetteer) -> None:
    assert gaz.countries_in("Jordanian of Palestinian origin") == ["JO", "PS"]
    assert gaz.countries_in("Sudan/or South Sudan") == ["SD", "SS"]
    assert gaz.countries_in("Russia and Iran support Syria; Iran again") == ["RU", "IR", "SY"]
    assert gaz.countries_in("nothing here") == []


@pytest.mark.skipif(not UN_LISTS, reason="no shipped UN list copies")
def test_every_un_nationality_value_resolves_or_is_knowingly_unknown(gaz: Gazetteer) -> None:
    values: set[str] = set()
    for path in UN_LISTS:
        xml = path.read_text(encoding="utf-8")
        for block in re.findall(r"<NATIONALITY>(.*?)</NATIONALITY>", xml, re.S):
            values.update(v.strip() for v in re.findall(r"<VALUE>(.*?)</VALUE>", block))
    assert len(values) > 50
    unresolved = {v for v in values if gaz.country_of(v) is None}
    # historic states and placeholders have no current ISO code
    assert unresolved <= {"USSR (until 1991)", "former Soviet Union", "na"}


# ---------------------------------------------------------------- running text


def spans_ok(text: str, places: list) -> bool:
    return all(text[p.start : p.end] == p.name for p in places)


def test_seed_style_sentence(gaz: Gazetteer) -> None:
    text = (
        "The Iranian commander stood with fighters in the town of Tal Ksaiba in Salahuddin "
        "province on March 8, 2015, before he flew to Moscow, the Fars news agency said."
    )
    places = gaz.find_places(text)
    assert spans_ok(text, places)
    got = {p.name: p for p in places}
    tal = got["Tal Ksaiba"]
    assert (tal.country, tal.kind, tal.how) == ("IQ", "town", "container:Salahuddin")
    assert got["Salahuddin province"].country == "IQ"
    assert got["Moscow"].country == "RU"
    assert "Fars" not in got  # the news agency, not the province
    assert "Iranian" not in got  # a demonym is nationality evidence, not a place


def test_container_after_a_comma(gaz: Gazetteer) -> None:
    places = gaz.find_places("He was seen in Tal Afar, Iraq, on Monday.")
    assert [(p.name, p.country, p.how) for p in places] == [
        ("Tal Afar", "IQ", "container:Iraq"),
        ("Iraq", "IQ", "gazetteer"),
    ]
    idaho = gaz.find_places("They met in Moscow, Idaho.")
    assert (idaho[0].name, idaho[0].country) == ("Moscow", "US")
    lebanon = gaz.find_places("talks in Tripoli, Lebanon")
    assert lebanon[0].country == "LB" and lebanon[0].how == "gazetteer+container:Lebanon"


def test_lists_are_not_containers(gaz: Gazetteer) -> None:
    text = "They discussed Syria, Iraq, Yemen and Lebanon after visits to Moscow, Tehran and Doha."
    got = [(p.name, p.country) for p in gaz.find_places(text)]
    assert got == [
        ("Syria", "SY"),
        ("Iraq", "IQ"),
        ("Yemen", "YE"),
        ("Lebanon", "LB"),
        ("Moscow", "RU"),
        ("Tehran", "IR"),
        ("Doha", "QA"),
    ]


def test_demonym_container_and_unknown_town(gaz: Gazetteer) -> None:
    text = "in the northern Syrian town of Abu Kurdiya and the village of Qaryat Zed"
    got = {p.name: p for p in gaz.find_places(text)}
    assert (got["Abu Kurdiya"].country, got["Abu Kurdiya"].how) == ("SY", "demonym:Syrian")
    assert got["Qaryat Zed"].country is None and got["Qaryat Zed"].how == "unresolved"


def test_people_and_organisations_are_not_places(gaz: Gazetteer) -> None:
    text = (
        "Vladimir Putin met Janet Lawrence. Reading the report, officials of the Quds Force, "
        "the Tehran Times and Iran Air said nothing. Us too."
    )
    assert gaz.find_places(text) == []


def test_capitalised_abbreviations_and_misspellings_in_text(gaz: Gazetteer) -> None:
    text = "The US, the UK and the DRC; he flew from Kazakstan to the Phillipines."
    got = [(p.name, p.country) for p in gaz.find_places(text)]
    assert got == [
        ("US", "US"),
        ("UK", "GB"),
        ("DRC", "CD"),
        ("Kazakstan", "KZ"),
        ("Phillipines", "PH"),
    ]


def test_ambiguous_region_settled_by_the_text(gaz: Gazetteer) -> None:
    alone = gaz.find_places("He visited Punjab.")
    assert alone[0].country is None and alone[0].how.startswith("ambiguous:")
    ctx = gaz.find_places("He visited the Punjab region of Pakistan.")
    assert (ctx[0].name, ctx[0].country, ctx[0].how) == ("Punjab", "PK", "context:Pakistan")
    biased = gaz.find_places("He visited Punjab.", prefer={"IN"})
    assert biased[0].country == "IN"


def test_multiword_and_non_ascii_names(gaz: Gazetteer) -> None:
    text = "From Abu Dhabi to Côte d’Ivoire via São Paulo and Salah ad-Din governorate."
    got = [(p.name, p.country) for p in gaz.find_places(text)]
    assert got == [
        ("Abu Dhabi", "AE"),
        ("Côte d’Ivoire", "CI"),
        ("São Paulo", "BR"),
        ("Salah ad-Din governorate", "IQ"),
    ]


def test_sentence_start_small_city_needs_a_second_mention(gaz: Gazetteer) -> None:
    assert gaz.find_places("Geneva hosted the talks.") == []
    two = gaz.find_places("Talks in Geneva ended. Geneva is calm.")
    assert [p.name for p in two] == ["Geneva", "Geneva"]
    assert [p.start for p in two] == [9, 23]
    # a capital or a country opening a sentence is always a place
    assert [p.country for p in gaz.find_places("Damascus denied it.")] == ["SY"]


def test_fold() -> None:
    assert fold("Şalāḩ ad Dīn") == "salah ad din"
    assert fold("U.S.") == "us"
    assert fold("Côte d’Ivoire") == "cote divoire"
    assert fold("Deir ez-Zor") == "deir ez zor"


def test_hand_written_lists_name_real_places(gaz: Gazetteer) -> None:
    """Every stop name is a gazetteer key; otherwise the entry does nothing."""
    lines = (LISTS / "gazetteer" / "stopnames.txt").read_text(encoding="utf-8").splitlines()
    entries = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    assert entries
    assert all(gaz.lookup(e) is not None for e in entries)


def test_landmarks_stand_for_their_city_not_a_namesake(gaz: Gazetteer) -> None:
    # Casablanca's Arabic name means "white house"; in English prose it is Washington's.
    found = gaz.find_places("The minister was received at the White House on Thursday.")
    assert [(p.name, p.country, p.kind) for p in found] == [("White House", "US", "landmark")]
    assert found[0].how == "landmark:Washington"
    kremlin = gaz.lookup("the Kremlin")
    assert kremlin is not None and kremlin.country == "RU"
    # an organisation named after the building is no place at all
    assert gaz.find_places("a dinner of the White House Correspondents' Association") == []


def test_city_before_a_joining_word_is_a_whole_name(gaz: Gazetteer) -> None:
    # "Geneva on Tuesday" is one capitalised run; the city still stands on its own there,
    # while a small city inside a personal name ("Vladimir Putin") does not
    found = gaz.find_places("Ahmed Rashidi arrived in Geneva on Tuesday.")
    assert [(p.name, p.country) for p in found] == [("Geneva", "CH")]
    both = gaz.find_places("Officials flew between Lyon and Basel last week.")
    assert [p.country for p in both] == ["FR", "CH"]
    assert gaz.find_places("Vladimir Putin spoke to reporters.") == []


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("seen at Tal Ksaiba, a town in Iraq's Salahuddin province, last week", "Tal Ksaiba", "IQ"),
        ("raids on Umm Dhahab, a small village near Raqqa", "Umm Dhahab", "SY"),
        ("landed at Zarzis, a port city in southern Tunisia", "Zarzis", "TN"),
    ],
)
def test_appositive_container_places_an_unknown_town(
    gaz: Gazetteer, text: str, name: str, country: str
) -> None:
    found = {p.name: p for p in gaz.find_places(text)}
    assert found[name].country == country
    assert "container:" in found[name].how


def test_appositive_describing_a_person_places_nobody(gaz: Gazetteer) -> None:
    found = gaz.find_places("Ali Hassan, a commander in Iraq's army, spoke.")
    assert [p.name for p in found] == ["Iraq"]


def test_a_city_that_is_also_a_state_after_a_comma_is_the_state(gaz: Gazetteer) -> None:
    found = gaz.find_places("He is held in immigration custody in Batavia, New York, for now.")
    assert (found[0].name, found[0].country) == ("Batavia", "US")  # not Jakarta's old name


def test_a_longer_name_inside_a_run_is_never_read_as_its_first_word(gaz: Gazetteer) -> None:
    found = gaz.find_places("He was stopped at Kota Kinabalu International Airport on Sunday.")
    assert ("Kota", "IN") not in [(p.name, p.country) for p in found]


def test_a_car_is_not_a_fijian_airport(gaz: Gazetteer) -> None:
    assert gaz.find_places("He left in a waiting SUV.") == []


def test_a_shared_name_reads_in_the_countries_the_text_is_sure_of(gaz: Gazetteer) -> None:
    # alone, the bigger Kochi by the gazetteer's weights; beside Kerala, India's
    alone = gaz.find_places("The plane turned back to Kochi.")
    in_kerala = gaz.find_places("He was treated at a clinic near Kochi, in Kerala, last month.")
    assert [p.country for p in alone] == ["JP"]
    kochi = next(p for p in in_kerala if p.name == "Kochi")
    assert kochi.country == "IN" and kochi.how.startswith(("context:", "gazetteer+container"))
    # a namesake far smaller than the famous place never wins on context alone
    cairo = gaz.find_places("The senator from the United States landed in Cairo on Sunday.")
    assert [p.country for p in cairo if p.name == "Cairo"] == ["EG"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The envoy flew to the Democratic People's Republic of Korea on Monday.", "KP"),
        ("The envoy flew to the Democratic People\u2019s Republic of Korea on Monday.", "KP"),
        ("The minister began a state visit to the People\u2019s Republic of China.", "CN"),
        ("Talks were held in the Lao People's Democratic Republic.", "LA"),
    ],
)
def test_peoples_in_a_state_name_does_not_end_it(gaz: Gazetteer, text: str, country: str) -> None:
    # "People's" is read as one word of the name, not as a possessive that cuts it (which
    # left "Republic of Korea", the South, and "Republic of China", Taiwan)
    assert [p.country for p in gaz.find_places(text)] == [country]


def test_a_possessive_still_ends_a_place_name(gaz: Gazetteer) -> None:
    assert [p.country for p in gaz.find_places("Iran's Revolutionary Guards in Syria")] == [
        "IR",
        "SY",
    ]


def test_towns_are_a_fallback_for_spans_read_as_places(gaz: Gazetteer) -> None:
    """Resorts and small towns where summits meet come from towns.tsv, by lookup_town
    only: the running-text scan never turns them up by itself."""
    town = gaz.lookup_town("Sharm el-Sheikh", prefer=frozenset())
    assert town is not None and (town.country, town.kind) == ("EG", "town")
    assert gaz.lookup_town("Zermatt", prefer=frozenset()).country == "CH"  # type: ignore[union-attr]
    assert gaz.lookup("Zermatt") is None
    assert gaz.find_places("The leaders gathered in Zermatt on Tuesday.") == []
    # a bigger place of the name keeps it: towns.tsv holds no key the main tables have
    assert gaz.lookup_town("Cairo", prefer=frozenset()) is None


def test_a_town_name_shared_by_countries_needs_the_text_s_country(gaz: Gazetteer) -> None:
    # Villarrica: a Chilean and a Paraguayan town of like size
    assert gaz.lookup_town("Villarrica", prefer=frozenset()) is None
    hit = gaz.lookup_town("Villarrica", prefer=frozenset({"PY"}))
    assert hit is not None and hit.country == "PY"


def test_a_summit_town_the_parser_reads_as_a_place_gives_the_trip(extractor: Extractor) -> None:
    from travelban.models import Article, DateSource

    text = "Prime Minister Ivan Petrov arrived in Sharm el-Sheikh on Monday for the climate talks."
    art = Article(
        source="t",
        sha256="t",
        text=text,
        published=date(2024, 5, 8),
        published_source=DateSource.GIVEN,
    )
    ex = extractor.extract(art)
    assert [(e.person_name, e.destination.country) for e in ex.events if e.destination] == [
        ("Ivan Petrov", "EG")
    ]
