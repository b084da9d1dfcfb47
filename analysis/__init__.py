"""News-corpus analysis workbook.

Data flows one way: corpus files -> :func:`load_corpus` (clean + ledger) ->
:func:`annotate` (sentences, tokens, entities; cached) -> analysis functions
(tidy DataFrames) -> :mod:`analysis.plots` -> notebooks -> HTML reports
(:func:`render`).

Examples
--------
>>> from analysis import config, load_corpus, annotate, term_frequencies
>>> corpus = load_corpus(config.EXAMPLE_CORPUS, progress=False)  # the bundled data/raw
>>> ann = annotate(corpus.docs, progress=False)
>>> ann
Annotations(2 docs, 26 sentences, 716 tokens, 94 entities; engine=nltk)
>>> term_frequencies(ann, by="source").head()
  source       term  count     per_10k  docs  share
0    TDI    ukraine     10  246.913580     1    1.0
1    TDI     russia      6  148.148148     1    1.0
2    TDI       nato      5  123.456790     1    1.0
3    TDI  president      5  123.456790     1    1.0
4    TDI     moscow      3   74.074074     1    1.0
"""

from . import config, display, summary, vocabulary
from .annotation import annotate
from .backend import connect
from .documents import filter_docs
from .engine import stopword_set
from .model import Annotations, partition
from .store import open_annotations
from .cleaning import clean_text, load_lexicons
from .attention import entity_attention
from .comparison import adjust_pvalues, coverage, log_odds, significant
from .keyterms import keyness
from .pairs import (cooccurrence, entity_frequencies, entity_labels, entity_partners,
                           focus_entity)
from .network import entity_network, export_network
from .evidence import cooccurrence_evidence, entity_timeline, partner_evidence
from .duplicates import (cross_outlet_copies, deduplicate, duplicate_clusters, near_duplicates,
                         with_titles)
from .entities import canonicalize, clean_surface
from .loading import Corpus, load_corpus, outlet_from_url, parse_dates
from .quotation import quotes
from .speakers import focus_speaker, sourcing, voices
from .reports import render
from .resources import MissingResourceError, ensure_nltk_resources
from .terms import collocations, kwic, term_frequencies, term_trends, tfidf_terms
from .naming import variant_candidates, variant_kwic, word_choice, word_choice_lexicon
from .workflow import group_sizes, guess_freq, prepare, show_table, source_overview

__all__ = [
    # configuration and setup
    "config", "vocabulary", "ensure_nltk_resources", "MissingResourceError",
    # loading and cleaning
    "Corpus", "load_corpus", "clean_text", "load_lexicons", "outlet_from_url", "parse_dates",
    "filter_docs", "source_overview", "group_sizes", "guess_freq",
    # annotation
    "Annotations", "annotate", "stopword_set", "canonicalize", "clean_surface", "prepare",
    # beyond one machine (Dask)
    "connect", "open_annotations", "partition",
    # term frequency
    "term_frequencies", "collocations", "kwic", "term_trends", "tfidf_terms",
    # entity co-occurrence
    "cooccurrence", "entity_frequencies", "entity_labels", "entity_network", "export_network",
    "cooccurrence_evidence", "entity_partners", "entity_timeline", "focus_entity",
    "partner_evidence",
    # source comparison
    "keyness", "log_odds", "entity_attention", "coverage", "adjust_pvalues", "significant",
    "near_duplicates", "duplicate_clusters", "deduplicate", "cross_outlet_copies", "with_titles",
    # word choice
    "word_choice", "word_choice_lexicon", "variant_candidates", "variant_kwic",
    # voices
    "quotes", "sourcing", "voices", "focus_speaker",
    # plots and reports
    "plots", "display", "summary", "render", "show_table",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    """``analysis.plots`` is imported on first use: ``import analysis`` does not load
    ``matplotlib.pyplot`` (its backend, fonts: about half a second) for code that draws nothing."""
    if name == "plots":
        import importlib

        return importlib.import_module(f"{__name__}.plots")  # also sets analysis.plots
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")

