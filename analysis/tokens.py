"""Token arrays: the tokens of an ``Annotations`` as numpy arrays, and phrase matching on them.

The counting analyses (:mod:`analysis.terms`, :mod:`analysis.comparison`) and
:meth:`analysis.model.Annotations.filter` share these: integer codes per term, one array per
token column, in document then token order, so counting never loops over tokens in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd


#: ``by`` values naming a period of the ``date`` column, and their pandas codes
PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def doc_groups(docs: pd.DataFrame, by: str | None) -> pd.Series | None:
    """The group label of each document for ``by`` (``None`` when ``by`` is None).

    Parameters
    ----------
    docs : pandas.DataFrame
        ``ann.docs``.
    by : str or None
        A column of ``docs``, or ``"day"``, ``"week"``, ``"month"``,
        ``"quarter"``, ``"year"`` (the period of ``date``, as its first day).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "date": pd.to_datetime(["2022-03-17"])})
    >>> doc_groups(docs, "month").tolist()
    [Timestamp('2022-03-01 00:00:00')]
    """
    if by is None:
        return None
    if isinstance(by, str) and by in docs.columns:
        return docs[by].reset_index(drop=True).rename(by)
    if isinstance(by, str) and by in PERIODS and "date" in docs.columns:
        dates = pd.to_datetime(docs["date"]).reset_index(drop=True)
        return dates.dt.to_period(PERIODS[by]).dt.start_time.rename(by)
    raise ValueError(f"by must be None, a column of ann.docs {list(docs.columns)} or a period "
                     f"of the date column {list(PERIODS)}, got {by!r}")


@dataclass
class Tokens:
    """Token columns as numpy arrays, in document then token order."""

    doc: np.ndarray  # position of the token's document in ann.docs
    sent: np.ndarray  # sentence key, unique over the corpus
    term: np.ndarray  # codes into vocab
    vocab: pd.Index
    alpha: np.ndarray
    stop: np.ndarray  # the annotation's is_stop column
    start: np.ndarray  # character offsets into the document's cleaned text
    end: np.ndarray


def token_arrays(ann, *, column: str = "lower") -> Tokens:
    tok = ann.tokens
    doc_codes, doc_ids = pd.factorize(tok["doc_id"])  # fast on Arrow strings
    docpos = pd.Index(ann.docs["doc_id"]).get_indexer(doc_ids).astype(np.int64)[doc_codes]
    codes, vocab = pd.factorize(tok[column])
    order = (docpos << 32) | tok["token_id"].to_numpy(np.int64)
    idx = np.flatnonzero(docpos >= 0)
    if len(idx) > 1 and not (np.diff(order[idx]) > 0).all():
        idx = idx[np.argsort(order[idx], kind="stable")]
    sent = (docpos << 32) | tok["sent_id"].to_numpy(np.int64)
    return Tokens(docpos[idx], sent[idx], codes[idx], pd.Index(vocab),
                   tok["is_alpha"].to_numpy(bool)[idx], tok["is_stop"].to_numpy(bool)[idx],
                   tok["start"].to_numpy(np.int64)[idx], tok["end"].to_numpy(np.int64)[idx])


def stop_mask(t: Tokens, keep_stopwords: bool, extra: tuple[str, ...]) -> np.ndarray:
    stop = np.zeros(len(t.term), bool) if keep_stopwords else t.stop.copy()
    if extra:
        extra_set = {w.lower() for w in extra}
        in_vocab = pd.Series(t.vocab, dtype=object).str.lower().isin(extra_set).to_numpy(bool)
        stop |= in_vocab[t.term]
    return stop


def ngram_starts(t: Tokens, n: int) -> np.ndarray:
    """Indices of tokens that start an n-gram lying inside one sentence."""
    size = len(t.term) - n + 1
    if size <= 0:
        return np.zeros(0, np.int64)
    i = np.arange(size)
    return i[t.sent[i] == t.sent[i + n - 1]]


def phrase_starts(t: Tokens, masks: list[np.ndarray]) -> np.ndarray:
    """Indices where token ``i + j`` satisfies ``masks[j]`` for every j, in one sentence."""
    n = len(masks)
    starts = np.flatnonzero(masks[0][:max(len(t.term) - n + 1, 0)])  # the first word's hits
    if n > 1:
        starts = starts[t.sent[starts] == t.sent[starts + n - 1]]
    for j, mask in enumerate(masks[1:], 1):
        starts = starts[mask[starts + j]]
    return starts


def query_parts(query, case: bool, regex: bool) -> list:
    """The query checked and split: one word (lower-cased unless ``case``) or compiled
    pattern per consecutive token."""
    flags = 0 if case else re.IGNORECASE
    if isinstance(query, re.Pattern):
        return [re.compile(query.pattern, query.flags | flags)]
    if not isinstance(query, str) or not query.split():
        raise ValueError(f"query must be a non-empty string or a compiled re.Pattern, "
                         f"got {query!r}")
    if regex:
        try:
            return [re.compile(p, flags) for p in query.split()]
        except re.error as exc:
            raise ValueError(f"query {query!r} is not a valid regular expression: {exc}") from None
    return query.split() if case else [p.lower() for p in query.split()]


def query_masks(t: Tokens, parts: list, case: bool) -> list[np.ndarray]:
    """One boolean mask over tokens per query part (``t`` built from the ``text`` column)."""
    vocab = pd.Series(t.vocab, dtype=object)
    if not case and not any(isinstance(p, re.Pattern) for p in parts):
        vocab = vocab.str.lower()
    masks = []
    for part in parts:
        if isinstance(part, re.Pattern):
            in_vocab = np.array([part.fullmatch(w) is not None for w in vocab], dtype=bool)
        else:
            in_vocab = (vocab == part).to_numpy(bool)
        masks.append(in_vocab[t.term] if len(in_vocab) else np.zeros(len(t.term), bool))
    return masks


def matching_docs(ann, *, query: list, case: bool = False) -> pd.DataFrame:
    """``doc_id`` of each match of ``query`` (the pieces of :func:`query_parts`) in the
    documents of ``ann`` (one row per match, in document order): the ``partial`` step of
    :meth:`analysis.model.Annotations.filter`."""
    t = token_arrays(ann, column="text")
    starts = phrase_starts(t, query_masks(t, query, case))
    docs = ann.docs.reset_index(drop=True)
    return docs.iloc[t.doc[starts]][["doc_id"]].reset_index(drop=True)
