"""Term frequency: counts and n-grams, collocations, keyword in context, trends, tf-idf.

Every function takes the :class:`~analysis.annotation.Annotations` of
:func:`~analysis.annotation.annotate` first and returns a tidy DataFrame; the
annotations are never modified. Only tokens of documents listed in
``ann.docs`` are used, so filtering ``ann.docs`` restricts every analysis.

Conventions shared by all functions:

* terms are NLTK treebank tokens (``Russia's`` is ``Russia`` + ``'s``;
  ``NATO-Russia`` is one token), lower-cased unless ``lowercase=False``;
* n-grams and collocation windows never cross a sentence boundary;
* ``by`` is any column of ``ann.docs`` (``"source"``, ``"agency"``, ...) or a
  period of the ``date`` column: ``"day"``, ``"week"``, ``"month"``,
  ``"quarter"``, ``"year"`` (the period's first day; documents without a date
  form a group of their own, ``NaT``);
* a document's own outlet names (``bbc`` in BBC articles, :mod:`analysis.outlets`)
  are not counted by :func:`term_frequencies`, :func:`collocations` and
  :func:`tfidf_terms` unless
  ``keep_outlet_names=True``;
* rates are per 10,000 tokens of the group: *all* its tokens, punctuation and
  stop words included (the same count as the corpus overview), so removing
  stop words does not change the rate of ``russia``.

The counting is vectorised (integer codes and pandas ``groupby``; no Python
loop over tokens), so it scales to the full corpus. Partitioned annotations
(:mod:`analysis.backend`) are accepted too: each function is a ``partial`` step
(counts of one part, keyed by terms and group labels), a ``combine`` step (the
counts added up) and a ``finish`` step (rates, scores, filters, sorting), run
by :func:`~analysis.backend.map_reduce`; in memory the same steps run on the
whole annotation, so both backends give the same table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .backend import concat, is_partitioned, map_reduce
from .doc_terms import doc_term_counts, own_term_mask, shared_tokens
from .model import check_ann as _check_ann
from .statistics import g2_2x2
from .tokens import (
    PERIODS,
    Tokens,
    doc_groups,
    ngram_starts,
    phrase_starts,
    query_masks,
    query_parts,
    stop_mask,
)
from .vocabulary import CollocationMeasure, Freq
from .vocabulary import checked

_SMALL = 1e-20  # as in nltk.metrics.association, so scores agree to the last digit


# --------------------------------------------------------------------------- token arrays
def _group_codes(docs: pd.DataFrame, by: str | None) -> tuple[np.ndarray, pd.Index | None]:
    labels = doc_groups(docs, by)
    if labels is None:
        return np.zeros(len(docs), np.int64), None
    codes, uniques = pd.factorize(labels, use_na_sentinel=False)
    return codes.astype(np.int64), pd.Index(uniques, name=by)


def _join_terms(vocab: pd.Index, code_cols: list[np.ndarray]) -> pd.Series:
    """The terms of ``vocab`` at ``code_cols`` (one column per word), joined by spaces."""
    words = pa.array(vocab.array)  # no copy for Arrow strings
    if not pa.types.is_large_string(words.type):  # object (or empty) vocabularies
        words = words.cast(pa.large_string())
    cols = [words.take(pa.array(codes, type=pa.int64())) for codes in code_cols]
    if len(cols) > 1:
        cols = [pc.binary_join_element_wise(*cols, pa.scalar(" ", type=words.type))]
    return pd.Series(pd.array(cols[0], dtype="string"))


def _count_ngrams(t: Tokens, starts: np.ndarray, n: int,
                  group_of_doc: np.ndarray) -> pd.DataFrame:
    """``group, c0..c{n-1}, count, docs`` for the n-grams starting at ``starts``."""
    cols = [f"c{j}" for j in range(n)]
    frame = pd.DataFrame({"doc": t.doc[starts],
                          **{c: t.term[starts + j] for j, c in enumerate(cols)}})
    per_doc = frame.groupby(["doc", *cols], sort=False).size().rename("n").reset_index()
    per_doc["group"] = group_of_doc[per_doc["doc"].to_numpy()]
    return (per_doc.groupby(["group", *cols], sort=False)["n"]
            .agg(count="sum", docs="size").reset_index())


# --------------------------------------------------------------------------- map-reduce steps
#: value columns of the partials' tables (added up by combine); every other column is a key
_SUMS = ("count", "docs", "tokens")


def _add_up(*partials: dict) -> dict:
    """Combine step: each table of the partials added up by its key columns (labels)."""
    out = {}
    for name in partials[0]:
        frames = [p[name] for p in partials if len(p[name])] or [partials[0][name]]
        if len(frames) == 1:  # one partial's keys are unique already
            out[name] = frames[0]
            continue
        frame = pd.concat(frames, ignore_index=True)
        keys = [c for c in frame.columns if c not in _SUMS]
        values = [c for c in frame.columns if c in _SUMS]
        out[name] = (frame.groupby(keys, dropna=False, sort=False)[values].sum().reset_index()
                     if keys else frame[values].sum().to_frame().T.reset_index(drop=True))
    return out


def _labelled(labels: pd.Index | None, codes: np.ndarray) -> dict:
    """``{"group": the labels of codes}`` for a partial's table; ``{}`` when not grouped."""
    if labels is None:
        return {}
    return {"group": labels.take(codes) if len(codes) else labels[:0]}


def _group_totals(labels: pd.Index | None, group_of_doc: np.ndarray,
                  tok_doc: np.ndarray | None, doc_tokens: np.ndarray | None = None
                  ) -> pd.DataFrame:
    """``[group,] tokens, docs``: all tokens and documents of each group (of one part);
    the tokens from each token's document (``tok_doc``) or each document's (``doc_tokens``)."""
    n = 1 if labels is None else len(labels)
    tokens = np.bincount(group_of_doc[tok_doc], minlength=n).astype(np.int64) \
        if doc_tokens is None else \
        np.bincount(group_of_doc, weights=doc_tokens, minlength=n).astype(np.int64)
    docs = np.bincount(group_of_doc, minlength=n).astype(np.int64)
    return pd.DataFrame({**({} if labels is None else {"group": labels}),
                         "tokens": tokens, "docs": docs})


def _group_rows(groups: pd.DataFrame, frame: pd.DataFrame) -> np.ndarray:
    """Row of ``groups`` (a group totals table) for each row of ``frame``."""
    if "group" not in frame.columns:
        return np.zeros(len(frame), np.int64)
    return pd.Index(groups["group"]).get_indexer(frame["group"])


def _sorted(result: pd.DataFrame, by: str | None, sort: list[str],
            ascending: list[bool]) -> pd.DataFrame:
    """Name the ``group`` column ``by`` and sort by group, then ``sort`` (keys unique)."""
    if "group" not in result.columns:
        return result.sort_values(sort, ascending=ascending, ignore_index=True, kind="stable")
    result = result.rename(columns={"group": by})
    return result.sort_values([by, *sort], ascending=[True, *ascending],
                              ignore_index=True, kind="stable", na_position="last")


# --------------------------------------------------------------------------- term frequencies
def _min_total(counts: pd.DataFrame, keys: list[str], min_count: int) -> pd.DataFrame:
    """Rows of ``counts`` whose item (``keys``) totals ``min_count`` over all groups."""
    if min_count <= 1 or counts.empty:
        return counts
    total = counts["count"].to_numpy()
    if "group" in counts.columns:  # else one row per item already
        item = counts.groupby(keys, sort=False).ngroup().to_numpy()
        total = np.bincount(item, weights=total)[item]
    return counts[total >= min_count].reset_index(drop=True)


def _check_counting(ann, by, extra_stopwords) -> tuple:
    """The data check shared by the counting functions; the extra stop words as a tuple."""
    doc_groups(ann.docs, by)  # a bad ``by`` raises here, before any task runs
    return tuple(extra_stopwords)


@checked
def term_frequencies(ann, *, by: str | None = None, ngram: Literal[1, 2, 3] = 1,
                     keep_stopwords: bool = False, extra_stopwords: Iterable[str] = (),
                     alpha_only: bool = True, lowercase: bool = True,
                     min_count: int = 1, keep_outlet_names: bool = False) -> pd.DataFrame:
    """Count terms (words or n-grams), overall or per group of documents.

    Parameters
    ----------
    ann : Annotations
        From :func:`~analysis.annotation.annotate` (in memory or partitioned).
    by : str, optional
        Group by this document column (``"source"``) or date period
        (``"month"``...); ``None`` counts over the whole corpus.
    ngram : {1, 2, 3}, default 1
        Words, bigrams or trigrams of consecutive tokens within one sentence.
    keep_stopwords : bool, default False
        Count stop words too. By default they (the annotation's ``is_stop``)
        are dropped; an n-gram is dropped when it starts or ends with one
        ("minister of defence" is kept).
    extra_stopwords : list of str, optional
        More stop words, matched case-insensitively (dropped even when
        ``keep_stopwords=True``).
    alpha_only : bool, default True
        Keep only n-grams whose tokens are all alphabetic (no numbers or
        punctuation: "kyiv , ukraine" is not the bigram "kyiv ukraine").
    lowercase : bool, default True
        Count lower-cased tokens ("Russia" and "russia" are one term).
    min_count : int, default 1
        Keep terms counted at least this often in all groups together (the
        vocabulary; a group's row may have a lower count).
    keep_outlet_names : bool, default False
        Count a document's own outlet names too (``bbc`` in BBC articles; see
        :mod:`analysis.outlets`). By default an n-gram containing one is left
        out, since it says who published the text, not what it says.

    Returns
    -------
    pandas.DataFrame
        ``[by,] term, count, per_10k, docs, share``: one row per
        (group, term), most frequent first within each group; ``per_10k`` is
        per 10,000 tokens of the group, ``docs`` the group's documents that
        contain the term and ``share`` their fraction of the group's documents.

    Examples
    --------
    >>> tf = term_frequencies(ann, by="source", ngram=2)
    >>> tf[["source", "term", "count"]].head(3).values.tolist()
    [['TDI', 'vladimir putin', 3], ['TDI', 'join nato', 2], ['TDI', 'prime minister', 2]]
    """
    _check_ann(ann)
    extra = _check_counting(ann, by, extra_stopwords)
    return map_reduce(ann, _tf_partial, _add_up, _tf_finish, by=by, ngram=ngram,
                      keep_stopwords=keep_stopwords, extra_stopwords=extra,
                      alpha_only=alpha_only, lowercase=lowercase, min_count=min_count,
                      keep_outlet_names=keep_outlet_names)


def _tf_partial(ann, *, by, ngram, keep_stopwords, extra_stopwords, alpha_only, lowercase,
                keep_outlet_names, **_) -> dict:
    """``counts`` (``[group,] term, count, docs``) and ``groups`` (:func:`_group_totals`).
    Words (lower-cased, alphabetic) come from the shared :func:`doc_term_counts`."""
    group_of_doc, labels = _group_codes(ann.docs, by)
    if ngram == 1 and alpha_only and lowercase:
        dt = doc_term_counts(ann, keep_stopwords=keep_stopwords,
                             keep_outlet_names=keep_outlet_names)
        extra = {w.lower() for w in extra_stopwords}
        drop = pd.Series(dt.terms, dtype=object).str.lower().isin(extra).to_numpy(bool) \
            if extra else None
        group, term, count, docs = dt.by_group(group_of_doc, 1 if labels is None else
                                               len(labels), drop=drop)
        counts = pd.DataFrame({**_labelled(labels, group),
                               "term": pd.array(dt.terms[term], dtype="string"),
                               "count": count.astype(np.int64), "docs": docs.astype(np.int64)})
        return {"counts": counts, "groups": _group_totals(labels, group_of_doc, None, dt.tokens)}
    t = shared_tokens(ann, column="lower" if lowercase else "text")
    stop = stop_mask(t, keep_stopwords, extra_stopwords)
    starts = ngram_starts(t, ngram)
    keep = ~stop[starts] & ~stop[starts + ngram - 1]
    own = _own_names(ann, t, keep_outlet_names)
    for j in range(ngram):
        if alpha_only:
            keep &= t.alpha[starts + j]
        keep &= ~own[starts + j]
    out = _count_ngrams(t, starts[keep], ngram, group_of_doc)
    counts = pd.DataFrame({
        **_labelled(labels, out["group"].to_numpy(np.int64)),
        "term": _join_terms(t.vocab, [out[f"c{j}"].to_numpy() for j in range(ngram)]),
        "count": out["count"].to_numpy(np.int64),
        "docs": out["docs"].to_numpy(np.int64),
    })
    return {"counts": counts, "groups": _group_totals(labels, group_of_doc, t.doc)}


def _tf_finish(total: dict, *, by, min_count, **_) -> pd.DataFrame:
    counts = _min_total(total["counts"], ["term"], min_count)
    groups = total["groups"]
    at = _group_rows(groups, counts)
    count, docs = counts["count"].to_numpy(np.int64), counts["docs"].to_numpy(np.int64)
    result = pd.DataFrame({
        **({"group": counts["group"].array} if "group" in counts.columns else {}),
        "term": counts["term"].array,
        "count": count,
        "per_10k": count / groups["tokens"].to_numpy()[at] * 1e4,
        "docs": docs,
        "share": docs / groups["docs"].to_numpy()[at],
    })
    return _sorted(result, by, ["count", "term"], [False, True])


def _own_names(ann, t: Tokens, keep: bool) -> np.ndarray:
    """True for tokens that are an own name of their document's outlet (none if ``keep``)."""
    if keep:
        return np.zeros(len(t.term), dtype=bool)
    return own_term_mask(ann.docs, t.doc, t.term, t.vocab)


# --------------------------------------------------------------------------- collocations
@checked
def association(measure: CollocationMeasure, n_ii, n_ix, n_xi, n_xx) -> np.ndarray:
    """Bigram association scores, vectorised; the formulas of NLTK's ``BigramAssocMeasures``.

    Parameters
    ----------
    measure : {"g2", "pmi", "t", "chi2", "dice"}
        ``likelihood_ratio``, ``pmi``, ``student_t``, ``chi_sq``, ``dice``.
    n_ii, n_ix, n_xi, n_xx : array-like
        Pair count, count of the first word, of the second word, all words.

    Examples
    --------
    >>> round(float(association("pmi", 2, 4, 4, 64)), 6)
    3.0
    """
    n_ii, n_ix, n_xi, n_xx = (np.asarray(a, dtype=float) for a in (n_ii, n_ix, n_xi, n_xx))
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "pmi":
            return np.log2(n_ii * n_xx) - np.log2(n_ix * n_xi)
        if measure == "dice":
            return 2 * n_ii / (n_ix + n_xi)
        if measure == "t":
            return (n_ii - n_ix * n_xi / n_xx) / (n_ii + _SMALL) ** 0.5
        n_oi, n_io = n_xi - n_ii, n_ix - n_ii
        n_oo = n_xx - n_ii - n_oi - n_io
        if measure == "chi2":
            return n_xx * ((n_ii * n_oo - n_io * n_oi) ** 2
                           / ((n_ii + n_io) * (n_ii + n_oi) * (n_io + n_oo) * (n_oi + n_oo)))
    return g2_2x2(n_ii, n_ix, n_xi, n_xx)  # g2: the project's one G2


def _window_pairs(t: Tokens, g_tok: np.ndarray, drop: np.ndarray, window: int) -> pd.DataFrame:
    """``group, c0, c1, count``: w2 up to ``window`` tokens after w1, in one sentence."""
    pairs = []
    for k in range(1, window + 1):
        i = ngram_starts(t, k + 1)
        i = i[~drop[i] & ~drop[i + k]]
        pairs.append(pd.DataFrame({"group": g_tok[i], "c0": t.term[i], "c1": t.term[i + k]}))
    return (pd.concat(pairs).groupby(["group", "c0", "c1"], sort=False).size()
            .rename("count").reset_index())


@checked
def collocations(ann, *, measure: CollocationMeasure = "g2", window: int = 1,
                 min_count: int = 3, by: str | None = None, keep_stopwords: bool = False,
                 extra_stopwords: Iterable[str] = (), alpha_only: bool = True,
                 keep_outlet_names: bool = False) -> pd.DataFrame:
    """Word pairs that occur together more often than chance, within sentences.

    Counts and scores follow NLTK's ``BigramCollocationFinder.from_words(words,
    window_size=window + 1)`` applied to each sentence (lower-cased tokens), then
    ``apply_word_filter`` (stop words, non-alphabetic tokens) and
    ``apply_freq_filter(min_count)``: ``w2`` is any of the ``window``
    tokens after ``w1``; word counts and the total use *all* tokens; the pair
    count is divided by ``window`` before scoring (Church and Hanks 1990).

    Parameters
    ----------
    ann : Annotations
        In memory or partitioned.
    measure : {"g2", "pmi", "t", "chi2", "dice"}, default "g2"
        Log-likelihood ratio, pointwise mutual information, Student's t,
        Pearson's chi-square, Dice coefficient.
    window : int, default 1
        How many tokens after ``w1`` a partner ``w2`` may stand (1: adjacent
        words), as ``window`` tokens on each side of a word in :func:`kwic`.
    min_count : int, default 3
        Keep pairs found together at least this often in all groups together.
    by : str, optional
        Score separately within each group (a document column or period).
    keep_stopwords, extra_stopwords, alpha_only, keep_outlet_names
        Drop pairs with a stop word, a non-alphabetic token or (unless
        ``keep_outlet_names``) an own outlet name, as in :func:`term_frequencies`.

    Returns
    -------
    pandas.DataFrame
        ``[by,] w1, w2, count, score``, highest score first within each group.

    Examples
    --------
    >>> collocations(ann, measure="pmi", min_count=3)[["w1", "w2"]].head(3).values.tolist()
    [['prime', 'minister'], ['united', 'states'], ['vladimir', 'putin']]
    """
    _check_ann(ann)
    extra = _check_counting(ann, by, extra_stopwords)
    return map_reduce(ann, _colloc_partial, _add_up, _colloc_finish, measure=measure,
                      window=window, min_count=min_count, by=by, keep_stopwords=keep_stopwords,
                      extra_stopwords=extra, alpha_only=alpha_only,
                      keep_outlet_names=keep_outlet_names)


def _colloc_partial(ann, *, by, window, keep_stopwords, extra_stopwords, alpha_only,
                    keep_outlet_names, **_) -> dict:
    """``pairs`` (``[group,] w1, w2, count``), ``words`` (``[group,] word, count``: all
    tokens) and ``groups`` (:func:`_group_totals`)."""
    group_of_doc, labels = _group_codes(ann.docs, by)
    t = shared_tokens(ann)
    g_tok = group_of_doc[t.doc]
    drop = stop_mask(t, keep_stopwords, extra_stopwords) | (~t.alpha if alpha_only else False)
    drop |= _own_names(ann, t, keep_outlet_names)
    pairs = _window_pairs(t, g_tok, drop, window)
    words = (pd.DataFrame({"group": g_tok, "c": t.term}).groupby(["group", "c"], sort=False)
             .size().reset_index())
    return {
        "pairs": pd.DataFrame({
            **_labelled(labels, pairs["group"].to_numpy(np.int64)),
            "w1": _join_terms(t.vocab, [pairs["c0"].to_numpy()]),
            "w2": _join_terms(t.vocab, [pairs["c1"].to_numpy()]),
            "count": pairs["count"].to_numpy(np.int64)}),
        "words": pd.DataFrame({
            **_labelled(labels, words["group"].to_numpy(np.int64)),
            "word": _join_terms(t.vocab, [words["c"].to_numpy()]),
            "count": words[0].to_numpy(np.int64)}),
        "groups": _group_totals(labels, group_of_doc, t.doc)}


def _word_counts(words: pd.DataFrame, pairs: pd.DataFrame, column: str) -> np.ndarray:
    """The count in ``words`` of the word in ``pairs[column]`` (in the pair's group)."""
    keys = [c for c in ("group",) if c in pairs.columns]
    right = words.rename(columns={"word": column, "count": "_n"})
    return pairs[[*keys, column]].merge(right, how="left", on=[*keys, column])["_n"].to_numpy()


def _colloc_finish(total: dict, *, by, measure, window, min_count, **_) -> pd.DataFrame:
    pairs = _min_total(total["pairs"], ["w1", "w2"], min_count)
    n_ix = _word_counts(total["words"], pairs, "w1")
    n_xi = _word_counts(total["words"], pairs, "w2")
    n_xx = total["groups"]["tokens"].to_numpy()[_group_rows(total["groups"], pairs)]
    count = pairs["count"].to_numpy(np.int64)
    result = pd.DataFrame({
        **({"group": pairs["group"].array} if "group" in pairs.columns else {}),
        "w1": pairs["w1"].array, "w2": pairs["w2"].array, "count": count,
        "score": association(measure, count / window, n_ix, n_xi, n_xx)})
    return _sorted(result, by, ["score", "count", "w1", "w2"], [False, False, True, True])


# --------------------------------------------------------------------------- kwic
@checked
def kwic(ann, query, *, window: int = 8, by: str | None = None, case: bool = False,
         regex: bool = False) -> pd.DataFrame:
    """Keyword in context: every occurrence of a word, phrase or pattern with its neighbours.

    Parameters
    ----------
    ann : Annotations
        In memory or partitioned.
    query : str or re.Pattern
        A word (``"sanctions"``) or a phrase (``"prime minister"``: split on
        white space, one part per consecutive token within a sentence). With
        ``regex=True`` each white-space separated part is a regular expression
        that must match a whole token (``"russian? (troops|forces)"``); a
        compiled ``re.Pattern`` is one such token pattern. Tokens follow
        NLTK's treebank rules: ``Russia's`` is ``Russia`` + ``'s``.
    window : int, default 8
        Tokens of context on each side (within the document; the context is
        shown as the original text those tokens cover, line breaks as spaces).
    by : str, optional
        Add this document column or date period as a last column.
    case : bool, default False
        Match case-sensitively (also for patterns).
    regex : bool, default False
        Treat a string query as regular expressions.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, source, date, left, match, right[, by]``, in corpus order;
        each cell is the document's own text (its characters, quotes and
        spacing), not the tokens joined.

    Examples
    --------
    >>> kwic(ann, r"secur\\w*", regex=True, window=3)[["left", "match", "right"]].head(2)
                      left     match                  right
    0  and legally binding  security  guarantees for Russia
    1   draft proposals on  security   guarantees in Europe
    """
    _check_ann(ann)
    doc_groups(ann.docs, by)  # a bad ``by`` raises here
    pieces = query_parts(query, case, regex)
    hits = map_reduce(ann, _kwic_partial, concat, query=pieces, case=case, window=window, by=by)
    if is_partitioned(ann):  # parts in another order than ann.docs: back to corpus order
        pos = pd.Index(ann.docs["doc_id"]).get_indexer(hits["doc_id"])
        if (np.diff(pos) < 0).any():
            hits = hits.iloc[np.argsort(pos, kind="stable")].reset_index(drop=True)
    return hits


def _kwic_partial(ann, *, query, case, window, by) -> pd.DataFrame:
    """The rows of :func:`kwic` for the documents of ``ann`` (one part), in their order;
    ``query``: the pieces of :func:`query_parts`."""
    labels = doc_groups(ann.docs, by)
    t = shared_tokens(ann, column="text")
    starts = phrase_starts(t, query_masks(t, query, case))
    n = len(query)
    first = np.searchsorted(t.doc, t.doc[starts], side="left")
    last = np.searchsorted(t.doc, t.doc[starts], side="right")
    lo = np.maximum(first, starts - window)  # first context token on the left
    hi = np.minimum(last, starts + n + window) - 1  # last context token on the right
    texts = ann.docs["text"].tolist()
    left, match, right = [], [], []
    for s, a, b, d in zip(starts, lo, hi, t.doc[starts]):
        text, m_start, m_end = texts[d], t.start[s], t.end[s + n - 1]
        left.append(_one_line(text[t.start[a]:m_start]) if a < s else "")
        match.append(_one_line(text[m_start:m_end]))
        right.append(_one_line(text[m_end:t.end[b]]) if b >= s + n else "")
    docs = ann.docs.reset_index(drop=True).reindex(columns=["doc_id", "source", "date"])
    out = docs.iloc[t.doc[starts]].reset_index(drop=True)
    out["left"] = pd.Series(left, dtype="string")
    out["match"] = pd.Series(match, dtype="string")
    out["right"] = pd.Series(right, dtype="string")
    if labels is not None and by not in out.columns:
        out[by] = labels.iloc[t.doc[starts]].reset_index(drop=True)
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- trends
def _period_cells(docs: pd.DataFrame, freq: str, by: str | None):
    """Code of each document's (period, group) cell (-1: no date) and the cells' index."""
    docs = docs.reset_index(drop=True)
    cells = pd.DataFrame({"period": pd.to_datetime(docs["date"]).dt.to_period(freq).dt.start_time})
    labels = doc_groups(docs, by)
    if labels is not None:
        cells[by] = labels
    dated = cells["period"].notna().to_numpy()
    cell_codes, cell_index = pd.factorize(pd.MultiIndex.from_frame(cells[dated]), sort=True)
    cell_index = pd.MultiIndex.from_tuples(list(cell_index), names=list(cells.columns))
    cell_of_doc = np.full(len(docs), -1, np.int64)
    cell_of_doc[dated] = cell_codes
    return cell_of_doc, cell_index


@checked
def term_trends(ann, terms: str | list[str], *, freq: Freq = "W", by: str | None = "source",
                normalize: bool = True) -> pd.DataFrame:
    """How often terms occur per period (and group), per 10,000 tokens.

    Parameters
    ----------
    ann : Annotations
        In memory or partitioned.
    terms : str or list of str
        Words or phrases (``"peace talks"``: consecutive tokens within a
        sentence), matched case-insensitively.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Period length (weeks run Monday to Sunday).
    by : str or None, default "source"
        A document column to split each period by; ``None`` for the corpus.
    normalize : bool, default True
        Add ``per_10k``: count per 10,000 tokens of that period and group,
        so outlets of different size compare fairly.

    Returns
    -------
    pandas.DataFrame
        ``period, [by,] term, count, tokens[, per_10k]``: one row per term and
        (period, group) that has documents; periods or groups without
        documents are absent (not zero). ``period`` is the first day;
        documents without a date are left out.

    Examples
    --------
    >>> term_trends(ann, ["nato"], freq="M")[["period", "source", "count", "per_10k"]]
          period       source  count     per_10k
    0 2022-01-01  WebIndia123      3   96.463023
    1 2022-02-01          TDI      5  123.456790
    """
    _check_ann(ann)
    terms = [terms] if isinstance(terms, str) else list(terms)
    if not terms or not all(w.split() for w in terms):
        raise ValueError(f"terms must be one or more non-empty words or phrases, got {terms!r}")
    if by in PERIODS:
        raise ValueError(f"by must be a document column (not a period: use freq), got {by!r}")
    doc_groups(ann.docs, by)  # a bad ``by`` raises here
    return map_reduce(ann, _trends_partial, _add_up, _trends_finish, terms=terms, freq=freq,
                      by=by, normalize=normalize)


def _trends_partial(ann, *, terms, freq, by, **_) -> dict:
    """``cells``: ``period, [group,] term, pos, count, tokens`` for every term (``pos``: its
    place in ``terms``) and (period, group) cell with documents."""
    cell_of_doc, cell_index = _period_cells(ann.docs, freq, by)
    t = shared_tokens(ann)
    tok_cell = cell_of_doc[t.doc]
    n_cells = len(cell_index)
    tokens = np.bincount(tok_cell[tok_cell >= 0], minlength=n_cells)
    code_of = {w: i for i, w in enumerate(t.vocab)}
    frames = []
    for pos, term in enumerate(terms):
        masks = [t.term == code_of.get(w.lower(), -1) for w in term.split()]
        hits = tok_cell[phrase_starts(t, masks)]
        frame = cell_index.to_frame(index=False)
        frame["term"] = term
        frame["pos"] = pos
        frame["count"] = np.bincount(hits[hits >= 0], minlength=n_cells)
        frame["tokens"] = tokens
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True) if n_cells else _empty_trends(by)
    out["term"] = out["term"].astype("string")
    return {"cells": out.rename(columns={by: "group"}) if by else out}


def _trends_finish(total: dict, *, terms, by, normalize, **_) -> pd.DataFrame:
    out = total["cells"].sort_values("pos", kind="stable").drop(columns="pos")
    out = out.rename(columns={"group": by}) if by else out
    if normalize:
        with np.errstate(divide="ignore", invalid="ignore"):
            out["per_10k"] = out["count"] / out["tokens"].where(out["tokens"] > 0) * 1e4
    keys = ["period"] + ([by] if by else [])
    order = {w: i for i, w in enumerate(terms)}
    return out.sort_values(keys + ["term"], key=lambda s: s.map(order) if s.name == "term" else s,
                           ignore_index=True, kind="stable")


def _empty_trends(by: str | None) -> pd.DataFrame:
    cols = {"period": pd.Series(dtype="datetime64[ns]")}
    if by:
        cols[by] = pd.Series(dtype=object)
    cols.update(term=pd.Series(dtype="string"), pos=pd.Series(dtype=np.int64),
                count=pd.Series(dtype=np.int64), tokens=pd.Series(dtype=np.int64))
    return pd.DataFrame(cols)


# --------------------------------------------------------------------------- tf-idf
@checked
def tfidf_terms(ann, *, by: str = "source", top: int = 20, ngram: Literal[1, 2, 3] = 1,
                keep_stopwords: bool = False, extra_stopwords: Iterable[str] = (),
                min_count: int = 1, keep_outlet_names: bool = False) -> pd.DataFrame:
    """The most distinctive terms of each group: tf-idf with the groups as documents.

    ``tf`` is the term's share of the group's counted terms, ``idf =
    ln(groups / groups using the term)`` (unsmoothed, as tidytext's
    ``bind_tf_idf``), so a term every group uses scores 0 and is left out.

    Parameters
    ----------
    ann : Annotations
        In memory or partitioned.
    by : str, default "source"
        Document column or date period defining the groups (needs two or more).
    top : int, default 20
        Terms kept per group.
    ngram, keep_stopwords, extra_stopwords, keep_outlet_names
        As in :func:`term_frequencies` (non-alphabetic tokens are always dropped;
        an outlet's own names are left out unless ``keep_outlet_names=True``).
    min_count : int, default 1
        Keep terms used at least this often in all groups together (hides one-off typos).

    Returns
    -------
    pandas.DataFrame
        ``by, term, count, tf, idf, tf_idf, rank`` (rank 1 = most distinctive).

    Examples
    --------
    >>> tfidf_terms(ann, by="source", top=2)[["source", "term"]].values.tolist()
    [['TDI', 'putin'], ['TDI', 'vladimir'], ['WebIndia123', 'u.s.'], ['WebIndia123', 'embassy']]
    """
    _check_ann(ann)
    extra = _check_counting(ann, by, extra_stopwords)
    return map_reduce(ann, _tf_partial, _add_up, _tfidf_finish, by=by, top=top, ngram=ngram,
                      keep_stopwords=keep_stopwords, extra_stopwords=extra, alpha_only=True,
                      lowercase=True, min_count=min_count, keep_outlet_names=keep_outlet_names)


def _tfidf_finish(total: dict, *, by, top, min_count, **_) -> pd.DataFrame:
    tf = _tf_finish(total, by=by, min_count=1)
    n_groups = len(total["groups"])  # groups with documents (a missing label is one)
    totals = tf.groupby(by, dropna=False)["count"].transform("sum")
    groups_using = tf.groupby("term")[by].transform("size")
    out = tf[[by, "term", "count"]].assign(tf=tf["count"] / totals,
                                           idf=np.log(n_groups / groups_using))
    out["tf_idf"] = out["tf"] * out["idf"]
    out = out[(out.groupby("term")["count"].transform("sum") >= min_count) & (out["tf_idf"] > 0)]
    out = out.sort_values([by, "tf_idf", "count", "term"], ascending=[True, False, False, True],
                          ignore_index=True, kind="stable", na_position="last")
    out = out.groupby(by, dropna=False, sort=False).head(top).reset_index(drop=True)
    out["rank"] = out.groupby(by, dropna=False).cumcount() + 1
    return out
