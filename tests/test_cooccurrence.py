"""Entity co-occurrence (analysis.pairs): counts, scores worked out by hand, windows,
frequencies, labels, partners."""

from __future__ import annotations

import importlib
import itertools
import math
import warnings
from collections import Counter

import pandas as pd
import pytest
from nltk.metrics import BigramAssocMeasures
from toy_entities import make_ann, pair

from analysis.pairs import (PAIR_COLUMNS, cooccurrence, entity_frequencies, entity_labels,
                                   entity_partners)
from analysis.evidence import cooccurrence_evidence, entity_timeline
from analysis.network import entity_network


# --------------------------------------------------------------------------- scores
def test_hand_worked_scores_for_one_pair():
    pairs = cooccurrence(make_ann(), unit="sentence", min_count=1)
    xy = pair(pairs, "X", "Y")
    # N = 7 sentences (the one without entities counts). n_X = 3 (d1s0, d1s1, d2s0),
    # n_Y = 3 (d1s0, d1s2, d2s0), c = 2 (d1s0, d2s0), in 2 documents.
    assert (xy["count"], xy["docs"], xy["windows_a"], xy["windows_b"], xy["windows"]) == \
        (2, 2, 3, 3, 7)
    assert xy["expected"] == pytest.approx(9 / 7)  # 3 * 3 / 7 = 1.2857
    assert xy["pmi"] == pytest.approx(0.6374299)  # log2(2 * 7 / 9) = log2(1.5556)
    assert xy["npmi"] == pytest.approx(0.3526866)  # 0.63743 / -log2(2/7) = 0.63743 / 1.80735
    # 2x2 table O = [[2, 1], [1, 3]], E = [[9/7, 12/7], [12/7, 16/7]]:
    # G2 = 2 * (2 ln(14/9) + 1 ln(7/12) + 1 ln(7/12) + 3 ln(21/16))
    #    = 2 * (0.883666 - 0.538997 - 0.538997 + 0.815801) = 1.242947
    assert xy["g2"] == pytest.approx(1.242947, abs=1e-6)
    assert xy["dice"] == pytest.approx(4 / 6)  # 2 * 2 / (3 + 3)
    assert (xy["label_a"], xy["label_b"]) == ("PERSON", "GPE")


def test_scores_agree_with_nltk_and_counter():
    names = list("ABCDEFGH")
    sents = [(f"d{i % 5}", i % 3, i, [names[(i * k) % 8] for k in (1, 3, 5) if (i + k) % 4])
             for i in range(40)]
    ann = make_ann(sents, {n: "GPE" for n in names}, sources={f"d{i}": "S" for i in range(5)})
    pairs = cooccurrence(ann, unit="sentence", min_count=1)
    windows = [set(e) for *_, e in sents]
    single = Counter(n for w in windows for n in w)
    together = Counter(p for w in windows for p in itertools.combinations(sorted(w), 2))
    assert dict(zip(zip(pairs["entity_a"], pairs["entity_b"]), pairs["count"])) == together
    m, n = BigramAssocMeasures, len(windows)
    for row in pairs.itertuples():
        marg = (single[row.entity_a], single[row.entity_b])
        assert (row.windows_a, row.windows_b) == marg
        assert row.pmi == pytest.approx(m.pmi(row.count, marg, n))
        assert row.g2 == pytest.approx(m.likelihood_ratio(row.count, marg, n))
        assert row.dice == pytest.approx(m.dice(row.count, marg, n))
        assert row.npmi == pytest.approx(row.pmi / -math.log2(row.count / n))


# --------------------------------------------------------------------------- windows
@pytest.mark.parametrize("unit, n_windows, yz, xz", [
    ("sentence", 7, 0, 1),   # Y and Z never share a sentence
    ("paragraph", 5, 1, 1),  # d1 p0 {X, Y, Z}, d1 p1 {Y}, d2 p0 {X, Y}, d2 p1 {Z}, d3 p0 {W}
    ("document", 3, 2, 2),   # d1 {X, Y, Z}, d2 {X, Y, Z}, d3 {W}
])
def test_window_semantics(unit, n_windows, yz, xz):
    pairs = cooccurrence(make_ann(), unit=unit, min_count=1)
    assert set(pairs["windows"]) == {n_windows}
    got = {(a, b): c for a, b, c in zip(pairs["entity_a"], pairs["entity_b"], pairs["count"])}
    assert got.get(("Y", "Z"), 0) == yz
    assert got[("X", "Z")] == xz
    assert not (pairs["entity_a"] == pairs["entity_b"]).any()
    assert (pairs["entity_a"] < pairs["entity_b"]).all()
    assert "W" not in set(pairs["entity_a"]) | set(pairs["entity_b"])


def test_repeated_mention_counts_once_per_window():
    pairs = cooccurrence(make_ann(), unit="sentence", min_count=1)
    xy = pair(pairs, "X", "Y")
    assert xy["count"] == 2 and xy["windows_a"] == 3  # X twice in d2 s0 counts once
    assert xy["mentions_a"] == 4  # but all four mentions are reported


def test_min_count_labels_and_groups():
    ann = make_ann()
    assert cooccurrence(ann).shape[0] == 1  # default min_count=2 keeps only X-Y
    gpe = cooccurrence(ann, unit="paragraph", min_count=1, labels=["GPE"])
    assert gpe[["entity_a", "entity_b", "count"]].values.tolist() == [["Y", "Z", 1]]
    assert gpe["windows_a"].tolist() == [3]  # Y: d1 p0, d1 p1, d2 p0
    by = cooccurrence(ann, unit="sentence", min_count=1, by="source")
    assert list(by.columns[:3]) == ["source", "entity_a", "entity_b"]
    b = by[by["source"] == "B"].iloc[0]
    # source B = d2 only: N = 2 sentences, X and Y both in one: c = n_X = n_Y = 1.
    assert (b["entity_a"], b["count"], b["windows"]) == ("X", 1, 2)
    assert b["pmi"] == pytest.approx(1.0)  # log2(1 * 2 / 1)
    assert b["npmi"] == pytest.approx(1.0)
    assert b["g2"] == pytest.approx(4 * math.log(2))  # O = [[1,0],[0,1]], E = 0.5 each
    a = by[by["source"] == "A"]
    assert set(a["windows"]) == {5} and set(zip(a["entity_a"], a["entity_b"])) == \
        {("X", "Y"), ("X", "Z")}


def test_min_count_counts_all_groups_together():
    ann = make_ann()
    # sentences by source: X-Y is together once in A (d1 s0) and once in B (d2 s0), 2 in
    # all; X-Z once (d1 s1, A). min_count=2 keeps X-Y in both groups, each with count 1.
    by = cooccurrence(ann, unit="sentence", min_count=2, by="source")
    assert by[["source", "entity_a", "entity_b", "count"]].values.tolist() == [
        ["A", "X", "Y", 1], ["B", "X", "Y", 1]]
    # the kept rows are those of the unfiltered table, scores per group unchanged
    full = cooccurrence(ann, unit="sentence", min_count=1, by="source")
    pd.testing.assert_frame_equal(by, full[(full["entity_a"] == "X") & (full["entity_b"] == "Y")]
                                  .reset_index(drop=True))
    # 2 in all does not reach 3
    assert cooccurrence(ann, unit="sentence", min_count=3, by="source").empty
    # documents by source: X-Y, X-Z, Y-Z each in d1 (A) and d2 (B): 2 in all, kept in both
    docs = cooccurrence(ann, unit="document", min_count=2, by="source")
    assert sorted(zip(docs["source"], docs["entity_a"], docs["entity_b"])) == [
        ("A", "X", "Y"), ("A", "X", "Z"), ("A", "Y", "Z"),
        ("B", "X", "Y"), ("B", "X", "Z"), ("B", "Y", "Z")]


def test_window_keyword_is_now_unit():
    with pytest.raises(TypeError):
        cooccurrence(make_ann(), window="sentence")
    with pytest.raises(TypeError):
        cooccurrence_evidence(make_ann(), "X", "Y", window="sentence")


def test_chunked_counting_gives_the_same_result(monkeypatch):
    ann = make_ann()
    whole = cooccurrence(ann, unit="document", min_count=1)
    # analysis.cooccurrence is the function of that name; the module is in sys.modules
    monkeypatch.setattr(importlib.import_module("analysis.pairs"), "_CHUNK_PAIRS", 1)
    pd.testing.assert_frame_equal(cooccurrence(ann, unit="document", min_count=1), whole)


def test_inputs_are_not_modified():
    ann = make_ann()
    before = [t.copy() for t in (ann.docs, ann.sentences, ann.entities)]
    cooccurrence(ann, by="source", labels=["GPE", "PERSON"], min_count=1)
    entity_frequencies(ann, by="source")
    cooccurrence_evidence(ann, "X", "Y", unit="paragraph")
    entity_timeline(ann, top=2)
    for old, new in zip(before, (ann.docs, ann.sentences, ann.entities)):
        pd.testing.assert_frame_equal(old, new)


@pytest.mark.parametrize("kwargs, word", [
    ({"unit": "clause"}, "unit"), ({"unit": "window"}, "unit"), ({"min_count": 0}, "min_count"),
    ({"labels": "GPE"}, "labels"), ({"labels": ["PER"]}, "labels"), ({"by": "nope"}, "by")])
def test_bad_arguments(kwargs, word):
    with pytest.raises(ValueError, match=word):
        cooccurrence(make_ann(), **kwargs)


def test_no_entities_gives_an_empty_table():
    ann = make_ann([("d1", 0, 0, []), ("d2", 0, 0, [])])
    pairs = cooccurrence(ann, min_count=1)
    assert pairs.empty and list(pairs.columns) == PAIR_COLUMNS
    assert entity_network(pairs).number_of_nodes() == 0


# --------------------------------------------------------------------------- frequencies
def test_entity_frequencies():
    freq = entity_frequencies(make_ann())
    assert list(freq.columns) == ["entity", "label", "count", "docs", "share"]
    x = freq.set_index("entity").loc["X"]
    assert (x["label"], x["count"], x["docs"]) == ("PERSON", 4, 2)
    assert x["share"] == pytest.approx(2 / 3)
    assert freq["entity"].iloc[0] == "X"  # most mentions first
    by = entity_frequencies(make_ann(), by="source")
    assert list(by.columns) == ["source", "entity", "label", "count", "docs", "share"]
    by = by.set_index(["source", "entity"])
    assert by.loc[("A", "X"), "count"] == 2 and by.loc[("A", "X"), "share"] == 0.5


def test_entity_label_is_the_most_frequent_typed_one():
    ents = [("d1", 0, 0, ["K", "K"]), ("d1", 0, 1, ["K"])]
    ann = make_ann(ents, {"K": "GPE"})
    ann.entities.loc[0, "label"] = "ENTITY"
    ann.entities.loc[1, "label"] = "PERSON"
    assert entity_labels(ann)["K"] == "GPE"  # GPE, PERSON, ENTITY: tie -> typed, a-z
    ann.entities.loc[0, "label"] = "ENTITY"
    ann.entities.loc[2, "label"] = "ENTITY"
    assert entity_labels(ann)["K"] == "PERSON"  # ENTITY x2, PERSON x1: typed wins


# --------------------------------------------------------------------------- partners
def test_entity_partners():
    pairs = cooccurrence(make_ann(), unit="sentence", min_count=1)
    part = entity_partners(pairs, "X", measure="count")
    assert part[["partner", "count"]].values.tolist() == [["Y", 2], ["Z", 1]]
    assert entity_partners(pairs, "Z")["partner"].tolist() == ["X"]  # Z is entity_b
    # an unknown name used to give an empty table: now it raises
    with pytest.raises(ValueError, match="not an entity"):
        entity_partners(pairs, "W")  # W has no pair
    pd.testing.assert_frame_equal(entity_partners(pairs, "x", measure="count"), part)


def test_entity_partners_resolves_names_and_suggests():
    sents = [("d1", 0, 0, ["Volodymyr Zelensky", "Vladimir Putin"]),
             ("d1", 0, 1, ["Volodymyr Zelensky", "Kyiv"]),
             ("d2", 0, 0, ["Vladimir Putin", "Kyiv"])]
    labels = {"Volodymyr Zelensky": "PERSON", "Vladimir Putin": "PERSON", "Kyiv": "GPE"}
    pairs = cooccurrence(make_ann(sents, labels), unit="sentence", min_count=1)
    with pytest.raises(ValueError, match="did you mean") as err:
        entity_partners(pairs, "Zelenskyy")
    assert "Volodymyr Zelensky" in str(err.value)
    exact = entity_partners(pairs, "Volodymyr Zelensky")
    assert sorted(exact["partner"]) == ["Kyiv", "Vladimir Putin"]
    # the canonical name in lower case, and a word only one entity's name has
    pd.testing.assert_frame_equal(entity_partners(pairs, "volodymyr zelensky"), exact)
    pd.testing.assert_frame_equal(entity_partners(pairs, "Zelensky"), exact)
    assert sorted(entity_partners(pairs, "putin")["partner"]) == ["Kyiv",
                                                                    "Volodymyr Zelensky"]


# --------------------------------------------------------------------------- seeds, real data
def test_seed_corpus(example_corpus, example_ann):
    pairs = cooccurrence(example_ann, unit="sentence", min_count=1)
    docs = example_corpus.docs
    seed0 = docs.loc[docs["path"].str.endswith("000_811e08c64d177644.txt"), "doc_id"].iloc[0]
    ev = cooccurrence_evidence(example_ann, "Vladimir Putin", "Fumio Kishida")
    assert ((ev["doc_id"] == seed0) & (ev["sent_id"] == 0)).any()
    assert pair(pairs, "Vladimir Putin", "Fumio Kishida")["count"] >= 1
    assert pair(pairs, "Russia", "NATO")["count"] >= 2
    freq = entity_frequencies(example_ann).set_index("entity")
    assert freq.loc["Kyiv", "docs"] == 2 and "Kiev" not in freq.index


@pytest.mark.corpus
def test_real_sample_has_no_pair_of_a_name_and_its_own_acronym(sample_ann):
    # before the acronym rule, "IAEA - International Atomic Energy Agency" was the 20th
    # strongest pair of the sample (g2 203, 22 documents): one agency paired with itself
    ents = sample_ann.entities
    long = ents["text"].str.contains("International Atomic Energy Agency", regex=False)
    with_acronym = set(ents.loc[ents["text"] == "IAEA", "doc_id"])
    both = long & ents["doc_id"].isin(with_acronym)
    assert both.sum() >= 20  # the sample defines the acronym in its articles
    assert set(ents.loc[both, "canonical"]) == {"IAEA"}
    assert set(ents.loc[long & ~both, "canonical"]) == {"International Atomic Energy Agency"}
    pairs = cooccurrence(sample_ann, unit="document", min_count=1)
    names = set(zip(pairs["entity_a"], pairs["entity_b"]))
    assert ("IAEA", "International Atomic Energy Agency") not in names
    assert ("International Atomic Energy Agency", "IAEA") not in names


@pytest.mark.corpus
def test_real_sample_counts_match_a_naive_count(sample_ann):
    pairs = cooccurrence(sample_ann, unit="sentence", min_count=1, keep_outlet_names=True)
    ents = sample_ann.entities
    windows = ents.groupby(["doc_id", "sent_id"])["canonical"].agg(lambda s: sorted(set(s)))
    naive = Counter(p for w in windows for p in itertools.combinations(w, 2))
    assert len(pairs) == len(naive)
    assert dict(zip(zip(pairs["entity_a"], pairs["entity_b"]), pairs["count"])) == naive
    assert set(pairs["windows"]) == {len(sample_ann.sentences)}
    by = cooccurrence(sample_ann, unit="document", by="source")
    rt = by[by["source"] == "RT"]
    # top ranks ENTITIES by mentions, counted here from the pairs' own mentions_a /
    # mentions_b over the pairs entity_network keeps (count >= min_count = 2)
    kept = rt[rt["count"] >= 2]
    mentions = pd.concat([pd.Series(kept["mentions_a"].to_numpy(), index=kept["entity_a"]),
                          pd.Series(kept["mentions_b"].to_numpy(), index=kept["entity_b"])])
    mentions = mentions.groupby(level=0).max().sort_values(ascending=False)
    # the largest top <= 100 with no tie at the cut, so "the top most mentioned" is one set
    top = max(n for n in range(1, min(100, len(mentions)) + 1)
              if n == len(mentions) or mentions.iloc[n - 1] > mentions.iloc[n])
    core = set(mentions.index[:top])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        graph = entity_network(rt, measure="g2", top=top, limit=100)
    assert 0 < graph.number_of_edges() <= 100 and set(graph.nodes) <= core
    assert graph.graph["measure"] == "g2"
    # limit: the 100 strongest g2 among the pairs of those entities
    among = kept[kept["entity_a"].isin(core) & kept["entity_b"].isin(core)]
    expected = among.sort_values("g2", ascending=False).head(100)
    assert len(among) > 100  # so limit really cuts
    weights = sorted((d["weight"] for *_, d in graph.edges(data=True)), reverse=True)
    assert weights == pytest.approx(expected["g2"].tolist())
