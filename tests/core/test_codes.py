"""Waste codes (EWC/AVV) and sectors (NACE Rev. 2 / WZ 2008): spellings, lookups, "did
you mean", search."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kreislauf.catalogues import sector_catalogue, waste_catalogue
from kreislauf.core.codes import (
    Sector,
    SectorCatalogue,
    SectorLevel,
    SectorTerm,
    WasteCatalogue,
    WasteCode,
    WasteHeading,
    fold_text,
    normalize_nace,
    normalize_waste_code,
    normalize_waste_prefix,
)
from kreislauf.errors import InputError, KreislaufError, UnknownCodeError
from kreislauf.i18n import translator

WASTE = waste_catalogue()
SECTORS = sector_catalogue()
WASTE_CODES = [code.code for code in WASTE]
SECTOR_CODES = [sector.code for sector in SECTORS]

# --- waste-code spellings ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("020702", "02 07 02"),
        ("02.07.02", "02 07 02"),
        ("02 07 02 *", "02 07 02*"),
        ("02-07-02", "02 07 02"),
        ("13 02 05*", "13 02 05*"),
        ("130205*", "13 02 05*"),
        ("13 02 05 (*)", "13 02 05*"),
        ("  02 07 02  ", "02 07 02"),
        ("AVV 13 02 05*", "13 02 05*"),
        ("EWC: 170504", "17 05 04"),
        ("Abfallschlüssel 20 03 01", "20 03 01"),
        ("0207 02", "02 07 02"),
    ],
)
def test_waste_code_spellings_normalise(text: str, expected: str) -> None:
    assert normalize_waste_code(text) == expected


@pytest.mark.parametrize(
    "text", ["", "02 07", "2 07 02", "02 07 021", "0207021", "abc", "02 07 0x", "**", "02 07 02 **"]
)
def test_malformed_waste_codes_are_input_errors_naming_the_text(text: str) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        normalize_waste_code(text)
    assert isinstance(caught.value, InputError)
    assert f'"{text}"' in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("02", "02"), ("0207", "02 07"), ("02.07", "02 07"), ("02 07 02*", "02 07 02")],
)
def test_waste_prefixes_normalise(text: str, expected: str) -> None:
    assert normalize_waste_prefix(text) == expected


@pytest.mark.parametrize("text", ["2", "020", "02 07*", "02*", "x"])
def test_malformed_waste_prefixes_raise(text: str) -> None:
    with pytest.raises(UnknownCodeError):
        normalize_waste_prefix(text)


separators = st.sampled_from(["", " ", ".", "-", "  ", "/"])
stars = st.sampled_from(["", "*", " *", "(*)", " (*)"])
labels = st.sampled_from(["", "AVV ", "EWC ", "avv: ", "LoW "])


@given(
    digits=st.text(alphabet="0123456789", min_size=6, max_size=6),
    first=separators,
    second=separators,
    star=stars,
    label=labels,
)
def test_any_spelling_of_six_digits_round_trips(
    digits: str, first: str, second: str, star: str, label: str
) -> None:
    text = f"{label}{digits[:2]}{first}{digits[2:4]}{second}{digits[4:]}{star}"
    normal = normalize_waste_code(text)
    assert normal == f"{digits[:2]} {digits[2:4]} {digits[4:]}" + ("*" if star else "")
    assert normalize_waste_code(normal) == normal
    assert re.sub(r"\D", "", normal) == digits


@given(code=st.sampled_from(WASTE_CODES), spacing=separators, star=st.booleans())
def test_every_listed_code_is_found_in_any_spelling(code: str, spacing: str, star: bool) -> None:
    text = code.replace(" ", spacing) + ("*" if star else "")
    found = WASTE.get(text)
    assert found is not None and found.code == code
    assert text in WASTE


# --- the waste catalogue ---------------------------------------------------------------


def _small_waste() -> WasteCatalogue:
    headings = [
        WasteHeading("02", "chapter", "Landwirtschaft", "agriculture"),
        WasteHeading("02 07", "group", "Getränke", "beverages"),
        WasteHeading("13", "chapter", "Öle", "oils"),
        WasteHeading("13 02", "group", "Motorenöle", "engine oils"),
    ]
    codes = [
        WasteCode("02 07 01", False, "absolute", "02", "02 07", "Waschwasser", "washing water"),
        WasteCode("02 07 02", False, "absolute", "02", "02 07", "Destillation", "distillation"),
        WasteCode("02 07 04", False, "absolute", "02", "02 07", "Treber", "spent grain"),
        WasteCode("13 02 05", True, "mirror", "13", "13 02", "Motoröl", "engine oil"),
    ]
    return WasteCatalogue(codes, headings)


def test_lookup_ignores_the_star_and_notation_carries_it() -> None:
    small = _small_waste()
    oil = small.require("130205")
    assert oil.code == "13 02 05" and oil.notation == "13 02 05*" and oil.hazardous
    assert small.get("13 02 05*") is oil and small.canonical("13.02.05") == "13 02 05*"
    assert small.get("99 99 99") is None and small.get("not a code") is None
    assert len(small) == 4 and [c.code for c in small] == [
        "02 07 01",
        "02 07 02",
        "02 07 04",
        "13 02 05",
    ]


def test_strict_star_flags_a_wrong_or_missing_star() -> None:
    small = _small_waste()
    with pytest.raises(UnknownCodeError, match="carries a star"):
        small.require("02 07 02*", strict_star=True)
    with pytest.raises(UnknownCodeError, match="lacks the star"):
        small.require("13 02 05", strict_star=True)
    assert small.require("13 02 05*", strict_star=True).hazardous


def test_unknown_code_suggests_the_nearest_in_the_same_group() -> None:
    small = _small_waste()
    with pytest.raises(UnknownCodeError) as caught:
        small.require("02 07 03")
    # one edit away from 02 07 01, 02 07 02 and 02 07 04; the nearest number wins the tie
    assert caught.value.params["suggestion"] in {"02 07 02", "02 07 04"}
    assert "did you mean" in str(caught.value)
    with pytest.raises(UnknownCodeError) as far:
        small.require("77 77 77")
    assert "did you mean" not in str(far.value)


def test_a_swap_of_two_digits_is_one_edit() -> None:
    assert WASTE.suggest("02 70 02")[0] == "02 07 02"
    assert WASTE.suggest("20 03 10")[0] == "20 03 01"


def test_real_near_misses_suggest_a_code_of_the_same_group() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        WASTE.require("02 07 09")
    assert caught.value.params["suggestion"] == "02 07 05"


def test_message_translates_to_german() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        WASTE.require("02 07 09")
    german = caught.value.render(translator("de"))
    assert german == '"02 07 09" steht nicht im Abfallverzeichnis (AVV); meinten Sie "02 07 05"?'


def test_catalogue_rejects_duplicates_and_orphans() -> None:
    code = WasteCode("02 07 01", False, "absolute", "02", "02 07", "a", "a")
    heads = [WasteHeading("02", "chapter", "a", "a"), WasteHeading("02 07", "group", "b", "b")]
    with pytest.raises(KreislaufError, match="listed twice"):
        WasteCatalogue([code, code], heads)
    with pytest.raises(KreislaufError, match="no heading"):
        WasteCatalogue([code], heads[:1])


def test_chapters_groups_and_prefixes() -> None:
    assert WASTE.chapter("020702").title_en.startswith("Wastes from agriculture")
    assert WASTE.group("02.07.02").code == "02 07"
    assert WASTE.group("0207").title_de.startswith("Abfälle aus der Herstellung von alkoholischen")
    assert [c.code for c in WASTE.under("02 07")] == [
        "02 07 01",
        "02 07 02",
        "02 07 03",
        "02 07 04",
        "02 07 05",
        "02 07 99",
    ]
    assert WASTE.has_prefix("02") and WASTE.has_prefix("02 07") and WASTE.has_prefix("020702")
    assert not WASTE.has_prefix("02 08") and not WASTE.has_prefix("21")
    with pytest.raises(UnknownCodeError):
        WASTE.under("02 08")
    with pytest.raises(UnknownCodeError):
        WASTE.group("02")
    assert WASTE.is_hazardous("13 02 05") and not WASTE.is_hazardous("02 07 04")


def test_search_finds_titles_in_both_languages() -> None:
    top = WASTE.search("gemischte Siedlungsabfälle")[0]
    assert top.code.code == "20 03 01" and top.score == 1.0
    assert WASTE.search("mixed municipal waste", language="en")[0].code.code == "20 03 01"
    assert {h.code.code for h in WASTE.search("Kunststoffe", limit=3)} >= {"16 01 19", "20 01 39"}
    assert WASTE.search("Speiseöl")[0].code.code == "20 01 25"
    assert [h.code.code for h in WASTE.search("02 07", limit=3)] == [
        "02 07 01",
        "02 07 02",
        "02 07 03",
    ]


def test_search_in_one_language_ignores_the_other() -> None:
    assert WASTE.search("Holz", language="de")[0].score == 1.0
    assert all(hit.score < 0.8 for hit in WASTE.search("Holz", language="en"))


@settings(max_examples=60, deadline=None)
@given(code=st.sampled_from(WASTE_CODES), language=st.sampled_from(["de", "en"]))
def test_searching_a_title_puts_that_title_first(code: str, language: str) -> None:
    entry = WASTE.require(code)
    title = entry.title_de if language == "de" else entry.title_en
    top = WASTE.search(title, language="de" if language == "de" else "en")[0]
    assert top.score == 1.0
    assert fold_text(top.code.title_de if language == "de" else top.code.title_en) == fold_text(
        title
    )


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=30), limit=st.integers(min_value=0, max_value=15))
def test_search_results_are_ranked_unique_and_bounded(text: str, limit: int) -> None:
    for hits in (
        [(h.code.code, h.score) for h in WASTE.search(text, limit=limit)],
        [(h.sector.code, h.score) for h in SECTORS.search(text, limit=limit)],
    ):
        assert len(hits) <= limit
        assert len({code for code, _ in hits}) == len(hits)
        scores = [score for _, score in hits]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= score <= 1.0 for score in scores)


# --- sector codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.51", "10.51"),
        ("1051", "10.51"),
        ("10.5", "10.5"),
        ("105", "10.5"),
        ("10", "10"),
        ("C", "C"),
        ("c", "C"),
        ("WZ 10.51.0", "10.51.0"),
        ("WZ 2008 10.51", "10.51"),
        ("WZ2008: 1051", "10.51"),
        ("NACE Rev. 2 C10.51", "10.51"),
        ("C 10.51", "10.51"),
        ("10510", "10.51.0"),
        ("1.11", "01.11"),
        ("1", "01"),
        (" 47.11 ", "47.11"),
    ],
)
def test_sector_spellings_normalise(text: str, expected: str) -> None:
    assert normalize_nace(text) == expected


@pytest.mark.parametrize("text", ["", "10.5.1", "47.111", "105101", "CC", "Z", "10,51", "10.51.00"])
def test_malformed_sector_codes_raise(text: str) -> None:
    with pytest.raises(UnknownCodeError, match="is not a sector code"):
        normalize_nace(text)


@given(
    code=st.sampled_from(SECTOR_CODES), style=st.sampled_from(["plain", "digits", "wz", "lower"])
)
def test_every_sector_code_round_trips_through_its_spellings(code: str, style: str) -> None:
    if style == "digits":
        text = code.replace(".", "")
    elif style == "wz":
        text = f"WZ 2008 {code}"
    elif style == "lower":
        text = code.lower()
    else:
        text = code
    assert normalize_nace(text) == code
    assert SECTORS.require(text).code == code


def test_sector_hierarchy() -> None:
    assert [s.code for s in SECTORS.ancestors("10.51.0")] == ["C", "10", "10.5", "10.51"]
    assert SECTORS.ancestors("C") == ()
    assert SECTORS.section_of("1051").code == "C" and SECTORS.section_of("C").code == "C"
    assert SECTORS.division_of("10.51").code == "10"  # type: ignore[union-attr]
    assert SECTORS.division_of("C") is None
    assert [s.code for s in SECTORS.children("10.5")] == ["10.51", "10.52"]
    assert SECTORS.require("10.51").level is SectorLevel.CLASS and SectorLevel.CLASS.depth == 4


@pytest.mark.parametrize(
    ("prefix", "code", "expected"),
    [
        ("C", "10.51", True),
        ("10", "10.51.0", True),
        ("10.5", "10.51", True),
        ("10.51", "10.51", True),
        ("10.51", "10.5", False),
        ("A", "10.51", False),
        ("11", "10.51", False),
        ("c", "1051", True),
    ],
)
def test_under(prefix: str, code: str, expected: bool) -> None:
    assert SECTORS.under(prefix, code) is expected


def test_subclass_titles_fall_back_to_their_class_in_english() -> None:
    assert SECTORS.require("10.51.0").title_en == ""
    assert SECTORS.title("10.51.0", "en") == "Operation of dairies and cheese making"
    assert SECTORS.title("10.51.0", "de") == "Milchverarbeitung (ohne Herstellung von Speiseeis)"


def test_unknown_sector_code_suggests_a_near_code_of_the_same_level() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        SECTORS.require("10.54")
    assert caught.value.params["suggestion"] in {"10.51", "10.52"}
    assert SECTORS.get("10.54") is None and "10.54" not in SECTORS


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bierbrauerei", "11.05"),
        ("Brauerei", "11.05"),
        ("brewery", "11.05"),
        ("brewry", "11.05"),
        ("Brauerai", "11.05"),
        ("Molkerai", "10.51"),
        ("Baeckerei", "10.71"),
        ("Zementwerk", "23.51"),
        ("Herstellung von Bier", "11.05"),
        ("manufacture of beer", "11.05"),
        ("Krankenhaus", "86.10"),
    ],
)
def test_sector_names_find_their_sector(text: str, code: str) -> None:
    assert SECTORS.search(text)[0].sector.code == code


def test_a_name_where_a_code_belongs_gets_did_you_mean() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        SECTORS.require("Bierbrauerei")
    assert caught.value.params["suggestion"] == "11.05"
    assert 'did you mean "11.05" (Herstellung von Bier)' in str(caught.value)
    assert SECTORS.suggest("brewry")[0] == "11.05"


def test_sector_search_by_language() -> None:
    assert SECTORS.search("Operation of dairies", language="en")[0].sector.code == "10.51"
    assert SECTORS.search("Milchverarbeitung", language="de")[0].sector.code in {"10.5", "10.51"}
    assert all(h.score < 0.8 for h in SECTORS.search("Milchverarbeitung", language="en"))
    assert SECTORS.search("10.51")[0].score == 1.0


def test_sector_catalogue_rejects_orphans_and_dangling_terms() -> None:
    section = Sector("C", SectorLevel.SECTION, None, "Verarbeitendes Gewerbe", "MANUFACTURING")
    division = Sector("10", SectorLevel.DIVISION, "C", "Nahrung", "Food")
    with pytest.raises(KreislaufError, match="parent"):
        SectorCatalogue([division])
    with pytest.raises(KreislaufError, match="does not exist"):
        SectorCatalogue([section, division], [SectorTerm("11.05", "Brauerei", "de")])
    with pytest.raises(KreislaufError, match="listed twice"):
        SectorCatalogue([section, section])
    small = SectorCatalogue([section, division], [SectorTerm("10", "Lebensmittelwerk", "de")])
    assert small.search("Lebensmittelwerk")[0].sector.code == "10"
    assert small.search("Lebensmittelwerk", language="en") == [] or all(
        h.score < 0.8 for h in small.search("Lebensmittelwerk", language="en")
    )


def test_fold_text() -> None:
    assert fold_text("Bäckerei-Abfälle, Straße") == "baeckerei abfaelle strasse"
    assert fold_text("Café  Crème") == "cafe creme"


def test_every_message_template_has_a_german_translation() -> None:
    from kreislauf.core import codes, sectors
    from kreislauf.i18n import catalogue

    german = catalogue("de")
    templates = {
        value
        for module in (codes, sectors)
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, str) and "{" in value
    }
    assert len(templates) >= 10
    assert sorted(t for t in templates if t not in german) == []
