"""The actor gazetteer: country names, variants, demonyms, capitals, IGOs, sector cues, actor codes."""
from __future__ import annotations

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.resolve.gazetteer import ActorCode, actor_code, country_of, default_gazetteer, load_gazetteer, sector_of


@pytest.mark.parametrize(
    "text, code",
    [
        ("the United States", "USA"), ("U.S.", "USA"), ("US", "USA"), ("America", "USA"),
        ("Britain", "GBR"), ("Great Britain", "GBR"), ("UK", "GBR"), ("the United Kingdom", "GBR"),
        ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Burma", "MMR"), ("South Korea", "KOR"),
        ("North Korea", "PRK"), ("Mongolia", "MNG"), ("the Democratic Republic of Congo", "COD"),
        ("Lebanon's new president", "LBN"),
    ],
)  # fmt: skip
def test_country_names_and_variants(text: str, code: str) -> None:
    assert country_of(text) == code


def test_every_pycountry_name_is_known() -> None:
    for country in pycountry.countries:
        assert country_of(country.name) == country.alpha_3, country.name


@pytest.mark.parametrize(
    "text, code",
    [("Egyptian", "EGY"), ("Libyan", "LBY"), ("Israeli", "ISR"), ("Palestinian", "PSE"),
     ("Iraqis", "IRQ"), ("Britons", "GBR"), ("Filipino", "PHL"), ("the Sudanese", "SDN"),
     ("South Sudanese", "SSD"), ("Equatorial Guinean", "GNQ"), ("Guinean", "GIN")],
)  # fmt: skip
def test_demonyms_and_plurals(text: str, code: str) -> None:
    assert country_of(text) == code


@pytest.mark.parametrize("text, code", [("Cairo", "EGY"), ("Washington", "USA"), ("Tripoli", "LBY"), ("Moscow", "RUS")])
def test_capitals_are_governments(text: str, code: str) -> None:
    assert actor_code(text) == ActorCode(code, "GOV")


@pytest.mark.parametrize(
    "text",
    ["United Nations", "UN", "U.N.", "Security Council", "the UN Security Council", "NATO",
     "European Union", "EU", "African Union", "Arab League"],
)  # fmt: skip
def test_igos(text: str) -> None:
    assert country_of(text) == "IGO"


@pytest.mark.parametrize(
    "phrase, country, sector",
    [
        ("the Egyptian army", "EGY", "MIL"), ("Libyan Foreign Minister", "LBY", "GOV"),
        ("Jordanian official", "JOR", "GOV"), ("Afghan rebel leaders", "AFG", "REB"),
        ("UN peacekeepers", "IGO", "MIL"), ("U.N. Secretary-General", "IGO", "GOV"),
        ("Kenyan police", "KEN", "COP"), ("the Turkish parliament", "TUR", "LEG"),
        ("a Cuban court", "CUB", "JUD"), ("Syrian state television", "SYR", "MED"),
        ("Red Cross officials", "NGO", "NGO"), ("Chinese students", "CHN", "CVL"),
        ("Egypt's chief of staff", "EGY", "MIL"), ("Security forces in Guinea", "GIN", "COP"),
    ],
)  # fmt: skip
def test_actor_code(phrase: str, country: str, sector: str) -> None:
    assert actor_code(phrase) == ActorCode(country, sector)


@pytest.mark.parametrize(
    "text, sector",
    [
        ("army", "MIL"), ("troops", "MIL"), ("general", "MIL"), ("chief of staff", "MIL"),
        ("president", "GOV"), ("ministry", "GOV"), ("ambassador", "GOV"), ("rebels", "REB"),
        ("militia", "REB"), ("opposition", "OPP"), ("party", "PTY"), ("House of Representatives", "LEG"),
        ("congress", "LEG"), ("judge", "JUD"), ("police", "COP"), ("newspaper", "MED"), ("agency", "MED"),
        ("cleric", "REL"), ("imam", "REL"), ("firm", "BUS"), ("protesters", "CVL"), ("civilians", "CVL"),
        ("charity", "NGO"), ("NGO", "NGO"), ("Red Cross", "NGO"),
    ],
)  # fmt: skip
def test_sector_cues(text: str, sector: str) -> None:
    assert sector_of(text) == sector


@pytest.mark.parametrize(
    "text",
    ["an anti-Syria journalist", "ethnic Albanians", "New Mexico", "the Indian Ocean", "turkey sandwich",
     "Gordon Brown", "us", "rebel leaders"],
)  # fmt: skip
def test_no_country(text: str) -> None:
    assert country_of(text) is None


def test_one_typo_away_from_a_country() -> None:
    assert country_of("Isreal") == "ISR"
    assert country_of("Afganistan") == "AFG"


def test_tables_load_once_and_from_a_folder(tmp_path) -> None:
    assert default_gazetteer() is default_gazetteer()
    (tmp_path / "gazetteer_countries.tsv").write_text("# test\nXKX\tname\tFreedonia\n", encoding="utf-8")
    (tmp_path / "gazetteer_organisations.tsv").write_text("IGO\tIGO\tLeague of Planets\n", encoding="utf-8")
    (tmp_path / "gazetteer_sectors.tsv").write_text("MIL\tstrong\tmarines\n", encoding="utf-8")
    small = load_gazetteer(tmp_path)
    assert small.actor_code("Freedonia marines") == ActorCode("XKX", "MIL")
    assert small.country_of("the League of Planets") == "IGO"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_a_code_or_none(text: str) -> None:
    code = actor_code(text)
    assert code.country is None or len(code.country) == 3
    assert code.sector is None or len(code.sector) == 3
