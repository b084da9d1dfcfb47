"""Plot helpers: each returns a matplotlib ``Figure`` (never calls ``plt.show()``).

Sections: corpus overview, term frequency, entity co-occurrence, source comparison.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

FIGSIZE = (8, 4.5)
DPI = 100


def _new_figure(figsize=FIGSIZE):
    fig, ax = plt.subplots(figsize=figsize, dpi=DPI, layout="constrained")
    return fig, ax


def _empty_figure(title: str, message: str):
    """A small figure that says why there is nothing to plot (instead of an error)."""
    fig, ax = _new_figure((6, 2))
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#555555",
            transform=ax.transAxes)
    ax.set_axis_off()
    ax.set_title(title)
    plt.close(fig)
    return fig


# ----------------------------------------------------------------- corpus overview
def plot_documents_per_source(docs: pd.DataFrame, *, title: str = "Documents per source"):
    """Horizontal bars of documents per source.

    Examples
    --------
    >>> fig = plot_documents_per_source(pd.DataFrame({"source": ["RT", "RT", "BBC"]}))
    """
    counts = docs["source"].value_counts().sort_values()
    fig, ax = _new_figure((8, max(2.5, 0.35 * len(counts) + 1)))
    ax.barh(counts.index.astype(str), counts.values, color="#4C72B0")
    ax.set_xlabel("documents")
    ax.set_title(title)
    plt.close(fig)
    return fig


# ----------------------------------------------------------------- term frequency
def _tf_label(text) -> str:
    """Corpus text as a plain label: a ``$`` would start matplotlib mathtext."""
    return str(text).replace("$", r"\$")


def _tf_grid(n: int, ncols: int, panel=(4.0, 3.0)):
    import math

    ncols = max(1, min(ncols, n))
    nrows = max(1, math.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel[0] * ncols, panel[1] * nrows),
                             dpi=DPI, layout="constrained", squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes.flat


def plot_top_terms(freqs: pd.DataFrame, *, by: str | None = None, value: str = "per_10k",
                   top: int = 10, ncols: int = 3, max_groups: int = 12,
                   title: str = "Top terms"):
    """Small multiples: the ``top`` terms of each group as horizontal bars.

    Parameters
    ----------
    freqs : pandas.DataFrame
        :func:`analysis.terms.term_frequencies` output (``term`` and ``value`` columns).
    by : str, optional
        The group column of ``freqs`` (one panel per group; the ``max_groups``
        groups with most counted terms).
    value : str, default "per_10k"
        Bar length column (``"count"``, ``"per_10k"``, ``"doc_share"``, ``"tf_idf"``...).

    Examples
    --------
    >>> fig = plot_top_terms(pd.DataFrame({"term": ["a", "b"], "per_10k": [3.0, 1.0]}))
    """
    if freqs.empty:
        return _empty_figure(title, "no terms to show")
    if by is None:
        groups = [None]
    else:
        weight = freqs.groupby(by, dropna=False)[value].sum().sort_values(ascending=False)
        groups = list(weight.index[:max_groups])
    fig, axes = _tf_grid(len(groups), ncols, panel=(4.0, max(2.0, 0.22 * top + 0.8)))
    for ax, group in zip(axes, groups):
        sub = freqs if by is None else freqs[freqs[by].isna() if pd.isna(group)
                                              else freqs[by] == group]
        sub = sub.nlargest(top, value).iloc[::-1]
        ax.barh([_tf_label(t) for t in sub["term"]], sub[value], color="#4C72B0")
        ax.set_xlabel(value)
        ax.tick_params(axis="y", labelsize=8)
        if group is not None:
            ax.set_title(_tf_label(group), fontsize=10)
    fig.suptitle(title)
    plt.close(fig)
    return fig


def plot_term_trends(trends: pd.DataFrame, *, by: str | None = "source", value: str = "per_10k",
                     ncols: int = 2, title: str = "Term trends"):
    """One panel per term, one line per group, over the periods of :func:`term_trends`.

    Periods without documents are absent from ``trends``; lines join the
    periods that exist (markers show where the data points are).

    Examples
    --------
    >>> t = pd.DataFrame({"period": pd.to_datetime(["2022-01-03", "2022-01-10"]),
    ...                   "term": ["nato", "nato"], "per_10k": [2.0, 5.0]})
    >>> fig = plot_term_trends(t, by=None)
    """
    import matplotlib.dates as mdates

    if trends.empty:
        return _empty_figure(title, "no dated documents")
    terms = list(dict.fromkeys(trends["term"]))
    n_groups = 1 if by is None else trends[by].nunique(dropna=False)
    colors = plt.get_cmap("tab10" if n_groups <= 10 else "tab20").colors
    fig, axes = _tf_grid(len(terms), ncols, panel=(5.0, 3.0))
    for ax, term in zip(axes, terms):
        sub = trends[trends["term"] == term]
        parts = [(None, sub)] if by is None else sub.groupby(by, dropna=False, sort=True)
        for i, (group, part) in enumerate(parts):
            part = part.sort_values("period")
            ax.plot(part["period"], part[value], marker="o", markersize=3, linewidth=1,
                    color=colors[i % len(colors)],
                    label=None if group is None else _tf_label(group))
        ax.set_title(_tf_label(term), fontsize=10)
        ax.set_ylabel(value)
        ax.set_ylim(bottom=0)
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if by is not None:
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside right upper", fontsize=8, title=by)
    fig.suptitle(title)
    plt.close(fig)
    return fig


def plot_term_heatmap(freqs: pd.DataFrame, *, by: str = "source", value: str = "per_10k",
                      terms: list[str] | None = None, top: int = 20,
                      title: str = "Terms by group"):
    """Heatmap of terms (rows) by groups (columns); missing cells are 0.

    ``terms`` defaults to the ``top`` terms by total ``count`` over all groups.

    Examples
    --------
    >>> f = pd.DataFrame({"source": ["RT", "BBC"], "term": ["nato", "nato"],
    ...                   "count": [2, 1], "per_10k": [4.0, 1.0]})
    >>> fig = plot_term_heatmap(f)
    """
    if freqs.empty:
        return _empty_figure(title, "no terms to show")
    if terms is None:
        terms = list(freqs.groupby("term")["count"].sum().nlargest(top).index)
    table = (freqs[freqs["term"].isin(terms)]
             .pivot_table(index="term", columns=by, values=value, aggfunc="sum", fill_value=0)
             .reindex(index=terms, fill_value=0))
    fig, ax = _new_figure((max(5, 0.6 * table.shape[1] + 3), max(3, 0.3 * len(terms) + 1.5)))
    image = ax.imshow(table.to_numpy(float), aspect="auto", cmap="viridis")
    ax.set_xticks(range(table.shape[1]), [_tf_label(c) for c in table.columns],
                  rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(terms)), [_tf_label(t) for t in terms], fontsize=8)
    fig.colorbar(image, ax=ax, label=value)
    ax.set_title(title)
    plt.close(fig)
    return fig




# ----------------------------------------------------------------- entity co-occurrence
def _co_scale(values, low: float, high: float):
    import numpy as np

    values = np.asarray(values, dtype=float)
    span = values.max() - values.min() if len(values) else 0.0
    if span == 0:
        return np.full(len(values), (low + high) / 2)
    return low + (high - low) * (values - values.min()) / span


def plot_entity_network(graph, *, title: str = "Entity co-occurrence network", seed: int = 42,
                        max_labels: int = 40, figsize=(10, 8)):
    """Draw an :func:`analysis.entity_cooccurrence.entity_network` graph.

    Node size grows with mentions, colour shows the entity label (grey:
    untyped), edge width the rank of the edge ``weight`` (scores are skewed);
    the layout is a spring layout with a fixed ``seed`` (reruns look the same).
    The ``max_labels`` most mentioned nodes are named.

    Examples
    --------
    >>> fig = plot_entity_network(entity_network(cooccurrence(ann)))  # doctest: +SKIP
    """
    import networkx as nx
    import numpy as np

    if graph.number_of_nodes() == 0:
        return _empty_figure(title, "no entity pairs pass the filters")
    nodes = sorted(graph.nodes)
    weights = [d.get("weight", 1.0) for _, _, d in graph.edges(data=True)]
    layout = nx.Graph()
    layout.add_nodes_from(nodes)
    layout.add_weighted_edges_from((a, b, w) for (a, b), w in
                                   zip(graph.edges(), _co_scale(weights, 0.2, 1.0)))
    pos = nx.spring_layout(layout, seed=seed, k=2.5 / np.sqrt(len(nodes)), iterations=200)
    labels = sorted({str(graph.nodes[n].get("label", "")) for n in nodes})
    palette = plt.get_cmap("tab10")
    colour = {lab: palette(i % 10) for i, lab in enumerate(labels)}
    colour.update({lab: "#b0b0b0" for lab in labels if lab == "ENTITY"})  # untyped: grey
    mentions = np.array([graph.nodes[n].get("mentions", 1) for n in nodes], dtype=float)
    fig, ax = _new_figure(figsize)
    ranks = pd.Series(weights, dtype=float).rank(method="average").to_numpy()
    nx.draw_networkx_edges(graph, pos, ax=ax, width=list(_co_scale(ranks, 0.5, 6.0)),
                           edge_color="#555555", alpha=0.45)
    nx.draw_networkx_nodes(graph, pos, nodelist=nodes, ax=ax,
                           node_size=list(60 + 1200 * np.sqrt(mentions / mentions.max())),
                           node_color=[colour[str(graph.nodes[n].get("label", ""))] for n in nodes],
                           edgecolors="white", linewidths=0.8)
    named = sorted(nodes, key=lambda n: (-graph.nodes[n].get("mentions", 0), n))[:max_labels]
    nx.draw_networkx_labels(graph, pos, labels={n: n for n in named}, ax=ax, font_size=8,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                  "alpha": 0.7})
    handles = [plt.Line2D([], [], marker="o", ls="", color=colour[lab], label=lab)
               for lab in labels]
    ax.legend(handles=handles, title="label", loc="upper left", fontsize=8, frameon=False)
    ax.set_title(f"{title} (edge width: rank of {graph.graph.get('weight', 'weight')})")
    ax.axis("off")
    plt.close(fig)
    return fig


def plot_pair_heatmap(pairs: pd.DataFrame, *, measure: str = "npmi", top: int = 15,
                      title: str | None = None):
    """Heatmap of ``measure`` between the ``top`` most mentioned entities of ``pairs``.

    Blank cells: the two entities were not found together (or below ``min_count``).

    Examples
    --------
    >>> fig = plot_pair_heatmap(cooccurrence(ann), measure="pmi", top=10)  # doctest: +SKIP
    """
    import numpy as np

    title = title or f"{measure} between the {top} most mentioned entities"
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
    size = max(4.5, 0.45 * len(names) + 2)
    fig, ax = _new_figure((size + 1.5, size))
    diverging = measure in ("pmi", "npmi")
    limit = 1.0 if measure == "npmi" else np.nanmax(np.abs(grid.to_numpy()), initial=1.0)
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="RdBu_r" if diverging else "viridis",
                      vmin=-limit if diverging else None, vmax=limit if diverging else None)
    ax.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    if len(names) <= 20:
        for (i, j), v in np.ndenumerate(grid.to_numpy(dtype=float)):
            if not np.isnan(v):
                ax.text(j, i, f"{v:.2g}", ha="center", va="center", fontsize=6)
    fig.colorbar(image, ax=ax, label=measure, shrink=0.8)
    ax.set_title(title)
    plt.close(fig)
    return fig


def plot_entity_timelines(timeline: pd.DataFrame, *, value: str = "share",
                          title: str = "Entity mentions over time"):
    """One panel per entity, one line per group, from :func:`analysis.entity_cooccurrence.entity_timeline`.

    ``value`` is ``"share"`` (share of the group's documents that period
    mentioning the entity: comparable across outlets of different size),
    ``"documents"`` or ``"mentions"``.

    Examples
    --------
    >>> fig = plot_entity_timelines(entity_timeline(ann, top=4))  # doctest: +SKIP
    """
    standard = {"period", "entity", "mentions", "documents", "documents_total", "share"}
    if value not in ("share", "documents", "mentions"):
        raise ValueError(f"value must be one of ('share', 'documents', 'mentions'), got {value!r}")
    if timeline.empty:
        return _empty_figure(title, "no dated mentions to plot")
    group = next((c for c in timeline.columns if c not in standard), None)
    entities = list(dict.fromkeys(timeline["entity"]))
    fig, axes = plt.subplots(len(entities), 1, sharex=True, squeeze=False, dpi=DPI,
                             figsize=(9, 1.9 * len(entities) + 1), layout="constrained")
    groups = sorted(timeline[group].astype(str).unique()) if group else ["all"]
    import matplotlib.dates as mdates

    palette = plt.get_cmap("tab10" if len(groups) <= 10 else "tab20")
    for ax, entity in zip(axes[:, 0], entities):
        rows = timeline[timeline["entity"] == entity]
        for i, g in enumerate(groups):
            line = rows[rows[group].astype(str) == g] if group else rows
            ax.plot(line["period"], line[value], marker="o", markersize=3, lw=1.2,
                    color=palette(i % 20), label=g)
        ax.set_title(entity, fontsize=9, loc="left")
        ax.set_ylabel(value, fontsize=8)
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    if group:
        axes[0, 0].legend(fontsize=7, ncol=1, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                          frameon=False)
    fig.suptitle(title)
    plt.close(fig)
    return fig



# ----------------------------------------------------------------- source comparison
def plot_keyness(key: pd.DataFrame, *, group: str, top: int = 15, alpha: float = 0.05,
                 title: str | None = None):
    """Bars of a group's key terms: over-used (right) and under-used (left).

    Terms with ``p_adjusted < alpha``, the ``top`` largest ``g2`` in each
    direction; bar length is the ``log_ratio`` (+1 = twice as frequent).

    Examples
    --------
    >>> fig = plot_keyness(keyness(ann), group="RT")  # doctest: +SKIP
    """
    title = title or f"Key terms of {group} (vs the rest)"
    rows = key[(key["group"] == group) & (key["p_adjusted"] < alpha)]
    over = rows[rows["direction"] == "over"].nlargest(top, "g2").iloc[::-1]
    under = rows[rows["direction"] == "under"].nlargest(top, "g2").iloc[::-1]
    if over.empty and under.empty:
        return _empty_figure(title, f"no term significant at p_adjusted < {alpha}")
    height = max(2.5, 0.28 * max(len(over), len(under)) + 1.2)
    fig, axes = plt.subplots(1, 2, figsize=(9, height), dpi=DPI, layout="constrained")
    for ax, part, color, label in ((axes[0], under, "#C44E52", "under-used"),
                                   (axes[1], over, "#4C72B0", "over-used")):
        ax.barh(part["term"].astype(str), part["log_ratio"], color=color)
        ax.set_title(f"{label} ({len(part)})", fontsize=9)
        ax.set_xlabel("log2 ratio of relative frequencies")
        ax.tick_params(axis="y", labelsize=8)
        ax.axvline(0, color="black", lw=0.6)
    fig.suptitle(title)
    plt.close(fig)
    return fig


def plot_fightin_words(lo: pd.DataFrame, *, group: str, top: int = 10, z: float = 1.96,
                       title: str | None = None):
    """"Fightin' words" scatter: corpus frequency (log scale) against log-odds z.

    Points beyond ``+-z`` are coloured; the ``top`` terms at each end are labelled.

    Examples
    --------
    >>> fig = plot_fightin_words(log_odds(ann), group="RT")  # doctest: +SKIP
    """
    title = title or f"Fightin' words: {group} vs the rest"
    rows = lo[lo["group"] == group]
    if rows.empty:
        return _empty_figure(title, f"no terms for group {group!r}")
    freq = rows["count_group"] + rows["count_rest"]
    fig, ax = _new_figure((8, 5))
    import numpy as np

    score = rows["z"].to_numpy(dtype=float)
    colors = np.select([score > z, score < -z], ["#4C72B0", "#C44E52"], "#BBBBBB")
    ax.scatter(freq, score, s=6, c=colors, alpha=0.7, linewidths=0)
    ax.set_xscale("log")
    for part in (rows.nlargest(top, "z"), rows.nsmallest(top, "z")):
        for _, r in part[part["z"].abs() > z].iterrows():
            ax.annotate(str(r["term"]), (r["count_group"] + r["count_rest"], r["z"]),
                        fontsize=7, xytext=(3, 0), textcoords="offset points", va="center")
    for y in (z, -z):
        ax.axhline(y, color="#888888", lw=0.6, ls="--")
    ax.set_xlabel("term frequency in the corpus (log scale)")
    ax.set_ylabel(f"z: favoured by {group} (+) / by the rest (-)")
    ax.set_title(title)
    plt.close(fig)
    return fig


def plot_attention_heatmap(att: pd.DataFrame, *, top: int = 20, value: str = "share_group",
                           title: str = "Share of each group's documents mentioning the entity (%)"):
    """Heatmap entity x group of ``value`` for the ``top`` most mentioned entities.

    Examples
    --------
    >>> fig = plot_attention_heatmap(entity_attention(ann))  # doctest: +SKIP
    """
    if att.empty:
        return _empty_figure(title, "no entities to show")
    docs = att.groupby("entity")["docs_group"].sum().nlargest(top)
    grid = (att[att["entity"].isin(docs.index)]
            .pivot(index="entity", columns="group", values=value).reindex(docs.index))
    fig, ax = _new_figure((max(6, 0.6 * grid.shape[1] + 3), 0.32 * len(grid) + 1.8))
    image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="Blues")
    ax.set_xticks(range(grid.shape[1]), [str(c) for c in grid.columns], rotation=45,
                  ha="right", fontsize=8)
    ax.set_yticks(range(len(grid)), [str(e) for e in grid.index], fontsize=8)
    high = float(pd.Series(grid.to_numpy(dtype=float).ravel()).max() or 1)
    for (i, j), v in pd.DataFrame(grid.to_numpy(dtype=float)).stack().items():
        ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=6,
                color="white" if v > 0.6 * high else "black")
    fig.colorbar(image, ax=ax, shrink=0.8, label=value)
    ax.set_title(title)
    plt.close(fig)
    return fig


def plot_coverage(cov: pd.DataFrame, *, value: str = "documents",
                  title: str = "Coverage over time"):
    """Lines of ``value`` (``documents`` or ``tokens``) per period, one per group.

    Examples
    --------
    >>> fig = plot_coverage(coverage(docs, freq="W"))  # doctest: +SKIP
    """
    if cov.empty:
        return _empty_figure(title, "no dated documents")
    import matplotlib.dates as mdates

    groups = sorted(cov["group"].astype(str).unique())
    palette = plt.get_cmap("tab10" if len(groups) <= 10 else "tab20")
    fig, ax = _new_figure((9, 4.5))
    for i, g in enumerate(groups):
        line = cov[cov["group"].astype(str) == g]
        ax.plot(line["period"], line[value], lw=1.2, color=palette(i % 20), label=g)
    ax.set_ylabel(f"{value} per period")
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_title(title)
    plt.close(fig)
    return fig


def plot_duplicate_matrix(pairs: pd.DataFrame, *,
                          title: str = "Near-duplicate pairs: earlier outlet -> later outlet"):
    """Heatmap of near-duplicate pair counts, earlier document's outlet (rows) x later's.

    Examples
    --------
    >>> fig = plot_duplicate_matrix(near_duplicates(docs))  # doctest: +SKIP
    """
    if pairs.empty:
        return _empty_figure(title, "no near-duplicate pairs")
    grid = pd.crosstab(pairs["source_a"].astype(str), pairs["source_b"].astype(str))
    fig, ax = _new_figure((max(5, 0.6 * grid.shape[1] + 3), 0.4 * len(grid) + 2))
    image = ax.imshow(grid.to_numpy(), aspect="auto", cmap="Oranges")
    ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(grid)), grid.index, fontsize=8)
    for (i, j), v in pd.DataFrame(grid.to_numpy()).stack().items():
        ax.text(j, i, str(v), ha="center", va="center", fontsize=7)
    ax.set_xlabel("later document's outlet")
    ax.set_ylabel("earlier document's outlet")
    fig.colorbar(image, ax=ax, shrink=0.8, label="pairs")
    ax.set_title(title)
    plt.close(fig)
    return fig
