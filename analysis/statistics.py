"""The scores several analyses share: G2, Hardie's log ratio, and tests with the article as unit.

:func:`g2` is the one implementation of Dunning's log-likelihood statistic used
by collocations (:mod:`analysis.terms`, equal to NLTK's ``likelihood_ratio``),
entity pairs (:mod:`analysis.pairs`) and keyness
(:mod:`analysis.comparison`); each passes the cells of its own table.
:func:`rank_sum` (Mann-Whitney U over articles, from sparse per-article values) and
:func:`bootstrap_weights` / :func:`percentile_interval` (resampling articles) treat
the article, not the token, as the unit (docs/source-comparison.md).
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


def rank_sum(item, value, first, n_items: int, n1, n2) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided Mann-Whitney U test per item from its non-zero per-article values.

    Each item (a speaker, a term) has a value in every article: ``n1`` articles
    of the first side, ``n2`` of the second. Only the non-zero values are given
    (``item`` code, ``value`` > 0, ``first``: the article is on the first side);
    the others are zeros, which form one tie group below every non-zero value,
    so nothing but the non-zero entries is ranked. Ties get average ranks; the
    p-value is the normal approximation with the tie-corrected variance and a
    continuity correction, as ``scipy.stats.mannwhitneyu(x, y,
    method="asymptotic", use_continuity=True)``.

    Parameters
    ----------
    item, value, first : array-like
        One element per non-zero (article, item) entry.
    n_items : int
        Number of items (codes ``0 .. n_items - 1``).
    n1, n2 : int or array-like of int
        Articles on each side (per item, or the same for all).

    Returns
    -------
    (u, p) : tuple of numpy.ndarray
        ``u``: U of the first side minus its mean ``n1 n2 / 2`` (positive: higher values
        on the first side); ``p``: two-sided p-value (1 when every value ties, NaN
        when a side has no article).

    Examples
    --------
    Item 0 is 3 and 1 in two first-side articles, 0 in the two others. Ranks: the
    zeros 1.5 each, 1 -> 3, 3 -> 4; U = 3 + 4 - 2 * 3 / 2 = 4 (mean 2); the zeros tie
    (t = 2), so s = sqrt(2 * 2 / 12 * (5 - 6 / 12)) = 1.2247, z = (4 - 2 - 0.5) / s:

    >>> u, p = rank_sum([0, 0], [3.0, 1.0], [True, True], 1, 2, 2)
    >>> float(u[0]), round(float(p[0]), 4)  # as scipy's mannwhitneyu([3, 1], [0, 0])
    (2.0, 0.2207)
    """
    from scipy.stats import norm

    item = np.asarray(item, dtype=np.int64)
    value = np.asarray(value, dtype=float)
    first = np.asarray(first, dtype=bool)
    n1 = np.broadcast_to(np.asarray(n1, dtype=float), (n_items,))
    n2 = np.broadcast_to(np.asarray(n2, dtype=float), (n_items,))
    n = n1 + n2
    order = np.lexsort((value, item))
    item, value, first = item[order], value[order], first[order]
    nonzero = np.bincount(item, minlength=n_items).astype(float)
    zeros = n - nonzero
    # runs of equal (item, value): one tie group each, average rank among the item's
    new = np.r_[True, (item[1:] != item[:-1]) | (value[1:] != value[:-1])]
    run = np.cumsum(new) - 1
    run_start = np.flatnonzero(new)
    run_size = np.diff(np.r_[run_start, len(item)]).astype(float)
    item_start = np.r_[0, np.cumsum(nonzero)][:-1]
    position = run_start - item_start[item[run_start]]  # 0-based place within the item
    rank = zeros[item[run_start]] + position + (run_size + 1) / 2  # zeros rank first
    r1 = np.bincount(item[first], weights=rank[run][first], minlength=n_items).astype(float)
    zeros1 = n1 - np.bincount(item[first], minlength=n_items)
    r1 += zeros1 * (zeros + 1) / 2
    u1 = r1 - n1 * (n1 + 1) / 2
    ties = np.bincount(item[run_start], weights=run_size ** 3 - run_size,
                       minlength=n_items).astype(float)
    ties += zeros ** 3 - zeros
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))))
        mu = n1 * n2 / 2
        big = np.maximum(u1, n1 * n2 - u1)
        z = np.where(s > 0, (big - mu - 0.5) / np.where(s > 0, s, 1.0), -np.inf)
    p = np.minimum(2 * norm.sf(z), 1.0)
    p = np.where((n1 > 0) & (n2 > 0), p, np.nan)
    return u1 - mu, p


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
