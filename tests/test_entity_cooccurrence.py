"""Entity co-occurrence: counts, scores worked out by hand, windows, networks, evidence."""

from __future__ import annotations

import itertools
import math
import warnings
from collections import Counter

import networkx as nx
import pandas as pd
import pytest
from matplotlib.figure import Figure
from nltk.metrics import BigramAssocMeasures

from analysis import config, plots
from analysis import entity_cooccurrence as co
from analysis.model import Annotations

# The toy corpus. Sentences (doc, paragraph, sentence) and their entities:
#   d1 (source A)  p0 s0: X Y      p0 s1: X Z      p1 s2: Y      p1 s3: (none)
#   d2 (source B)  p0 s0: X Y X    p1 s1: Z
#   d3 (source A)  p0 s0: W
# Labels: X PERSON, Y GPE, Z GPE, W ORGANIZATION.
SENTENCES = [("d1", 0, 0, ["X", "Y"]), ("d1", 0, 1, ["X", "Z"]), ("d1", 1, 2, ["Y"]),
             ("d1", 1, 3, []), ("d2", 0, 0, ["X", "Y", "X"]), ("d2", 1, 1, ["Z"]),
             ("d3", 0, 0, ["W"])]
LABELS = {"X": "PERSON", "Y": "GPE", "Z": "GPE", "W": "ORGANIZATION"}


def make_ann(sentences=SENTENCES, labels=LABELS, sources=None) -> Annotations:
    """Annotations built by hand: one token per entity mention, sentences with text.

    A document's text is its sentences joined by " " within a paragraph and by
    "\n" between paragraphs; sentence offsets point into it.
    """
    sent_rows, ent_rows, texts = [], [], {}
    for doc, par, sent, names in sentences:
        text = f"{doc} sentence {sent} mentions " + (" and ".join(names) or "nobody") + "."
        if doc in texts:
            texts[doc] += "\n" if par != sent_rows[-1][1] else " "
        start = len(texts.setdefault(doc, ""))
        texts[doc] += text
        sent_rows.append((doc, par, sent, start, start + len(text), text))
        for i, name in enumerate(names):
            ent_rows.append((doc, par, sent, 10 * sent + i, 10 * sent + i + 1, name,
                             labels[name], name))
    sources = sources or {"d1": "A", "d2": "B", "d3": "A"}
    dates = {"d1": "2022-01-05", "d2": "2022-02-10", "d3": "2022-02-20"}
    docs = pd.DataFrame({"doc_id": list(texts), "source": [sources[d] for d in texts],
                         "date": pd.to_datetime([dates.get(d) for d in texts]),
                         "text": list(texts.values())})
    sents = pd.DataFrame(sent_rows, columns=["doc_id", "paragraph_id", "sent_id", "start",
                                             "end", "text"])
    ents = pd.DataFrame(ent_rows, columns=["doc_id", "paragraph_id", "sent_id", "start_token",
                                           "end_token", "text", "label", "canonical"])
    tokens = pd.DataFrame(columns=["doc_id", "paragraph_id", "sent_id", "token_id", "start",
                                   "end", "text", "lower", "pos", "is_stop", "is_alpha"])
    return Annotations(docs, sents, tokens, ents)


def pair(pairs: pd.DataFrame, a: str, b: str) -> pd.Series:
    a, b = sorted((a, b))
    rows = pairs[(pairs["entity_a"] == a) & (pairs["entity_b"] == b)]
    assert len(rows) == 1, (a, b, pairs[["entity_a", "entity_b"]])
    return rows.iloc[0]


# --------------------------------------------------------------------------- scores
def test_hand_worked_scores_for_one_pair():
    pairs = co.cooccurrence(make_ann(), unit="sentence", min_count=1)
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
    assert xy["llr"] == pytest.approx(1.242947, abs=1e-6)
    assert xy["dice"] == pytest.approx(4 / 6)  # 2 * 2 / (3 + 3)
    assert (xy["label_a"], xy["label_b"]) == ("PERSON", "GPE")


def test_scores_agree_with_nltk_and_counter():
    names = list("ABCDEFGH")
    sents = [(f"d{i % 5}", i % 3, i, [names[(i * k) % 8] for k in (1, 3, 5) if (i + k) % 4])
             for i in range(40)]
    ann = make_ann(sents, {n: "GPE" for n in names}, sources={f"d{i}": "S" for i in range(5)})
    pairs = co.cooccurrence(ann, unit="sentence", min_count=1)
    windows = [set(e) for *_, e in sents]
    single = Counter(n for w in windows for n in w)
    together = Counter(p for w in windows for p in itertools.combinations(sorted(w), 2))
    assert dict(zip(zip(pairs["entity_a"], pairs["entity_b"]), pairs["count"])) == together
    m, n = BigramAssocMeasures, len(windows)
    for row in pairs.itertuples():
        marg = (single[row.entity_a], single[row.entity_b])
        assert (row.windows_a, row.windows_b) == marg
        assert row.pmi == pytest.approx(m.pmi(row.count, marg, n))
        assert row.llr == pytest.approx(m.likelihood_ratio(row.count, marg, n))
        assert row.dice == pytest.approx(m.dice(row.count, marg, n))
        assert row.npmi == pytest.approx(row.pmi / -math.log2(row.count / n))


# --------------------------------------------------------------------------- windows
@pytest.mark.parametrize("unit, n_windows, yz, xz", [
    ("sentence", 7, 0, 1),   # Y and Z never share a sentence
    ("paragraph", 5, 1, 1),  # d1 p0 {X, Y, Z}, d1 p1 {Y}, d2 p0 {X, Y}, d2 p1 {Z}, d3 p0 {W}
    ("document", 3, 2, 2),   # d1 {X, Y, Z}, d2 {X, Y, Z}, d3 {W}
])
def test_window_semantics(unit, n_windows, yz, xz):
    pairs = co.cooccurrence(make_ann(), unit=unit, min_count=1)
    assert set(pairs["windows"]) == {n_windows}
    got = {(a, b): c for a, b, c in zip(pairs["entity_a"], pairs["entity_b"], pairs["count"])}
    assert got.get(("Y", "Z"), 0) == yz
    assert got[("X", "Z")] == xz
    assert not (pairs["entity_a"] == pairs["entity_b"]).any()
    assert (pairs["entity_a"] < pairs["entity_b"]).all()
    assert "W" not in set(pairs["entity_a"]) | set(pairs["entity_b"])


def test_repeated_mention_counts_once_per_window():
    pairs = co.cooccurrence(make_ann(), unit="sentence", min_count=1)
    xy = pair(pairs, "X", "Y")
    assert xy["count"] == 2 and xy["windows_a"] == 3  # X twice in d2 s0 counts once
    assert xy["mentions_a"] == 4  # but all four mentions are reported


def test_min_count_labels_and_groups():
    ann = make_ann()
    assert co.cooccurrence(ann).shape[0] == 1  # default min_count=2 keeps only X-Y
    gpe = co.cooccurrence(ann, unit="paragraph", min_count=1, labels=["GPE"])
    assert gpe[["entity_a", "entity_b", "count"]].values.tolist() == [["Y", "Z", 1]]
    assert gpe["windows_a"].tolist() == [3]  # Y: d1 p0, d1 p1, d2 p0
    by = co.cooccurrence(ann, unit="sentence", min_count=1, by="source")
    assert list(by.columns[:3]) == ["source", "entity_a", "entity_b"]
    b = by[by["source"] == "B"].iloc[0]
    # source B = d2 only: N = 2 sentences, X and Y both in one: c = n_X = n_Y = 1.
    assert (b["entity_a"], b["count"], b["windows"]) == ("X", 1, 2)
    assert b["pmi"] == pytest.approx(1.0)  # log2(1 * 2 / 1)
    assert b["npmi"] == pytest.approx(1.0)
    assert b["llr"] == pytest.approx(4 * math.log(2))  # O = [[1,0],[0,1]], E = 0.5 each
    a = by[by["source"] == "A"]
    assert set(a["windows"]) == {5} and set(zip(a["entity_a"], a["entity_b"])) == \
        {("X", "Y"), ("X", "Z")}


def test_min_count_counts_all_groups_together():
    ann = make_ann()
    # sentences by source: X-Y is together once in A (d1 s0) and once in B (d2 s0), 2 in
    # all; X-Z once (d1 s1, A). min_count=2 keeps X-Y in both groups, each with count 1.
    by = co.cooccurrence(ann, unit="sentence", min_count=2, by="source")
    assert by[["source", "entity_a", "entity_b", "count"]].values.tolist() == [
        ["A", "X", "Y", 1], ["B", "X", "Y", 1]]
    # the kept rows are those of the unfiltered table, scores per group unchanged
    full = co.cooccurrence(ann, unit="sentence", min_count=1, by="source")
    pd.testing.assert_frame_equal(by, full[(full["entity_a"] == "X") & (full["entity_b"] == "Y")]
                                  .reset_index(drop=True))
    # 2 in all does not reach 3
    assert co.cooccurrence(ann, unit="sentence", min_count=3, by="source").empty
    # documents by source: X-Y, X-Z, Y-Z each in d1 (A) and d2 (B): 2 in all, kept in both
    docs = co.cooccurrence(ann, unit="document", min_count=2, by="source")
    assert sorted(zip(docs["source"], docs["entity_a"], docs["entity_b"])) == [
        ("A", "X", "Y"), ("A", "X", "Z"), ("A", "Y", "Z"),
        ("B", "X", "Y"), ("B", "X", "Z"), ("B", "Y", "Z")]


def test_window_keyword_is_now_unit():
    with pytest.raises(TypeError):
        co.cooccurrence(make_ann(), window="sentence")
    with pytest.raises(TypeError):
        co.cooccurrence_evidence(make_ann(), "X", "Y", window="sentence")


def test_chunked_counting_gives_the_same_result(monkeypatch):
    ann = make_ann()
    whole = co.cooccurrence(ann, unit="document", min_count=1)
    monkeypatch.setattr(co, "_CHUNK_PAIRS", 1)
    pd.testing.assert_frame_equal(co.cooccurrence(ann, unit="document", min_count=1), whole)


def test_inputs_are_not_modified():
    ann = make_ann()
    before = [t.copy() for t in (ann.docs, ann.sentences, ann.entities)]
    co.cooccurrence(ann, by="source", labels=["GPE", "PERSON"], min_count=1)
    co.entity_frequencies(ann, by="source")
    co.cooccurrence_evidence(ann, "X", "Y", unit="paragraph")
    co.entity_timeline(ann, top=2)
    for old, new in zip(before, (ann.docs, ann.sentences, ann.entities)):
        pd.testing.assert_frame_equal(old, new)


@pytest.mark.parametrize("kwargs, word", [
    ({"unit": "clause"}, "unit"), ({"unit": "window"}, "unit"), ({"min_count": 0}, "min_count"),
    ({"labels": "GPE"}, "labels"), ({"labels": ["PER"]}, "labels"), ({"by": "nope"}, "by")])
def test_bad_arguments(kwargs, word):
    with pytest.raises(ValueError, match=word):
        co.cooccurrence(make_ann(), **kwargs)


def test_no_entities_gives_an_empty_table():
    ann = make_ann([("d1", 0, 0, []), ("d2", 0, 0, [])])
    pairs = co.cooccurrence(ann, min_count=1)
    assert pairs.empty and list(pairs.columns) == co.PAIR_COLUMNS
    assert co.entity_network(pairs).number_of_nodes() == 0


# --------------------------------------------------------------------------- frequencies
def test_entity_frequencies():
    freq = co.entity_frequencies(make_ann())
    assert list(freq.columns) == ["entity", "label", "count", "docs", "share"]
    x = freq.set_index("entity").loc["X"]
    assert (x["label"], x["count"], x["docs"]) == ("PERSON", 4, 2)
    assert x["share"] == pytest.approx(2 / 3)
    assert freq["entity"].iloc[0] == "X"  # most mentions first
    by = co.entity_frequencies(make_ann(), by="source")
    assert list(by.columns) == ["source", "entity", "label", "count", "docs", "share"]
    by = by.set_index(["source", "entity"])
    assert by.loc[("A", "X"), "count"] == 2 and by.loc[("A", "X"), "share"] == 0.5


def test_entity_label_is_the_most_frequent_typed_one():
    ents = [("d1", 0, 0, ["K", "K"]), ("d1", 0, 1, ["K"])]
    ann = make_ann(ents, {"K": "GPE"})
    ann.entities.loc[0, "label"] = "ENTITY"
    ann.entities.loc[1, "label"] = "PERSON"
    assert co.entity_labels(ann)["K"] == "GPE"  # GPE, PERSON, ENTITY: tie -> typed, a-z
    ann.entities.loc[0, "label"] = "ENTITY"
    ann.entities.loc[2, "label"] = "ENTITY"
    assert co.entity_labels(ann)["K"] == "PERSON"  # ENTITY x2, PERSON x1: typed wins


# --------------------------------------------------------------------------- networks
def test_entity_network_and_export(tmp_path):
    pairs = co.cooccurrence(make_ann(), unit="document", min_count=1)
    graph = co.entity_network(pairs, measure="llr", min_count=2)
    assert sorted(graph.nodes) == ["X", "Y", "Z"] and graph.number_of_edges() == 3
    assert graph.nodes["X"] == {"label": "PERSON", "mentions": 4, "windows": 2}
    assert graph.graph["measure"] == "llr" and "weight" not in graph.graph
    edge = graph.edges["X", "Y"]
    assert edge["weight"] == edge["llr"] and isinstance(edge["count"], int)
    assert edge["measure"] == "llr" and edge["windows"] == 3  # N = 3 documents
    assert set(edge) == {"weight", "measure", "windows", "count", "docs", "expected", "pmi",
                         "npmi", "llr", "dice"}
    # top = the most mentioned ENTITIES (X 4, Y 3, Z 2 mentions) and the pairs among them:
    # one entity has no pair; two have one
    assert co.entity_network(pairs, top=1, min_count=1).number_of_edges() == 0
    two = co.entity_network(pairs, top=2, min_count=1)
    assert sorted(two.nodes) == ["X", "Y"] and list(two.edges) == [("X", "Y")]
    # limit caps the edges
    assert co.entity_network(pairs, limit=2, min_count=1).number_of_edges() == 2
    assert co.entity_network(pairs, min_weight=2.0, measure="count").number_of_edges() == 3
    assert co.entity_network(pairs, min_weight=2.1, measure="count").number_of_edges() == 0
    written = co.export_network(graph, tmp_path / "net.gexf")
    back = nx.read_gexf(written["graph"])
    assert back.nodes["X"]["type"] == "PERSON" and back.nodes["X"]["label"] == "X"
    assert back.edges["X", "Y"]["count"] == 2
    assert back.graph["name"] == "entity co-occurrence; edge weight = llr"
    assert pd.read_csv(written["pairs"]).shape[0] == 3
    back = nx.read_graphml(co.export_network(graph, tmp_path / "net.graphml")["graph"])
    assert back.edges["Y", "Z"]["llr"] == pytest.approx(graph.edges["Y", "Z"]["llr"])
    assert back.edges["Y", "Z"]["measure"] == "llr"
    with pytest.raises(ValueError, match="path"):
        co.export_network(graph, tmp_path / "net.png")
    with pytest.raises(TypeError):
        co.entity_network(pairs, weight="llr")  # the old keyword is gone


def test_entity_network_top_ranks_entities_by_mentions_and_limit_by_measure():
    # P and Q are mentioned 3 times each but together once; R and S twice, always together
    sents = [("d1", 0, 0, ["P", "Q"]), ("d1", 0, 1, ["P"]), ("d1", 0, 2, ["P"]),
             ("d1", 0, 3, ["Q"]), ("d1", 0, 4, ["Q"]), ("d1", 0, 5, ["R", "S"]),
             ("d1", 0, 6, ["R", "S"])]
    ann = make_ann(sents, {n: "GPE" for n in "PQRS"}, sources={"d1": "A"})
    pairs = co.cooccurrence(ann, unit="sentence", min_count=1)
    # N = 7: R-S npmi = log2(2*7/(2*2)) / -log2(2/7) = 1; P-Q pmi = log2(7/9) < 0
    assert pair(pairs, "R", "S")["npmi"] == pytest.approx(1.0)
    assert pair(pairs, "P", "Q")["npmi"] < 0
    # top=2: the two most mentioned entities (P, Q), although their pair is the weakest
    top = co.entity_network(pairs, min_count=1, top=2)
    assert sorted(top.nodes) == ["P", "Q"] and top.number_of_edges() == 1
    # limit=1: the strongest edge by the measure, whoever is mentioned most
    strongest = co.entity_network(pairs, min_count=1, limit=1, measure="npmi")
    assert list(strongest.edges) == [("R", "S")]
    assert co.entity_network(pairs, min_count=1, limit=1, measure="count").has_edge("R", "S")
    assert list(co.entity_network(pairs, min_count=1, top=2, limit=1).edges) == [("P", "Q")]
    with pytest.raises(ValueError, match="limit"):
        co.entity_network(pairs, limit=0)
    with pytest.raises(ValueError, match="top"):
        co.entity_network(pairs, top=0)


def test_export_network_round_trip(tmp_path):
    pairs = co.cooccurrence(make_ann(), unit="paragraph", min_count=1)
    graph = co.entity_network(pairs, measure="npmi", min_count=1)
    written = co.export_network(graph, tmp_path / "pairs.gexf")
    csv = pd.read_csv(written["pairs"])
    assert list(csv.columns) == co.PAIR_COLUMNS + ["measure", "weight"]
    assert (csv["entity_a"] < csv["entity_b"]).all()
    # paragraphs (N = 5): npmi X-Y = log2(2*5/(2*3)) / -log2(2/5) = 0.557493,
    # X-Z = log2(1*5/(2*2)) / log2(5) = 0.138647, Y-Z = log2(1*5/(3*2)) / log2(5) = -0.113283
    assert csv[["entity_a", "entity_b"]].values.tolist() == [["X", "Y"], ["X", "Z"], ["Y", "Z"]]
    assert csv["weight"].tolist() == pytest.approx([0.557493, 0.138647, -0.113283], abs=1e-6)
    # every row equals the pairs table's row for that edge, plus measure and weight
    expected = (pairs.set_index(["entity_a", "entity_b"])
                .loc[list(zip(csv["entity_a"], csv["entity_b"]))].reset_index())
    expected = expected.assign(measure="npmi", weight=expected["npmi"])
    pd.testing.assert_frame_equal(csv, expected, check_dtype=False, rtol=1e-12)
    back = nx.read_gexf(written["graph"])
    assert back.graph["name"] == "entity co-occurrence; edge weight = npmi"
    assert back.number_of_edges() == len(pairs)
    for row in pairs.itertuples():
        edge = back.edges[row.entity_a, row.entity_b]
        assert edge["measure"] == "npmi"
        assert edge["weight"] == pytest.approx(row.npmi, rel=1e-12)
        assert edge["count"] == row.count and edge["llr"] == pytest.approx(row.llr, rel=1e-12)


def test_entity_network_rejects_several_groups():
    pairs = co.cooccurrence(make_ann(), min_count=1, by="source", unit="document")
    with pytest.raises(ValueError, match="source"):
        co.entity_network(pairs)
    with pytest.raises(ValueError, match="measure"):
        co.entity_network(pairs[pairs["source"] == "A"], measure="t-score")


def test_entity_partners():
    pairs = co.cooccurrence(make_ann(), unit="sentence", min_count=1)
    part = co.entity_partners(pairs, "X", measure="count")
    assert part[["partner", "count"]].values.tolist() == [["Y", 2], ["Z", 1]]
    assert co.entity_partners(pairs, "Z")["partner"].tolist() == ["X"]  # Z is entity_b
    # an unknown name used to give an empty table: now it raises
    with pytest.raises(ValueError, match="not an entity"):
        co.entity_partners(pairs, "W")  # W has no pair
    pd.testing.assert_frame_equal(co.entity_partners(pairs, "x", measure="count"), part)


def test_entity_partners_resolves_names_and_suggests():
    sents = [("d1", 0, 0, ["Volodymyr Zelensky", "Vladimir Putin"]),
             ("d1", 0, 1, ["Volodymyr Zelensky", "Kyiv"]),
             ("d2", 0, 0, ["Vladimir Putin", "Kyiv"])]
    labels = {"Volodymyr Zelensky": "PERSON", "Vladimir Putin": "PERSON", "Kyiv": "GPE"}
    pairs = co.cooccurrence(make_ann(sents, labels), unit="sentence", min_count=1)
    with pytest.raises(ValueError, match="did you mean") as err:
        co.entity_partners(pairs, "Zelenskyy")
    assert "Volodymyr Zelensky" in str(err.value)
    exact = co.entity_partners(pairs, "Volodymyr Zelensky")
    assert sorted(exact["partner"]) == ["Kyiv", "Vladimir Putin"]
    # the canonical name in lower case, and a word only one entity's name has
    pd.testing.assert_frame_equal(co.entity_partners(pairs, "volodymyr zelensky"), exact)
    pd.testing.assert_frame_equal(co.entity_partners(pairs, "Zelensky"), exact)
    assert sorted(co.entity_partners(pairs, "putin")["partner"]) == ["Kyiv",
                                                                    "Volodymyr Zelensky"]


# --------------------------------------------------------------------------- evidence, time
def test_evidence_sentences_and_paragraphs():
    ann = make_ann()
    ev = co.cooccurrence_evidence(ann, "Y", "X")
    assert ev[["doc_id", "sent_id"]].values.tolist() == [["d1", 0], ["d2", 0]]
    assert ev["text"].tolist() == ["d1 sentence 0 mentions X and Y.",
                                   "d2 sentence 0 mentions X and Y and X."]
    assert ev["source"].tolist() == ["A", "B"]
    par = co.cooccurrence_evidence(ann, "Y", "Z", unit="paragraph")
    assert par["text"].tolist() == ["d1 sentence 0 mentions X and Y. "
                                    "d1 sentence 1 mentions X and Z."]
    assert co.cooccurrence_evidence(ann, "X", "Y", limit=1).shape[0] == 1
    # unit="document" is accepted now: it shows the paragraphs mentioning both.
    # X and Y: d1 p0 (s0 "X and Y", s1 "X and Z") and d2 p0 (s0 "X and Y and X")
    doc = co.cooccurrence_evidence(ann, "X", "Y", unit="document")
    assert doc[["doc_id", "paragraph_id"]].values.tolist() == [["d1", 0], ["d2", 0]]
    assert doc["text"].tolist() == ["d1 sentence 0 mentions X and Y. "
                                    "d1 sentence 1 mentions X and Z.",
                                    "d2 sentence 0 mentions X and Y and X."]
    assert "sent_id" not in doc.columns
    # Y and Z share documents d1 and d2, but only d1's first paragraph mentions both
    assert co.cooccurrence_evidence(ann, "Y", "Z", unit="document")[
        ["doc_id", "paragraph_id"]].values.tolist() == [["d1", 0]]
    # a canonical name in another case (and spacing) now resolves: "y " is Y
    pd.testing.assert_frame_equal(co.cooccurrence_evidence(ann, "X", "y "), ev)
    with pytest.raises(ValueError, match="did you mean"):
        co.cooccurrence_evidence(ann, "X", "XX")
    with pytest.raises(ValueError, match="unit"):
        co.cooccurrence_evidence(ann, "X", "Y", unit="clause")
    with pytest.raises(ValueError, match="different entities"):
        co.cooccurrence_evidence(ann, "X", "x")


def test_entity_timeline():
    tl = co.entity_timeline(make_ann(), entities=["X", "Z"], by="source", freq="M")
    assert list(tl.columns) == ["period", "source", "entity", "count", "docs", "group_docs",
                                "share"]
    rows = {(p.strftime("%Y-%m"), s, e): (m, d, t, sh) for p, s, e, m, d, t, sh in
            tl[["period", "source", "entity", "count", "docs", "group_docs", "share"]]
            .itertuples(index=False)}
    assert rows[("2022-01", "A", "X")] == (2, 1, 1, 1.0)  # d1
    assert rows[("2022-02", "B", "X")] == (2, 1, 1, 1.0)  # d2, X twice
    assert rows[("2022-02", "A", "X")] == (0, 0, 1, 0.0)  # d3 mentions only W: a zero row
    assert len(tl) == 6  # 3 (period, source) cells x 2 entities
    order = co.entity_timeline(make_ann(), entities=["Z", "X"], by=None)
    assert order["entity"].tolist()[:2] == ["Z", "X"]  # the order given
    assert list(order.columns) == ["period", "entity", "count", "docs", "group_docs", "share"]
    # names are resolved: "x" is X (the same ignoring case)
    pd.testing.assert_frame_equal(
        co.entity_timeline(make_ann(), entities=["x", "z"], by="source", freq="M"), tl)
    with pytest.raises(ValueError, match="did you mean"):
        co.entity_timeline(make_ann(), entities=["XX"])


def test_plots_return_figures():
    ann = make_ann()
    pairs = co.cooccurrence(ann, unit="document", min_count=1)
    fig = plots.plot_entity_network(co.entity_network(pairs, min_count=1))
    assert isinstance(fig, Figure)
    legend = fig.axes[0].get_legend()
    assert sorted(t.get_text() for t in legend.get_texts()) == ["GPE", "PERSON"]
    heat = plots.plot_pair_heatmap(pairs, measure="count", top=2)
    assert [t.get_text() for t in heat.axes[0].get_xticklabels()] == ["X", "Y"]
    timeline = co.entity_timeline(ann, top=2)
    tl = plots.plot_entity_timelines(timeline)
    assert len(tl.axes) == 2
    for value in ("docs", "count"):
        assert isinstance(plots.plot_entity_timelines(timeline, value=value), Figure)
    with pytest.raises(ValueError, match="value"):
        plots.plot_entity_timelines(timeline, value="mentions")  # the old column name
    empty = plots.plot_entity_network(nx.Graph())
    assert isinstance(empty, Figure)


# --------------------------------------------------------------------------- seeds, real data
def test_seed_corpus(example_corpus, example_ann):
    pairs = co.cooccurrence(example_ann, unit="sentence", min_count=1)
    docs = example_corpus.docs
    seed0 = docs.loc[docs["path"].str.endswith("000_811e08c64d177644.txt"), "doc_id"].iloc[0]
    ev = co.cooccurrence_evidence(example_ann, "Vladimir Putin", "Fumio Kishida")
    assert ((ev["doc_id"] == seed0) & (ev["sent_id"] == 0)).any()
    assert pair(pairs, "Vladimir Putin", "Fumio Kishida")["count"] >= 1
    assert pair(pairs, "Russia", "NATO")["count"] >= 2
    freq = co.entity_frequencies(example_ann).set_index("entity")
    assert freq.loc["Kyiv", "docs"] == 2 and "Kiev" not in freq.index


def test_seed_surface_forms_resolve(example_ann):
    ents = example_ann.entities
    # the seed writes "Kiev" once (resolved to Kyiv) and "US" (resolved to United States)
    assert set(ents.loc[ents["text"] == "Kiev", "canonical"]) == {"Kyiv"}
    assert set(ents.loc[ents["text"] == "US", "canonical"]) == {"United States"}
    kyiv = co.cooccurrence_evidence(example_ann, "Kyiv", "Russia")
    pd.testing.assert_frame_equal(co.cooccurrence_evidence(example_ann, "Kiev", "Russia"), kyiv)
    assert len(kyiv) >= 1 and kyiv["text"].str.contains("Kiev").all()
    us = co.cooccurrence_evidence(example_ann, "United States", "Russia", limit=None)
    pd.testing.assert_frame_equal(
        co.cooccurrence_evidence(example_ann, "US", "Russia", limit=None), us)
    # "US" as written and "United States" both appear among those sentences
    assert us["text"].str.contains(r"\bUS\b").any()
    assert us["text"].str.contains("United States").any()
    tl = co.entity_timeline(example_ann, entities=["Kiev", "US"], by=None, freq="Y")
    assert tl["entity"].unique().tolist() == ["Kyiv", "United States"]
    # entity_partners knows the pairs' canonical names: a word only one of them has works
    pairs = co.cooccurrence(example_ann, unit="sentence", min_count=1)
    kishida = co.entity_partners(pairs, "kishida")
    pd.testing.assert_frame_equal(kishida, co.entity_partners(pairs, "Fumio Kishida"))
    assert "Vladimir Putin" in set(kishida["partner"])


@pytest.mark.skipif(not config.SHARED_SAMPLE.exists(), reason="shared corpus absent")
def test_real_sample_has_no_pair_of_a_name_and_its_own_acronym(sample_ann):
    # before the acronym rule, "IAEA - International Atomic Energy Agency" was the 20th
    # strongest pair of the sample (llr 203, 22 documents): one agency paired with itself
    ents = sample_ann.entities
    long = ents["text"].str.contains("International Atomic Energy Agency", regex=False)
    with_acronym = set(ents.loc[ents["text"] == "IAEA", "doc_id"])
    both = long & ents["doc_id"].isin(with_acronym)
    assert both.sum() >= 20  # the sample defines the acronym in its articles
    assert set(ents.loc[both, "canonical"]) == {"IAEA"}
    assert set(ents.loc[long & ~both, "canonical"]) == {"International Atomic Energy Agency"}
    pairs = co.cooccurrence(sample_ann, unit="document", min_count=1)
    names = set(zip(pairs["entity_a"], pairs["entity_b"]))
    assert ("IAEA", "International Atomic Energy Agency") not in names
    assert ("International Atomic Energy Agency", "IAEA") not in names


def test_real_sample_counts_match_a_naive_count(sample_ann):
    pairs = co.cooccurrence(sample_ann, unit="sentence", min_count=1, keep_outlet_names=True)
    ents = sample_ann.entities
    windows = ents.groupby(["doc_id", "sent_id"])["canonical"].agg(lambda s: sorted(set(s)))
    naive = Counter(p for w in windows for p in itertools.combinations(w, 2))
    assert len(pairs) == len(naive)
    assert dict(zip(zip(pairs["entity_a"], pairs["entity_b"]), pairs["count"])) == naive
    assert set(pairs["windows"]) == {len(sample_ann.sentences)}
    by = co.cooccurrence(sample_ann, unit="document", by="source")
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
        graph = co.entity_network(rt, measure="llr", top=top, limit=100)
    assert 0 < graph.number_of_edges() <= 100 and set(graph.nodes) <= core
    assert graph.graph["measure"] == "llr"
    # limit: the 100 strongest llr among the pairs of those entities
    among = kept[kept["entity_a"].isin(core) & kept["entity_b"].isin(core)]
    expected = among.sort_values("llr", ascending=False).head(100)
    assert len(among) > 100  # so limit really cuts
    weights = sorted((d["weight"] for *_, d in graph.edges(data=True)), reverse=True)
    assert weights == pytest.approx(expected["llr"].tolist())
