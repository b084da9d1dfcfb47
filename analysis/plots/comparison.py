"""Source-comparison plots: keyness, fightin' words, attention, coverage over time,
near-duplicate pairs between outlets.
"""

from __future__ import annotations

from typing import Literal

import matplotlib.pyplot as plt
import pandas as pd

from .. import attention, comparison
from ..keyterms import KEYNESS_COLUMNS
from .common import (
    DPI,
    _empty_figure,
    _new_figure,
    _tf_label,
    break_gaps,
    date_axis,
    group_grid,
    infer_freq,
    place_labels,
    plain_text,
)
from ..vocabulary import Freq, checked


def _group_column(table: pd.DataFrame, kind: str) -> str:
    """The group column of a comparison table (named after its ``by``)."""
    columns = {"keyness": KEYNESS_COLUMNS, "log_odds": comparison.LOG_ODDS_COLUMNS,
               "attention": attention.ATTENTION_COLUMNS,
               "coverage": comparison.COVERAGE_COLUMNS}[kind]
    extra = [c for c in table.columns if c not in columns]
    if len(extra) != 1:
        raise ValueError(f"expected the table of {kind}() with one group column; columns: "
                         f"{list(table.columns)}")
    return extra[0]


@checked
@plain_text
def plot_keyness(key: pd.DataFrame, *, group: str | None = None, groups: list | None = None,
                 top: int = 15, alpha: float = 0.05, ncols: int = 3, title: str | None = None):
    """Bars of key terms: over-used (right, blue) and under-used (left, red).

    The findings (:func:`analysis.comparison.significant`: ``p_adjusted < alpha`` and, with
    the document test, a log-ratio interval excluding 0), the ``top`` first of each direction in
    ``key``'s order (the order of its test: the document test, or ``g2``); bar length is the ``log_ratio`` (+1 = twice as frequent).
    ``group`` draws one group; ``groups`` (default: all, in ``key``'s order)
    draws one small panel per group in one figure, over- and under-used terms
    on one axis.

    Examples
    --------
    >>> fig = plot_keyness(keyness(ann, min_count=3), group="TDI")
    >>> fig.axes[0].get_title()
    'Key terms of TDI (vs the rest)'
    >>> fig = plot_keyness(keyness(ann, min_count=3), top=5)  # every group
    """
    if group is not None:
        return _keyness_one(key, group, top=top, alpha=alpha, title=title)
    col = _group_column(key, "keyness")
    names = list(groups) if groups is not None else list(dict.fromkeys(key[col]))
    title = title or f"Key terms of each group vs the rest (top {top} each way, p_adjusted < {alpha})"
    rows = comparison.significant(key[key[col].isin(names)], alpha=alpha)
    if rows.empty:
        return _empty_figure(title, f"no term significant at p_adjusted < {alpha}")
    fig, axes = group_grid(len(names), ncols=ncols, panel=(4.2, 0.24 * 2 * top + 0.9),
                           sharex=True, sharey=False, label_room=1.1)
    for ax, g in zip(axes, names):
        part = rows[rows[col] == g]
        over = part[part["direction"] == "over"].head(top)
        under = part[part["direction"] == "under"].head(top)
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
    rows = comparison.significant(key[key[_group_column(key, "keyness")] == group], alpha=alpha)
    over = rows[rows["direction"] == "over"].head(top).iloc[::-1]
    under = rows[rows["direction"] == "under"].head(top).iloc[::-1]
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


@checked
@plain_text
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
    >>> fig = plot_fightin_words(log_odds(ann), group="TDI")
    >>> fig.axes[0].get_title()
    "Fightin' words: TDI vs the rest"
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


@checked
@plain_text
def plot_attention_heatmap(att: pd.DataFrame, *, top: int = 20, value: str = "share",
                           title: str = "Share of each group's documents mentioning the entity (%)"):
    """Heatmap entity x group of ``value`` (a share, shown in %) for the ``top`` most
    mentioned entities.

    Examples
    --------
    >>> fig = plot_attention_heatmap(entity_attention(ann))
    >>> fig.axes[0].get_title()
    "Share of each group's documents mentioning the entity (%)"
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


@checked
@plain_text
def plot_coverage(cov: pd.DataFrame, *, value: Literal["docs", "words"] = "docs",
                  freq: Freq | None = None,
                  ncols: int = 3, title: str = "Coverage over time"):
    """Small multiples: ``value`` (``docs`` or ``words``) per period, one panel per group.

    Panels share both axes, so heights compare across groups; periods with
    no row in ``cov`` leave a gap (``freq``, default inferred from the periods).

    Examples
    --------
    >>> fig = plot_coverage(coverage(ann.docs, freq="W"))
    """
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


@checked
@plain_text
def plot_duplicate_matrix(pairs: pd.DataFrame, *,
                          title: str = "Near-duplicate pairs: earlier outlet -> later outlet"):
    """Heatmap of near-duplicate pair counts, earlier document's outlet (rows) x later's.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["AP", "Daily Mail"],
    ...                      "date": pd.to_datetime(["2022-03-01", "2022-03-02"]),
    ...                      "text": ["the same words here"] * 2})
    >>> fig = plot_duplicate_matrix(near_duplicates(docs))
    >>> fig.axes[0].get_title()
    'Near-duplicate pairs: earlier outlet -> later outlet'
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
