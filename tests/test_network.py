"""Entity networks (analysis.network): graphs, their export, and the plots of pairs."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from matplotlib.figure import Figure
from toy_entities import make_ann, pair

from analysis import config, plots
from analysis.pairs import PAIR_COLUMNS, cooccurrence
from analysis.evidence import entity_timeline
from analysis.network import entity_network, export_network


def test_entity_network_and_export(tmp_path):
    pairs = cooccurrence(make_ann(), unit="document", min_count=1)
    graph = entity_network(pairs, measure="g2", min_count=2)
    assert sorted(graph.nodes) == ["X", "Y", "Z"] and graph.number_of_edges() == 3
    assert graph.nodes["X"] == {"label": "PERSON", "mentions": 4, "windows": 2}
    assert graph.graph["measure"] == "g2" and "weight" not in graph.graph
    edge = graph.edges["X", "Y"]
    assert edge["weight"] == edge["g2"] and isinstance(edge["count"], int)
    assert edge["measure"] == "g2" and edge["windows"] == 3  # N = 3 documents
    assert set(edge) == {"weight", "measure", "windows", "count", "docs", "expected", "pmi",
                         "npmi", "g2", "dice"}
    # top = the most mentioned ENTITIES (X 4, Y 3, Z 2 mentions) and the pairs among them:
    # one entity has no pair; two have one
    assert entity_network(pairs, top=1, min_count=1).number_of_edges() == 0
    two = entity_network(pairs, top=2, min_count=1)
    assert sorted(two.nodes) == ["X", "Y"] and list(two.edges) == [("X", "Y")]
    # limit caps the edges
    assert entity_network(pairs, limit=2, min_count=1).number_of_edges() == 2
    assert entity_network(pairs, min_weight=2.0, measure="count").number_of_edges() == 3
    assert entity_network(pairs, min_weight=2.1, measure="count").number_of_edges() == 0
    written = export_network(graph, tmp_path / "net.gexf")
    back = nx.read_gexf(written["graph"])
    assert back.nodes["X"]["type"] == "PERSON" and back.nodes["X"]["label"] == "X"
    assert back.edges["X", "Y"]["count"] == 2
    assert back.graph["name"] == "entity co-occurrence; edge weight = g2"
    assert pd.read_csv(written["pairs"]).shape[0] == 3
    back = nx.read_graphml(export_network(graph, tmp_path / "net.graphml")["graph"])
    assert back.edges["Y", "Z"]["g2"] == pytest.approx(graph.edges["Y", "Z"]["g2"])
    assert back.edges["Y", "Z"]["measure"] == "g2"
    with pytest.raises(ValueError, match="path"):
        export_network(graph, tmp_path / "net.png")
    with pytest.raises(TypeError):
        entity_network(pairs, weight="g2")  # the old keyword is gone


def test_entity_network_top_ranks_entities_by_mentions_and_limit_by_measure():
    # P and Q are mentioned 3 times each but together once; R and S twice, always together
    sents = [("d1", 0, 0, ["P", "Q"]), ("d1", 0, 1, ["P"]), ("d1", 0, 2, ["P"]),
             ("d1", 0, 3, ["Q"]), ("d1", 0, 4, ["Q"]), ("d1", 0, 5, ["R", "S"]),
             ("d1", 0, 6, ["R", "S"])]
    ann = make_ann(sents, {n: "GPE" for n in "PQRS"}, sources={"d1": "A"})
    pairs = cooccurrence(ann, unit="sentence", min_count=1)
    # N = 7: R-S npmi = log2(2*7/(2*2)) / -log2(2/7) = 1; P-Q pmi = log2(7/9) < 0
    assert pair(pairs, "R", "S")["npmi"] == pytest.approx(1.0)
    assert pair(pairs, "P", "Q")["npmi"] < 0
    # top=2: the two most mentioned entities (P, Q), although their pair is the weakest
    top = entity_network(pairs, min_count=1, top=2)
    assert sorted(top.nodes) == ["P", "Q"] and top.number_of_edges() == 1
    # limit=1: the strongest edge by the measure, whoever is mentioned most
    strongest = entity_network(pairs, min_count=1, limit=1, measure="npmi")
    assert list(strongest.edges) == [("R", "S")]
    assert entity_network(pairs, min_count=1, limit=1, measure="count").has_edge("R", "S")
    assert list(entity_network(pairs, min_count=1, top=2, limit=1).edges) == [("P", "Q")]
    with pytest.raises(ValueError, match="limit"):
        entity_network(pairs, limit=0)
    with pytest.raises(ValueError, match="top"):
        entity_network(pairs, top=0)


def test_export_network_round_trip(tmp_path):
    pairs = cooccurrence(make_ann(), unit="paragraph", min_count=1)
    graph = entity_network(pairs, measure="npmi", min_count=1)
    written = export_network(graph, tmp_path / "pairs.gexf")
    csv = pd.read_csv(written["pairs"])
    assert list(csv.columns) == PAIR_COLUMNS + ["measure", "weight"]
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
        assert edge["count"] == row.count and edge["g2"] == pytest.approx(row.g2, rel=1e-12)


def test_entity_network_rejects_several_groups():
    pairs = cooccurrence(make_ann(), min_count=1, by="source", unit="document")
    with pytest.raises(ValueError, match="source"):
        entity_network(pairs)
    with pytest.raises(ValueError, match="measure"):
        entity_network(pairs[pairs["source"] == "A"], measure="t-score")


def test_plots_return_figures():
    ann = make_ann()
    pairs = cooccurrence(ann, unit="document", min_count=1)
    fig = plots.plot_entity_network(entity_network(pairs, min_count=1))
    assert isinstance(fig, Figure)
    legend = fig.axes[0].get_legend()
    assert sorted(t.get_text() for t in legend.get_texts()) == ["GPE", "PERSON"]
    heat = plots.plot_pair_heatmap(pairs, measure="count", top=2)
    assert [t.get_text() for t in heat.axes[0].get_xticklabels()] == ["X", "Y"]
    timeline = entity_timeline(ann, top=2)
    tl = plots.plot_entity_timelines(timeline)
    assert len(tl.axes) == 2
    for value in ("docs", "count"):
        assert isinstance(plots.plot_entity_timelines(timeline, value=value), Figure)
    with pytest.raises(ValueError, match="value"):
        plots.plot_entity_timelines(timeline, value="mentions")  # the old column name
    empty = plots.plot_entity_network(nx.Graph())
    assert isinstance(empty, Figure)


_DRAW_NETWORK = """
import hashlib, io, itertools
import networkx as nx
from analysis import config, plots
graph = nx.Graph(weight="npmi")
names = [f"Entity {i}" for i in range(40)]
for i, name in enumerate(names):
    graph.add_node(name, label="PERSON" if i % 2 else "GPE", mentions=100 - i)
pairs = {(a, b) for k, (a, b) in enumerate(itertools.combinations(names, 2)) if k % 4 == 0}
for a, b in pairs:  # a set's order: it differs with the hash seed, as in entity_network
    graph.add_edge(a, b, weight=(len(a + b) % 7) / 7 + 0.1)
buffer = io.BytesIO()
plots.plot_entity_network(graph, top=25).savefig(buffer, format="png")
print(hashlib.sha1(buffer.getvalue()).hexdigest())
"""


def test_network_picture_is_the_same_in_every_run():
    """The same graph draws the same PNG, byte for byte, whatever the run's hash seed: the
    ``top`` subgraph iterates its nodes (so its edges) in a set's order, which differs from
    run to run, and drawing order changes the anti-aliased pixels where edges overlap."""
    import os
    import subprocess
    import sys

    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
        done = subprocess.run([sys.executable, "-c", _DRAW_NETWORK], env=env, check=True,
                              capture_output=True, text=True, cwd=config.PROJECT_ROOT)
        digests.add(done.stdout.strip())
    assert len(digests) == 1
