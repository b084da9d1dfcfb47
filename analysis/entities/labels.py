"""The type (label) of a name: by the name alone, and per canonical name of a corpus."""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from ..gazetteers import english_words, first_names, languages, name_key, place_lookup
from ..vocabulary import UNTYPED
from .learned import CLASSES, SCORE_COLUMNS
from .lexicon import _INITIAL_RE, _NAME_WORD_RE, COMPASS, PARTICLES, _key, lexicons

PERSON_LABELS = {"PERSON", "PER", UNTYPED}
PLACE_LABELS = {"GPE", "LOCATION", "LOC"}
_CAPS_ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]{1,5}$|^[A-Z][a-z]?[A-Z]{1,2}$|^[A-Z]{2}[a-z][A-Z]$")
PERSON_SUFFIXES = ("enko", "ov", "ova", "ev", "eva", "sky", "skyi", "skiy", "ski", "ska",
                   "skaya", "chuk", "yuk", "iuk", "vich", "vych", "wicz", "czyk", "ić", "shvili",
                   "dze", "yan", "ian", "son", "sen", "sson", "ez", "escu", "poulos", "akis")
PLACE_SUFFIXES = ("ivka", "ivske", "ivsk", "grad", "gorod", "opol", "pol", "burg", "abad",
                  "stan", "isk", "ske", "tsk", "sk")


def _name_like(word: str) -> bool:
    return bool(_NAME_WORD_RE.match(word) or _INITIAL_RE.match(word)) or word in PARTICLES


def _is_first_name(word: str, lex: dict) -> bool:
    return (bool(_NAME_WORD_RE.match(word)) and name_key(word) in first_names()
            and word not in lex["norp"] and word.casefold() not in lex["exact"]
            and word not in lex["cues"] and word not in lex["title_words"])


def type_name(name: str) -> tuple[str | None, str]:
    """The type of a canonical name by the name alone: ``(label or None, rule)``.

    Rules, first match wins: lexicon exact name, nationality (NORP), a language,
    creed or demonym (NORP), cue word (names of 2+ words; EVENT for events, laws and
    awards), place gazetteer, person-like name starting with a first name, compass
    prefix, a name after a place ("Kyiv Independent": ORGANIZATION), acronym,
    one-word first name. The alias table is not
    consulted here (its label wins over all of these in :func:`canonicalize`).

    Examples
    --------
    >>> type_name("Defence Ministry")
    ('ORGANIZATION', 'cue word')
    >>> type_name("Sievierodonetsk")
    ('GPE', 'gazetteer')
    >>> type_name("Dmitry Rogozin")
    ('PERSON', 'first name')
    """
    return _type_name(name, lexicons()["stamp"])


@functools.lru_cache(maxsize=200_000)
def _type_name(name: str, _mtimes_key) -> tuple[str | None, str]:
    lex = lexicons()
    words = name.split()
    if not words:
        return None, ""
    if name.casefold() in lex["exact"]:
        return lex["exact"][name.casefold()], "lexicon"
    if name in lex["norp"]:
        return "NORP", "nationality"
    if len(words) == 1 and _NAME_WORD_RE.match(name) and not _is_first_name(name, lex):
        if name.casefold() in languages() or (name.endswith("ism") and len(name) > 5):
            return "NORP", "language or creed"  # "Konkani", "Catholicism"
        if _demonym_of(name):
            return "NORP", "demonym"  # "Croatian", "Texan", "Congolese"
    if len(words) > 1:
        found = [lex["cues"][w] for w in words if w in lex["cues"]]
        cue = (lex["cues"].get(words[-1]) or lex["heads"].get(words[-1])
               or (found[0] if found else None))
        if cue == "GPE" and "ORGANIZATION" in found:
            cue = "ORGANIZATION"  # "Coronado Unified School District"
        if cue:
            return cue, "cue word"
    place = place_lookup(name)
    if place and len(words) == 1 and place[3] == "city" and place[2] < 1_000_000 \
            and _is_first_name(name, lex):
        return "PERSON", "first name"  # "George", "Stanley": weak, the context decides
    if place:
        return place[0], "gazetteer"
    if 2 <= len(words) <= 5 and _is_first_name(words[0], lex) and all(map(_name_like, words)) \
            and _NAME_WORD_RE.match(words[-1]):
        return "PERSON", "first name"
    if len(words) > 1 and words[0].lower() in COMPASS and all(map(_name_like, words[1:])):
        return "LOCATION", "compass prefix"  # "West Jersey", "South Jutland"
    if _place_prefixed(words, lex):
        return "ORGANIZATION", "place prefix"  # "Orlando Sentinel", "Buffalo Bisons"
    if _CAPS_ACRONYM_RE.match(name) and name.lower() not in english_words():
        return "ORGANIZATION", "acronym"
    if len(words) == 1 and _is_first_name(name, lex):
        return "PERSON", "first name"
    return None, ""


_DEMONYM_ENDINGS = (("ian", ("a", "", "y")), ("ean", ("a", "")), ("an", ("a", "", "o", "s")),
                    ("ese", ("", "a", "o")), ("ish", ("", "and", "land", "ey", "en")), ("i", ("",)))


def _demonym_of(word: str) -> str | None:
    """The country or region a capitalised adjective is formed from by a regular ending
    ("Croatian" -> "Croatia", "Italian" -> "Italy", "Chinese" -> "China", "Polish" ->
    "Poland", "Iraqi" -> "Iraq"), or None.

    Examples
    --------
    >>> _demonym_of("Croatian"), _demonym_of("Vivian")
    ('Croatia', None)
    """
    for ending, stems in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            base = word[:-len(ending)]
            for tail in stems:
                place = place_lookup(base + tail)
                if place and place[3] in ("country", "region", "continent"):
                    return base + tail
    return None


def _place_prefixed(words: list[str], lex: dict) -> bool:
    """A name of 2-4 capitalised words whose first word is a country, region or city of
    the gazetteer (no first name) and whose rest is no place and no word of the place
    lexicons: a newspaper, club or company named after its home ("Kyiv Independent")."""
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD_RE.match(w) for w in words):
        return False
    first = place_lookup(words[0])
    return (first is not None and first[0] == "GPE" and not _is_first_name(words[0], lex)
            and place_lookup(" ".join(words[1:])) is None
            and not any(w.lower() in COMPASS for w in words[1:])
            and words[1] not in lex["norp"])


def _known(name: str, lex: dict) -> bool:
    """A name the lexicons or gazetteers know (alias, place, nationality, typed lexicon name)."""
    if _key(name) in lex["aliases"]:
        return True
    label, rule = _type_name(name, lex["stamp"])
    return label is not None and rule != "first name"


def _rule_label(name: str, lex: dict) -> str | None:
    hit = lex["aliases"].get(_key(name))
    if hit and hit[1]:
        return hit[1]
    return _type_name(name, lex["stamp"])[0]


def _canonical_labels(table: pd.DataFrame, final: dict, lex: dict) -> dict[str, str]:
    """One type per canonical name, from the name table (sorted by first mention)."""
    canonicals = list(dict.fromkeys(table["canonical"]))
    label = {name: _rule_label(name, lex) for name in canonicals}
    for v in dict.fromkeys(table["name"]):
        c, variant = final[v][0], final[v][1]
        if variant is not None and label.get(c) is None:
            label[c] = _rule_label(v, lex)
    typed = table[table["label"] != UNTYPED]
    typed = (typed.groupby(["canonical", "label"], sort=False)
             .agg(n=("mentions", "sum"), first=("first", "min")).reset_index()
             .sort_values(["canonical", "n", "first"], ascending=[True, False, True]))
    for c, lab in zip(*typed.drop_duplicates("canonical")[["canonical", "label"]].T.values):
        if label.get(c) is None:
            label[c] = lab
    surnames = {n.rsplit(" ", 1)[-1] for n, lab in label.items() if lab in ("PERSON", "PER")
                and " " in n}
    sums = table.groupby("canonical")[["person", "place"]].sum()
    votes = {**{c: "PERSON" for c in sums.index[sums["person"] > sums["place"]]},
             **{c: "GPE" for c in sums.index[sums["place"] > sums["person"]]}}
    learned, evident = _learned_labels(table), _evident_labels(table)
    for name in canonicals:
        if label[name] is None:
            label[name] = ("PERSON" if name in surnames else learned.get(name)
                           or votes.get(name) or _suffix_label(name) or UNTYPED)
        elif " " not in name and _type_name(name, lex["stamp"])[1] == "first name" \
                and _key(name) not in lex["aliases"]:  # weak: a first name, or a place
            label[name] = ("PERSON" if name in surnames else votes.get(name)
                           or learned.get(name)
                           or ("GPE" if place_lookup(name) else label[name]))
        elif name in evident and _small_city(name, lex):
            label[name] = evident[name]  # "Cowley ( born 1912 )": a person, not the town
    return label


def _small_city(name: str, lex: dict) -> bool:
    """A name the gazetteer alone types, as a city (no alias, country or region)."""
    if _key(name) in lex["aliases"] or _type_name(name, lex["stamp"])[1] != "gazetteer":
        return False
    return place_lookup(name)[3] == "city"


def _evident_labels(table: pd.DataFrame) -> dict[str, str]:
    """Names whose mentions' context evidence (:func:`.learned.with_evidence`) outweighs
    their count: a mean of :data:`EVIDENT` or more for PERSON or ORGANIZATION."""
    if not set(SCORE_COLUMNS) <= set(table.columns) or table.empty:
        return {}
    sums = table.groupby("canonical")[[*SCORE_COLUMNS, "mentions"]].sum()
    out = {}
    for cls in ("PERSON", "ORGANIZATION"):
        mean = sums[f"s_{cls}"] / sums["mentions"].clip(lower=1)
        out.update(dict.fromkeys(mean.index[mean >= EVIDENT], cls))
    return out


EVIDENT = 1.0


LEARNED_CONFIDENCE = 0.5
LEARNED_PERSON_CONFIDENCE = 0.8  # a person needs evidence: the context model alone seldom is
LEARNED_LABEL = {"MISC": "EVENT"}  # the learned "other" class: events, laws, awards, products


def _learned_labels(table: pd.DataFrame) -> dict[str, str]:
    """Per canonical name the class of the learned context model (:mod:`.learned`) when
    its mean probability over all the name's mentions reaches :data:`LEARNED_CONFIDENCE`
    (:data:`LEARNED_PERSON_CONFIDENCE` for PERSON: an unknown capitalised word is no person
    by default; the model's person contexts, "X said", ", X ,", fit organisations too)."""
    if not set(SCORE_COLUMNS) <= set(table.columns) or table.empty:
        return {}
    sums = table.groupby("canonical")[[*SCORE_COLUMNS, "mentions"]].sum()
    mean = sums[list(SCORE_COLUMNS)].to_numpy() / np.maximum(sums["mentions"].to_numpy(), 1)[:, None]
    best = mean.argmax(axis=1)
    need = np.where(best == CLASSES.index("PERSON"), LEARNED_PERSON_CONFIDENCE,
                    LEARNED_CONFIDENCE)
    sure = mean.max(axis=1) >= need
    labels = np.asarray([LEARNED_LABEL.get(c, c) for c in CLASSES], dtype=object)
    return dict(zip(sums.index[sure], labels[best[sure]]))


def _suffix_label(name: str) -> str | None:
    words = name.split()
    if not all(map(_name_like, words)) or not _NAME_WORD_RE.match(words[-1]):
        return None
    last = words[-1].lower()
    if last.endswith(PERSON_SUFFIXES):
        return "PERSON"
    if len(words) == 1 and last.endswith(PLACE_SUFFIXES):
        return "GPE"
    return None
