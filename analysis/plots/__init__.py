"""Plot helpers: each returns a matplotlib ``Figure`` (never calls ``plt.show()``).

One module per report: :mod:`.overview` (the corpus), :mod:`.terms` (term frequency),
:mod:`.entities` (entity co-occurrence), :mod:`.comparison` (source comparison) and
:mod:`.word_choice` (its word-choice section),
:mod:`.voices` (who is quoted); :mod:`.common` holds what they share.
"""

from .common import (
    DPI,
    FIGSIZE,
    FREQ_DAYS,
    break_gaps,
    date_axis,
    group_grid,
    infer_freq,
    place_labels,
)
from .comparison import (
    plot_attention_heatmap,
    plot_coverage,
    plot_duplicate_matrix,
    plot_fightin_words,
    plot_keyness,
)
from .entities import plot_entity_network, plot_entity_timelines, plot_pair_heatmap
from .overview import plot_documents_per_source
from .terms import plot_term_heatmap, plot_term_trends, plot_top_terms
from .voices import plot_sourcing, plot_voices_heatmap
from .word_choice import plot_word_choice

__all__ = [
    "DPI", "FIGSIZE", "FREQ_DAYS",
    # shared helpers
    "break_gaps", "date_axis", "group_grid", "infer_freq", "place_labels",
    # the corpus
    "plot_documents_per_source",
    # term frequency
    "plot_top_terms", "plot_term_trends", "plot_term_heatmap",
    # entity co-occurrence
    "plot_entity_network", "plot_pair_heatmap", "plot_entity_timelines",
    # source comparison
    "plot_keyness", "plot_fightin_words", "plot_attention_heatmap", "plot_coverage",
    "plot_duplicate_matrix", "plot_word_choice",
    # voices
    "plot_sourcing", "plot_voices_heatmap",
]
