"""Canonical names: clean-up, alias table, short forms, case variants (no NER involved)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.entities import canonicalize, clean_surface


@pytest.mark.parametrize("surface, expected", [
    ("US President Joe Biden", "Joe Biden"),
    ("Russian President Vladimir Putin", "Vladimir Putin"),
    ("Prime Minister Fumio Kishida", "Fumio Kishida"),
    ("Mr. Lavrov", "Lavrov"),
    ("Dr Anthony Fauci", "Anthony Fauci"),
    ("Russia 's", "Russia"),
    ("Ukraine’s", "Ukraine"),
    ("U.S.", "US"),
    ("the Kremlin", "Kremlin"),
    ("President", "President"),  # nothing left to name: kept as it is
    ("General Motors", "General Motors"),  # not a title here
])
def test_clean_surface(surface, expected):
    assert clean_surface(surface) == expected


def frame(rows):
    return pd.DataFrame(rows, columns=["doc_id", "text", "label"])


def test_alias_table_maps_spellings_and_types_untyped():
    out = canonicalize(frame([("d", "Kiev", "ENTITY"), ("d", "Zelenskiy", "ENTITY"),
                              ("d", "U.S.", "ENTITY"), ("d", "Britain", "GPE"),
                              ("d", "usa", "ENTITY"), ("d", "Moldova", "ENTITY")]))
    assert out["canonical"].tolist() == ["Kyiv", "Volodymyr Zelensky", "United States",
                                         "United Kingdom", "United States", "Moldova"]
    # the alias label replaces ENTITY; an engine's own label is kept; unknown stays ENTITY
    assert out["label"].tolist() == ["GPE", "PERSON", "GPE", "GPE", "GPE", "ENTITY"]


def test_short_forms_resolve_only_after_the_full_name_in_the_same_doc():
    # Baerbock is not in the alias table: only the in-document rule can resolve it
    out = canonicalize(frame([("a", "Baerbock", "ENTITY"), ("a", "Annalena Baerbock", "PERSON"),
                              ("a", "Baerbock", "ENTITY"), ("b", "Baerbock", "ENTITY"),
                              ("a", "Kuleba", "ENTITY")]))
    assert out["canonical"].tolist() == ["Baerbock", "Annalena Baerbock", "Annalena Baerbock",
                                         "Baerbock", "Kuleba"]
    # the resolved mention takes the full name's label
    assert out["label"].tolist() == ["ENTITY", "PERSON", "PERSON", "ENTITY", "ENTITY"]


def test_alias_with_empty_canonical_drops_the_mention():
    out = canonicalize(frame([("a", "FILE", "ENTITY"), ("a", "Putin", "ENTITY")]))
    assert out[["canonical", "label"]].values.tolist() == [["Vladimir Putin", "PERSON"]]


def test_case_variants_merge_to_most_frequent_spelling():
    out = canonicalize(frame([("a", "Mariupol", "ENTITY"), ("a", "MARIUPOL", "ENTITY"),
                              ("b", "Mariupol", "ENTITY")]))
    assert out["canonical"].tolist() == ["Mariupol"] * 3


def test_input_untouched_and_errors():
    ents = frame([("a", "Kiev", "ENTITY")])
    copy = ents.copy()
    canonicalize(ents)
    pd.testing.assert_frame_equal(ents, copy)
    with pytest.raises(ValueError, match="lacks column"):
        canonicalize(ents.drop(columns="label"))
