"""Term-frequency plots: top terms, term trends, the terms-by-group heatmap."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .common import (
    _empty_figure,
    _line_panels,
    _new_figure,
    _tf_grid,
    _tf_label,
    date_axis,
    group_grid,
    infer_freq,
    plain_text,
)
from ..vocabulary import Freq, checked


@checked
@plain_text
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


@checked
@plain_text
def plot_term_trends(trends: pd.DataFrame, *, by: str | None = "source", value: str = "per_10k",
                     freq: Freq | None = None, ncols: int = 3, title: str = "Term trends"):
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


@checked
@plain_text
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
