"""Who is quoted: how each outlet attributes its quotes, the most quoted speakers."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .common import _empty_figure, _new_figure, _tf_label, plain_text
from ..vocabulary import checked


@checked
@plain_text
def plot_sourcing(src: pd.DataFrame, *, title: str = "How each outlet attributes its quotes"):
    """Stacked bars per group: shares of quotes by a named speaker, an unnamed source,
    a description ("the embassy") and none, from :func:`analysis.speakers.sourcing`.

    Examples
    --------
    >>> fig = plot_sourcing(sourcing(ann))
    >>> fig.axes[0].get_title()
    'How each outlet attributes its quotes'
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


@checked
@plain_text
def plot_voices_heatmap(speakers: pd.DataFrame, *, top: int = 15,
                        title: str = "Share of each outlet's quotes, most quoted speakers"):
    """Heatmap speaker x group of ``quote_share`` (in %) for the ``top`` speakers quoted
    most overall, from :func:`analysis.speakers.voices` (``top=None``).

    Examples
    --------
    >>> fig = plot_voices_heatmap(voices(ann, top=None, min_count=1))
    >>> fig.axes[0].get_title()
    "Share of each outlet's quotes, most quoted speakers"
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
