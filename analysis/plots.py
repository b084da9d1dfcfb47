"""Plot helpers: each returns a matplotlib ``Figure`` (never calls ``plt.show()``).

Sections: corpus overview, term frequency, entity co-occurrence, source comparison.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.transforms import Bbox

from . import comparison
from .display import format_number
from .vocabulary import UNTYPED

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
    ax.set_title(textwrap.fill(str(title), 70))  # the figure is small: long titles wrap
    plt.close(fig)
    return fig


# ----------------------------------------------------------------- shared helpers
FREQ_DAYS = {"D": 1, "W": 7, "M": 31, "Q": 92, "Y": 366}


def infer_freq(periods) -> str:
    """The period length (``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``) of sorted period starts.

    Examples
    --------
    >>> infer_freq(pd.to_datetime(["2022-01-01", "2022-02-01", "2022-04-01"]))
    'M'
    """
    days = pd.Series(pd.to_datetime(pd.Series(periods)).dropna().unique()).sort_values().diff()
    step = days.dt.days.min() if len(days) > 1 else 1
    for code, limit in (("Y", 365), ("Q", 89), ("M", 28), ("W", 7)):
        if step >= limit:
            return code
    return "D"


def break_gaps(periods, values, *, freq: str):
    """``(x, y)`` with a NaN between periods more than one ``freq`` apart: lines break there.

    Examples
    --------
    >>> x, y = break_gaps(pd.to_datetime(["2022-01-01", "2022-02-01", "2022-06-01"]),
    ...                   [1, 2, 3], freq="M")
    >>> [str(v) for v in y]
    ['1.0', '2.0', 'nan', '3.0']
    """
    import numpy as np

    if freq not in FREQ_DAYS:
        raise ValueError(f"freq must be one of {list(FREQ_DAYS)}, got {freq!r}")
    frame = (pd.DataFrame({"x": pd.to_datetime(pd.Series(list(periods))),
                           "y": pd.Series(list(values), dtype=float)})
             .dropna(subset=["x"]).sort_values("x"))
    gap = frame["x"].diff().dt.days > FREQ_DAYS[freq]
    x, y = [], []
    for (px, py), jump in zip(frame[["x", "y"]].itertuples(index=False), gap):
        if jump:
            x.append(px - pd.Timedelta(days=1))
            y.append(np.nan)
        x.append(px)
        y.append(py)
    return pd.DatetimeIndex(x), np.array(y, dtype=float)


def date_axis(ax, freq: str) -> None:
    """Date ticks that follow ``freq`` (call after plotting): no day ticks on a monthly axis.

    Monthly and quarterly data get ticks on month starts (every 1, 2, 3, 6 or
    12 months, at most about 7 ticks), yearly data on years; daily and weekly
    data matplotlib's automatic ticks.

    Examples
    --------
    >>> fig, ax = plt.subplots(); _ = ax.plot(pd.to_datetime(["2022-01-01", "2022-03-01"]), [1, 2])
    >>> date_axis(ax, "M"); plt.close(fig)
    """
    import matplotlib.dates as mdates

    if freq not in FREQ_DAYS:
        raise ValueError(f"freq must be one of {list(FREQ_DAYS)}, got {freq!r}")
    lo, hi = sorted(mdates.num2date(v) for v in ax.get_xlim())  # shared axes: the full span
    months = max(1, (hi.year - lo.year) * 12 + hi.month - lo.month)
    if freq in ("D", "W"):
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    elif freq == "Y" or months > 6 * 12:
        years = max(1, months // 12)
        locator = mdates.YearLocator(base=next(k for k in (1, 2, 5, 10, 20, 50) if years / k <= 7))
    else:
        step = next(k for k in (1, 2, 3, 6, 12) if months / k <= 7
                    and (freq != "Q" or k % 3 == 0))
        locator = mdates.MonthLocator(bymonth=range(1, 13, step) if 12 % step == 0 else None)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def place_labels(ax, xy, labels, *, fontsize: float = 8, **text_kw) -> int:
    """Label points without overlaps: each label tries 8 spots around its point, in order.

    A label that fits nowhere (every spot overlaps a placed label or leaves
    the axes) is left out; labels earlier in ``labels`` win. Returns how many
    were placed. The figure's layout is fixed first (it must not move after).

    Examples
    --------
    >>> fig, ax = plt.subplots(); place_labels(ax, [(0.5, 0.5)], ["a"])
    1
    """
    fig = ax.figure
    engine = fig.get_layout_engine()
    if engine is not None and type(engine).__name__ != "PlaceHolderLayoutEngine":
        fig.draw_without_rendering()  # the final layout, then frozen (labels must not move)
        fig.set_layout_engine("none")
    renderer = fig.canvas.get_renderer()
    box = ax.get_window_extent(renderer)
    scale = fig.dpi / 72  # offset points -> pixels
    spots = [(6, 0, "left", "center"), (-6, 0, "right", "center"), (0, 6, "center", "bottom"),
             (0, -6, "center", "top"), (5, 5, "left", "bottom"), (-5, 5, "right", "bottom"),
             (5, -5, "left", "top"), (-5, -5, "right", "top")]
    shift = {"left": 0.0, "center": -0.5, "right": -1.0, "bottom": 0.0, "top": -1.0}
    placed = []
    xy = np.asarray(list(xy), dtype=float).reshape(-1, 2)
    for (x, y), (px, py), label in zip(xy, ax.transData.transform(xy), labels):
        # a label's size does not depend on where it goes: measure once, then try the spots
        probe = ax.text(0, 0, _tf_label(label), fontsize=fontsize, **text_kw)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        w, h = extent.width + 3, extent.height + 3  # padded by 1.5 px on each side
        for dx, dy, ha, va in spots:
            bb = Bbox.from_bounds(px + dx * scale + shift[ha] * w, py + dy * scale + shift[va] * h,
                                  w, h)
            inside = box.x0 <= bb.x0 and bb.x1 <= box.x1 and box.y0 <= bb.y0 and bb.y1 <= box.y1
            if inside and not any(bb.overlaps(other) for other in placed):
                ax.annotate(_tf_label(label), (x, y), xytext=(dx, dy), ha=ha, va=va,
                            textcoords="offset points", fontsize=fontsize, **text_kw)
                placed.append(bb)
                break
    return len(placed)


def _line_panels(axes, frame: pd.DataFrame, by: str | None, groups: list, series: str,
                 names: list, value: str, freq: str) -> None:
    """One panel per group (``None``: the whole frame), one line per ``series`` value, each
    broken where periods are missing (:func:`break_gaps`), the same colour in every panel."""
    colors = plt.get_cmap("tab10").colors
    for ax, group in zip(axes, groups):
        part = frame if group is None else frame[frame[by] == group]
        for i, name in enumerate(names):
            rows = part[part[series] == name]
            x, y = break_gaps(rows["period"], rows[value], freq=freq)
            ax.plot(x, y, marker="o", markersize=2.5, linewidth=1, color=colors[i % 10],
                    label=_tf_label(name))
        if group is not None:
            ax.set_title(_tf_label(group), fontsize=9, loc="left")
        ax.tick_params(labelsize=7)


def group_grid(n: int, *, ncols: int = 3, panel=(4.0, 2.2), sharex=True, sharey=True,
               label_room: float = 0.5):
    """A grid of ``n`` panels (small multiples), the unused ones hidden; ``(fig, axes)``.

    Fixed margins, not matplotlib's constrained layout (which costs seconds
    with a dozen panels): ``label_room`` inches are kept left of each panel
    for its y tick labels (of the first column only with ``sharey``).

    Examples
    --------
    >>> fig, axes = group_grid(13); len(axes)
    13
    """
    import math

    ncols = max(1, min(ncols, n))
    nrows = max(1, math.ceil(n / ncols))
    size = (panel[0] * ncols + 0.5, panel[1] * nrows + 1.4)
    fig, axes = plt.subplots(nrows, ncols, figsize=size, dpi=DPI, squeeze=False, sharex=sharex,
                             sharey=sharey)
    gap = 0.15 if sharey else label_room + 0.1  # inches between panels
    width = (size[0] - 0.75 - label_room - gap * (ncols - 1)) / ncols
    fig.subplots_adjust(left=(0.5 + label_room) / size[0], right=1 - 0.25 / size[0],
                        bottom=0.8 / size[1], top=1 - 0.75 / size[1],
                        wspace=gap / width, hspace=0.45 * 2.2 / panel[1])
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n])


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
                   top: int = 10, ncols: int = 3, max_groups: int | None = None,
                   title: str = "Top terms"):
    """Small multiples: the ``top`` terms of each group as horizontal bars.

    Parameters
    ----------
    freqs : pandas.DataFrame
        :func:`analysis.terms.term_frequencies` output (``term`` and ``value`` columns).
    by : str, optional
        The group column of ``freqs``: one panel per group, the largest group
        (most counted terms, ``count`` summed) first.
    value : str, default "per_10k"
        Bar length column (``"count"``, ``"per_10k"``, ``"doc_share"``, ``"tf_idf"``...).
    max_groups : int, optional
        At most this many panels (default: every group). Groups left out are
        named in the figure title, never dropped silently.

    Examples
    --------
    >>> fig = plot_top_terms(pd.DataFrame({"term": ["a", "b"], "per_10k": [3.0, 1.0]}))
    """
    if max_groups is not None and (isinstance(max_groups, bool) or max_groups < 1):
        raise ValueError(f"max_groups must be None or an integer >= 1, got {max_groups!r}")
    if freqs.empty:
        return _empty_figure(title, "no terms to show")
    groups, left_out = [None], []
    if by is not None:
        size = freqs.groupby(by, dropna=False)["count" if "count" in freqs else value].sum()
        groups = list(size.sort_values(ascending=False, kind="stable").index)
        groups, left_out = groups[:max_groups], groups[max_groups:] if max_groups else []
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
    if left_out:
        title += (f" ({len(groups)} largest of {len(groups) + len(left_out)} groups; not shown: "
                  f"{', '.join(map(str, left_out))})")
    fig.suptitle(_tf_label(title))
    plt.close(fig)
    return fig


def plot_term_trends(trends: pd.DataFrame, *, by: str | None = "source", value: str = "per_10k",
                     freq: str | None = None, ncols: int = 3, title: str = "Term trends"):
    """Small multiples: one panel per group, one line per term, over the periods of :func:`term_trends`.

    A few terms (colours) per panel stay legible where one line per outlet
    would not. Periods without documents are absent from ``trends``: the
    lines break there (``freq``, default inferred from the periods) instead
    of joining across the gap; markers show the data points.

    Examples
    --------
    >>> t = pd.DataFrame({"period": pd.to_datetime(["2022-01-03", "2022-01-10"]),
    ...                   "term": ["nato", "nato"], "per_10k": [2.0, 5.0]})
    >>> fig = plot_term_trends(t, by=None)
    """
    if trends.empty:
        return _empty_figure(title, "no dated documents")
    freq = freq or infer_freq(trends["period"])
    terms = list(dict.fromkeys(trends["term"]))
    groups = [None] if by is None else list(
        trends.groupby(by, dropna=False)["count"].sum().sort_values(ascending=False).index
        if "count" in trends else sorted(trends[by].dropna().unique()))
    fig, axes = group_grid(len(groups), ncols=ncols, panel=(4.2, 2.3), sharey=False)
    _line_panels(axes, trends, by, groups, "term", terms, value, freq)
    for ax in axes:  # each panel its own scale: rates of small outlets jump
        ax.set_ylim(bottom=0)
    date_axis(axes[-1], freq)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(len(terms), 6), fontsize=8,
               frameon=False)
    fig.supylabel(value, fontsize=9)
    fig.suptitle(_tf_label(title))
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
    >>> fig = plot_entity_network(entity_network(cooccurrence(ann)), top=30)  # doctest: +SKIP
    """
    import networkx as nx
    import numpy as np

    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ValueError(f"top must be None or an integer >= 1, got {top!r}")
    by_mentions = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("mentions", 0), n))
    if top is not None:
        graph = graph.subgraph(by_mentions[:top])
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
    colour.update({lab: "#b0b0b0" for lab in labels if lab == UNTYPED})  # untyped: grey
    mentions = np.array([graph.nodes[n].get("mentions", 1) for n in nodes], dtype=float)
    fig, ax = _new_figure(figsize)
    ranks = pd.Series(weights, dtype=float).rank(method="average").to_numpy()
    nx.draw_networkx_edges(graph, pos, ax=ax, width=list(_co_scale(ranks, 0.5, 6.0)),
                           edge_color="#555555", alpha=0.4)
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


def plot_pair_heatmap(pairs: pd.DataFrame, *, measure: str = "npmi", top: int = 15,
                      title: str | None = None):
    """Heatmap of ``measure`` between the ``top`` most mentioned entities of ``pairs``.

    The scale keeps the bulk of the cells readable: ``npmi`` and ``pmi`` on a
    diverging scale around 0 (red: more often together than chance, blue:
    less), ``llr``, ``count`` and ``docs`` on a log scale (one dominant pair
    does not flatten the rest), ``dice`` on a linear one. Values are written in
    the cells only when there are at most 12 entities. Blank cells: the two
    entities were not found together (or below ``min_count``).

    Examples
    --------
    >>> fig = plot_pair_heatmap(cooccurrence(ann), measure="pmi", top=10)  # doctest: +SKIP
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
    elif measure in ("llr", "count", "docs") and len(finite) and (finite > 0).any():
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


def plot_entity_timelines(timeline: pd.DataFrame, *, value: str = "share", freq: str | None = None,
                          ncols: int = 3, title: str = "Entity mentions over time"):
    """Small multiples: one panel per group, one line per entity, from :func:`entity_timeline`.

    ``value`` is ``"share"`` (share of the group's documents that period
    mentioning the entity: comparable across outlets of different size),
    ``"docs"`` or ``"count"`` (mentions). Lines break over periods without
    documents (``freq``, default inferred from the periods).

    Examples
    --------
    >>> fig = plot_entity_timelines(entity_timeline(ann, top=4))  # doctest: +SKIP
    """
    standard = {"period", "entity", "count", "docs", "group_docs", "share"}
    if value not in ("share", "docs", "count"):
        raise ValueError(f"value must be one of ('share', 'docs', 'count'), got {value!r}")
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


# ----------------------------------------------------------------- source comparison
def _group_column(table: pd.DataFrame, kind: str) -> str:
    """The group column of a comparison table (named after its ``by``)."""
    columns = {"keyness": comparison.KEYNESS_COLUMNS, "log_odds": comparison.LOG_ODDS_COLUMNS,
               "attention": comparison.ATTENTION_COLUMNS,
               "coverage": comparison.COVERAGE_COLUMNS}[kind]
    extra = [c for c in table.columns if c not in columns]
    if len(extra) != 1:
        raise ValueError(f"expected the table of {kind}() with one group column; columns: "
                         f"{list(table.columns)}")
    return extra[0]


def plot_keyness(key: pd.DataFrame, *, group: str | None = None, groups: list | None = None,
                 top: int = 15, alpha: float = 0.05, ncols: int = 3, title: str | None = None):
    """Bars of key terms: over-used (right, blue) and under-used (left, red).

    Terms with ``p_adjusted < alpha``, the ``top`` largest ``g2`` in each
    direction; bar length is the ``log_ratio`` (+1 = twice as frequent).
    ``group`` draws one group; ``groups`` (default: all, in ``key``'s order)
    draws one small panel per group in one figure, over- and under-used terms
    on one axis.

    Examples
    --------
    >>> fig = plot_keyness(keyness(ann), group="RT")  # doctest: +SKIP
    >>> fig = plot_keyness(keyness(ann), top=5)  # every group  # doctest: +SKIP
    """
    if group is not None:
        return _keyness_one(key, group, top=top, alpha=alpha, title=title)
    col = _group_column(key, "keyness")
    names = list(groups) if groups is not None else list(dict.fromkeys(key[col]))
    title = title or f"Key terms of each group vs the rest (top {top} each way, p_adjusted < {alpha})"
    rows = key[(key["p_adjusted"] < alpha) & key[col].isin(names)]
    if rows.empty:
        return _empty_figure(title, f"no term significant at p_adjusted < {alpha}")
    fig, axes = group_grid(len(names), ncols=ncols, panel=(4.2, 0.24 * 2 * top + 0.9),
                           sharex=True, sharey=False, label_room=1.1)
    for ax, g in zip(axes, names):
        part = rows[rows[col] == g]
        over = part[part["direction"] == "over"].nlargest(top, "g2")
        under = part[part["direction"] == "under"].nlargest(top, "g2")
        both = pd.concat([over, under]).sort_values("log_ratio")
        ax.barh([_tf_label(t) for t in both["term"]], both["log_ratio"],
                color=["#4C72B0" if d == "over" else "#C44E52" for d in both["direction"]])
        ax.axvline(0, color="black", lw=0.6)
        ax.tick_params(axis="y", labelsize=7)
        ax.set_title(f"{_tf_label(g)} ({len(over)} over, {len(under)} under)", fontsize=9,
                     loc="left")
        if both.empty:
            ax.text(0.5, 0.5, "no significant term", ha="center", transform=ax.transAxes,
                    fontsize=8, color="#555555")
    fig.supxlabel("log2 ratio of relative frequencies (blue: over-used, red: under-used)",
                  fontsize=9)
    fig.suptitle(_tf_label(title))
    plt.close(fig)
    return fig


def _keyness_one(key, group, *, top, alpha, title):
    title = title or f"Key terms of {group} (vs the rest)"
    rows = key[(key[_group_column(key, "keyness")] == group) & (key["p_adjusted"] < alpha)]
    over = rows[rows["direction"] == "over"].nlargest(top, "g2").iloc[::-1]
    under = rows[rows["direction"] == "under"].nlargest(top, "g2").iloc[::-1]
    if over.empty and under.empty:
        return _empty_figure(title, f"no term significant at p_adjusted < {alpha}")
    height = max(2.5, 0.28 * max(len(over), len(under)) + 1.2)
    fig, axes = plt.subplots(1, 2, figsize=(9, height), dpi=DPI, layout="constrained")
    for ax, part, color, label in ((axes[0], under, "#C44E52", "under-used"),
                                   (axes[1], over, "#4C72B0", "over-used")):
        ax.barh([_tf_label(t) for t in part["term"]], part["log_ratio"], color=color)
        ax.set_title(f"{label} ({len(part)})", fontsize=9)
        ax.set_xlabel("log2 ratio of relative frequencies")
        ax.tick_params(axis="y", labelsize=8)
        ax.axvline(0, color="black", lw=0.6)
    fig.suptitle(_tf_label(title))
    plt.close(fig)
    return fig


def _fightin_panel(ax, rows, *, top: int, z: float, background: int, seed: int = 0):
    """One fightin'-words scatter on ``ax``; the labels are placed by the caller."""
    import numpy as np

    freq = (rows["count"] + rows["count_ref"]).to_numpy(dtype=float)
    score = rows["z"].to_numpy(dtype=float)
    strong = np.abs(score) > z
    weak = np.flatnonzero(~strong)
    if len(weak) > background:  # the grey cloud is context only: a sample of it
        weak = np.random.default_rng(seed).choice(weak, background, replace=False)
    ax.scatter(freq[weak], score[weak], s=4, c="#BBBBBB", alpha=0.6, linewidths=0,
               rasterized=True)
    ax.scatter(freq[strong], score[strong], s=5, linewidths=0, alpha=0.8, rasterized=True,
               c=np.where(score[strong] > 0, "#4C72B0", "#C44E52"))
    ax.set_xscale("log")
    decades = [10.0 ** k for k in range(0, int(np.log10(max(freq.max(), 1))) + 2)]
    ax.xaxis.set_major_locator(plt.FixedLocator(decades))  # fixed: far cheaper than LogLocator
    ax.xaxis.set_minor_locator(plt.NullLocator())
    for y in (z, -z):
        ax.axhline(y, color="#888888", lw=0.6, ls="--")
    ends = pd.concat([rows.nlargest(top, "z"), rows.nsmallest(top, "z")])
    ends = ends[ends["z"].abs() > z].sort_values("z", key=abs, ascending=False)
    return [(f, s) for f, s in zip(ends["count"] + ends["count_ref"], ends["z"])], \
        list(ends["term"])


def plot_fightin_words(lo: pd.DataFrame, *, group: str | None = None, groups: list | None = None,
                       top: int = 10, z: float = 1.96, ncols: int = 3, background: int = 1500,
                       title: str | None = None):
    """"Fightin' words" scatter: corpus frequency (log scale) against log-odds z.

    Points beyond ``+-z`` are coloured; the ``top`` terms at each end are
    labelled where the labels do not overlap. ``group`` draws one group;
    ``groups`` (default: all) one panel per group in one figure. Of the
    points within ``+-z`` (grey context), a fixed random sample of
    ``background`` is drawn.

    Examples
    --------
    >>> fig = plot_fightin_words(log_odds(ann), group="RT")  # doctest: +SKIP
    """
    col = _group_column(lo, "log_odds")
    names = [group] if group is not None else (
        list(groups) if groups is not None else list(dict.fromkeys(lo[col])))
    title = title or (f"Fightin' words: {group} vs the rest" if group is not None else
                      "Fightin' words: each group vs the rest")
    rows = lo[lo[col].isin(names)]
    if rows.empty:
        return _empty_figure(title, f"no terms for {'group ' + repr(group) if group else 'any group'}")
    if group is not None:
        fig, ax = _new_figure((8, 5))
        axes = [ax]
    else:
        fig, axes = group_grid(len(names), ncols=ncols, panel=(4.4, 3.0), sharey=True)
    spots = []
    for ax, g in zip(axes, names):
        spots.append(_fightin_panel(ax, rows[rows[col] == g], top=top, z=z,
                                    background=background))
        ax.set_title(_tf_label(g) if group is None else title, fontsize=9 if group is None else 11,
                     loc="left" if group is None else "center")
        ax.tick_params(labelsize=7)
    if group is not None:
        axes[0].set_xlabel("term frequency in the corpus (log scale)")
        axes[0].set_ylabel(f"z: favoured by {group} (+) / by the rest (-)")
    else:
        fig.supxlabel("term frequency in the corpus (log scale)", fontsize=9)
        fig.supylabel("z: favoured by the group (+) / by the rest (-)", fontsize=9)
        fig.suptitle(_tf_label(title))
    for ax, (xy, labels) in zip(axes, spots):
        place_labels(ax, xy, labels, fontsize=7)
    plt.close(fig)
    return fig


def plot_attention_heatmap(att: pd.DataFrame, *, top: int = 20, value: str = "share",
                           title: str = "Share of each group's documents mentioning the entity (%)"):
    """Heatmap entity x group of ``value`` (a share, shown in %) for the ``top`` most
    mentioned entities.

    Examples
    --------
    >>> fig = plot_attention_heatmap(entity_attention(ann))  # doctest: +SKIP
    """
    if att.empty:
        return _empty_figure(title, "no entities to show")
    docs = att.groupby("entity")["docs"].sum().nlargest(top)
    grid = 100 * (att[att["entity"].isin(docs.index)]
                  .pivot(index="entity", columns=_group_column(att, "attention"), values=value)
                  .reindex(docs.index))
    fig, ax = _new_figure((max(6, 0.6 * grid.shape[1] + 3), 0.32 * len(grid) + 1.8))
    image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="Blues")
    ax.set_xticks(range(grid.shape[1]), [str(c) for c in grid.columns], rotation=45,
                  ha="right", fontsize=8)
    ax.set_yticks(range(len(grid)), [str(e) for e in grid.index], fontsize=8)
    high = float(pd.Series(grid.to_numpy(dtype=float).ravel()).max() or 1)
    for (i, j), v in pd.DataFrame(grid.to_numpy(dtype=float)).stack().items():
        ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=6,
                color="white" if v > 0.6 * high else "black")
    fig.colorbar(image, ax=ax, shrink=0.8, label=f"{value} (%)")
    ax.set_title(title)
    plt.close(fig)
    return fig


def plot_coverage(cov: pd.DataFrame, *, value: str = "docs", freq: str | None = None,
                  ncols: int = 3, title: str = "Coverage over time"):
    """Small multiples: ``value`` (``docs`` or ``words``) per period, one panel per group.

    Panels share both axes, so heights compare across groups; periods with
    no row in ``cov`` leave a gap (``freq``, default inferred from the periods).

    Examples
    --------
    >>> fig = plot_coverage(coverage(docs, freq="W"))  # doctest: +SKIP
    """
    if value not in ("docs", "words"):
        raise ValueError(f"value must be 'docs' or 'words', got {value!r}")
    if cov.empty:
        return _empty_figure(title, "no dated documents")
    freq = freq or infer_freq(cov["period"])
    col = _group_column(cov, "coverage")
    groups = list(cov.groupby(cov[col].astype(str))[value].sum()
                  .sort_values(ascending=False, kind="stable").index)
    fig, axes = group_grid(len(groups), ncols=ncols, panel=(4.2, 1.6))
    for ax, g in zip(axes, groups):
        line = cov[cov[col].astype(str) == g]
        x, y = break_gaps(line["period"], line[value], freq=freq)
        ax.fill_between(x, y, step="mid", color="#4C72B0", alpha=0.35, linewidth=0)
        ax.plot(x, y, drawstyle="steps-mid", color="#4C72B0", lw=0.9)
        ax.set_title(f"{_tf_label(g)} ({int(line[value].sum()):,})", fontsize=9, loc="left")
        ax.tick_params(labelsize=7)
    axes[0].set_ylim(bottom=0)  # shared: one scale for every panel
    date_axis(axes[-1], freq)
    fig.supylabel(f"{value} per period", fontsize=9)
    fig.suptitle(_tf_label(title))
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


# ----------------------------------------------------------------- voices
def plot_sourcing(src: pd.DataFrame, *, title: str = "How each outlet attributes its quotes"):
    """Stacked bars per group: shares of quotes by a named speaker, an unnamed source,
    a description ("the embassy") and none, from :func:`analysis.speakers.sourcing`.

    Examples
    --------
    >>> fig = plot_sourcing(sourcing(ann))  # doctest: +SKIP
    """
    if src.empty:
        return _empty_figure(title, "no quotes found")
    group = src.columns[0]
    parts = [("named_share", "named", "#4C72B0"), ("description_share", "description", "#8DA0CB"),
             ("anonymous_share", "unnamed source", "#DD8452"),
             ("unattributed_share", "unattributed", "#BBBBBB")]
    rows = src.iloc[::-1]
    fig, ax = _new_figure((8, 0.35 * len(rows) + 1.6))
    left = np.zeros(len(rows))
    labels = [f"{_tf_label(g)} ({n:,})" for g, n in zip(rows[group], rows["quotes"])]
    for column, name, colour in parts:
        values = 100 * rows[column].to_numpy(dtype=float)
        ax.barh(labels, values, left=left, color=colour, label=name)
        left += values
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the outlet's quotes (number of quotes in brackets)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, fontsize=8, frameon=False)
    ax.set_title(title, pad=24)
    plt.close(fig)
    return fig


def plot_voices_heatmap(speakers: pd.DataFrame, *, top: int = 15,
                        title: str = "Share of each outlet's quotes, most quoted speakers"):
    """Heatmap speaker x group of ``quote_share`` (in %) for the ``top`` speakers quoted
    most overall, from :func:`analysis.speakers.voices` (``top=None``).

    Examples
    --------
    >>> fig = plot_voices_heatmap(voices(ann, top=None))  # doctest: +SKIP
    """
    if speakers.empty:
        return _empty_figure(title, "no attributed quotes")
    group = speakers.columns[0]
    most = speakers.groupby("speaker")["count"].sum().nlargest(top).index
    grid = 100 * (speakers[speakers["speaker"].isin(most)]
                  .pivot(index="speaker", columns=group, values="quote_share")
                  .reindex(most).fillna(0.0))
    fig, ax = _new_figure((max(6, 0.6 * grid.shape[1] + 3), 0.32 * len(grid) + 1.8))
    image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="Purples")
    ax.set_xticks(range(grid.shape[1]), [str(c) for c in grid.columns], rotation=45,
                  ha="right", fontsize=8)
    ax.set_yticks(range(len(grid)), [_tf_label(str(e)) for e in grid.index], fontsize=8)
    high = float(grid.to_numpy(dtype=float).max() or 1)
    for (i, j), v in pd.DataFrame(grid.to_numpy(dtype=float)).stack().items():
        if v > 0:
            ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=6,
                    color="white" if v > 0.6 * high else "black")
    fig.colorbar(image, ax=ax, shrink=0.8, label="% of the outlet's attributed quotes")
    ax.set_title(title)
    plt.close(fig)
    return fig
