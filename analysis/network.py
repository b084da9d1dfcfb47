"""Entity networks: the pairs of :func:`analysis.pairs.cooccurrence` as a
``networkx`` graph (:func:`entity_network`), written for Gephi (:func:`export_network`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .pairs import PAIR_COLUMNS, SCORE_COLUMNS, _check_pairs, _pair_entities
from .vocabulary import PairMeasure
from .vocabulary import checked


@checked
def entity_network(pairs: pd.DataFrame, *, measure: PairMeasure = "g2", min_count: int = 2,
                   min_weight: float | None = None, top: int | None = None,
                   limit: int | None = None):
    """A ``networkx.Graph`` of entities joined by their co-occurrence scores.

    Parameters
    ----------
    pairs : pandas.DataFrame
        From :func:`cooccurrence` (one group only: filter a ``by`` result first).
    measure : {"count", "docs", "pmi", "npmi", "g2", "dice"}, default "g2"
        Score copied to the edge attribute ``weight`` (used by Gephi and the plots). G2
        weighs a pair by its evidence; npmi and pmi favour pairs seen in one article.
    min_count : int, default 2
        Drop pairs seen together in fewer windows.
    min_weight : float, optional
        Drop pairs whose ``measure`` is below this value.
    top : int, optional
        Keep the ``top`` most mentioned entities (nodes) and the pairs among them.
    limit : int, optional
        Keep at most this many edges, strongest ``measure`` first.

    Returns
    -------
    networkx.Graph
        Nodes: canonical names with ``label`` (entity type), ``mentions`` and
        ``windows``; edges: ``weight``, ``measure`` (its name), every score
        column and ``windows`` (plain Python values, so the graph writes to
        GEXF/GraphML). ``graph.graph["measure"]`` records the measure.

    Examples
    --------
    >>> g = entity_network(cooccurrence(ann), measure="g2", top=40, limit=60)
    >>> g.number_of_nodes(), g.number_of_edges()
    (14, 24)
    >>> g.nodes["NATO"]
    {'label': 'ORGANIZATION', 'mentions': 8, 'windows': 7}
    """
    import networkx as nx

    _check_pairs(pairs)
    if pairs.duplicated(["entity_a", "entity_b"]).any():
        groups = [c for c in pairs.columns if c not in PAIR_COLUMNS]
        raise ValueError(f"pairs holds several groups (column(s) {groups}); select one first, "
                         f"e.g. pairs[pairs[{groups[0]!r}] == value]" if groups else
                         "pairs has duplicated (entity_a, entity_b) rows")
    sel = pairs[pairs["count"] >= min_count]
    if min_weight is not None:
        sel = sel[sel[measure] >= min_weight]
    if top is not None:
        core = set(_pair_entities(sel).index[:top])
        sel = sel[sel["entity_a"].isin(core) & sel["entity_b"].isin(core)]
    sel = sel.sort_values([measure, "count", "entity_a", "entity_b"],
                          ascending=[False, False, True, True], kind="stable")
    sel = sel.head(limit) if limit is not None else sel
    graph = nx.Graph(measure=measure)
    for side in ("a", "b"):
        for name, label, mentions, windows in zip(sel[f"entity_{side}"], sel[f"label_{side}"],
                                                  sel[f"mentions_{side}"], sel[f"windows_{side}"]):
            graph.add_node(str(name), label=str(label), mentions=int(mentions),
                           windows=int(windows))
    for row in sel.itertuples(index=False):
        attrs = {c: (int(getattr(row, c)) if c in ("count", "docs") else float(getattr(row, c)))
                 for c in SCORE_COLUMNS}
        graph.add_edge(str(row.entity_a), str(row.entity_b), weight=float(attrs[measure]),
                       measure=measure, windows=int(row.windows), **attrs)
    return graph


@checked
def export_network(graph, path: str | os.PathLike) -> dict[str, Path]:
    """Write ``graph`` as GEXF or GraphML (by extension) and its pairs as CSV beside it.

    The node attribute ``label`` (entity type) is written as ``type`` and the
    entity name as the node label, which is what Gephi displays; every edge
    keeps ``measure`` (the name of the score in ``weight``) and the graph's
    name says it too. The CSV has the columns of :func:`cooccurrence`
    (``entity_a < entity_b``) plus ``measure`` and ``weight``, strongest first.

    Parameters
    ----------
    graph : networkx.Graph
        From :func:`entity_network`.
    path : path-like
        ``*.gexf`` or ``*.graphml``; the CSV goes to the same path with ``.csv``.

    Returns
    -------
    dict
        ``{"graph": Path, "pairs": Path}``.

    Examples
    --------
    >>> g = entity_network(cooccurrence(ann))
    >>> files = export_network(g, tmp / "entities.gexf")
    >>> sorted(path.name for path in files.values())
    ['entities.csv', 'entities.gexf']
    """
    import networkx as nx

    path = Path(path)
    writers = {".gexf": nx.write_gexf, ".graphml": nx.write_graphml}
    if path.suffix.lower() not in writers:
        raise ValueError(f"path must end with one of {tuple(writers)}, got {str(path)!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    measure = graph.graph.get("measure", "")
    out = nx.Graph(name=f"entity co-occurrence; edge weight = {measure}", measure=measure)
    for node, data in graph.nodes(data=True):
        attrs = {("type" if k == "label" else k): v for k, v in data.items()}
        out.add_node(node, label=str(node), **attrs)
    out.add_edges_from(graph.edges(data=True))
    writers[path.suffix.lower()](out, path)
    rows = []
    for u, v, d in graph.edges(data=True):
        a, b = sorted((u, v))
        na, nb = graph.nodes[a], graph.nodes[b]
        rows.append({"entity_a": a, "entity_b": b, "label_a": na.get("label"),
                     "label_b": nb.get("label"), **d, "windows_a": na.get("windows"),
                     "windows_b": nb.get("windows"), "mentions_a": na.get("mentions"),
                     "mentions_b": nb.get("mentions")})
    edges = pd.DataFrame(rows, columns=PAIR_COLUMNS + ["measure", "weight"])
    edges = edges.sort_values(["weight", "count", "entity_a", "entity_b"],
                              ascending=[False, False, True, True], kind="stable")
    csv_path = path.with_suffix(".csv")
    edges.to_csv(csv_path, index=False)
    return {"graph": path, "pairs": csv_path}
