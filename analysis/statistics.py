"""The two scores several analyses share: log-likelihood G2 and Hardie's log ratio.

:func:`g2` is the one implementation of Dunning's log-likelihood statistic used
by collocations (:mod:`analysis.terms`, equal to NLTK's ``likelihood_ratio``),
entity pairs (:mod:`analysis.pairs`) and keyness
(:mod:`analysis.comparison`); each passes the cells of its own table.
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
