"""Text understanding: folding, stems, German compounds, term spotting, n-grams."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kreislauf.core.text import (
    Vocabulary,
    document_frequency,
    fold,
    ngram_counts,
    stem,
    temperature_in,
    tfidf,
    words,
)

TERMS = {
    "Treber": [("concept", "spent_grain")],
    "spent grain": [("concept", "spent_grain")],
    "Späne": [("concept", "wood_chips")],
    "Hackschnitzel": [("concept", "wood_chips")],
    "Holz": [("concept", "wood")],
    "fly ash": [("concept", "fly_ash")],
    "Asche": [("concept", "ash")],
    "Futter": [("use", "animal_feed")],
    "Zementwerk": [("receiver", "cement_plant")],
    "cement production": [("receiver", "cement_plant")],
    "Pech": [("concept", "tar")],
    "Polyethylen": [("concept", "pe")],
    "Sportplatz": [("receiver", "sports_ground")],
}


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary(TERMS)


def found(vocab: Vocabulary, text: str) -> dict[str, float]:
    return {s.id: s.weight for s in vocab.spot(text)}


def test_fold_lowers_and_folds_umlauts_and_sharp_s() -> None:
    assert fold("Späne, Größe, Ölmühle, Café") == "spaene, groesse, oelmuehle, cafe"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("treber", "trebern"),
        ("spaene", "spaenen"),
        ("ash", "ashes"),
        ("grain", "grains"),
        ("kabel", "kabeln"),
        ("sludge", "sludges"),
        ("platz", "plaetze"),
        ("gas", "gases"),
    ],
)
def test_singular_and_plural_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=15))
def test_stem_is_idempotent_and_never_empty(word: str) -> None:
    once = stem(word)
    assert once
    assert stem(once) == once


@pytest.mark.parametrize(
    "text",
    ["Biertreber", "Brauereitreber", "Treber", "Trebern aus der Brauerei", "brewers spent grains"],
)
def test_spent_grain_is_found_in_compounds_and_inflections(vocab: Vocabulary, text: str) -> None:
    assert "spent_grain" in found(vocab, text)


def test_compound_with_two_known_parts_gives_both_head_first(vocab: Vocabulary) -> None:
    spots = found(vocab, "Holzhackschnitzel")
    assert spots["wood_chips"] > spots["wood"] > 0


def test_inflected_plural_with_umlaut_is_found(vocab: Vocabulary) -> None:
    assert "wood_chips" in found(vocab, "Spänen")
    assert "sports_ground" in found(vocab, "Material für Tennenbeläge auf Sportplätzen")


def test_word_tail_is_no_compound_head(vocab: Vocabulary) -> None:
    # "Glasflasche" ends in "asche" but holds no ash
    assert "ash" not in found(vocab, "Glasflaschen 0,7 l")


def test_free_of_suffix_names_no_substance(vocab: Vocabulary) -> None:
    assert "tar" not in found(vocab, "Asphaltfräsgut (pechfrei)")


def test_origin_clause_weighs_less_than_the_thing_offered(vocab: Vocabulary) -> None:
    spots = found(vocab, "Asche aus der Verbrennung von Holz")
    assert spots["ash"] == 1.0
    assert spots["wood"] < 0.5


def test_aus_before_a_noun_names_the_material(vocab: Vocabulary) -> None:
    assert found(vocab, "Hohlkörper aus Polyethylen")["pe"] == 1.0


def test_purpose_clause_keeps_receivers_and_weakens_concepts(vocab: Vocabulary) -> None:
    spots = found(vocab, "Raw material for cement production")
    assert spots["cement_plant"] == 1.0
    spots = found(vocab, "Futter für Treber")
    assert spots["animal_feed"] == 1.0
    assert spots["spent_grain"] < 1.0


def test_description_weight_scales_all_spots(vocab: Vocabulary) -> None:
    assert found(vocab, "Treber")["spent_grain"] == 1.0
    assert [s.weight for s in vocab.spot("Treber", weight=0.7)] == [0.7]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Warmwasser ca. 40 °C", 40.0),
        ("Abwärme 85°C, im Sommer", 85.0),
        ("heat at 120 degC", 120.0),
        ("Dampf", None),
    ],
)
def test_temperature_in_text(text: str, value: float | None) -> None:
    assert temperature_in(text) == value


def test_words_drop_punctuation() -> None:
    assert words("REA-Gips (Z0), 5 t") == ["rea", "gips", "z0", "5", "t"]


def test_char_ngram_similarity_is_robust_to_compounds() -> None:
    texts = ["Holzhackschnitzel", "Hackschnitzel aus Holz", "Kupferkabel"]
    counts = ngram_counts(texts)
    weighted = tfidf(counts, document_frequency(counts), len(texts))
    sims = (weighted @ weighted.T).toarray()
    assert np.allclose(np.diag(sims), 1.0, atol=1e-5)
    assert sims[0, 1] > sims[0, 2]
