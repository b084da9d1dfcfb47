"""The corpus overview: documents per source."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .common import _new_figure, plain_text
from ..vocabulary import checked


@checked
@plain_text
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
