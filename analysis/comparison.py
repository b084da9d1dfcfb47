"""How outlets differ: distinctive words, entities they attend to, coverage over time.

Every function compares groups of documents defined by a column of the
documents table (``by="source"`` by default; any column works, e.g. ``agency``;
missing or empty values form the group ``"(none)"``).

Terms are the lower-cased forms (``tokens.lower``) of alphabetic tokens that
are not stop words (``annotation.stopword_set``); ``keep_stopwords=True``
keeps the stop words. Punctuation, numbers and the treebank quote tokens are
never terms.

- key terms (``keyness``) live in :mod:`analysis.keyterms`, which shares the helpers
  here (groups, comparisons, :func:`adjust_pvalues`, the result tables).
- :func:`log_odds`: Monroe, Colaresi & Quinn (2008) weighted log-odds with an
  informative Dirichlet prior ("Fightin' Words").
- :func:`analysis.attention.entity_attention` (its own module): share of each group's
  documents mentioning each entity.
- :func:`coverage`: documents and words per period and group.

:func:`keyness`, :func:`log_odds` and :func:`entity_attention` leave out a
document's mentions of its own outlet ("BBC" and ``bbc`` in BBC articles; see
:mod:`analysis.outlets`) unless ``keep_outlet_names=True``.

All take ``exclude_duplicates``: when True, later copies of near-duplicate
documents (:mod:`analysis.duplicates`) are dropped first, so a story
syndicated to several outlets counts once (for its earliest outlet).

Partitioned annotations (:mod:`analysis.backend`) are accepted too: the counts
are a ``partial`` step over one part's documents (keyed by group labels, terms
and entity names), added up by a ``combine`` step, and scored, filtered and
sorted by a ``finish`` step (:func:`~analysis.backend.map_reduce`); in memory
the same steps run on the whole annotation, so both backends give the same table.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

import numpy as np
import pandas as pd

from .backend import add_counts as _add
from .backend import is_partitioned, map_reduce, partitioned
from .doc_terms import doc_term_counts
from .duplicates import deduplicate
from .model import Annotations
from .model import check_ann as _check_ann
from .vocabulary import FREQS, NO_GROUP, Correction, Freq
from .vocabulary import checked

_G = "_group"  # the group column until it is renamed after ``by``
LOG_ODDS_COLUMNS = [_G, "term", "count", "count_ref", "docs", "docs_ref", "delta", "variance",
                    "z"]
COVERAGE_COLUMNS = ["period", _G, "docs", "words"]


# --------------------------------------------------------------------------- helpers


_CLASH = ("doc_id", "text", _G, "term", "entity", "label", "period")


def _docs_for(data, by: str, exclude_duplicates: bool,
              duplicates: pd.DataFrame | None) -> pd.DataFrame:
    """A copy of the documents to compare (deduplicated if asked), their group in ``_group``.

    ``data`` is a documents table or an ``Annotations`` (a partitioned one is
    deduplicated from the texts of its parts by :func:`~analysis.duplicates.deduplicate`).
    """
    docs = data.docs if isinstance(data, Annotations) else data
    if not isinstance(by, str) or by not in docs.columns or by in _CLASH:
        allowed = [c for c in docs.columns if c not in _CLASH]
        raise ValueError(f"by must be a column of the documents table {allowed}, got {by!r}")
    if exclude_duplicates:
        docs = deduplicate(data, duplicates=duplicates)
    else:
        docs = docs.copy()
    docs["_group"] = group_labels(docs[by])
    return docs


def group_labels(values: pd.Series) -> pd.Series:
    """The group of each value: stripped text, ``"(none)"`` for missing or empty values.

    Examples
    --------
    >>> group_labels(pd.Series(["RT ", None, ""])).tolist()
    ['RT', '(none)', '(none)']
    """
    return values.astype("string").str.strip().fillna("").replace("", NO_GROUP)


def _as_list(value, name: str, groups: list[str]) -> list[str]:
    values = [value] if isinstance(value, str) else list(value)
    unknown = sorted(set(values) - set(groups))
    if unknown or not values:
        raise ValueError(f"{name} must name groups of the data, got {value!r}; "
                         f"available: {groups}")
    return values


def _prepare(ann: Annotations, by: str, exclude_duplicates: bool,
             duplicates: pd.DataFrame | None) -> tuple[Annotations, list[str]]:
    """``ann`` limited to the documents to compare, and their groups (sorted).

    Checks ``by`` and ``exclude_duplicates`` before any task runs.
    """
    groups = _docs_for(ann, by, exclude_duplicates, duplicates)
    if exclude_duplicates:
        ann = _restricted(ann, groups.drop(columns=_G))
    return ann, sorted(groups[_G].unique())


def _restricted(ann: Annotations, docs: pd.DataFrame) -> Annotations:
    """``ann`` whose documents are ``docs`` (some of its own): the partials count only those.

    In memory the tables stay as they are (the partials skip rows of other
    documents); partitioned, every part is restricted to its documents among ``docs``.
    """
    if not is_partitioned(ann):
        return dataclasses.replace(ann, docs=docs)
    keep = set(docs["doc_id"].astype(str))
    parts = [p.restrict(keep) for p in ann.parts]
    return dataclasses.replace(partitioned(ann, [p for p in parts if p is not None]), docs=docs)


# --------------------------------------------------------------------------- map-reduce steps
def _log_odds_partial(ann: Annotations, *, by: str, keep_stopwords: bool,
                      keep_outlet_names: bool, **_) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Partial step of :func:`log_odds` over ``ann``'s documents: ``(term counts by (group,
    term), documents by group, documents carrying each term by (group, term))``, from the
    shared documents x terms counts (:func:`analysis.doc_terms.doc_term_counts`)."""
    dt = doc_term_counts(ann, keep_stopwords=keep_stopwords, keep_outlet_names=keep_outlet_names)
    g_codes, g_names = pd.factorize(group_labels(ann.docs[by]).to_numpy(dtype=object))
    g_names = pd.Index(np.asarray(g_names, dtype=object), dtype=object)
    sizes = pd.Series(np.bincount(g_codes, minlength=len(g_names)).astype(np.int64),
                      index=g_names, name="docs")
    group, term, count, docs = dt.by_group(g_codes, len(g_names))
    used, t_codes = np.unique(term, return_inverse=True)
    index = pd.MultiIndex(levels=[g_names, pd.Index(dt.terms[used], dtype=object)],
                          codes=[group, t_codes], names=[_G, "term"], verify_integrity=False)
    return (pd.Series(count.astype(np.int64), index=index, name="count"), sizes,
            pd.Series(docs.astype(np.int64), index=index, name="count"))


def _count_matrix(total: tuple[pd.Series, pd.Series]):
    """``(matrix groups x terms, group names, terms)`` of term counts, from the summed partials."""
    counts, sizes = total
    names = sorted(sizes.index)
    rows = pd.Index(names, dtype=object).get_indexer(counts.index.get_level_values(_G))
    cols, terms = pd.factorize(counts.index.get_level_values("term"), sort=True)
    matrix = np.zeros((len(names), len(terms)))
    matrix[rows, cols] = counts.to_numpy(dtype=float)
    return matrix, names, np.asarray(terms, dtype=object)


def _comparisons(names: list[str], target, reference) -> list[tuple[str, list[int], list[int]]]:
    """``(label, target rows, reference rows)`` for each comparison to make."""
    index = {n: i for i, n in enumerate(names)}
    refs = _as_list(reference, "reference", names) if reference is not None else None
    if target is not None:
        targets = [_as_list(target, "target", names)]
    else:
        targets = [[n] for n in names if refs is None or n not in refs]
    out = []
    for tgt in targets:
        ref = refs if refs is not None else [n for n in names if n not in tgt]
        if set(tgt) & set(ref):
            raise ValueError(f"target and reference overlap: {sorted(set(tgt) & set(ref))}")
        if ref:
            out.append(("+".join(tgt), [index[n] for n in tgt], [index[n] for n in ref]))
    return out


@checked
def adjust_pvalues(p_values, *, correction: Correction = "fdr_bh") -> np.ndarray:
    """Adjust p-values for multiple testing.

    Parameters
    ----------
    p_values : array-like of float
    correction : {"fdr_bh", "bonferroni", "none"}, default "fdr_bh"
        Benjamini-Hochberg false discovery rate (``scipy.stats.false_discovery_control``:
        ``p_(i) * m / i``, made monotone from the largest p-value down), Bonferroni
        (``p * m``), or none. Adjusted values are capped at 1.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values, in the input order.

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, 0.03], correction="fdr_bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    if correction == "none" or m == 0:
        return p.copy()
    if correction == "bonferroni":
        return np.minimum(p * m, 1.0)
    from scipy.stats import false_discovery_control  # scipy.stats takes 0.6 s to import

    return false_discovery_control(p, method="bh")


@checked
def significant(table: pd.DataFrame, *, alpha: float = 0.05) -> pd.DataFrame:
    """The findings of ``table`` (a keyness or voices table): ``p_adjusted`` below ``alpha``
    and, where the table has a log-ratio interval (``log_ratio_low``, ``log_ratio_high``:
    keyness), the interval excluding 0.

    The document test of :func:`~analysis.keyterms.keyness` compares articles, the interval
    the pooled rates: a term more of a group's articles use only because they are longer
    passes the test with an interval spanning 0, and is no finding
    (docs/source-comparison.md, "Long articles").

    Examples
    --------
    >>> significant(pd.DataFrame({"term": ["a", "b"], "p_adjusted": [0.01, 0.2]}))["term"].tolist()
    ['a']
    >>> key = pd.DataFrame({"term": ["a", "b"], "p_adjusted": [0.01, 0.01],
    ...                     "log_ratio_low": [0.4, -0.1], "log_ratio_high": [1.2, 0.6]})
    >>> significant(key)["term"].tolist()  # b: the interval spans 0
    ['a']
    """
    if "p_adjusted" not in table.columns:
        raise ValueError(f"table needs a p_adjusted column (keyness, voices); columns: "
                         f"{list(table.columns)}")
    keep = table["p_adjusted"] < alpha
    if {"log_ratio_low", "log_ratio_high"} <= set(table.columns):
        keep &= (table["log_ratio_low"] > 0) | (table["log_ratio_high"] < 0)
    return table[keep]


def _rows(order: dict[str, np.ndarray]) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
    """The rows of a result with a row per (group, term): ``order`` maps each group to its
    terms (as codes) in row order. Returns the groups sorted, each row's group and term
    codes, and where each group's rows start (and the last ends)."""
    groups = sorted(order)
    sizes = [len(order[x]) for x in groups]
    g = np.repeat(np.arange(len(groups)), sizes)
    t = np.concatenate([order[x] for x in groups]) if groups else np.zeros(0, np.int64)
    return groups, g, t, np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)


def _table(columns: dict, by: str) -> pd.DataFrame:
    """A result table from its columns (no copy), the group column named after ``by``.

    The results by (group, term) are built column by column from codes: with many
    groups they have millions of rows, and building frames per group, then
    concatenating, sorting and typing them would copy every row several times.
    """
    return pd.DataFrame(columns, copy=False).rename(columns={_G: by})


def _texts(labels, codes: np.ndarray):
    """``labels[codes]`` as a string array, without a Python object per row."""
    import pyarrow as pa

    return pd.array(pa.array(list(labels), type=pa.string()).take(pa.array(codes)),
                    dtype="string")


def _finish(frames, columns, sort_by, ascending, by: str) -> pd.DataFrame:
    """Concatenate, sort, and name the group column after ``by``."""
    if not frames:
        out = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    else:
        out = pd.concat(frames, ignore_index=True)
        for col in (_G, "term", "direction", "entity", "label"):
            if col in out:
                out[col] = out[col].astype("string")
        out = out.sort_values(sort_by, ascending=ascending, ignore_index=True)[columns]
    return out.rename(columns={_G: by})


# --------------------------------------------------------------------------- log-odds
@checked
def log_odds(ann: Annotations, *, by: str = "source",
             prior: Literal["corpus", "uniform"] = "corpus", alpha0: float | None = None,
             min_count: int = 1, keep_stopwords: bool = False, keep_outlet_names: bool = False,
             exclude_duplicates: bool = False,
             duplicates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Weighted log-odds ratios with a Dirichlet prior, each group versus the rest.

    Monroe, Colaresi & Quinn (2008), "Fightin' Words", eq. 16-22. For term
    ``w``, group counts ``y_i`` (total ``n_i``), rest counts ``y_j`` (total
    ``n_j``), prior ``a_w`` with ``a0 = sum_w a_w``::

        delta = log((y_i + a_w) / (n_i + a0 - y_i - a_w))
              - log((y_j + a_w) / (n_j + a0 - y_j - a_w))
        variance = 1 / (y_i + a_w) + 1 / (y_j + a_w)
        z = delta / sqrt(variance)

    ``z`` > 1.96 marks a word the group favours (at the usual 5% level),
    < -1.96 one it avoids; unlike raw log-odds, rare words are not inflated.

    Parameters
    ----------
    ann : Annotations
        In memory or partitioned (:mod:`analysis.backend`).
    by : str, default "source"
        Documents-table column defining the groups.
    prior : {"corpus", "uniform"}, default "corpus"
        ``"corpus"``: informative prior ``a_w = alpha0 * f_w / F`` from the
        term's frequency ``f_w`` in the whole corpus (``F`` all terms).
        ``"uniform"``: ``a_w = alpha0 / V`` for each of the ``V`` terms.
    alpha0 : float, optional
        Prior strength (pseudo-counts added in total). Default for ``"corpus"``:
        ``F / G``, the average number of terms per group (``G`` groups), so the
        prior weighs as much as one average group: rare words are shrunk
        towards the corpus rate while frequent ones keep their own. (``alpha0 = F``,
        i.e. ``a_w`` = the term's corpus count as in R's tidylo, shrinks small
        groups much more.) Default for ``"uniform"``: ``0.01 * V`` (``a_w = 0.01``).
    min_count : int, default 1
        Keep terms occurring at least this often in all groups together.
    keep_stopwords, keep_outlet_names, exclude_duplicates, duplicates
        As in :func:`keyness`.

    Returns
    -------
    pandas.DataFrame
        ``<by>, term, count, count_ref, docs, docs_ref, delta, variance, z``: the
        group (column named after ``by``), the term's count in it and in the rest,
        and the articles carrying it in each (a word used 49 times in one article
        has ``docs`` 1: the scores count tokens, so read ``z`` next to ``docs``);
        sorted by group and decreasing ``z``. Empty with fewer than two groups.

    Examples
    --------
    >>> lo = log_odds(ann)
    >>> lo[lo["source"] == "TDI"].drop(columns=["delta", "variance"]).head(5)
      source       term  count  count_ref  docs  docs_ref         z
    0    TDI      putin      3          0     1         0  1.005856
    1    TDI   vladimir      3          0     1         0  1.005856
    2    TDI  president      5          1     1         1  0.889025
    3    TDI   claiming      2          0     1         0  0.819227
    4    TDI     closer      2          0     1         0  0.819227
    """
    _check_ann(ann)
    ann, _ = _prepare(ann, by, exclude_duplicates, duplicates)
    return map_reduce(ann, _log_odds_partial, _add, _log_odds_finish, by=by, prior=prior,
                      alpha0=alpha0, min_count=min_count, keep_stopwords=keep_stopwords,
                      keep_outlet_names=keep_outlet_names)


def _log_odds_finish(total, *, by: str, prior: str, alpha0: float | None, min_count: int,
                     **_) -> pd.DataFrame:
    """Finish step of :func:`log_odds`: the prior from all groups, each group's scores."""
    matrix, names, terms = _count_matrix(total[:2])
    carried = _count_matrix((total[2], total[1]))[0]  # the same terms: both from the tokens
    keep = matrix.sum(axis=0) >= min_count
    matrix, terms, carried = matrix[:, keep], terms[keep], carried[:, keep]
    corpus = matrix.sum(axis=0)
    if len(names) < 2 or corpus.sum() == 0:
        return _finish([], LOG_ODDS_COLUMNS, [], [], by)
    if prior == "corpus":
        a0 = float(alpha0) if alpha0 is not None else corpus.sum() / len(names)
        a_w = a0 * corpus / corpus.sum()
    else:
        a0 = float(alpha0) if alpha0 is not None else 0.01 * len(terms)
        a_w = np.full(len(terms), a0 / len(terms))

    def scores(g, t):  # of groups g and terms t (arrays of codes)
        y_i = matrix[g, t]
        y_j = corpus[t] - y_i
        n_i, n_j = sums[g], corpus.sum() - sums[g]
        delta = (np.log((y_i + a_w[t]) / (n_i + a0 - y_i - a_w[t]))
                 - np.log((y_j + a_w[t]) / (n_j + a0 - y_j - a_w[t])))
        variance = 1 / (y_i + a_w[t]) + 1 / (y_j + a_w[t])
        return y_i, y_j, delta, variance, delta / np.sqrt(variance)

    sums, every = matrix.sum(axis=1), np.arange(len(terms))
    order = {name: np.argsort(-scores(np.full(len(terms), i), every)[4], kind="stable")
             for i, name in enumerate(names)}
    groups, g, t, _ = _rows(order)
    y_i, y_j, delta, variance, z = scores(g, t)
    docs = carried[g, t]
    return _table({_G: _texts(groups, g), "term": _texts(terms, t),
                   "count": y_i.astype(np.int64), "count_ref": y_j.astype(np.int64),
                   "docs": docs.astype(np.int64),
                   "docs_ref": (carried.sum(axis=0)[t] - docs).astype(np.int64),
                   "delta": delta, "variance": variance, "z": z}, by)


# --------------------------------------------------------------------------- coverage
@checked
def coverage(docs, *, freq: Freq = "W", by: str = "source", exclude_duplicates: bool = False,
             duplicates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Documents and words per period and group: who covered the topic when.

    Parameters
    ----------
    docs : pandas.DataFrame, Corpus or Annotations
        Documents table (``doc_id, date, text`` and the ``by`` column), or
        the Annotations whose ``docs`` these are (in memory, or partitioned: then
        the words are counted part by part on the workers). Undated documents are
        left out.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Period length (weeks end on Sunday).
    by : str, default "source"
        Column defining the groups.
    exclude_duplicates, duplicates
        As in :func:`keyness`.

    Returns
    -------
    pandas.DataFrame
        ``period`` (start of the period), ``<by>``, ``docs``, ``words``
        (whitespace-separated words of the cleaned text: no annotation needed),
        with a row for every period between the first and last date and every
        group (zeros included), sorted by period and group.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["RT", "BBC"], "text": ["x y", "z"],
    ...                      "date": pd.to_datetime(["2022-03-01", "2022-03-09"])})
    >>> coverage(docs, freq="W")[["source", "docs"]].values.tolist()
    [['BBC', 0], ['RT', 1], ['BBC', 1], ['RT', 0]]
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {list(FREQS)}, got {freq!r}")
    if not isinstance(docs, Annotations) and isinstance(getattr(docs, "docs", None),
                                                        pd.DataFrame):
        docs = docs.docs  # a Corpus
    kept = _docs_for(docs, by, exclude_duplicates, duplicates)
    if isinstance(docs, Annotations) and is_partitioned(docs):
        # words are counted in the parts, on the workers: splitting every text of a big
        # corpus here was the client's peak (bench_scale). A partial's documents get their
        # texts from its part when the documents table has a text column (Part.load).
        kept = kept.drop(columns=_G)
        kept = kept if "text" in kept.columns else kept.assign(text=pd.NA)
        ann = dataclasses.replace(docs, docs=kept)
        return map_reduce(ann, _coverage_part, _add, _coverage_finish, freq=freq, by=by)
    return _coverage_finish(_coverage_counts(kept, freq=freq, by=by), freq=freq, by=by)


def _coverage_part(ann: Annotations, *, freq: str, by: str, **_) -> pd.DataFrame:
    """Partial step of :func:`coverage` over a part (its documents have their texts)."""
    return _coverage_counts(ann.docs, freq=freq, by=by)


def _coverage_counts(docs: pd.DataFrame, *, freq: str, by: str) -> pd.DataFrame:
    """``docs, words`` of the dated documents of ``docs`` by ``(period, _group)``."""
    frame = pd.DataFrame({_G: group_labels(docs[by]).to_numpy(),
                          "date": pd.to_datetime(docs["date"]).to_numpy(),
                          "words": docs["text"].fillna("").astype(str).str.split().str.len()
                          .to_numpy()}).dropna(subset=["date"])
    frame["period"] = frame["date"].dt.to_period(freq)
    table = frame.groupby(["period", _G]).agg(docs=("date", "size"), words=("words", "sum"))
    return table.astype(np.int64)


def _coverage_finish(table: pd.DataFrame, *, freq: str, by: str, **_) -> pd.DataFrame:
    """Finish step of :func:`coverage`: every period from the first to the last, every group."""
    if table.empty:
        return _finish([], COVERAGE_COLUMNS, [], [], by)
    found = table.index.get_level_values("period")
    periods = pd.period_range(found.min(), found.max(), freq=freq)
    full = pd.MultiIndex.from_product(
        [periods, sorted(table.index.get_level_values(_G).unique())], names=["period", _G])
    table = table.reindex(full, fill_value=0).reset_index()
    table["period"] = table["period"].dt.start_time
    table[["docs", "words"]] = table[["docs", "words"]].astype(np.int64)
    return _finish([table], COVERAGE_COLUMNS, ["period", _G], [True, True], by)
