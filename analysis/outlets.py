"""An outlet's own names, so that no outlet is counted as reporting on itself.

A BBC article that says "the BBC understands" or "told BBC News" mentions the
BBC, but that is the outlet speaking of itself, not news about the BBC: left
in, "BBC" is the first entity of the BBC and ``bbc`` its most distinctive word.
The analyses that compare or rank per outlet therefore leave out, by default,
every mention of a document's *own* outlet (``keep_outlet_names=True`` keeps
them). Another outlet's mention of the BBC is kept: that is a real citation.

The own names of a document with ``source`` *s* are:

- *s* itself;
- every ``name`` of ``data/lexicons/outlet_names.csv`` (columns ``outlet, name,
  term``) in a row whose outlet or name is *s* (case-insensitive), so a corpus
  that calls the outlet "Guardian" or "The Guardian" gets the same list;
- the domains that ``data/lexicons/domains.csv`` maps to that outlet.

An **entity** mention is own when its canonical name (or its surface text)
is an own name or starts with one followed by a space ("BBC Radio 4").
A **term** (a lower-cased token) is own when it is a one-word name marked
``term=yes`` (``bbc``, ``reuters``, ``ap``) or the one-word *s* itself, or when
it is part of a run of tokens that spells a name of several words
(:func:`own_phrase_mask`: "Associated Press", "NBC News", "Daily Mail"): common
words that are also names ("mail", "press", "news") stay terms elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

import numpy as np
import pandas as pd

from . import config
from .lexicons import cached_on_files, read_table

Kind = Literal["entity", "term"]


def _key(name: str) -> str:
    return re.sub(r"[\s.]+", " ", str(name)).strip().casefold()


@cached_on_files(lambda: (config.OUTLET_NAMES_FILE, config.DOMAINS_FILE))
def _table() -> tuple[tuple[frozenset, frozenset], ...]:
    """One ``(names, terms)`` entry per outlet of the lexicons (keys casefolded)."""
    groups: dict[str, tuple[set, set]] = {}
    for row in read_table(config.OUTLET_NAMES_FILE, columns=("outlet", "name", "term")):
        names, terms = groups.setdefault(_key(row["outlet"]), (set(), set()))
        names.update({_key(row["outlet"]), _key(row["name"])})
        if row["term"].lower() in ("yes", "y", "true", "1"):
            terms.add(_key(row["name"]))
    for row in read_table(config.DOMAINS_FILE, columns=("domain", "outlet"), missing_ok=True):
        names, _ = groups.setdefault(_key(row["outlet"]), ({_key(row["outlet"])}, set()))
        names.add(_key(row["domain"]))
    return tuple((frozenset(n), frozenset(t)) for n, t in groups.values())


def outlet_names(source: str) -> tuple[frozenset[str], frozenset[str]]:
    """The own names and own terms of an outlet (lower-cased), from the lexicons.

    Parameters
    ----------
    source : str
        A value of the documents' ``source`` column.

    Returns
    -------
    (names, terms) : tuple of frozenset of str
        Names match entities; terms match lower-cased tokens.

    Examples
    --------
    >>> names, terms = outlet_names("The Guardian")
    >>> sorted(terms), "theguardian com" in names
    (['guardian'], True)
    """
    if not isinstance(source, str):
        raise ValueError(f"source must be a string, got {source!r}")
    table = _table()
    key = _key(source)
    names, terms = {key} if key else set(), {key} if key and " " not in key else set()
    for group_names, group_terms in table:
        if key in group_names:
            names |= group_names
            terms |= group_terms
    return frozenset(names), frozenset(terms)


def _is_own(value: str, names: frozenset[str]) -> bool:
    words = value.split(" ")
    return any(" ".join(words[:i]) in names for i in range(1, len(words) + 1))


def own_name_mask(docs: pd.DataFrame, doc_ids, values, *, kind: Kind = "entity") -> np.ndarray:
    """True for each row whose value is an own name of its document's outlet.

    Parameters
    ----------
    docs : pandas.DataFrame
        ``ann.docs`` (``doc_id`` and ``source``; without ``source`` nothing is own).
    doc_ids, values : array-like
        One document id and one value per row: canonical entity names
        (``kind="entity"``) or lower-cased tokens (``kind="term"``).
    kind : {"entity", "term"}, default "entity"

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["BBC", "CNN"]})
    >>> own_name_mask(docs, ["a", "a", "b"], ["BBC News", "NATO", "BBC"]).tolist()
    [True, False, False]
    """
    if kind not in ("entity", "term"):
        raise ValueError(f"kind must be 'entity' or 'term', got {kind!r}")
    frame = pd.DataFrame({"doc": pd.Series(doc_ids, dtype="string").to_numpy(),
                          "value": pd.Series(values, dtype="string").to_numpy()})
    mask = np.zeros(len(frame), dtype=bool)
    if "source" not in docs.columns or frame.empty:
        return mask
    source_of = pd.Series(docs["source"].astype("string").fillna("").to_numpy(),
                          index=docs["doc_id"].astype("string").to_numpy())
    lists = {s: outlet_names(s) for s in source_of.unique()}
    # cheap first pass: only values that could be an own name of some outlet are looked at
    keys = frame["value"].fillna("").map(_key) if kind == "entity" else \
        frame["value"].fillna("").str.casefold()
    if kind == "term":
        cand = keys.isin(set().union(*(terms for _, terms in lists.values()))).to_numpy()
    else:
        firsts = {n.split(" ")[0] for names, _ in lists.values() for n in names}
        cand = keys.str.split(" ").str[0].isin(firsts).to_numpy()
    idx = np.flatnonzero(cand)
    if len(idx) == 0:
        return mask
    sources = source_of.reindex(frame["doc"].to_numpy()[idx]).fillna("").to_numpy()
    for i, source, key in zip(idx, sources, keys.to_numpy()[idx]):
        names, terms = lists.get(source) or outlet_names(source)
        mask[i] = key in terms if kind == "term" else _is_own(key, names)
    return mask


def own_phrase_mask(docs: pd.DataFrame, doc_ids, lowers) -> np.ndarray:
    """True for each token that is part of an own name of 2-4 words of its document's outlet.

    Parameters
    ----------
    docs : pandas.DataFrame
        ``ann.docs`` (``doc_id`` and ``source``; without ``source`` nothing is own).
    doc_ids, lowers : array-like
        The document id and the lower-cased text of every token, *in document order*
        (as ``ann.tokens`` holds them): a name is found where its words follow each other
        in one document.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["Associated Press", "CNN"]})
    >>> own_phrase_mask(docs, ["a"] * 4 + ["b"] * 2,
    ...                 ["the", "associated", "press", "conference", "associated", "press"]).tolist()
    [False, True, True, False, False, False]
    """
    doc, _ = pd.factorize(pd.Series(doc_ids, dtype="string").fillna("").to_numpy(object))
    codes, vocab = pd.factorize(pd.Series(lowers, dtype="string").fillna(""))
    mask = np.zeros(len(codes), dtype=bool)
    if "source" not in docs.columns or len(codes) == 0:
        return mask
    word_of = {}  # casefolded word -> the codes spelling it
    for code, word in enumerate(pd.Index(vocab).astype(str).str.casefold()):
        word_of.setdefault(word, []).append(code)
    source_of = dict(zip(docs["doc_id"].astype(str), docs["source"].astype("string").fillna("")))
    doc_ids_unique = pd.Series(doc_ids, dtype="string").fillna("").drop_duplicates()
    sources = pd.Series([source_of.get(d, "") for d in doc_ids_unique], dtype=object)
    src_codes, src_names = pd.factorize(sources)
    tok_src = src_codes[doc]  # the source of every token (doc codes follow first appearance)
    for s_code, source in enumerate(src_names):
        for words in {tuple(n.split(" ")) for n in outlet_names(source)[0]}:
            if not 2 <= len(words) <= 4 or not all(w in word_of for w in words):
                continue
            k = len(words)
            start = np.flatnonzero(np.isin(codes[:len(codes) - k + 1], word_of[words[0]])
                                   & (tok_src[:len(codes) - k + 1] == s_code))
            for j, w in enumerate(words[1:], 1):
                start = start[np.isin(codes[start + j], word_of[w]) & (doc[start + j] == doc[start])]
            for j in range(k):
                mask[start + j] = True
    return mask


OUTLET_COLUMNS = ["source", "spelling", "docs"]


def outlet_key(name: str) -> str:
    """The key under which spellings of one outlet are folded together: Unicode NFKC, format
    characters dropped, white space collapsed, case folded (``" BBC "``, ``"bbc"`` -> ``"bbc"``).

    Examples
    --------
    >>> outlet_key("  The\\u00a0 Guardian ") == outlet_key("the guardian")
    True
    """
    name = unicodedata.normalize("NFKC", str(name))
    name = "".join(c for c in name if unicodedata.category(c) != "Cf")
    return " ".join(name.split()).casefold()


def fold_outlets(sources: list[str]) -> tuple[list[str], pd.DataFrame]:
    """One spelling per outlet: names equal up to case and white space are one outlet.

    Each group of spellings takes its most frequent one (white space collapsed) as the
    display name; a tie goes to the spelling seen first.

    Parameters
    ----------
    sources : list of str
        The source of each document, as given.

    Returns
    -------
    (folded, spellings) : list of str, pandas.DataFrame
        The display name of each document's outlet, and one row per distinct spelling
        given: ``source`` (the display name), ``spelling`` (as given), ``docs``.

    Examples
    --------
    >>> folded, spellings = fold_outlets(["BBC", "bbc", " BBC ", "Bbc", "BBC", "CNN"])
    >>> folded
    ['BBC', 'BBC', 'BBC', 'BBC', 'BBC', 'CNN']
    >>> spellings[spellings["source"] == "BBC"].values.tolist()
    [['BBC', 'BBC', 2], ['BBC', ' BBC ', 1], ['BBC', 'Bbc', 1], ['BBC', 'bbc', 1]]
    """
    given = pd.Series([str(s) for s in sources], dtype=object)
    keys = given.map(outlet_key)
    shown = given.map(lambda s: " ".join(s.split()))
    # most frequent display spelling per key; ties: first seen (stable sort keeps order)
    counts = (pd.DataFrame({"key": keys, "shown": shown})
              .groupby(["key", "shown"], sort=False).size())
    best = (counts.reset_index(name="n").sort_values("n", ascending=False, kind="stable")
            .drop_duplicates("key").set_index("key")["shown"])
    folded = keys.map(best).tolist() if len(keys) else []
    spellings = (pd.DataFrame({"source": folded, "spelling": given.tolist()},
                              columns=OUTLET_COLUMNS[:2])
                 .groupby(["source", "spelling"]).size().reset_index(name="docs")
                 .sort_values(["source", "docs", "spelling"], ascending=[True, False, True],
                              ignore_index=True))
    return folded, spellings.astype({"source": "string", "spelling": "string", "docs": "int64"})
