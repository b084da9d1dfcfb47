"""Key terms: the words each group of articles uses distinctively more (or less) than the rest.

:func:`keyness` takes the article as the unit: by default each term's rate per article is
compared between the group's articles and the reference's (Mann-Whitney U), so a word
repeated in one story is not an outlet's word; ``test="g2"`` gives the token-level
log-likelihood of AntConc and quanteda. docs/source-comparison.md says how to read it and why.
The counts are one sparse documents x terms matrix (:mod:`analysis.doc_terms`), built as
a ``partial`` step per part and finished once (:mod:`analysis.backend`).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .backend import map_reduce
from .comparison import _comparisons, _finish, _prepare, _table, _texts, adjust_pvalues
from .comparison import group_labels
from .doc_terms import DocTerms, combine_doc_terms, doc_term_counts
from .model import Annotations
from .model import check_ann as _check_ann
from .statistics import g2 as _g2
from .statistics import log_ratio as _log_ratio
from .vocabulary import Correction, KeynessTest, checked

_G = "_group"
_HEAD = [_G, "term", "count", "count_ref", "docs", "docs_ref", "total", "total_ref"]
_TAIL = ["log_ratio", "log_ratio_low", "log_ratio_high", "dp", "direction"]
#: the columns of each test (the group column is renamed after ``by``)
KEYNESS_COLUMNS = [*_HEAD, "u", "p_value", "p_adjusted", "g2", *_TAIL]
G2_COLUMNS = [*_HEAD, "g2", "p_value", "p_adjusted", *_TAIL]
_CHUNK = 2048  # terms bootstrapped at a time: resamples x _CHUNK floats per side


@checked
def keyness(ann: Annotations, *, by: str = "source", target: str | list[str] | None = None,
            reference: str | list[str] | None = None, test: KeynessTest = "documents",
            min_count: int = 5, min_expected: float = 5.0, correction: Correction = "fdr_bh",
            resamples: int = 200, seed: int = 0, keep_stopwords: bool = False,
            keep_outlet_names: bool = False, exclude_duplicates: bool = False,
            duplicates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Words each group uses distinctively more (or less) than the others, article by article.

    ``a``, ``b`` are a term's counts in the target's and the reference's articles and
    ``c``, ``d`` the terms (tokens counted as terms) in each.

    - ``test="documents"`` (default): each article's rate of the term (its count / the
      article's terms) is compared between the target's articles and the reference's by the
      two-sided Mann-Whitney U test (Wilcoxon rank-sum; articles without the term count as
      0; average ranks for ties; normal approximation with the tie-corrected variance and a
      continuity correction, as ``scipy.stats.mannwhitneyu(method="asymptotic")``).
      ``u`` is the target's U; ``p_value`` and ``p_adjusted`` are this test's. A term is
      tested only where it is expected in at least ``min_expected`` articles of each side
      were the labels random (its articles x the side's articles / all articles); below
      that the approximation is far too confident, and ``p_value`` stays NaN. Rows are
      ranked by the test (largest ``|z|`` first, untested last, then ``g2``).
    - ``test="g2"``: the token-level log-likelihood ``g2 = 2 (a ln(a/E1) + b ln(b/E2))``
      with ``E1 = c(a+b)/(c+d)``, ``E2 = d(a+b)/(c+d)`` (Rayson & Garside 2000), ``p_value``
      from chi-squared with one degree of freedom: today's AntConc keyness, ranked by ``g2``.
      A word repeated in one article is counted as if each occurrence were independent.

    Both tests give ``g2``, ``log_ratio = log2((a/c) / (b/d))`` (Hardie 2014; 0.5 stands
    in for a zero count only), its interval ``log_ratio_low``/``log_ratio_high`` (2.5 and
    97.5 percentiles over ``resamples`` bootstrap resamples of the target's and of the
    reference's articles), ``docs``/``docs_ref`` (articles using the term), ``dp`` (Gries'
    DP within the target: 0 even across its articles, near 1 in one article) and
    ``direction`` (``"over"`` when ``a/c > b/d``, ``"under"`` when less, else ``"equal"``).
    ``total``/``total_ref`` count only the tokens that are terms here (alphabetic, not stop
    words unless ``keep_stopwords``, not own outlet names).

    Parameters
    ----------
    ann : Annotations
        In memory or partitioned (:mod:`analysis.backend`).
    by : str, default "source"
        Documents-table column defining the groups.
    target, reference : str or list of str, optional
        Group(s) to compare. Default: every group versus the rest. ``target``
        alone: it versus the rest; ``reference`` alone: every other group versus it.
    test : {"documents", "g2"}, default "documents"
        The significance test behind ``p_value`` (see above).
    min_count : int, default 5
        Keep terms occurring at least this often in the documents compared.
    min_expected : float, default 5.0
        The document test's validity rule (see above).
    correction : {"fdr_bh", "bonferroni", "none"}, default "fdr_bh"
        Multiple-testing correction of ``p_adjusted``, within each comparison, over
        the terms tested.
    resamples : int, default 200
        Bootstrap resamples for the ``log_ratio`` interval.
    seed : int, default 0
        Seed of the bootstrap.
    keep_stopwords, keep_outlet_names : bool, default False
        Count stop words, or a document's own outlet names (``bbc`` in BBC articles;
        :mod:`analysis.outlets`), as terms too.
    exclude_duplicates : bool, default False
        Drop later copies of near-duplicate documents first
        (:func:`analysis.duplicates.deduplicate`).
    duplicates : pandas.DataFrame, optional
        Precomputed :func:`near_duplicates` pairs used when ``exclude_duplicates``.

    Returns
    -------
    pandas.DataFrame
        ``<by>, term, count, count_ref, docs, docs_ref, total, total_ref``, then ``u,
        p_value, p_adjusted, g2`` (documents) or ``g2, p_value, p_adjusted`` (g2), then
        ``log_ratio, log_ratio_low, log_ratio_high, dp, direction``. The first column,
        named after ``by``, holds the target (groups joined by "+"). Sorted by target,
        then as the test ranks. Empty when there is nothing to compare (a single group).

    Examples
    --------
    >>> key = keyness(ann, min_count=3, test="g2")
    >>> columns = ["term", "count", "count_ref", "docs", "g2", "p_value", "direction"]
    >>> key.query("source == 'TDI'")[columns].head(3)
           term  count  count_ref  docs        g2   p_value direction
    0      u.s.      0          4     0  6.911719  0.008563     under
    1   embassy      0          3     0  5.183789  0.022799     under
    2  japanese      0          3     0  5.183789  0.022799     under
    """
    _check_ann(ann)
    ann, names = _prepare(ann, by, exclude_duplicates, duplicates)
    _comparisons(names, target, reference)  # a bad target or reference raises here
    groups = pd.Series(group_labels(ann.docs[by]).to_numpy(dtype=object),
                       index=ann.docs["doc_id"].astype(str).to_numpy(dtype=object))
    finish = functools.partial(_keyness_finish, groups=groups)
    return map_reduce(ann, doc_term_counts, combine_doc_terms, finish, by=by, target=target,
                      reference=reference, test=test, min_count=min_count,
                      min_expected=min_expected, correction=correction, resamples=resamples,
                      seed=seed, keep_stopwords=keep_stopwords,
                      keep_outlet_names=keep_outlet_names)


def _keyness_finish(total: DocTerms, *, groups: pd.Series, by: str, target, reference,
                    test: str, min_count: int, min_expected: float, correction: Correction,
                    resamples: int, seed: int, **_) -> pd.DataFrame:
    """Finish step of :func:`keyness`: the scores of each comparison, sorted."""
    import scipy.sparse as sp

    dt = total.sorted_by_doc()
    names = sorted(set(groups.to_numpy()))
    code = pd.Index(names).get_indexer(groups.reindex(dt.doc_ids.astype(str)).to_numpy())
    counts, totals = dt.counts, dt.totals
    member = sp.csr_matrix((np.ones(len(code)), (np.maximum(code, 0), np.arange(len(code)))),
                           shape=(len(names), len(code)))
    matrix = (member.multiply((code >= 0)[None, :]) @ counts).toarray()  # groups x terms
    rng = np.random.default_rng(seed)
    done, ranks = {}, {}
    # the intervals and DP do not depend on the test: keyness(test="g2") after the
    # document test on the same counts (the report's two tables) reuses them
    shared = dt.cache.setdefault(("keyness", code.tobytes(), repr(target), repr(reference),
                                  min_count, resamples, seed), {})
    for label, tgt, ref in _comparisons(names, target, reference):
        a, b = matrix[tgt].sum(axis=0), matrix[ref].sum(axis=0)
        c, d = a.sum(), b.sum()
        keep = np.flatnonzero((a + b) >= min_count)
        if c == 0 or d == 0 or not len(keep):
            continue
        sides = [np.isin(code, rows) & (totals > 0) for rows in (tgt, ref)]
        done[label] = _compare(counts, totals, sides, keep, a[keep], b[keep], c, d, test=test,
                               min_expected=min_expected, correction=correction,
                               resamples=resamples, rng=rng, ranks=ranks,
                               shared=shared.setdefault(label, {}))
    columns = KEYNESS_COLUMNS if test == "documents" else G2_COLUMNS
    if not done:
        return _finish([], columns, [], [], by)
    labels = sorted(done)
    sizes = [len(done[x]["term"]) for x in labels]
    g = np.repeat(np.arange(len(labels)), sizes)
    out = {_G: _texts(labels, g), "term": _texts(dt.terms, np.concatenate(
        [done[x]["term"] for x in labels]))}
    for col in columns[2:]:
        values = np.concatenate([done[x][col] for x in labels])
        out[col] = _texts(("over", "under", "equal"), values) if col == "direction" else values
    return _table(out, by)


def _compare(counts, totals, sides, keep, a, b, c, d, *, test, min_expected, correction,
             resamples, rng, ranks: dict, shared: dict) -> dict:
    """The columns of one comparison (terms ``keep``), in the test's row order; ``shared``
    keeps the interval and DP, which are the same for both tests."""
    from scipy.stats import chi2

    in_t, in_r = sides
    sub = counts[:, keep]  # csr: rows (articles) are selected below
    col = {"count": a.astype(np.int64), "count_ref": b.astype(np.int64),
           "total": np.full(len(keep), c, np.int64), "total_ref": np.full(len(keep), d, np.int64)}
    col["docs"], col["docs_ref"] = (np.asarray((sub[side] > 0).sum(axis=0)).ravel()
                                    .astype(np.int64) for side in sides)
    col["g2"] = _keyness_g2(a, b, c, d)
    col["log_ratio"] = _log_ratio(a, b, c, d)
    if "interval" not in shared:
        shared["interval"] = _log_ratio_interval(sub[in_t], totals[in_t], sub[in_r],
                                                 totals[in_r], resamples, rng)
        shared["dp"] = _dp(sub[in_t], totals[in_t], a)
    col["log_ratio_low"], col["log_ratio_high"] = shared["interval"]
    col["dp"] = shared["dp"]
    col["direction"] = np.select([a * d > b * c, a * d < b * c], [0, 1], 2).astype(np.int8)
    if test == "documents":
        docs = col["docs"] + col["docs_ref"]
        n1, n2 = int(in_t.sum()), int(in_r.sum())
        tested = np.minimum(docs * n1, docs * n2) / (n1 + n2) >= min_expected
        both = in_t | in_r
        key = (both.tobytes(), keep.tobytes())  # every group vs the rest: the same articles
        if key not in ranks:
            ranks.clear()
            ranks[key] = _ranked(sub[both], totals[both])
        col["u"], z, p = rank_sum(sub[both], totals[both], in_t[both], ranked=ranks[key])
        p[~tested] = np.nan
        adjusted = np.full(len(p), np.nan)
        adjusted[tested] = adjust_pvalues(p[tested], correction=correction)
        col["p_value"], col["p_adjusted"] = p, adjusted
        order = np.lexsort((-col["g2"], -np.where(tested, z, -np.inf)))
    else:
        col["p_value"] = chi2.sf(col["g2"], df=1)  # G2 is chi-squared with one degree of freedom
        col["p_adjusted"] = adjust_pvalues(col["p_value"], correction=correction)
        order = np.argsort(-col["g2"], kind="stable")
    col = {k: v[order] for k, v in col.items()}
    col["term"] = keep[order]
    return col


def _keyness_g2(a, b, c, d) -> np.ndarray:
    """Rayson's G2 of counts ``a``, ``b`` in ``c``, ``d`` terms (see :func:`keyness`)."""
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    return _g2((a, b), (e1, e2))


def rank_sum(counts, totals: np.ndarray, first: np.ndarray, *, ranked: dict | None = None):
    """Mann-Whitney U of each column's rates (``counts / totals``), rows ``first`` vs the rest.

    Two-sided, average ranks for ties, normal approximation with the tie-corrected
    variance and a continuity correction (``scipy.stats.mannwhitneyu(x, y,
    method="asymptotic")`` column by column). The zeros of a column are one tie group,
    so only its non-zero entries are ranked. ``ranked``: :func:`_ranked` of the same
    ``counts`` and ``totals``, when several splits of the same rows are tested.

    Returns
    -------
    (u, z, p) : numpy.ndarray each
        The U of the ``first`` rows, ``(|U - n1 n2 / 2| - 0.5) / sigma`` and the p-value.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> x = sp.csc_matrix(np.array([[3], [1], [0], [0], [2]]))
    >>> u, z, p = rank_sum(x, np.array([10, 10, 10, 10, 10]), np.array([1, 1, 0, 0, 0], bool))
    >>> float(u[0]), round(float(p[0]), 4)  # mannwhitneyu([.3, .1], [0, 0, .2]).pvalue
    (5.0, 0.3743)
    """
    from scipy.stats import norm

    r = ranked if ranked is not None else _ranked(counts, totals)
    n, width, zeros = r["n"], r["width"], r["zeros"]
    n1 = int(first.sum())
    n2 = n - n1
    mine = first[r["rows"]].astype(float)
    r1 = np.bincount(r["cols"], r["rank"] * mine, width) + \
        (n1 - np.bincount(r["cols"], mine, width)) * (zeros + 1) / 2
    u = r1 - n1 * (n1 + 1) / 2
    sigma = np.sqrt(n1 * n2 / 12 * ((n + 1) - r["ties"] / (n * (n - 1)))) if n > 1 else \
        np.zeros(width)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (np.abs(u - n1 * n2 / 2) - 0.5) / sigma
    p = np.where(sigma > 0, np.minimum(2 * norm.sf(z), 1.0), 1.0)
    return u, np.where(sigma > 0, z, 0.0), p


def _ranked(counts, totals: np.ndarray) -> dict:
    """The ranks of every non-zero rate of each column (zeros: one tie group) and the
    columns' tie sums ``sum(t^3 - t)``: what :func:`rank_sum` needs of any split of the rows."""
    csc = counts.tocsc()
    n, width, nnz = csc.shape[0], csc.shape[1], np.diff(csc.indptr)
    cols = np.repeat(np.arange(width), nnz)
    rows, rates = csc.indices, csc.data / totals[csc.indices]
    order = np.lexsort((rates, cols))
    cols, rows, rates = cols[order], rows[order], rates[order]
    new = np.r_[True, (cols[1:] != cols[:-1]) | (rates[1:] != rates[:-1])] if len(cols) \
        else np.zeros(0, bool)
    run = np.cumsum(new) - 1
    run_len = np.bincount(run).astype(float) if len(run) else np.zeros(0)
    place = np.arange(len(cols)) - np.repeat(csc.indptr[:-1], nnz)  # 0-based among non-zeros
    zeros = (n - nnz).astype(float)
    rank = zeros[cols] + place[new][run] + (run_len[run] + 1) / 2
    ties = np.bincount(cols[new], run_len ** 3 - run_len, width) + zeros ** 3 - zeros
    return {"n": n, "width": width, "zeros": zeros, "cols": cols, "rows": rows, "rank": rank,
            "ties": ties}


def _dp(counts, totals: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Gries' DP of each column over the rows (articles): 0.5 * sum |v_i - s_i|."""
    coo = counts.tocoo()
    width = counts.shape[1]
    share = totals / totals.sum()  # s_i, the article's share of the group's terms
    with np.errstate(divide="ignore", invalid="ignore"):
        v = coo.data / a[coo.col]
        dev = np.bincount(coo.col, np.abs(v - share[coo.row]), width) + \
            (1 - np.bincount(coo.col, share[coo.row], width))  # articles without the term: s_i
        return np.where(a > 0, 0.5 * dev, np.nan)


def _log_ratio_interval(target, t_totals, reference, r_totals, resamples: int, rng):
    """2.5 and 97.5 percentiles of the log ratio over bootstrap resamples of the articles
    of each side (``target``, ``reference``: articles x terms counts)."""
    weights = [_draws(len(t), resamples, rng) for t in (t_totals, r_totals)]
    c, d = (w @ t.astype(float) for w, t in zip(weights, (t_totals, r_totals)))
    target, reference = target.tocsc(), reference.tocsc()  # sliced by terms below
    width = target.shape[1]
    low, high = np.empty(width), np.empty(width)
    for start in range(0, width, _CHUNK):
        cut = slice(start, min(start + _CHUNK, width))
        a = (target[:, cut].T @ weights[0].T)  # terms x resamples
        b = (reference[:, cut].T @ weights[1].T)
        ratios = _log_ratio(np.asarray(a), np.asarray(b), c[None, :], d[None, :])
        low[cut], high[cut] = np.percentile(ratios, [2.5, 97.5], axis=1)
    return low, high


def _draws(n: int, resamples: int, rng) -> np.ndarray:
    """``resamples x n``: how often each of ``n`` articles is drawn in each resample of ``n``
    draws with replacement."""
    picks = rng.integers(0, n, size=(resamples, n)) + (np.arange(resamples) * n)[:, None]
    return np.bincount(picks.ravel(), minlength=resamples * n).reshape(resamples, n).astype(float)
