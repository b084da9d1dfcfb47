"""The entity lexicons: fixed word lists and patterns, and the editable files.

The editable files (``data/lexicons/``: aliases, titles, nationalities, entity types,
stop entities; see docs/entities.md) are read by :mod:`analysis.lexicons` and kept until
one of them changes; a cleaning step reads them once, at its start
(:func:`_lexicons_pinned`).
"""

from __future__ import annotations

import functools
import itertools
import re
import threading

from .. import config
from ..lexicons import cached_on_files, read_lines, read_table
from . import learned

NATIONALITIES_FILE = config.LEXICON_DIR / "nationalities.txt"
ENTITY_TYPES_FILE = config.LEXICON_DIR / "entity_types.csv"
STOP_ENTITIES_FILE = config.LEXICON_DIR / "stop_entities.txt"

_UP, _LOW = r"[^\W\d_a-z]", r"[^\W\d_A-Z]"  # a letter not a-z / not A-Z (accents allowed)
# a capitalised name word: "Putin", "Jean-Pierre", "O'Brien", "McConnell", "DeSantis"
_NAME_WORD_RE = re.compile(rf"^(?:[OD]['’])?{_UP}{_LOW}+(?:{_UP}{_LOW}{{2,}})?(?:[-'’]{_UP}?{_LOW}+)*$")
_INITIAL_RE = re.compile(r"^(?:[A-Z]\.){1,2}$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})
PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "del", "della",
                       "dos", "das", "la", "le", "bin", "ibn", "bint", "al", "el", "ter", "ten",
                       "zu", "af"})
MONTHS = frozenset("january february march april may june july august september october "
                   "november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
COMPASS = frozenset("north south east west northeast northwest southeast southwest north-east "
                    "north-west south-east south-west northern southern eastern".split())
_BUILDS = itertools.count(1)  # a new "stamp" per build of the lexicons (a cache key)


def lexicon_files() -> tuple:
    """The editable lists post-processing reads (the assembled-result cache hashes them)."""
    return (config.ALIASES_FILE, config.TITLES_FILE, NATIONALITIES_FILE, ENTITY_TYPES_FILE,
            STOP_ENTITIES_FILE, learned.TYPE_WEIGHTS_FILE)


@cached_on_files(lambda: lexicon_files())
def _lexicons() -> dict:
    aliases_file, titles_file, nationalities_file, types_file, stop_file, weights_file = \
        lexicon_files()
    aliases = {}
    for row in read_table(aliases_file, columns=("alias", "canonical", "label")):
        aliases[_key(row["alias"])] = (row["canonical"], row["label"])
    titles = tuple(sorted((t.split() for t in read_lines(titles_file, missing_ok=True)),
                          key=len, reverse=True))
    targets = {c for a, (c, _) in aliases.items() if c and _key(c) != a}
    norp = set()
    for word in read_lines(nationalities_file, missing_ok=True):
        norp.add(word)
        if not word.endswith(("s", "sh", "ch", "ese")):
            norp.add(word + "s")
    exact, cues, heads = {}, {}, {}
    for row in read_table(types_file, columns=("name", "label"), missing_ok=True):
        name = row["name"]
        if not name or name.startswith("#"):
            continue
        if row.get("match", "") == "cue":
            cues[name] = row["label"]
        elif row.get("match", "") == "head":
            heads[name] = row["label"]
        else:
            exact[name.casefold()] = row["label"]
    return {"stamp": next(_BUILDS), "aliases": aliases, "titles": titles,
            "pinned": {c for c, _ in aliases.values() if c},
            "targets": targets, "norp": frozenset(norp), "exact": exact, "cues": cues,
            "heads": heads,
            "stop": frozenset(s.casefold() for s in read_lines(stop_file, missing_ok=True)),
            "title_words": frozenset(w for t in titles for w in t),
            "type_model": learned._read_weights(weights_file)}


def lexicons() -> dict:
    """Every editable list post-processing reads, reloaded when a file changes (checked
    once per call of a cleaning step, see :func:`_lexicons_pinned`).

    ``stamp`` changes whenever the lists are read again (a key for caches of results
    that depend on them).

    Examples
    --------
    >>> "Kyiv" in {canonical for canonical, _ in lexicons()["aliases"].values()}
    True
    """
    pinned = getattr(_PINNED, "lex", None)
    return pinned if pinned is not None else _lexicons()


_PINNED = threading.local()


def _lexicons_pinned(fn):
    """Run the cleaning step ``fn`` with the lexicons read once, at its start: its
    name-by-name helpers would otherwise look at the five files' dates for every name
    (0.2 s of the 0.35 s that cleaning a part of 256 documents takes)."""
    @functools.wraps(fn)
    def step(*args, **kwargs):
        if getattr(_PINNED, "lex", None) is not None:  # inside another step
            return fn(*args, **kwargs)
        _PINNED.lex = lexicons()
        try:
            return fn(*args, **kwargs)
        finally:
            _PINNED.lex = None
    return step


def load_alias_table() -> tuple[dict[str, tuple[str, str]], tuple[list[str], ...]]:
    """The alias table (normalised alias -> (canonical, label)) and the title list."""
    lex = lexicons()
    return lex["aliases"], lex["titles"]


def _key(name: str) -> str:
    """Case- and punctuation-insensitive lookup key ("U.S." and "us" -> "us")."""
    return re.sub(r"[.\s]+", " ", name.translate(_QUOTES)).strip().casefold().replace(" ", "")
