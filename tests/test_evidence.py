"""Evidence and timelines (analysis.evidence): the sentences behind a pair, mentions over time,
names as written in the articles."""

from __future__ import annotations

import pandas as pd
import pytest
from toy_entities import make_ann

from analysis.pairs import cooccurrence, entity_partners
from analysis.evidence import cooccurrence_evidence, entity_timeline


def test_evidence_sentences_and_paragraphs():
    ann = make_ann()
    ev = cooccurrence_evidence(ann, "Y", "X")
    assert ev[["doc_id", "sent_id"]].values.tolist() == [["d1", 0], ["d2", 0]]
    assert ev["text"].tolist() == ["d1 sentence 0 mentions X and Y.",
                                   "d2 sentence 0 mentions X and Y and X."]
    assert ev["source"].tolist() == ["A", "B"]
    par = cooccurrence_evidence(ann, "Y", "Z", unit="paragraph")
    assert par["text"].tolist() == ["d1 sentence 0 mentions X and Y. "
                                    "d1 sentence 1 mentions X and Z."]
    assert cooccurrence_evidence(ann, "X", "Y", limit=1).shape[0] == 1
    # unit="document" is accepted now: it shows the paragraphs mentioning both.
    # X and Y: d1 p0 (s0 "X and Y", s1 "X and Z") and d2 p0 (s0 "X and Y and X")
    doc = cooccurrence_evidence(ann, "X", "Y", unit="document")
    assert doc[["doc_id", "paragraph_id"]].values.tolist() == [["d1", 0], ["d2", 0]]
    assert doc["text"].tolist() == ["d1 sentence 0 mentions X and Y. "
                                    "d1 sentence 1 mentions X and Z.",
                                    "d2 sentence 0 mentions X and Y and X."]
    assert "sent_id" not in doc.columns
    # Y and Z share documents d1 and d2, but only d1's first paragraph mentions both
    assert cooccurrence_evidence(ann, "Y", "Z", unit="document")[
        ["doc_id", "paragraph_id"]].values.tolist() == [["d1", 0]]
    # a canonical name in another case (and spacing) now resolves: "y " is Y
    pd.testing.assert_frame_equal(cooccurrence_evidence(ann, "X", "y "), ev)
    with pytest.raises(ValueError, match="did you mean"):
        cooccurrence_evidence(ann, "X", "XX")
    with pytest.raises(ValueError, match="unit"):
        cooccurrence_evidence(ann, "X", "Y", unit="clause")
    with pytest.raises(ValueError, match="different entities"):
        cooccurrence_evidence(ann, "X", "x")


def test_entity_timeline():
    tl = entity_timeline(make_ann(), entities=["X", "Z"], by="source", freq="M")
    assert list(tl.columns) == ["period", "source", "entity", "count", "docs", "group_docs",
                                "share"]
    rows = {(p.strftime("%Y-%m"), s, e): (m, d, t, sh) for p, s, e, m, d, t, sh in
            tl[["period", "source", "entity", "count", "docs", "group_docs", "share"]]
            .itertuples(index=False)}
    assert rows[("2022-01", "A", "X")] == (2, 1, 1, 1.0)  # d1
    assert rows[("2022-02", "B", "X")] == (2, 1, 1, 1.0)  # d2, X twice
    assert rows[("2022-02", "A", "X")] == (0, 0, 1, 0.0)  # d3 mentions only W: a zero row
    assert len(tl) == 6  # 3 (period, source) cells x 2 entities
    order = entity_timeline(make_ann(), entities=["Z", "X"], by=None)
    assert order["entity"].tolist()[:2] == ["Z", "X"]  # the order given
    assert list(order.columns) == ["period", "entity", "count", "docs", "group_docs", "share"]
    # names are resolved: "x" is X (the same ignoring case)
    pd.testing.assert_frame_equal(
        entity_timeline(make_ann(), entities=["x", "z"], by="source", freq="M"), tl)
    with pytest.raises(ValueError, match="did you mean"):
        entity_timeline(make_ann(), entities=["XX"])


# --------------------------------------------------------------------------- seeds
def test_seed_surface_forms_resolve(example_ann):
    ents = example_ann.entities
    # the seed writes "Kiev" once (resolved to Kyiv) and "US" (resolved to United States)
    assert set(ents.loc[ents["text"] == "Kiev", "canonical"]) == {"Kyiv"}
    assert set(ents.loc[ents["text"] == "US", "canonical"]) == {"United States"}
    kyiv = cooccurrence_evidence(example_ann, "Kyiv", "Russia")
    pd.testing.assert_frame_equal(cooccurrence_evidence(example_ann, "Kiev", "Russia"), kyiv)
    assert len(kyiv) >= 1 and kyiv["text"].str.contains("Kiev").all()
    us = cooccurrence_evidence(example_ann, "United States", "Russia", limit=None)
    pd.testing.assert_frame_equal(
        cooccurrence_evidence(example_ann, "US", "Russia", limit=None), us)
    # "US" as written and "United States" both appear among those sentences
    assert us["text"].str.contains(r"\bUS\b").any()
    assert us["text"].str.contains("United States").any()
    tl = entity_timeline(example_ann, entities=["Kiev", "US"], by=None, freq="Y")
    assert tl["entity"].unique().tolist() == ["Kyiv", "United States"]
    # entity_partners knows the pairs' canonical names: a word only one of them has works
    pairs = cooccurrence(example_ann, unit="sentence", min_count=1)
    kishida = entity_partners(pairs, "kishida")
    pd.testing.assert_frame_equal(kishida, entity_partners(pairs, "Fumio Kishida"))
    assert "Vladimir Putin" in set(kishida["partner"])
