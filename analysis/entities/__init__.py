"""Entity post-processing: span repair, removal of non-entities, canonical names, types, merges.

:func:`canonicalize` turns the raw chunker (or spaCy) mentions into clean, typed,
canonical entities, after the per-document cache is read (a lexicon edit takes effect
without re-annotating). The rules, and how to veto or add with the lexicon files, are
in ``docs/entities.md``.

Modules, each importing only those above it: :mod:`.learned` (the features and model of
the types learned from the corpus), :mod:`.lexicon` (word lists, editable lexicons),
:mod:`.surface` (one name's clean-up), :mod:`.tokens` (the tokens view), :mod:`.labels`
(types), :mod:`.spans` (span repair), :mod:`.recall` (names found again in their
document), :mod:`.removal` (non-entities), :mod:`.shortforms` (surnames, acronyms),
:mod:`.merges` (automatic merges), :mod:`.pipeline` (:func:`canonicalize` and the steps
:mod:`analysis.store` runs), :mod:`.typefit` (fitting the learned types on a corpus).
To point a lexicon at another file in a test, patch ``config.ALIASES_FILE`` /
``config.TITLES_FILE`` or ``analysis.entities.lexicon.<NAME>_FILE``.
"""

from ..vocabulary import UNTYPED
from .labels import (PERSON_LABELS, PERSON_SUFFIXES, PLACE_LABELS, PLACE_SUFFIXES,
                     type_name)
from .lexicon import (COMPASS, MONTHS, PARTICLES, WEEKDAYS, lexicon_files, lexicons,
                      load_alias_table)
from .merges import MERGE_COLUMNS, find_merges, merge_table, translit_key
from .pipeline import _canonicalize  # noqa: F401 - benchmarks/bench_entities.py uses it
from .pipeline import (PLACE_PREPOSITIONS, SAY_WORDS, add_name_tables, apply_names,
                       canonicalize, local_names, mention_stats, name_table,
                       resolve_names, stats_dict)
from .removal import REMOVAL_RULES
from .resolve import resolve_entity
from .shortforms import initials
from .spans import OF_CUES, repair_spans
from .surface import clean_surface, drop_initials

__all__ = [
    "COMPASS", "MERGE_COLUMNS", "MONTHS", "OF_CUES", "PARTICLES", "PERSON_LABELS",
    "PERSON_SUFFIXES", "PLACE_LABELS", "PLACE_PREPOSITIONS", "PLACE_SUFFIXES",
    "REMOVAL_RULES", "SAY_WORDS", "resolve_entity", "UNTYPED", "WEEKDAYS", "add_name_tables", "apply_names",
    "canonicalize", "clean_surface", "drop_initials", "find_merges", "initials",
    "lexicon_files", "lexicons", "load_alias_table", "local_names", "mention_stats",
    "merge_table", "name_table", "repair_spans", "resolve_names", "stats_dict",
    "translit_key", "type_name",
]
