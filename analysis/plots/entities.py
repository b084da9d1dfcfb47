"""Entity co-occurrence plots: the network, the pair heatmap, entity timelines."""

from __future__ import annotations

from typing import Literal

import matplotlib.pyplot as plt
import pandas as pd

from ..display import format_number
from .common import (
    _empty_figure,
    _line_panels,
    _new_figure,
    _tf_label,
    date_axis,
    group_grid,
    infer_freq,
    place_labels,
    plain_text,
)
from ..vocabulary import UNTYPED, Freq, checked


def _co_scale(values, low: float, high: float):
    import numpy as np

    values = np.asarray(values, dtype=float)
    span = values.max() - values.min() if len(values) else 0.0
    if span == 0:
        return np.full(len(values), (low + high) / 2)
    return low + (high - low) * (values - values.min()) / span


@checked
@plain_text
def plot_entity_network(graph, *, title: str = "Entity co-occurrence network", seed: int = 42,
                        top: int | None = None, max_labels: int = 40, figsize=(10, 8)):
    """Draw an :func:`analysis.network.entity_network` graph.

    Node size grows with mentions, colour shows the entity label (grey:
    untyped), edge width the rank of the edge ``weight`` (scores are skewed);
    the layout is a spring layout with a fixed ``seed`` (reruns look the same).
    ``top`` keeps the most mentioned nodes only. Up to ``max_labels`` nodes
    are named, the most mentioned first, each label placed where it overlaps
    no other (a label that fits nowhere is left out; its node stays).

    Examples
    --------
    >>> fig = plot_entity_network(entity_network(cooccurrence(ann)), top=30)
    >>> fig.axes[0].get_title()
    'Entity co-occurrence network (edge width: rank of weight)'
    """
    import networkx as nx
    import numpy as np

    by_mentions = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("mentions", 0), n))
    if top is not None:
        graph = graph.subgraph(by_mentions[:top])
    if graph.number_of_nodes() == 0:
        return _empty_figure(title, "no entity pairs pass the filters")
    nodes = sorted(graph.nodes)
    # edges in a fixed order (a subgraph's order follows a set's, which varies from run to
    # run): the same graph draws the same picture, byte for byte
    edges = sorted(tuple(sorted((a, b))) for a, b in graph.edges())
    weights = [graph.edges[a, b].get("weight", 1.0) for a, b in edges]
    layout = nx.Graph()
    layout.add_nodes_from(nodes)
    layout.add_weighted_edges_from((a, b, w) for (a, b), w in
                                   zip(edges, _co_scale(weights, 0.2, 1.0)))
    pos = nx.spring_layout(layout, seed=seed, k=2.5 / np.sqrt(len(nodes)), iterations=200)
    labels = sorted({str(graph.nodes[n].get("label", "")) for n in nodes})
    palette = plt.get_cmap("tab10")
    colour = {lab: palette(i % 10) for i, lab in enumerate(labels)}
    colour.update({lab: "#b0b0b0" for lab in labels if lab == UNTYPED})  # untyped: grey
    mentions = np.array([graph.nodes[n].get("mentions", 1) for n in nodes], dtype=float)
    fig, ax = _new_figure(figsize)
    ranks = pd.Series(weights, dtype=float).rank(method="average").to_numpy()
    nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=edges,
                           width=list(_co_scale(ranks, 0.5, 6.0)), edge_color="#555555",
                           alpha=0.4)
    nx.draw_networkx_nodes(graph, pos, nodelist=nodes, ax=ax,
                           node_size=list(60 + 1200 * np.sqrt(mentions / mentions.max())),
                           node_color=[colour[str(graph.nodes[n].get("label", ""))] for n in nodes],
                           edgecolors="white", linewidths=0.8)
    handles = [plt.Line2D([], [], marker="o", ls="", color=colour[lab], label=lab)
               for lab in labels]
    ax.legend(handles=handles, title="label", loc="upper left", fontsize=8, frameon=False)
    ax.set_title(f"{title} (edge width: rank of {graph.graph.get('weight', 'weight')})")
    ax.axis("off")
    ax.margins(0.12)  # room for labels at the edges
    named = [n for n in by_mentions if n in pos][:max_labels]
    place_labels(ax, [pos[n] for n in named], named, fontsize=8,
                 bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    plt.close(fig)
    return fig


@checked
@plain_text
def plot_pair_heatmap(pairs: pd.DataFrame, *, measure: str = "npmi", top: int = 15,
                      title: str | None = None):
    """Heatmap of ``measure`` between the ``top`` most mentioned entities of ``pairs``.

    The scale keeps the bulk of the cells readable: ``npmi`` and ``pmi`` on a
    diverging scale around 0 (red: more often together than chance, blue:
    less), ``g2``, ``count`` and ``docs`` on a log scale (one dominant pair
    does not flatten the rest), ``dice`` on a linear one. Values are written in
    the cells only when there are at most 12 entities. Blank cells: the two
    entities were not found together (or below ``min_count``).

    Examples
    --------
    >>> fig = plot_pair_heatmap(cooccurrence(ann), measure="pmi", top=10)
    >>> fig.axes[0].get_title()
    'pmi between the 10 most mentioned entities'
    """
    import numpy as np
    from matplotlib.colors import LogNorm, TwoSlopeNorm

    title = title or f"{measure} between the {top} most mentioned entities"
    if measure not in pairs.columns:
        raise ValueError(f"measure must be a score column of pairs, got {measure!r}")
    if pairs.duplicated(["entity_a", "entity_b"]).any():
        raise ValueError("pairs holds several groups; select one group before plotting")
    if pairs.empty:
        return _empty_figure(title, "no entity pairs pass the filters")
    mentions = pd.concat([pairs.set_index("entity_a")["mentions_a"],
                          pairs.set_index("entity_b")["mentions_b"]])
    mentions = mentions.groupby(level=0).max().sort_values(ascending=False, kind="stable")
    names = mentions.index[:top].tolist()
    grid = pd.DataFrame(np.nan, index=names, columns=names)
    sel = pairs[pairs["entity_a"].isin(names) & pairs["entity_b"].isin(names)]
    for a, b, v in zip(sel["entity_a"], sel["entity_b"], sel[measure]):
        grid.loc[a, b] = grid.loc[b, a] = v
    values = grid.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    if measure in ("pmi", "npmi"):
        spread = float(np.nanpercentile(np.abs(finite), 98)) if len(finite) else 1.0
        limit = min(1.0, max(0.25, spread)) if measure == "npmi" else max(spread, 0.1)
        cmap, norm, scale = "RdBu_r", TwoSlopeNorm(0, -limit, limit), "diverging"
    elif measure in ("g2", "count", "docs") and len(finite) and (finite > 0).any():
        positive = finite[finite > 0]
        low = min(1.0, positive.max() / 10) if positive.max() > 1 else positive.min()
        cmap, norm, scale = "viridis", LogNorm(low, positive.max()), "log"  # below 1: darkest
        values = np.where(values > 0, values, np.nan)
    else:
        cmap, norm, scale = "viridis", None, "linear"
    size = max(4.5, 0.42 * len(names) + 2)
    fig, ax = _new_figure((size + 1.5, size))
    image = ax.imshow(values, cmap=cmap, norm=norm)
    ax.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    if len(names) <= 12:
        for (i, j), v in np.ndenumerate(values):
            if np.isfinite(v):
                ax.text(j, i, format_number(v, "score"), ha="center", va="center", fontsize=8,
                        color="white" if image.norm(v) > 0.6 or image.norm(v) < 0.15 and
                        scale == "diverging" else "black")
    fig.colorbar(image, ax=ax, label=f"{measure} ({scale} scale)", shrink=0.8)
    ax.set_title(title)
    plt.close(fig)
    return fig


@checked
@plain_text
def plot_entity_timelines(timeline: pd.DataFrame, *,
                          value: Literal["share", "docs", "count"] = "share",
                          freq: Freq | None = None,
                          ncols: int = 3, title: str = "Entity mentions over time"):
    """Small multiples: one panel per group, one line per entity, from :func:`entity_timeline`.

    ``value`` is ``"share"`` (share of the group's documents that period
    mentioning the entity: comparable across outlets of different size),
    ``"docs"`` or ``"count"`` (mentions). Lines break over periods without
    documents (``freq``, default inferred from the periods).

    Examples
    --------
    >>> fig = plot_entity_timelines(entity_timeline(ann, top=4))
    """
    standard = {"period", "entity", "count", "docs", "group_docs", "share"}
    if timeline.empty:
        return _empty_figure(title, "no dated mentions to plot")
    group = next((c for c in timeline.columns if c not in standard), None)
    freq = freq or infer_freq(timeline["period"])
    entities = list(dict.fromkeys(timeline["entity"]))
    groups = (list(timeline.groupby(group)["group_docs"].sum().sort_values(
        ascending=False).index) if group else [None])
    fig, axes = group_grid(len(groups), ncols=ncols, panel=(4.2, 2.3), sharey=value == "share")
    _line_panels(axes, timeline, group, groups, "entity", entities, value, freq)
    for ax in axes:
        ax.set_ylim(0, 1.05) if value == "share" else ax.set_ylim(bottom=0)
    date_axis(axes[-1], freq)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(len(entities), 5),
               fontsize=8, frameon=False)
    fig.supylabel(value, fontsize=9)
    fig.suptitle(_tf_label(title))
    plt.close(fig)
    return fig
