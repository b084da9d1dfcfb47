"""News-corpus analysis workbook.

Data flows one way: corpus files -> :func:`load_corpus` (clean + ledger) ->
:func:`annotate` (sentences, tokens, entities; cached) -> analysis functions
(tidy DataFrames) -> plots -> notebooks -> HTML reports.
"""

from . import config
from .cleaning import clean_text, load_lexicons
from .loading import Corpus, load_corpus, outlet_from_url, parse_dates
from .resources import MissingResourceError, ensure_nltk_resources

__all__ = [
    "config",
    "Corpus",
    "load_corpus",
    "clean_text",
    "load_lexicons",
    "outlet_from_url",
    "parse_dates",
    "ensure_nltk_resources",
    "MissingResourceError",
]
__version__ = "0.1.0"
