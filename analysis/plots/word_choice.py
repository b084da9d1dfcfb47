"""Word-choice plots: each variant's share of a concept per group, with its interval."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..vocabulary import checked
from .common import _empty_figure, _tf_label, group_grid, plain_text

_COLUMNS = ("concept", "variant", "count", "docs", "share", "share_low", "share_high")
_COLORS = ("#4C72B0", "#C44E52", "#55A868", "#8172B2", "#CCB974", "#64B5CD", "#937860")


def _group_column(choice: pd.DataFrame) -> str:
    extra = [c for c in choice.columns if c not in _COLUMNS]
    if len(extra) != 1 or not set(_COLUMNS) <= set(choice.columns):
        raise ValueError(f"choice must be a table of word_choice() (one group column and "
                         f"{', '.join(_COLUMNS)}); columns: {list(choice.columns)}")
    return extra[0]


@checked
@plain_text
def plot_word_choice(choice: pd.DataFrame, *, concepts: str | list[str] | None = None,
                     groups: list | None = None, ncols: int = 3, title: str | None = None):
    """One panel per concept: each group's share of every variant, with its interval.

    Groups are rows (``groups`` order, else the table's); each variant is a coloured dot
    at its share with a line from ``share_low`` to ``share_high`` (the bootstrap
    interval over the group's articles), shown in %; the number of mentions of the
    concept in the group is in brackets after its name.

    Examples
    --------
    >>> fig = plot_word_choice(word_choice(ann, concepts=["Kyiv"]))
    >>> fig.axes[0].get_title()
    'Kyiv'
    """
    col = _group_column(choice)
    names = ([concepts] if isinstance(concepts, str) else list(concepts) if concepts
             else list(dict.fromkeys(choice["concept"])))
    rows = choice[choice["concept"].isin(names)]
    title = title or "How each group names the same thing (share of its mentions, 95% interval)"
    if rows.empty:
        return _empty_figure(title, "no group mentions these concepts")
    names = [c for c in names if c in set(rows["concept"])]
    order = list(groups) if groups is not None else list(dict.fromkeys(rows[col]))
    height = 0.32 * len(order) + 1.2
    fig, axes = group_grid(len(names), ncols=ncols, panel=(4.6, height), sharex=False,
                           sharey=False, label_room=1.4)
    rows_of_panels = -(-len(names) // max(1, min(ncols, len(names))))
    fig.subplots_adjust(bottom=1.3 / fig.get_figheight(),  # room for the legends below
                        hspace=1.3 / (height - 0.2) if rows_of_panels > 1 else 0.2)
    for ax, concept in zip(axes, names):
        _concept_panel(ax, rows[rows["concept"] == concept], col, order)
        ax.set_title(_tf_label(concept), fontsize=9)
    fig.suptitle(textwrap.fill(title, int(11 * fig.get_figwidth())), fontsize=9)
    plt.close(fig)
    return fig


def _concept_panel(ax, part: pd.DataFrame, col: str, order: list) -> None:
    present = [g for g in order if g in set(part[col])]
    variants = list(dict.fromkeys(part["variant"]))
    step = 0.8 / max(len(variants), 1)
    for k, variant in enumerate(variants):
        rows = part[part["variant"] == variant].set_index(col).reindex(present)
        y = np.arange(len(present)) + (k - (len(variants) - 1) / 2) * step
        share, low, high = (100 * rows[c].to_numpy(float) for c in
                            ("share", "share_low", "share_high"))
        color = _COLORS[k % len(_COLORS)]
        ax.hlines(y, low, high, color=color, lw=1.5)
        ax.plot(share, y, "o", color=color, ms=4, label=_tf_label(variant))
    mentions = part.groupby(col, sort=False)["count"].sum()
    ax.set_yticks(range(len(present)),
                  [f"{_tf_label(g)} ({int(mentions[g])})" for g in present], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(-3, 103)
    ax.set_xlabel("share of the mentions (%)", fontsize=7)
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#dddddd", lw=0.5)
    ax.legend(fontsize=6, loc="upper center", bbox_to_anchor=(0.5, 0), frameon=False,
              ncols=min(len(variants), 3), handlelength=1, borderaxespad=5)
