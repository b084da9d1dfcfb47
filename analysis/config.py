"""Every path the workbook uses, built on the project root.

Notebooks, tests and the command line import these names instead of writing
paths by hand, so the project can be cloned anywhere.

Examples
--------
>>> from analysis import config
>>> config.RAW_DIR.name
'raw'
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"  # the bundled example corpus; never modified
LEXICON_DIR = DATA_DIR / "lexicons"  # editable lists and tables
NLTK_DATA_DIR = DATA_DIR / "nltk_data"  # where setup downloads NLTK resources
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BENCHMARKS_DIR = PROJECT_ROOT / "benchmarks"

EXAMPLE_CORPUS = RAW_DIR

# Folders that an environment variable can move are read when used, not frozen at import:
# PROCESSED_DIR, the caches (git-ignored; NEWS_WORKBOOK_CACHE moves them: the tests and the
# cold-run benchmarks do), and REPORTS_DIR, the rendered reports (NEWS_WORKBOOK_REPORTS).
_MOVABLE = {"PROCESSED_DIR": ("NEWS_WORKBOOK_CACHE", DATA_DIR / "processed"),
            "REPORTS_DIR": ("NEWS_WORKBOOK_REPORTS", PROJECT_ROOT / "reports")}


def __getattr__(name: str) -> Path:
    if name in _MOVABLE:
        variable, default = _MOVABLE[name]
        return Path(os.environ.get(variable) or default)
    raise AttributeError(f"module 'analysis.config' has no attribute {name!r}")


# Editable lexicons (plain CSV / text: edit them, no code change needed).
AGENCIES_FILE = LEXICON_DIR / "agencies.csv"
DOMAINS_FILE = LEXICON_DIR / "domains.csv"
BOILERPLATE_FILE = LEXICON_DIR / "boilerplate.txt"
CAMELCASE_FILE = LEXICON_DIR / "camelcase_words.txt"
ALIASES_FILE = LEXICON_DIR / "aliases.csv"
STOPWORDS_EXTRA_FILE = LEXICON_DIR / "stopwords_extra.txt"
TITLES_FILE = LEXICON_DIR / "titles.txt"
OUTLET_NAMES_FILE = LEXICON_DIR / "outlet_names.csv"  # an outlet's own names (not counted)
WORD_CHOICE_FILE = LEXICON_DIR / "word_choice.csv"  # concepts and the variants naming them

# Real data shared beside the project (present on developer machines and CI,
# absent on a user's machine: everything that reads it skips cleanly).
SHARED_DIR = Path(os.environ.get("NEWS_SHARED_DIR", PROJECT_ROOT.parent / "shared"))
SHARED_CORPUS = SHARED_DIR / "corpus" / "ukraine_media" / "articles.csv"
SHARED_SAMPLE = SHARED_DIR / "corpus" / "ukraine_media" / "sample.csv"
SHARED_NER_GOLD = SHARED_DIR / "ner_gold" / "wikigold" / "wikigold.iob2.conll"


def resolve(path: str | os.PathLike) -> Path:
    """Resolve a user-supplied path; relative paths are taken from the project root.

    Parameters
    ----------
    path : str or path-like
        Absolute path, or a path relative to the project root (``data/raw``).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> resolve("data/raw") == RAW_DIR
    True
    """
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    if p.exists():
        return p.resolve()
    return (PROJECT_ROOT / p).resolve()
