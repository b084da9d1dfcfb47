"""The scores several analyses share: G2, Hardie's log ratio, and intervals over articles.

:func:`g2` is the one implementation of Dunning's log-likelihood statistic used
by collocations (:mod:`analysis.terms`, equal to NLTK's ``likelihood_ratio``),
entity pairs (:mod:`analysis.pairs`) and keyness
(:mod:`analysis.comparison`); each passes the cells of its own table.
:func:`bootstrap_weights`, :func:`percentile_interval` and :func:`share_diff_interval`
resample articles: the article, not the token, is the unit (docs/source-comparison.md).
"""

from __future__ import annotations

import numpy as np


def g2(observed, expected) -> np.ndarray:
    """Log-likelihood ``G2 = 2 * sum(O * ln(O / E))`` over the cells of a table.

    Parameters
    ----------
    observed, expected : sequence of array-like
        One array per cell (all the same shape): the observed counts and the
        counts expected under independence. ``0 * ln 0 = 0``.

    Returns
    -------
    numpy.ndarray
        G2 per element, never below 0 (rounding can give -1e-15).

    Examples
    --------
    Rayson's two-cell keyness: 10 in 1,000 words against 5 in 2,000:

    >>> e1, e2 = 1000 * 15 / 3000, 2000 * 15 / 3000
    >>> round(float(g2([10, 5], [e1, e2])), 4)
    6.9315
    """
    total = 0.0
    for o, e in zip(observed, expected):
        o, e = np.asarray(o, dtype=float), np.asarray(e, dtype=float)
        safe = o > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            total = total + np.where(safe, o * np.log(np.where(safe, o, 1.0)
                                                      / np.where(safe, e, 1.0)), 0.0)
    return np.maximum(2.0 * total, 0.0)


def g2_2x2(n_ii, n_ix, n_xi, n_xx) -> np.ndarray:
    """G2 of the 2x2 table of a pair: both, first only, second only, neither.

    ``n_ii`` pair count, ``n_ix`` / ``n_xi`` counts of each member, ``n_xx``
    the total; expected counts from the margins.

    Examples
    --------
    >>> round(float(g2_2x2(2, 4, 4, 64)), 4)  # NLTK likelihood_ratio(2, (4, 4), 64)
    6.8428
    """
    n_ii, n_ix, n_xi, n_xx = (np.asarray(a, dtype=float) for a in (n_ii, n_ix, n_xi, n_xx))
    observed = (n_ii, n_ix - n_ii, n_xi - n_ii, n_xx - n_ix - n_xi + n_ii)
    expected = (n_ix * n_xi / n_xx, n_ix * (n_xx - n_xi) / n_xx,
                (n_xx - n_ix) * n_xi / n_xx, (n_xx - n_ix) * (n_xx - n_xi) / n_xx)
    return g2(observed, expected)


def log_ratio(a, b, c, d) -> np.ndarray:
    """Hardie's (2014) binary log ratio of the rates ``a/c`` and ``b/d``.

    ``log2((a / c) / (b / d))``: +1 means twice as frequent in the first
    corpus, -1 half as frequent. As Hardie prescribes, 0.5 replaces a count
    only where it is zero, so the ratio stays finite without shifting every
    other value.

    Examples
    --------
    >>> round(float(log_ratio(1, 411, 1000, 20000)), 3)
    -4.361
    >>> float(log_ratio(0, 4, 100, 100))  # 0 becomes 0.5
    -3.0
    """
    a, b = (np.where(np.asarray(x, dtype=float) == 0, 0.5, np.asarray(x, dtype=float))
            for x in (a, b))
    return np.log2((a / np.asarray(c, dtype=float)) / (b / np.asarray(d, dtype=float)))


def bootstrap_weights(n: int, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """How often each of ``n`` articles is drawn in each of ``resamples`` resamples.

    A resample draws ``n`` articles with replacement; row ``b`` counts the draws of
    each article (the row sums to ``n``), so a statistic that sums over articles
    is ``weights @ values`` for all resamples at once.

    Examples
    --------
    >>> w = bootstrap_weights(4, 3, np.random.default_rng(0))
    >>> w.shape, w.sum(axis=1).tolist()
    ((3, 4), [4, 4, 4])
    """
    draws = rng.integers(0, max(n, 1), size=(resamples, n))
    draws += np.arange(resamples)[:, None] * n
    return np.bincount(draws.ravel(), minlength=resamples * n).reshape(resamples, n)


def percentile_interval(samples, axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The 2.5th and 97.5th percentiles of bootstrap ``samples`` (linear interpolation).

    Examples
    --------
    >>> low, high = percentile_interval(np.arange(201.0))
    >>> float(low), float(high)
    (5.0, 195.0)
    """
    low, high = np.quantile(np.asarray(samples, dtype=float), [0.025, 0.975], axis=axis)
    return low, high


def share_diff_interval(matrix, row_group, sizes, *, resamples: int,
                        seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Groups x items: the 95% bootstrap interval of ``share - share_ref``.

    ``share`` is the fraction of a group's documents having an item (``matrix``:
    documents x items, 1 where the document has it; sparse or dense),
    ``share_ref`` the same over all other documents. ``row_group`` is each row's
    group code; ``sizes`` the number of documents of each group, rows of ``matrix``
    included (the others have no item). Per group, in code order, the group's
    documents and then the others' are resampled with replacement
    (:func:`bootstrap_weights`, one generator seeded with ``seed``); the interval is
    :func:`percentile_interval` of the resampled differences. NaN where a side has
    fewer than two documents: one document cannot show how much documents vary.

    Examples
    --------
    Group 0: 2 documents, both with the item; group 1: 2 documents, 1 with it.

    >>> low, high = share_diff_interval(np.array([[1], [1], [1]]), np.array([0, 0, 1]),
    ...                                 np.array([2, 2]), resamples=200, seed=0)
    >>> float(low[0, 0]), float(high[0, 0])  # 1 - (0, 0.5 or 1)
    (0.0, 1.0)
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    row_group = np.asarray(row_group)
    rng = np.random.default_rng(seed)
    low = np.full((len(sizes), matrix.shape[1]), np.nan)
    high = low.copy()
    for g in range(len(sizes)):
        n_ref = int(sizes.sum() - sizes[g])
        inside = row_group == g
        own = _resampled_share(matrix[inside], int(sizes[g]), resamples, rng)
        ref = _resampled_share(matrix[~inside], n_ref, resamples, rng)
        if sizes[g] > 1 and n_ref > 1:
            low[g], high[g] = percentile_interval(own - ref, axis=0)
    return low, high


def _resampled_share(matrix, n: int, resamples: int, rng) -> np.ndarray:
    """Resamples x items: the share of ``n`` documents (the rows of ``matrix``, then
    documents without any item) having each item, in each bootstrap resample."""
    weights = bootstrap_weights(n, resamples, rng)[:, :matrix.shape[0]]
    return np.asarray((matrix.T @ weights.T).T, dtype=float) / max(n, 1)
